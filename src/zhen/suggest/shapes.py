"""What a term candidate may look like, in Chinese and in English: the stop-phrase rules.

Chinese (words as jieba cuts them, tags as `zhen.chinese.segment.word_tag` gives them): two to four
words, all Han; no person name (nr, nrfg, nrt); no structural particle inside (的, 了, 着, 过);
not only numerals, measure words, time or place words (dates, figures, 上半年); the first word
not a conjunction, preposition, particle, pronoun, adverb or time word; the last word not one
of those nor a numeral, measure word or localizer; and neither end a word from `CHINESE_STOP`
(reporting verbs such as 强调 and 表示, which make stock phrases like 会议强调).

English (words of text folded like `normalize_english`): two to five words of letters and
digits, no word a number, neither end a word from `ENGLISH_STOP` (function words, pronouns,
auxiliaries, reporting verbs), not only month or weekday names; and, as written, not a person's
name in pinyin (a common Chinese surname and one or two capitalized words: "Li Qiang").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from zhen.chinese.names import COMMON_SURNAMES, COMPOUND_SURNAMES, romanize_name
from zhen.chinese.script import HAN_WORD
from zhen.terms.wording import word_set

LONGEST_CHINESE = 4  # words of a Chinese candidate: 西部 陆海 新 通道
LONGEST_ENGLISH = 5  # words of an English candidate: new western land sea corridor
LONGEST_RENDERING = 6  # words of an English phrase seen near a Chinese candidate

_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_PARTICLE_TAGS = frozenset({"uj", "ul", "uz", "ug"})
_NUMBER_TAGS = frozenset({"m", "mq", "q", "t", "tg", "f"})
_FUNCTION_TAGS = frozenset({"c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o",
                            "r", "rr", "rz", "d", "dg", "t", "tg", "x"})
_START_STOP_TAGS = _FUNCTION_TAGS
_END_STOP_TAGS = _FUNCTION_TAGS | {"m", "mq", "q", "f"}

CHINESE_STOP = word_set("""
强调 指出 表示 认为 提出 要求 称 说 介绍 透露 宣布 发布 召开 举行 会议 记者 报道 获悉 据悉
进行 开展 加以 予以 有关 相关 一些 各类 各项 各种 这些 那些 其中 以及 还是 已经 正在 目前
""")

ENGLISH_STOP = word_set("""
a an the and or but nor of in on at to for from by with without within into onto as than then
so such that this these those there here it its it's is are was were be been being am do does
did done has have had having will would shall should can could may might must not no also very
more most much many some any each every all both either neither other another own same just
only even still yet again about above below over under after before between among through
during against along across around since until while when where which who whom whose what why
how he him his she her they them their we us our you your i me my one ones said says say saying
stressed noted urged called added told according including include includes well year years
day days time times
""")
_CALENDAR = word_set("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""")
_ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
ENGLISH_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|\S")


def chinese_shape(words: tuple[str, ...], tag: Callable[[str], str]) -> bool:
    """Whether Chinese `words` may be a term (see the module docstring)."""
    if not 2 <= len(words) <= LONGEST_CHINESE:
        return False
    if words[0] in CHINESE_STOP or words[-1] in CHINESE_STOP:
        return False
    if not HAN_WORD.fullmatch("".join(words)):
        return False
    tags = [tag(word) for word in words]
    if tags[0] in _START_STOP_TAGS or tags[-1] in _END_STOP_TAGS:
        return False
    if any(t in _NAME_TAGS or t in _PARTICLE_TAGS for t in tags):
        return False
    return not all(t in _NUMBER_TAGS for t in tags)


def english_words(folded: str) -> list[str]:
    """Words and punctuation of folded English text; a punctuation token ends every n-gram."""
    return ENGLISH_TOKEN.findall(folded)


def english_shape(words: tuple[str, ...], shortest: int = 2,
                  longest: int = LONGEST_ENGLISH) -> bool:
    """Whether English `words` (folded) may be a term or a rendering."""
    if not shortest <= len(words) <= longest:
        return False
    if words[0] in ENGLISH_STOP or words[-1] in ENGLISH_STOP:
        return False
    for word in words:
        if not _ENGLISH_WORD.fullmatch(word) or word.isdigit():
            return False
    return not all(word in _CALENDAR for word in words)


def is_person_name(written: str) -> bool:
    """"Li Qiang", "Ding Xuexiang": a pinyin surname and one or two capitalized words."""
    parts = written.split()
    if not 2 <= len(parts) <= 3 or not all(part[:1].isupper() for part in parts):
        return False
    return parts[0] in _pinyin_surnames()


@cache
def _pinyin_surnames() -> frozenset[str]:
    surnames = {romanize_name(surname) for surname in COMMON_SURNAMES}
    surnames.update(reading.capitalize() for reading in COMPOUND_SURNAMES.values())
    return frozenset(surnames)
