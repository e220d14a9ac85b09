"""`zhen batch --ray` against the local batch on this machine, side by side in one run.

A Ray cluster of this machine's CPUs is started once, as a cluster would be running already
(a child process holds it: `ray.init`, then waits; closing its input stops Ray), and each
`zhen batch --ray ADDRESS` joins it, so a run pays what a batch on a running cluster pays:
connecting, starting its actors (each loads the glossary and the engine), sending pages and
receiving outputs. The local side is `zhen batch --jobs N` with N the same CPUs. Pages from
tools/sample_pages.py, the built-in fallback engine, caches built by a warm-up batch on each
side; runs alternate local, Ray, Ray, local, … and the median of adjacent pairs counts.
Outputs of the two sides are compared byte for byte. Target: Ray ≥ 0.8x the local throughput.

Two throughputs are printed: of the whole command (pages / wall time, start-up included), and
of the pool (pages / the time from the batch's `on_start` — workers forked, or actors asked for
— to the last page's result), which leaves out the driver's imports, planning and joining Ray.

Run: python benchmarks/bench_ray.py [--pages 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
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

HOLDER = """
import sys, ray
context = ray.init(num_cpus=int(sys.argv[1]), include_dashboard=False, logging_level="ERROR")
print(context.address_info["gcs_address"], flush=True)
sys.stdin.read()
ray.shutdown()
"""


def _environment(home: Path) -> dict[str, str]:
    # Ray secures a cluster with a token: the cluster and every driver that joins it share one.
    return dict(isolated_environment(home), RAY_AUTH_MODE="token",
                RAY_AUTH_TOKEN=secrets.token_hex(32))


RUNNER = """
import json, sys, time
from pathlib import Path
from zhen.batch import BatchOptions, run_batch
times, started = [], []
options = BatchOptions(jobs=int(sys.argv[4]) or None, ray=sys.argv[3] or None)
run_batch([sys.argv[1]], Path(sys.argv[2]), options,
          on_start=lambda total: started.append(time.perf_counter()),
          on_result=lambda result: times.append(time.perf_counter()))
print(json.dumps({"pages": len(times), "running": times[-1] - started[0]}))
"""


def _batch(pages: Path, out: Path, where: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds of the whole command, and pages per second while running."""
    shutil.rmtree(out, ignore_errors=True)
    ray, jobs = (where[1], "0") if where[0] == "--ray" else ("", where[1])
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, str(pages), str(out), ray, jobs],
                          env=env, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, figures["pages"] / figures["running"]


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes() for path in out.rglob("*")
            if path.is_file() and path.name != "zhen-batch.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="local, Ray, Ray, local sequences")
    parser.add_argument("--cpus", type=int, default=os.cpu_count() or 2)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhen-bench-ray-") as folder:
        base = Path(folder)
        env = _environment(base / "home")
        pages = base / "pages"
        written = write_sample_pages(pages, arguments.pages)
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(arguments.cpus)], env=env,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            address = holder.stdout.readline().strip()
            local, on_ray = ["--jobs", str(arguments.cpus)], ["--ray", address]
            print(f"{len(written)} pages; Ray cluster {address} with {arguments.cpus} CPUs; "
                  f"load average before: {os.getloadavg()[0]:.2f}")
            warm = base / "warm-up"
            warm.mkdir()
            for page in written[:6]:
                shutil.copy(page, warm / page.name)
            _batch(warm, base / "out-warm-local", local, env)
            _batch(warm, base / "out-warm-ray", on_ray, env)
            times: dict[str, list[float]] = {"local": [], "ray": []}
            rates: dict[str, list[float]] = {"local": [], "ray": []}
            for number, side in enumerate(["local", "ray", "ray", "local"] * arguments.rounds):
                seconds, rate = _batch(pages, base / f"out-{number}", local if side == "local"
                                       else on_ray, env)
                times[side].append(seconds)
                rates[side].append(rate)
                print(f"  {side:5}: {seconds:6.2f} s wall ({len(written) / seconds:5.1f} pages/s;"
                      f" pool {rate:5.1f} pages/s; load average {os.getloadavg()[0]:.2f})")
            same = _outputs(base / "out-0") == _outputs(base / "out-1")
        finally:
            holder.stdin.close()
            holder.wait(timeout=120)
    paired = sorted(a / b for a, b in zip(times["local"], times["ray"], strict=True))
    running = sorted(b / a for a, b in zip(rates["local"], rates["ray"], strict=True))
    print(f"Ray / local, the pool alone: median of adjacent pairs "
          f"{statistics.median(running):.2f}x (range {running[0]:.2f}–{running[-1]:.2f}x)")
    ratio = statistics.median(paired)
    print(f"Ray throughput / local, whole command: median of adjacent pairs {ratio:.2f}x (range "
          f"{paired[0]:.2f}–{paired[-1]:.2f}x; best against best "
          f"{min(times['local']) / min(times['ray']):.2f}x); target >= 0.8x "
          f"{'OK' if ratio >= 0.8 else 'UNDER'}; outputs byte for byte equal: {same}; "
          f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
