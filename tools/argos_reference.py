"""Translate with argostranslate.translate itself, offline: the reference zhen is compared with.

Run as a child process (it imports torch and stanza: ~2 s and several hundred MB), by the parity
test and by benchmarks/bench_translate.py. Sockets are disabled, and argostranslate's sentence
splitter is replaced by zhen's (MiniSBD would download a model on first use), so both engines see
the same sentences. The packages directory comes from ARGOS_PACKAGES_DIR.

stdin:  {"texts": [...], "compute_types": ["int8"], "rounds": 0, "fixed_length": 0}
stdout: {"outputs": {compute_type: [translation, ...]}, "steady_seconds": best round (rounds > 0)}

`fixed_length` forces min = max decoding length on every CTranslate2 call (random-weight models
would otherwise stop at random lengths); `rounds` times the texts again past argostranslate's
CachedTranslation, which would replay the previous call.
"""

from __future__ import annotations

import json
import socket
import sys
import time


def _refuse(*args, **kwargs):
    raise OSError("network disabled: zhen's reference run of argostranslate is offline")


def disable_network() -> None:
    socket.socket.connect = _refuse
    socket.create_connection = _refuse


def fix_decoding_length(length: int) -> None:
    """Every CTranslate2 translate_batch call from now on produces exactly `length` tokens."""
    import ctranslate2

    class FixedLength(ctranslate2.Translator):
        def translate_batch(self, *args, **options):
            options.update(min_decoding_length=length, max_decoding_length=length)
            return super().translate_batch(*args, **options)

    ctranslate2.Translator = FixedLength


def main() -> None:
    disable_network()
    request = json.load(sys.stdin)
    if request.get("fixed_length"):
        fix_decoding_length(request["fixed_length"])

    import argostranslate.translate as translate
    from argostranslate import settings

    from zhen.translate.split import split_sentences

    class ZhenSplitter:
        def __init__(self, pkg):
            self.pkg = pkg

        def split_sentences(self, text):
            return split_sentences(text, self.pkg.from_code)

    translate.MiniSBDSentencizer = ZhenSplitter
    result: dict = {"outputs": {}}
    for compute_type in request.get("compute_types", ["int8"]):
        settings.compute_type = compute_type
        translate.installed_translates.clear()
        translate.get_installed_languages.cache_clear()
        translation = translate.get_translation_from_codes("zh", "en")
        result["outputs"][compute_type] = [translation.translate(t) for t in request["texts"]]
        times = []
        for _ in range(request.get("rounds", 0)):
            started = time.perf_counter()
            for text in request["texts"]:
                translation.underlying.translate(text)
            times.append(time.perf_counter() - started)
        if times:
            result["steady_seconds"] = min(times)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
