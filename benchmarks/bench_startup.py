"""Start-up: `zhen page` and `zhen separate` on the example page, whole process, this checkout
against an earlier build and against jieba itself, side by side in one run.

The earlier build (default bacc3e1, the build issue 15 measured, before the compact dictionary)
is unpacked with `git archive` into build/ (its `src/` and `glossary/`). Both builds' modules are
compiled first, as pip and `make install` do (the machine may set PYTHONDONTWRITEBYTECODE, and a
source tree without .pyc files would recompile every module on every run). Each command runs as
a child process with its own cache folder, warmed by one untimed run; the sides alternate (old,
new, jieba; then the order turns) `--rounds` times, and the medians of wall time and of peak RSS
(the child's own, from wait4) count. The jieba reference is
`python -c "import jieba; jieba.lcut(<the page's text>)"` with jieba's own cache warm. Targets:
`zhen page` at most half its old wall time and at most 0.6x jieba's.

    .venv/bin/python benchmarks/bench_startup.py [--baseline bacc3e1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from builds import ROOT, baseline, isolated_environment

PAGE = ROOT / "examples" / "xinhua-western-region-2024-04-23.txt"
JIEBA = "import sys, jieba; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


def environment(source: Path, home: Path) -> dict[str, str]:
    return dict(isolated_environment(home, source), PYTHONPATH=str(source), NO_COLOR="1",
                TMPDIR=str(home))


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{argv} failed with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="bacc3e1", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="zhen-bench-startup-") as folder:
        work = Path(folder)
        sides = {
            "old": environment(baseline(arguments.baseline), work / "old"),
            "new": environment(ROOT / "src", work / "new"),
        }
        commands = {
            f"{side} {command}": ([python, "-m", "zhen", command, str(PAGE)], env)
            for side, env in sides.items() for command in ("page", "separate")
        }
        commands["jieba lcut"] = ([python, "-c", JIEBA, str(PAGE)], sides["new"])
        for env in sides.values():
            subprocess.run([python, "-m", "compileall", "-q", env["PYTHONPATH"]], check=True)
        for argv, env in commands.values():  # caches built, untimed
            measure(argv, env)
        load_before = os.getloadavg()
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        names = list(commands)
        for round_number in range(arguments.rounds):
            for name in names if round_number % 2 == 0 else reversed(names):
                runs[name].append(measure(*commands[name]))
        load_after = os.getloadavg()

    def median(name: str, index: int) -> float:
        return statistics.median(run[index] for run in runs[name])

    print(f"{PAGE.name}, whole process, median of {arguments.rounds} alternating runs; "
          f"baseline {arguments.baseline}")
    for name in names:
        print(f"  {name:16} {median(name, 0):6.3f} s  {median(name, 1):6.0f} MB peak RSS")
    for command in ("page", "separate"):
        old, new = median(f"old {command}", 0), median(f"new {command}", 0)
        print(f"zhen {command}: new / old wall {new / old:.2f}, peak RSS "
              f"{median(f'new {command}', 1) / median(f'old {command}', 1):.2f}")
    page, jieba = median("new page", 0), median("jieba lcut", 0)
    verdict = "OK" if page <= 0.5 * median("old page", 0) and page <= 0.6 * jieba else "UNDER"
    print(f"zhen page / jieba lcut: {page / jieba:.2f} (targets: new/old <= 0.5, "
          f"page/jieba <= 0.6) {verdict}")
    print(f"python {sys.version.split()[0]}; load average before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
