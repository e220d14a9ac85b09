"""zhen glossary suggest against jieba's raw segmentation of the same corpus, side by side.

    python benchmarks/bench_suggest.py [--megabytes 50] [--corpus DIR] [--capacity N] [--repeat 2]

Writes a corpus of generated Chinese documents (tests/suggest_corpus.py: template news
sentences; runs of jieba dictionary words drawn by frequency, which make nearly every word
pair new — the hard case for the n-gram table's memory; one bilingual document in ten) into
DIR (kept and reused when it already holds enough), then runs, each in a child process and one
after the other: jieba's raw segmentation (a plain jieba.Tokenizer, HMM on as zhen cuts,
`lcut` of every file's text), zhen's own cutter over the same text (`segment.words`, the
one suggest uses: jieba's words by a leaner route) and `zhen glossary suggest DIR --output-format
json` — on a fifth of the corpus and on all of it (after one run on examples/, which builds
the caches and shows the baseline memory), each `--repeat` times. Prints the best CPU seconds
(user + system of the child, steadier than wall time on a shared machine) and wall seconds, the
highest peak RSS, and the ratios. Figures are recorded in docs/performance.md ("Term
suggestions").
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import suggest_corpus  # noqa: E402

DOCUMENT_SENTENCES = 120  # about 30 kB per document

# Runs a command and prints its CPU seconds, wall seconds and peak RSS (KiB): RUSAGE_CHILDREN
# of this wrapper covers that one command only.
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    code = subprocess.run(sys.argv[2:], stdout=out).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss)
"""

RAW_JIEBA = """
import logging, sys
from pathlib import Path
import jieba
jieba.setLogLevel(logging.CRITICAL)
tokenizer = jieba.Tokenizer()
tokenizer.tmp_dir = sys.argv[2]
tokenizer.initialize()
words = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    words += len(tokenizer.lcut(path.read_text(encoding="utf-8")))
print(words)
"""

# The cutter suggest itself uses (segment.words: jieba's words by zhen's own DAG route),
# over the same text: what suggest costs on top of its segmentation.
ZHEN_CUT = """
import sys
from pathlib import Path
from zhen.chinese.segment import words
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    count += len(words(path.read_text(encoding="utf-8")))
print(count)
"""


def build_corpus(folder: Path, megabytes: float) -> list[Path]:
    """Documents until the folder holds `megabytes`; reused when it already does."""
    wanted = int(megabytes * 1024 * 1024)
    existing = sorted(folder.glob("*.txt"))
    if sum(path.stat().st_size for path in existing) >= wanted:
        return existing
    import jieba

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    filler = suggest_corpus.filler_words(dictionary)
    words = [word for word, _ in filler]
    weights = list(itertools.accumulate(count for _, count in filler))
    size, number, paths = 0, 0, []
    while size < wanted:
        if number % 10 == 9:
            text = suggest_corpus.bilingual_document(rng, DOCUMENT_SENTENCES // 2)
        elif number % 2:
            text = "".join(suggest_corpus.varied_document(rng, DOCUMENT_SENTENCES // 2, words,
                                                          weights))
            text = text.replace("。", "。\n", 3)
        else:
            text = suggest_corpus.chinese_document(rng, DOCUMENT_SENTENCES)
        path = folder / f"doc-{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
        paths.append(path)
        number += 1
    return paths


def measure(command: list[str], output: Path, env: dict[str, str]) -> tuple[float, float, int]:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(output), *command],
                            capture_output=True, text=True, env=env, check=True)
    code, cpu, wall, peak = result.stdout.split()
    if code != "0":
        sys.exit(f"{command[:4]} failed with exit code {code}")
    return float(cpu), float(wall), int(peak)


def compare(folder: Path, scratch: Path, env: dict[str, str], capacity: int,
            repeat: int) -> None:
    """Raw jieba, zhen's cutter and suggest, in turn `repeat` times; the best of each."""
    size = sum(path.stat().st_size for path in folder.glob("*.txt")) / 1024 / 1024
    commands = {
        "raw jieba": [sys.executable, "-c", RAW_JIEBA, str(folder), str(scratch)],
        "zhen cut": [sys.executable, "-c", ZHEN_CUT, str(folder)],
        "suggest": [sys.executable, "-m", "zhen", "glossary", "suggest", str(folder),
                    "--output-format", "json", "--capacity", str(capacity)],
    }
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command, scratch / "out.txt", env))
    best = {name: _best(found) for name, found in runs.items()}
    print(f"{size:6.1f} MB   " + "   ".join(
        f"{name}: {cpu:6.1f} s CPU {wall:6.1f} s wall {peak // 1024:4d} MiB"
        for name, (cpu, wall, peak) in best.items()))
    raw, cut, suggest = best["raw jieba"], best["zhen cut"], best["suggest"]
    print(f"         suggest / raw jieba: {suggest[0] / raw[0]:.2f}x CPU, "
          f"{suggest[1] / raw[1]:.2f}x wall;  suggest / zhen cut: {suggest[0] / cut[0]:.2f}x "
          f"CPU;  zhen cut / raw jieba: {cut[0] / raw[0]:.2f}x CPU;  "
          f"{size / suggest[0]:.2f} MB/s CPU")


def _best(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The least CPU and wall time of the runs (the least disturbed), the most memory."""
    cpu, wall, peak = zip(*runs, strict=True)
    return min(cpu), min(wall), max(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--corpus", type=Path, help="folder for the corpus (kept, reused)")
    parser.add_argument("--capacity", type=int, default=4_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is shown")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-suggest-") as temporary:
        scratch = Path(temporary)
        corpus = arguments.corpus or scratch / "corpus"
        paths = build_corpus(corpus, arguments.megabytes)
        fifth = scratch / "fifth"
        fifth.mkdir()
        for path in paths[: max(1, len(paths) // 5)]:
            os.symlink(path.resolve(), fifth / path.name)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), ZHEN_CACHE_DIR=str(scratch / "cache"))
        # Build the caches (jieba, tags, CC-CEDICT, matcher) once, outside the measurements.
        warm = measure([sys.executable, "-m", "zhen", "glossary", "suggest",
                        str(ROOT / "examples")], scratch / "warm.txt", env)
        print(f"suggest on examples/ (two small pages): peak RSS {warm[2] // 1024} MiB")
        measure([sys.executable, "-c", RAW_JIEBA, str(scratch / "cache"), str(scratch)],
                scratch / "warm.txt", env)
        for folder in (fifth, corpus):
            compare(folder, scratch, env, arguments.capacity, arguments.repeat)


if __name__ == "__main__":
    main()
