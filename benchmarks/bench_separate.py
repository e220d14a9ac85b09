"""Throughput of zhen's separate+segment step against jieba's own `lcut`, side by side.

The corpus is a large mixed page: the lines of the pages in examples/ (English paragraphs, the
Chinese notice and editor line) and generated Chinese paragraphs (words drawn from jieba's
dictionary by frequency), repeated and shuffled with a fixed seed. zhen reads it as a page —
decoding, lines, roles, script spans, Simplified/Traditional marking, segmentation with tags and
names — and jieba's raw `Tokenizer.lcut` (HMM on, as zhen uses it) cuts the Chinese spans zhen
found, one call per span. Both use warm, already loaded dictionaries; each is timed `--rounds`
times, interleaved, in CPU seconds of this process, and the best round counts. Target: ratio ≤ 1.3.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_separate.py [--megabytes 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "tools"))

from sample_pages import chinese_paragraphs  # noqa: E402

from zhen.chinese.segment import _get_segmenter, segment  # noqa: E402
from zhen.page.html import extract_blocks  # noqa: E402
from zhen.page.reader import read_page  # noqa: E402
from zhen.types import Language  # noqa: E402

TARGET = 1.3


def page_lines() -> list[str]:
    """Visible lines of every example page (HTML pages through zhen's block extraction)."""
    lines = []
    for path in sorted((ROOT / "examples").iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            lines += [block.text for block in extract_blocks(text)]
        else:
            lines += [line for line in text.splitlines() if line.strip()]
    return lines


def build_corpus(megabytes: float, seed: int = 42) -> str:
    rng = random.Random(seed)
    real = page_lines()
    generated = chinese_paragraphs(400, rng)
    lines: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        batch = real + rng.sample(generated, 40)
        rng.shuffle(batch)
        lines += batch
        size += sum(len(line.encode()) + 2 for line in batch)
    return "\n\n".join(lines) + "\n"


def best_of(rounds: int, zhen_run, jieba_run) -> tuple[float, float]:
    zhen_times, jieba_times = [], []
    for _ in range(rounds):
        zhen_times.append(_timed(zhen_run))
        jieba_times.append(_timed(jieba_run))
    return min(zhen_times), min(jieba_times)


def _timed(run) -> float:
    """CPU seconds of this process: on a shared machine wall time mostly measures the neighbours.

    The result is freed after the clock stops, for both sides: the step, not the teardown.
    """
    start = time.process_time()
    result = run()
    elapsed = time.process_time() - start
    del result
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="corpus size (UTF-8)")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(arguments.megabytes)
        path = Path(folder) / "corpus.txt"
        path.write_text(corpus, encoding="utf-8")
        segment("预热")  # load the dictionary once, outside the timings
        tokenizer = _get_segmenter().tokenizer
        page = read_page(path)
        chinese = [s.text for b in page.blocks for s in b.spans if s.language is Language.ZH]
        zhen_seconds, jieba_seconds = best_of(
            arguments.rounds,
            lambda: read_page(path),
            lambda: [tokenizer.lcut(text) for text in chinese],
        )

    total = len(corpus.encode())
    chinese_bytes = sum(len(text.encode()) for text in chinese)
    tokens = sum(len(s.tokens) for b in page.blocks for s in b.spans)
    ratio = zhen_seconds / jieba_seconds
    print(
        f"corpus: {total / 1e6:.2f} MB, {len(page.blocks)} blocks, {len(chinese)} Chinese spans "
        f"({chinese_bytes / 1e6:.2f} MB), {tokens} tokens"
    )
    page_rate = total / zhen_seconds / 1e6
    chinese_rate = chinese_bytes / jieba_seconds / 1e6
    verdict = "OK" if ratio <= TARGET else "OVER"
    print(f"zhen read_page (separate+segment): {zhen_seconds:.3f} s  {page_rate:.2f} MB/s of page")
    print(f"jieba lcut of the same Chinese:    {jieba_seconds:.3f} s  {chinese_rate:.2f} MB/s")
    print(f"ratio zhen / jieba lcut: {ratio:.2f}x (target <= {TARGET}x) {verdict}")
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
