"""Pinyin with pypinyin, the one place zhen calls it: syllables for names, toneless keys for
search, readings for words a dictionary lacks.

pypinyin loads its phrase tables on first use (~0.2 s) and is not thread-safe while doing so,
so every call goes through one lock.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()


def syllables(text: str) -> list[str]:
    """Toneless syllables, ü written as ü ("lü"): 林雨晨 → ["lin", "yu", "chen"]."""
    with _lock:
        from pypinyin import Style, lazy_pinyin

        return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


@lru_cache(maxsize=65536)
def toneless(text: str) -> str:
    """新质生产力 → "xinzhishengchanli": what a user types without tones or spaces."""
    return "".join(syllables(text)).replace("ü", "v").lower()


