"""Pinyin as pypinyin reads it, the one place zhen reads pinyin: syllables for names, toneless
keys for search, readings for words a dictionary lacks.

Han text is read from the lexicon (`zhen.chinese.lexicon`), which holds pypinyin's reading of
every character and phrase: the text is cut into phrases by pypinyin's own forward maximum
match and each piece read as pypinyin reads it, so the syllables are `lazy_pinyin`'s without
loading its tables (~0.25 s a process). Text with other characters goes to pypinyin itself,
under a lock: it is not thread-safe while loading.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from zhen.chinese.lexicon import PINYIN, lexicon

_lock = threading.Lock()
_buckets: dict[int, tuple[dict, dict, set]] = {}
_han: list[re.Pattern] = []


def syllables(text: str) -> list[str]:
    """Toneless syllables, ü written as ü ("lü"): 林雨晨 → ["lin", "yu", "chen"]."""
    if text and _is_han(text):
        return _read_han(text)
    with _lock:
        from pypinyin import Style, lazy_pinyin

        return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


@lru_cache(maxsize=65536)
def toneless(text: str) -> str:
    """新质生产力 → "xinzhishengchanli": what a user types without tones or spaces."""
    return "".join(syllables(text)).replace("ü", "v").lower()


def _is_han(text: str) -> bool:
    """pypinyin's own test of a run of characters it reads (its RE_HANS)."""
    if not _han:
        _han.append(re.compile(lexicon().meta["han_pattern"]))
    return _han[0].match(text) is not None


def _bucket(character: str) -> tuple[dict, dict, set]:
    """({character: syllables}, {phrase: syllables}, {prefixes of phrases}) near `character`."""
    code = ord(character) >> 4
    found = _buckets.get(code)
    if found is None:
        found = _buckets[code] = lexicon().bucket(PINYIN, character) or ({}, {}, set())
    return found


def _read_han(text: str) -> list[str]:
    result: list[str] = []
    for piece in _phrases(text):
        if len(piece) == 1:
            result.extend(_bucket(piece)[0].get(piece, ()))
        else:
            result.extend(_bucket(piece[0])[1][piece])
    return result


def _phrases(text: str) -> list[str]:
    """pypinyin's forward maximum match (`pypinyin.seg.mmseg.seg`, phrases only): the longest
    phrase met while the leading characters still start some phrase, else one character — or,
    when all that is left starts a phrase without being one, each character left."""
    pieces: list[str] = []
    remain = text
    while remain:
        _, phrases, prefixes = _bucket(remain[0])
        piece = ""
        for end in range(1, len(remain) + 1):
            if remain[:end] not in prefixes:
                break
            if remain[:end] in phrases:
                piece = remain[:end]
        else:
            if not piece:
                pieces.extend(remain)
                break
        piece = piece or remain[0]
        pieces.append(piece)
        remain = remain[len(piece) :]
    return pieces
