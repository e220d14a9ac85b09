"""zhen's Argos engine against argostranslate.translate and against bare CTranslate2, side by side.

Two packages: the committed toy package (tests/data/argos, trained, ~0.5 MB) and a random-weight
package of the real zh→en model's size (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k
vocabulary, int8, model.bin ~90 MB) that this script builds in a temporary folder and never
commits. The page is 50 held-out toy sentences in 26 news-like paragraphs of 1–3 sentences. On the
random package every output is fixed at 30 tokens (min = max decoding length, forced on every
translate_batch call in both engines) so runs compare.

1. Whole process (wall, peak RSS as the process's own VmHWM): a fresh `python` that imports the
   engine, loads the package and translates the page once — zhen's engine, the whole
   `zhen translate --engine argos --no-memory -` command (glossary enforcement and term check
   included), and argostranslate.translate; interleaved, median wall of the rounds.
2. Steady state (sentences/s): each engine warm in its own process, best of rounds.
3. Overhead: zhen's translate_batch (splitting, SentencePiece, decoding included) against the best
   of several bare CTranslate2 translate_batch settings on the same pre-tokenized sentences, in
   the same process, after one untimed call of each, in rounds whose order flips; medians of the
   rounds (the least of many noisy timings wins by luck), and the median of per-round ratios
   against the bare call with zhen's own settings.

argostranslate runs via tools/argos_reference.py (sockets disabled, zhen's sentence splitter,
compute type int8 like zhen, beam 4 for both). Targets: wall ≤ 1/4 and RSS ≤ 1/5 of
argostranslate's (toy), steady state ≥ 3× (real size), overhead ≤ 10%.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_translate.py [--rounds 3] [--skip-real-size]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tools")]

from argos_package import Shape, build_random_package  # noqa: E402

from zhen.translate.packages import install_package  # noqa: E402

DATA = ROOT / "tests" / "data" / "argos"
REAL_SIZE = Shape(encoder_layers=6, decoder_layers=6, d_model=512, heads=8, ffn=2048)
FIXED_LENGTH = 30

REFERENCE = ROOT / "tools" / "argos_reference.py"

# zhen's engine in a fresh process, speaking tools/argos_reference.py's JSON protocol; with
# "rounds" it also times bare CTranslate2 calls on the same, pre-tokenized sentences.
ZHEN_ENGINE = r"""
import json, statistics, sys, time
from argos_reference import disable_network, fix_decoding_length

disable_network()
request = json.load(sys.stdin)
if request.get("fixed_length"):
    fix_decoding_length(request["fixed_length"])
from zhen.translate.argos import ArgosTranslator
from zhen.translate.packages import find_package

translator = ArgosTranslator.from_package(find_package("zh", "en"))
texts = request["texts"]
result = {"outputs": {"int8": translator.translate_batch(texts)}}
if request.get("rounds"):
    model, tokenizer = translator._model
    sources = [tokenizer.encode(s, out_type=str)
                 for t in texts for p in translator.split(t) for s in p]
    options = dict(beam_size=4, length_penalty=0.2, replace_unknowns=True)
    configurations = [("examples", 16), ("examples", 32), ("examples", 64), ("tokens", 2048)]
    assert ("examples", translator.max_batch_size) in configurations
    zhen_times, bare_times = [], {c: [] for c in configurations}
    runs = [("zhen", lambda: translator.translate_batch(texts))] + [
        ((kind, size), lambda kind=kind, size=size: model.translate_batch(
            sources, batch_type=kind, max_batch_size=size, **options))
        for kind, size in sorted(configurations, key=lambda c: c[1] != translator.max_batch_size)
    ]
    for _, run in runs:
        run()  # untimed: a process's first call of each shape is slower
    for round_number in range(request["rounds"]):
        # zhen next to the bare call with its own settings; the order flips every round so
        # neither side always runs first (the first call of a round tends to be slower)
        for name, run in runs if round_number % 2 == 0 else runs[::-1]:
            started = time.perf_counter()
            run()
            seconds = time.perf_counter() - started
            (zhen_times if name == "zhen" else bare_times[name]).append(seconds)
    # Medians, not minimums: the least of 4 × rounds noisy bare timings beats the least of
    # `rounds` zhen timings by luck alone.
    best = min(configurations, key=lambda c: statistics.median(bare_times[c]))
    same = bare_times[("examples", translator.max_batch_size)]
    paired = [z / b for z, b in zip(zhen_times, same)]
    result.update(steady_seconds=min(zhen_times), zhen_median=statistics.median(zhen_times),
                  bare_median=statistics.median(bare_times[best]),
                  bare_configuration=f"{best[0]}={best[1]}",
                  paired_overhead=statistics.median(paired) - 1)
