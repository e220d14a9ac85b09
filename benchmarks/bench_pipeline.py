"""`zhen page`'s work on a page, this checkout against an earlier build, side by side in one run.

The earlier build is a revision of this repository (default: the one before the re-layout of
issue #11, when the HTML was parsed three times and Chinese text was cut into words up to five
times per page); its `src/` is taken with `git archive` into build/. Both run the same job in
their own child process with the same glossary, the same installed libraries and their own
cache folders: read the page, translate its Chinese with the built-in fallback (no memory),
check its terms. Each child warms its caches with one untimed run, then reports the CPU seconds
per run of at least `--repeat` runs and a second of CPU; the children alternate, old first then
new first, `--rounds` times, and the medians count. Pages: the example HTML page and a generated
Chinese page of `--megabytes` (dictionary words with glossary terms woven in,
tools/sample_pages.py). Target: at least 20% less CPU.

    .venv/bin/python benchmarks/bench_pipeline.py [--baseline bacc3e1] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from builds import ROOT, baseline

sys.path.insert(0, str(ROOT / "tools"))

from sample_pages import chinese_page  # noqa: E402

TARGET_SAVING = 0.20
HTML_PAGE = ROOT / "examples" / "xinhua-style-new-quality-forces.html"

CHILD = """
import json, sys, time
from pathlib import Path
from zhen.glossary.store import load_glossary
from zhen.pipeline import run_page

glossary = load_glossary([Path(sys.argv[1])])
repeat = int(sys.argv[2])
seconds = {}
for page in sys.argv[3:]:
    run_page(page, glossary=glossary, engine="fallback", memory=False)  # caches, untimed
    runs, started = 0, time.process_time()
    while runs < repeat or time.process_time() - started < 1.0:  # small pages: many runs
        report = run_page(page, glossary=glossary, engine="fallback", memory=False)
        runs += 1
    seconds[page] = (time.process_time() - started) / runs
    seconds[page + " findings"] = len(report.findings)
print(json.dumps(seconds))
"""


def run_child(source: Path, home: Path, pages: list[Path], repeat: int) -> dict[str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(source)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for variable, sub in [("HOME", ""), ("ZHEN_CACHE_DIR", "cache"), ("XDG_CACHE_HOME", "xdg"),
                          ("ZHEN_DATA_DIR", "data"), ("XDG_DATA_HOME", "xdg-data"),
                          ("ARGOS_PACKAGES_DIR", "argos")]:
        env[variable] = str(home / sub)
    env.pop("ZHEN_GLOSSARY", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT / "glossary"), str(repeat), *map(str, pages)],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def help_seconds(source: Path, home: Path, runs: int = 7) -> float:
    """Median wall time of `python -m zhen --help` (start-up: imports only, no work), with the
    source byte-compiled first, as an installed zhen is."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=True)
    env = dict(os.environ, PYTHONPATH=str(source), HOME=str(home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "zhen", "--help"], env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="bacc3e1", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per page per child")
    arguments = parser.parse_args()

    old_source, new_source = baseline(arguments.baseline), ROOT / "src"
    with tempfile.TemporaryDirectory(prefix="zhen-bench-pipeline-") as folder:
        work = Path(folder)
        terms = [line.split(":", 1)[1].strip()
                 for path in sorted((ROOT / "glossary").glob("*.glossary"))
                 for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("zh:")]
        chinese = work / "chinese-page.txt"
        chinese.write_text(chinese_page(arguments.megabytes, terms), encoding="utf-8")
        pages = [HTML_PAGE, chinese]
        sizes = {page.name: page.stat().st_size for page in pages}
        timings: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
        counts: dict[str, dict[str, float]] = {}
        for round_number in range(arguments.rounds):
            order = ["old", "new"] if round_number % 2 == 0 else ["new", "old"]
            for side in order:
                source = old_source if side == "old" else new_source
                seconds = run_child(source, work / side, pages, arguments.repeat)
                for page in pages:
                    timings[side].setdefault(page.name, []).append(seconds[str(page)])
                counts[side] = {page.name: seconds[f"{page} findings"] for page in pages}

    print(f"baseline {arguments.baseline} against this checkout; {arguments.rounds} rounds of "
          f"{arguments.repeat} runs, median CPU seconds per page run")
    worst = 1.0
    for page in pages:
        old = statistics.median(timings["old"][page.name])
        new = statistics.median(timings["new"][page.name])
        saving = 1 - new / old
        worst = min(worst, saving)
        size = sizes[page.name] / 1e6
        print(f"{page.name:42} {size:5.2f} MB  old {old:7.3f} s  new {new:7.3f} s  "
              f"ratio {new / old:.2f}  CPU saved {saving:.0%}  (findings old "
              f"{counts['old'][page.name]:.0f}, new {counts['new'][page.name]:.0f})")
    with tempfile.TemporaryDirectory(prefix="zhen-bench-help-") as folder:
        old_help = help_seconds(old_source, Path(folder))
        new_help = help_seconds(new_source, Path(folder))
    print(f"{'zhen --help (whole process, wall)':42}          old {old_help:7.3f} s  "
          f"new {new_help:7.3f} s  ratio {new_help / old_help:.2f}")
    verdict = "OK" if worst >= TARGET_SAVING else "UNDER"
    print(f"least CPU saved: {worst:.0%} (target >= {TARGET_SAVING:.0%}) {verdict}")
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
