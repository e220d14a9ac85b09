"""Rule-based sentence splitting for Chinese and English, with no model and no network.

argostranslate 1.11 splits with MiniSBD or stanza, which download models on first use; zhen
splits itself. Chinese ends a sentence at 。！？；… (a run of them, e.g. "？！" or "……") plus any
closing quotes or brackets after it. English ends one at . ! ? (plus closers) followed by white
space and a capital, digit or opening quote, unless the word before is a known abbreviation or a
single initial ("Mr.", "U.S.", "J. Smith").
"""

from __future__ import annotations

import re

_CLOSERS = "”’」』）)】》〉\"'"
_CHINESE_END = re.compile(rf"[。！？；!?;…]+[{re.escape(_CLOSERS)}]*")
_ENGLISH_END = re.compile(rf"[.!?]+[{re.escape(_CLOSERS)}]*(?=\s+[\"“‘'(\[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "gov",
        "sen",
        "rep",
        "col",
        "lt",
        "capt",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "approx",
        "fig",
        "u.s",
        "u.k",
        "u.n",
    ]
)


def split_chinese(text: str) -> list[str]:
    """Sentences of a Chinese text, stripped, each ending with its terminator and closers."""
    sentences, start = [], 0
    for end in _CHINESE_END.finditer(text):
        sentences.append(text[start : end.end()])
        start = end.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def _ends_with_abbreviation(text: str) -> bool:
    word = text.rsplit(None, 1)[-1] if text.strip() else ""
    word = word.rstrip(".").lstrip("(\"'“‘").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_english(text: str) -> list[str]:
    """Sentences of an English text, stripped; abbreviations and initials do not end one."""
    sentences, start = [], 0
    for end in _ENGLISH_END.finditer(text):
        candidate = text[start : end.end()]
        if end.group().startswith(".") and _ends_with_abbreviation(text[start : end.start() + 1]):
            continue
        sentences.append(candidate)
        start = end.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def split_sentences(text: str, language: str) -> list[str]:
    """Split by source language: "zh" (Simplified or Traditional), else as English."""
    return split_chinese(text) if language.startswith("zh") else split_english(text)
