"""The near-miss detector's CPU time on given texts, for `bench_check.py --baseline`.

Run as a child process with PYTHONPATH pointing at the zhen to measure (this checkout's `src/`
or an earlier build's): it imports whichever zhen that finds, and never puts a path of its own
first. Each text's exact hits are found first (untimed); the detector's index is built by one
untimed call; then `detector.find(text, hits)` runs `--runs` times and the least CPU time of
this process counts. Prints one JSON line per text: {"text", "cpu", "misses"}.

    PYTHONPATH=src python benchmarks/nearmiss_cpu.py --glossary glossary --first 0 TEXT...
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--glossary", type=Path, required=True, help="glossary folder")
    parser.add_argument("--first", type=int, default=0,
                        help="only the glossary's first N concepts (0: all)")
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()

    from zhen.glossary.model import Glossary
    from zhen.glossary.store import load_glossary
    from zhen.terms.english import EnglishMatcher
    from zhen.terms.nearmiss import NearMissDetector

    glossary = load_glossary([options.glossary])
    if options.first:
        glossary = Glossary(glossary.concepts[:options.first],
                            digest=f"first-{options.first}-{glossary.digest}")
    matcher, detector = EnglishMatcher(glossary), NearMissDetector(glossary)
    for path in options.texts:
        text = path.read_text(encoding="utf-8")
        hits = matcher.find(text)
        detector.find(text[:10_000], matcher.find(text[:10_000]))  # the index, built once
        best, misses = float("inf"), []
        for _ in range(options.runs):
            started = time.process_time()
            misses = detector.find(text, hits)
            best = min(best, time.process_time() - started)
        print(json.dumps({"text": path.name, "cpu": best, "misses": len(misses)}), flush=True)


if __name__ == "__main__":
    main()
