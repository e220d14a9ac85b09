"""`zhen batch` over generated pages: --jobs 2 against --jobs 1, side by side in one run.

Pages come from tools/sample_pages.py (the starting page's paragraphs, a byline, a Chinese
notice, on half of them a Chinese paragraph the fallback glosses; every third page HTML). Caches
(jieba, matcher, CC-CEDICT) are built first by a batch over six of the pages, so no timed run
pays for them; the runs alternate 1, 2, 2, 1, … so that a change in machine load hits both sides
alike. The translation engine is
the built-in fallback (no model installed in the benchmark's own data folders). CPU seconds
(the batch and its workers) are printed too: on a machine other jobs keep busy the wall-time
ratio falls, while CPU per run should stay the same whatever --jobs.

Memory: one more run of each, untimed, samples the processes every 50 ms — each worker's peak RSS
(VmHWM) and private memory (USS: pages no other process maps), the peak of the workers' summed
proportional set size (PSS: a page mapped by n processes counts 1/n in each) and the peak of the
whole batch's (parent and workers: a page they share counts once, so this is what the batch
takes) — so "two workers together" is set against twice one worker's RSS, and what a second
worker adds to the whole batch is measured too.

Run: python benchmarks/bench_batch.py [--pages 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from builds import ROOT, isolated_environment

sys.path.insert(0, str(ROOT / "tools"))

from sample_pages import write_sample_pages  # noqa: E402


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _batch(pages: Path, out: Path, jobs: int, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the batch and its workers) of one run."""
    shutil.rmtree(out, ignore_errors=True)
    cpu = _cpu_seconds()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "zhen", "batch", str(pages), "--output-dir", str(out),
                    "--jobs", str(jobs)], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    lines = (out / "zhen-batch.jsonl").read_text(encoding="utf-8").splitlines()
    statuses = {json.loads(line)["status"] for line in lines}
    assert statuses == {"done"}, statuses
    return seconds, _cpu_seconds() - cpu


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def _kilobytes(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _memory(pages: Path, out: Path, jobs: int, env: dict[str, str]) -> dict:
    """Peaks, in kB, sampled: each worker's RSS and USS, the workers' summed PSS, the batch's."""
    shutil.rmtree(out, ignore_errors=True)
    batch = subprocess.Popen([sys.executable, "-m", "zhen", "batch", str(pages), "--output-dir",
                              str(out), "--jobs", str(jobs)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rss: dict[int, int] = {}
    uss: dict[int, int] = {}
    workers_pss = batch_pss = 0
    while batch.poll() is None:
        workers = _children(batch.pid)
        pss = 0
        for pid in workers:
            rollup = f"/proc/{pid}/smaps_rollup"
            rss[pid] = max(rss.get(pid, 0), _kilobytes(f"/proc/{pid}/status", "VmHWM"))
            uss[pid] = max(uss.get(pid, 0), _kilobytes(rollup, "Private_Clean")
                           + _kilobytes(rollup, "Private_Dirty"))
            pss += _kilobytes(rollup, "Pss")
        if len(workers) == jobs:
            workers_pss = max(workers_pss, pss)
            batch_pss = max(batch_pss,
                            pss + _kilobytes(f"/proc/{batch.pid}/smaps_rollup", "Pss"))
        time.sleep(0.05)
    return {"rss": sorted(rss.values()), "uss": sorted(uss.values()), "workers": workers_pss,
            "batch": batch_pss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3,
                        help="1, 2, 2, 1 sequences to run (0: memory only)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhen-bench-batch-") as folder:
        base = Path(folder)
        env = isolated_environment(base / "home")
        pages = base / "pages"
        written = write_sample_pages(pages, arguments.pages)
        size = sum(path.stat().st_size for path in written)
        print(f"{len(written)} pages, {size / 1e6:.2f} MB; cores: {os.cpu_count()}; "
              f"load average before: {os.getloadavg()[0]:.2f}")
        warm = base / "warm-up"
        warm.mkdir()
        for page in written[:6]:  # text and HTML, with and without a paragraph to gloss
            shutil.copy(page, warm / page.name)
        _batch(warm, base / "out-warm-up", 1, env)  # build every cache before the timed runs
        times: dict[int, list[float]] = {1: [], 2: []}
        order = [1, 2, 2, 1] * arguments.rounds
        for number, jobs in enumerate(order):
            seconds, cpu = _batch(pages, base / f"out-{number}", jobs, env)
            times[jobs].append(seconds)
            print(f"  --jobs {jobs}: {seconds:6.2f} s wall, {cpu:6.2f} s CPU "
                  f"(load average {os.getloadavg()[0]:.2f})")
        if arguments.rounds:  # --rounds 0: the memory figures alone
            one, two = min(times[1]), min(times[2])
            # Runs next to each other (1 then 2, 2 then 1) share the machine's mood: their ratios
            # are steadier than best against best when the same run's CPU time varies by a third.
            paired = sorted(a / b for a, b in zip(times[1], times[2], strict=True))
            print(f"best --jobs 1: {one:.2f} s ({one / len(written) * 1000:.0f} ms/page); "
                  f"best --jobs 2: {two:.2f} s; speed-up {one / two:.2f}x "
                  f"(mean of runs: {sum(times[1]) / sum(times[2]):.2f}x; "
                  f"median of adjacent pairs: {statistics.median(paired):.2f}x, "
                  f"range {paired[0]:.2f}–{paired[-1]:.2f}x); "
                  f"load average after: {os.getloadavg()[0]:.2f}")
        single = _memory(pages, base / "out-memory-1", 1, env)
        double = _memory(pages, base / "out-memory-2", 2, env)
        mb = 1 / 1024
        print(f"memory, peaks: --jobs 1 worker RSS {single['rss'][-1] * mb:.0f} MB (USS "
              f"{single['uss'][-1] * mb:.0f} MB); --jobs 2 workers RSS "
              f"{', '.join(f'{kb * mb:.0f}' for kb in double['rss'])} MB (USS "
              f"{', '.join(f'{kb * mb:.0f}' for kb in double['uss'])} MB)")
        print(f"two workers together (summed PSS) {double['workers'] * mb:.0f} MB = "
              f"{double['workers'] / (2 * single['rss'][-1]):.2f}x twice one worker's RSS; "
              f"the whole batch (parent + workers, PSS) {single['batch'] * mb:.0f} MB with "
              f"--jobs 1, "
              f"{double['batch'] * mb:.0f} MB with --jobs 2: the second worker adds "
              f"{(double['batch'] - single['batch']) * mb:.0f} MB "
              f"({(double['batch'] - single['batch']) / single['rss'][-1]:.2f}x one worker's RSS)")


if __name__ == "__main__":
    main()
