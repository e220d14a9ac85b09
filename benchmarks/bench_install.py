"""`make demo` on a fresh clone, before and after a change: wall time and `.venv` size side by side.

Each run clones the repository at a revision into a temporary folder and runs `make demo` there
with an empty home and cache (pip's cache included), as a new user would; the revisions alternate
(before, after, before, after …) so that load and network changes hit both alike. It needs the
network or a package index pip can reach, and takes a few minutes.

Run: python benchmarks/bench_install.py --before REV [--after HEAD] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def size_mb(folder: Path) -> float:
    total = sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_symlink()
                and path.is_file())
    return total / 1024**2


def make_demo(revision: str, scratch: Path) -> tuple[float, float]:
    """Seconds `make demo` took on a fresh clone at `revision`, and its .venv in MB."""
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", revision], check=True)
    home = scratch / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_DATA_HOME": str(home / ".local/share")}
    for variable in ("ZHEN_CACHE_DIR", "ZHEN_DATA_DIR", "ARGOS_PACKAGES_DIR", "ZHEN_GLOSSARY",
                     "VIRTUAL_ENV"):
        env.pop(variable, None)
    start = time.perf_counter()
    subprocess.run(["make", "demo"], cwd=clone, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, size_mb(clone / ".venv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="revision before the change")
    parser.add_argument("--after", default="HEAD", help="revision after the change")
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    revisions = {"before": options.before, "after": options.after}
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    results: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    for _ in range(options.rounds):
        for label, revision in revisions.items():
            with tempfile.TemporaryDirectory(prefix=f"zhen-install-{label}-") as scratch:
                results[label].append(make_demo(revision, Path(scratch)))
            seconds, megabytes = results[label][-1]
            print(f"  {label:<6} {revision}: make demo {seconds:6.1f} s, .venv {megabytes:7.0f} MB"
                  f"  (load {os.getloadavg()[0]:.2f})")
    wall = {label: statistics.median(s for s, _ in runs) for label, runs in results.items()}
    size = {label: statistics.median(m for _, m in runs) for label, runs in results.items()}
    print(f"make demo: {wall['after']:.1f} s against {wall['before']:.1f} s "
          f"({wall['after'] / wall['before']:.2f}x); .venv: {size['after']:.0f} MB against "
          f"{size['before']:.0f} MB ({size['after'] / size['before']:.2f}x)")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
