"""Large pages (issue 16): memory and time of `zhen separate` and `zhen check` as a page grows, and
`zhen page` against `zhen separate` on the same long page, side by side in one run.

Pages are built from the lines of the real pages (benchmarks/large_pages.py; nothing invented).
Each command runs in its own child process, its output to /dev/null, under a small parent that
reports the child's peak resident memory (RUSAGE_CHILDREN) and its CPU seconds (user + system);
wall seconds are printed too but the machine may be shared, so ratios use CPU seconds.

1. `separate PAGE --output-format json` and `check PAGE` on mixed text pages of `--sizes` MB:
   peak memory (targets: below 600 MB at 50 MB, below 1.5 GB at 200 MB) and CPU seconds per MB
   (linear time: the same per MB at every size). `--baseline REV` runs the same commands on an
   earlier revision's src/ (git archive into build/) at the smallest size, side by side.
2. `page PAGE` against `separate PAGE` (default text output, and JSON) on the 20,000-paragraph
   HTML page and the 3.3 MB one-line Chinese page: target page ≤ 3× separate, CPU seconds,
   median of `--rounds` alternating runs.

    .venv/bin/python benchmarks/bench_large_pages.py [--sizes 50 200] [--baseline e05036c]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import builds
from builds import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from large_pages import mixed_text_page, paragraphs_html, single_line_chinese  # noqa: E402

MB = 1_000_000
TARGETS = {50: 600, 200: 1500}  # MB of text → peak MiB
PAGE_TARGET = 3.0

# Runs one command with stdout to /dev/null; prints exit code, peak RSS (KiB), CPU and wall s.
MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
with open("/dev/null", "wb") as sink:
    code = subprocess.run(sys.argv[1:], stdout=sink, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, time.perf_counter() - started)
"""


def measure(command: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return {"exit": int(out[0]), "peak_mib": int(out[1]) / 1024, "cpu": float(out[2]),
            "wall": float(out[3])}


def zhen(src: Path) -> list[str]:
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r}); "
            "from zhen.cli import main; sys.exit(main())"]



def growth(sizes: list[int], work: Path, env: dict[str, str], baseline: str | None) -> None:
    print("1. separate and check as the page grows (peak MiB, CPU s, CPU s per MB)")
    new = zhen(ROOT / "src")
    rows = []
    for size in sizes:
        page = mixed_text_page(work / f"mixed-{size}.txt", size)
        for label, args in (("separate", ["separate", str(page), "--output-format", "json"]),
                            ("check", ["check", str(page), "--fail-on", "never"])):
            result = measure([*new, *args], env)
            rows.append((label, size, result))
            target = TARGETS.get(size)
            verdict = "" if target is None else (
                f"  target < {target} MiB {'OK' if result['peak_mib'] < target else 'MISSED'}")
            print(f"  {label:<8} {size:>4} MB: peak {result['peak_mib']:7.0f} MiB  "
                  f"({result['peak_mib'] / size:4.1f}x the page)  cpu {result['cpu']:7.1f} s  "
                  f"{result['cpu'] / size:5.2f} s/MB  wall {result['wall']:7.1f} s  "
                  f"exit {result['exit']}{verdict}")
        page.unlink()
    for label in ("separate", "check"):
        per_mb = [result["cpu"] / size for name, size, result in rows if name == label]
        if len(per_mb) > 1:
            print(f"  {label}: CPU s per MB at {sizes[-1]} MB / at {sizes[0]} MB = "
                  f"{per_mb[-1] / per_mb[0]:.2f} (1.00 is linear)")
    if baseline:
        size = sizes[0]
        page = mixed_text_page(work / f"mixed-{size}.txt", size)
        old = zhen(builds.baseline(baseline))
        for label, args in (("separate", ["separate", str(page), "--output", "json"]),
                            ("check", ["check", str(page), "--fail-on", "never"])):
            before = measure([*old, *args], env)
            after = [result for name, s, result in rows if name == label and s == size][0]
            print(f"  {label} at {size} MB, {baseline} → this checkout: peak "
                  f"{before['peak_mib']:.0f} → {after['peak_mib']:.0f} MiB "
                  f"({after['peak_mib'] / before['peak_mib']:.2f}x), cpu {before['cpu']:.1f} → "
                  f"{after['cpu']:.1f} s (exit {before['exit']} → {after['exit']})")
        page.unlink()


def page_against_separate(work: Path, env: dict[str, str], rounds: int) -> None:
    print(f"2. page against separate on the same page (CPU s, median of {rounds})")
    new = zhen(ROOT / "src")
    pages = [paragraphs_html(work / "paragraphs.html", 20_000),
             single_line_chinese(work / "one-line.txt", 3.3)]
    for page in pages:
        size = page.stat().st_size / MB
        for output in ("text", "json"):
            times: dict[str, list[float]] = {"page": [], "separate": []}
            peaks: dict[str, float] = {}
            for round_ in range(rounds):
                order = ("separate", "page") if round_ % 2 == 0 else ("page", "separate")
                for command in order:
                    extra = ["--engine", "fallback", "--no-memory"] if command == "page" else []
                    result = measure([*new, command, str(page), "--output-format", output,
                                      *extra], env)
                    times[command].append(result["cpu"])
                    peaks[command] = max(peaks.get(command, 0), result["peak_mib"])
            separate, page_ = statistics.median(times["separate"]), statistics.median(
                times["page"])
            ratio = page_ / separate
            print(f"  {page.name} ({size:.1f} MB), {output}: separate {separate:.2f} s "
                  f"({peaks['separate']:.0f} MiB), page {page_:.2f} s ({peaks['page']:.0f} MiB)"
                  f" → {ratio:.2f}x (target <= {PAGE_TARGET:.0f}x) "
                  f"{'OK' if ratio <= PAGE_TARGET else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--baseline", help="an earlier revision to compare at the first size")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip", choices=("growth", "page"), action="append", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhen-large-") as folder:
        work = Path(folder)
        env = builds.isolated_environment(work / "home")
        warm = work / "warm.txt"  # caches built once, outside every measurement
        warm.write_text("继续浏览 new quality productive forces\n", encoding="utf-8")
        subprocess.run([*zhen(ROOT / "src"), "page", str(warm), "--engine", "fallback"],
                       env=env, capture_output=True)
        print(json.dumps({"load_average": os.getloadavg()}))
        if "growth" not in args.skip:
            growth(args.sizes, work, env, args.baseline)
        if "page" not in args.skip:
            page_against_separate(work, env, args.rounds)
        print(json.dumps({"load_average": os.getloadavg()}))


if __name__ == "__main__":
    main()