print(json.dumps(result, ensure_ascii=False))
"""

ZHEN_CLI = ["-m", "zhen", "translate", "--engine", "argos", "--no-memory", "-"]


# Runs argv like `python ARGV...` and writes the process's own peak RSS (VmHWM) to a file at exit:
# wait4's ru_maxrss would include the benchmark's own RSS, which Linux carries across exec.
PEAK_RSS = r"""
import atexit, os, runpy, sys

def report_peak():
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM")).split()[1]
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(peak)

atexit.register(report_peak)
args = sys.argv[1:]
if args[0] == "-m":
    sys.argv = args[1:]
    runpy.run_module(args[1], run_name="__main__", alter_sys=True)
elif args[0] == "-c":
    sys.argv = ["-c", *args[2:]]
    exec(compile(args[1], "<engine>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = args
    runpy.run_path(args[0], run_name="__main__")
"""


def run_child(argv: list[str], env: dict[str, str], stdin: str) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of a fresh interpreter running argv, and its stdout."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", PEAK_RSS, *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env={**env, "BENCH_PEAK_FILE": str(peak_file)},
        )
        wall = time.perf_counter() - started
        if child.returncode:
            raise SystemExit(f"{argv[:3]} failed:\n{child.stderr[-3000:]}")
        return wall, int(peak_file.read_text()) / 1024, child.stdout


def run_engine(argv: list[str], env: dict[str, str], request: dict) -> tuple[float, float, dict]:
    wall, peak, stdout = run_child(argv, env, json.dumps(request))
    return wall, peak, json.loads(stdout.strip().splitlines()[-1])


def make_page() -> str:
    """50 held-out toy sentences in news-like paragraphs of 1, 2 or 3 sentences (25 lines)."""
    with (DATA / "toy-heldout.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        sentences = [row["zh"] for row in rows if "⟦" not in row["zh"]][:50]
    paragraphs, position = [], 0
    for size in itertools.cycle([1, 2, 3, 2]):
        if position >= len(sentences):
            return "\n".join(paragraphs)
        paragraphs.append("".join(sentences[position : position + size]))
        position += size


def environment(packages: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tools")]),
        HOME=str(home),
        ARGOS_PACKAGES_DIR=str(packages),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        ZHEN_CACHE_DIR=str(home / "cache" / "zhen"),
        ZHEN_DATA_DIR=str(home / "data" / "zhen"),
        ARGOS_COMPUTE_TYPE="int8",
    )
    return env


def compare(label: str, env: dict[str, str], page: str, rounds: int, fixed_length: int = 0):
    """Whole-process and steady-state figures, zhen and argostranslate interleaved."""
    once = {"texts": [page], "fixed_length": fixed_length}
    engines = {
        "zhen engine": lambda: run_engine(["-c", ZHEN_ENGINE], env, once),
        "zhen translate": lambda: run_child(ZHEN_CLI, env, page),
        "argostranslate": lambda: run_engine([str(REFERENCE)], env, once),
    }
    if fixed_length:
        del engines["zhen translate"]  # the command has no way to fix the output length
    walls = {name: [] for name in engines}
    peaks = {name: [] for name in engines}
    outputs = {}
    for _ in range(rounds):
        for name, run in engines.items():
            wall, peak, output = run()
            walls[name].append(wall)
            peaks[name].append(peak)
            outputs[name] = output
    steady = {**once, "rounds": 2 * rounds}
    zhen = run_engine(["-c", ZHEN_ENGINE], env, steady)[2]
    argos = run_engine([str(REFERENCE)], env, steady)[2]
    sentences = sum(len(p) for p in split_layout(page))
    print(
        f"\n{label}: {sentences} sentences in {page.count(chr(10)) + 1} paragraphs; "
        f"zhen's output equals argostranslate's: "
        f"{outputs['zhen engine']['outputs'] == outputs['argostranslate']['outputs']}"
    )
    print(f"  {'whole process':<16}{'wall s (median)':>16}{'peak RSS MB':>13}")
    for name in engines:
        print(f"  {name:<16}{statistics.median(walls[name]):>16.2f}{max(peaks[name]):>13.0f}")
    rates = {
        "zhen": sentences / zhen["steady_seconds"],
        "argos": sentences / argos["steady_seconds"],
        "bare": sentences / zhen["bare_median"],
    }
    print(
        f"  steady state: zhen {rates['zhen']:.1f} sentences/s, argostranslate "
        f"{rates['argos']:.1f} (best rounds); bare CTranslate2 {rates['bare']:.1f} "
        f"(median round of the best bare call: {zhen['bare_configuration']})"
    )
    argos_wall, argos_peak = (
        statistics.median(walls["argostranslate"]),
        max(peaks["argostranslate"]),
    )
    figures = {
        "wall ratio": statistics.median(walls["zhen engine"]) / argos_wall,
        "RSS ratio": max(peaks["zhen engine"]) / argos_peak,
        "speed-up": rates["zhen"] / rates["argos"],
        "overhead": zhen["zhen_median"] / zhen["bare_median"] - 1,
        "paired overhead": zhen["paired_overhead"],
    }
    if "zhen translate" in engines:
        figures["command wall ratio"] = statistics.median(walls["zhen translate"]) / argos_wall
        figures["command RSS ratio"] = max(peaks["zhen translate"]) / argos_peak
    print("  " + ", ".join(f"{key} {value:.3f}" for key, value in figures.items()))
    return figures


def split_layout(page: str) -> list[list[str]]:
    from zhen.translate.split import split_sentences

    return [split_sentences(line, "zh") for line in page.split("\n")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-real-size", action="store_true")
    args = parser.parse_args()
    page = make_page()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        toy = scratch / "toy" / "packages"
        install_package(DATA / "translate-zh_en-1.0-toy.argosmodel", directory=toy)
        env = environment(toy, scratch / "home")
        results = {"toy": compare("toy package (trained)", env, page, args.rounds)}
        if not args.skip_real_size:
            started = time.perf_counter()
            archive = build_random_package(
                scratch / "real.argosmodel",
                sentences=page.replace("。", "。\n").split("\n"),
                shape=REAL_SIZE,
                vocabulary_size=32_000,
                version="0.0-random",
            )
            real = scratch / "real" / "packages"
            package = install_package(archive, directory=real)
            print(
                f"\nbuilt the real-size random package in {time.perf_counter() - started:.0f} s "
                f"(model.bin {(package.path / 'model' / 'model.bin').stat().st_size >> 20} MB)"
            )
            results["real"] = compare(
                f"real-size random package, outputs fixed at {FIXED_LENGTH} tokens",
                environment(real, scratch / "home"),
                page,
                args.rounds,
                FIXED_LENGTH,
            )
    report(results)


def report(results: dict[str, dict[str, float]]) -> None:
    toy, real = results["toy"], results.get("real")
    checks = [
        ("whole-process wall ≤ 1/4 of argostranslate's (toy, engine)", toy["wall ratio"], 0.25),
        ("whole-process wall ≤ 1/4 (toy, zhen translate command)", toy["command wall ratio"], 0.25),
        ("peak RSS ≤ 1/5 of argostranslate's (toy, engine)", toy["RSS ratio"], 0.2),
        ("peak RSS ≤ 1/5 (toy, zhen translate command)", toy["command RSS ratio"], 0.2),
    ]
    print("\ntargets:")
    for text, value, limit in checks:
        print(f"  {text}: {value:.3f} {'ok' if value <= limit else 'MISSED'}")
    if real:
        print(
            f"  steady state ≥ 3x argostranslate's (real size): {real['speed-up']:.2f}x "
            f"{'ok' if real['speed-up'] >= 3 else 'MISSED'}"
        )
    for name, figures in results.items():
        print(
            f"  overhead over the best bare CTranslate2 call ≤ 10% ({name}): "
            f"{figures['overhead']:+.1%} {'ok' if figures['overhead'] <= 0.10 else 'MISSED'} "
            f"(median paired ratio against zhen's own bare call: {figures['paired overhead']:+.1%})"
        )


if __name__ == "__main__":
    main()
