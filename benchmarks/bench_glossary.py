"""Glossary load time: the shipped glossary next to generated ones of 2,000 to 20,000 concepts.

Run: PYTHONPATH=src python benchmarks/bench_glossary.py
Targets: shipped ≤ 50 ms, 20,000 concepts ≤ 1 s, time per concept flat (linear scaling). All
sizes are measured in the same run, so the ratios hold even when the machine is busy; CPU time
(the process's own) is printed next to wall time because other processes inflate only the latter.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from zhen.glossary.store import load_glossary

HAN = "发展改革开放创新协调绿色共享安全治理现代经济社会文化生态区域城乡产业科技人才市场制度"


def generated_glossary(count: int) -> str:
    """`count` concepts shaped like the shipped ones (forms, renderings, sources, a note)."""
    blocks = []
    for n in range(count):
        word = "".join(HAN[(n // len(HAN) ** k) % len(HAN)] for k in range(4))
        blocks.append(
            f"[generated-term-{n}]\nzh: {word}政策\nzh-hant: {word}政策\n"
            f"preferred: generated policy term {n}\nadmitted: policy term {n}\n"
            f"admitted: the policy term {n}\nsuperseded: old policy term {n} | replaced in 2015\n"
            f"deprecated: policy-term-{n} strategy | not 'strategy'\ndomain: economy\n"
            f"source: https://example.org/terms/{n}.html 2024-04-23\n"
            f"source: https://example.org/more/{n}.html\n"
            f"note: A generated concept of about the size of a shipped one, number {n}.\n"
            f"added: 2026-11-29\n")
    return "\n".join(blocks)


def timed_load(paths: list[Path] | None, repeats: int) -> tuple[float, float, int]:
    """Median wall time, fastest CPU time, and the number of concepts."""
    walls, cpus, size = [], [], 0
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(load_glossary(paths))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), min(cpus), size


def main() -> None:
    rows = [("shipped glossary/", *timed_load(None, 30))]
    with tempfile.TemporaryDirectory() as folder:
        for count in (2_000, 5_000, 10_000, 20_000):
            path = Path(folder) / f"generated-{count}.glossary"
            path.write_text(generated_glossary(count), encoding="utf-8")
            rows.append((f"generated {count:,}", *timed_load([path], 5)))
    shipped_per_concept = rows[0][2] / rows[0][3]
    print(f"{'glossary':<20}{'concepts':>9}{'wall (median)':>15}{'CPU (best)':>13}"
          f"{'CPU µs/concept':>16}{'× shipped':>11}")
    for name, wall, cpu, concepts in rows:
        per_concept = cpu / concepts
        print(f"{name:<20}{concepts:>9,}{wall * 1000:>12.1f} ms{cpu * 1000:>10.1f} ms"
              f"{per_concept * 1e6:>16.1f}{per_concept / shipped_per_concept:>11.2f}")
    shipped, big = rows[0], rows[-1]
    print(f"targets: shipped ≤ 50 ms (wall {shipped[1] * 1000:.1f}, CPU {shipped[2] * 1000:.1f}); "
          f"20,000 ≤ 1 s (wall {big[1]:.2f}, CPU {big[2]:.2f})")
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
