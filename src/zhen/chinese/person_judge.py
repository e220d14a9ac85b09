"""Judging a stretch of a Chinese span as a person name: the candidates name finding keeps.

`Candidates` holds the names found so far with the strength of their evidence, and says no to a
candidate the text speaks against (`zhen.chinese.persons` lists the rules); `zhen.chinese.
person_finder` proposes the candidates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from zhen.chinese import person_cues as cue
from zhen.chinese.names import COMMON_SURNAMES, COMPOUND_SURNAMES, romanize_name
from zhen.chinese.people import WordKind, people, word_kinds
from zhen.chinese.script import HAN_WORD

LABELLED, CONTEXT, SHAPE = 3, 2, 1  # strengths of evidence
_LONGEST_NAME = 8  # characters, a listed foreign name's


class Word(NamedTuple):
    """A jieba word as name finding sees it: where it is in the span, its tag, and whether it
    is in jieba's dictionary (False: the HMM made it). A tuple: spans make many."""

    start: int
    end: int
    tag: str
    known: bool


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    romanized: str
    strength: int


@dataclass
class _Found:
    end: int
    reading: str | None
    strength: int


class Candidates:
    def __init__(self, key: str, words: Sequence[Word], tag_of: Callable[[str], str]):
        self.key = key
        self.words = list(words)
        self.tag_of = tag_of
        self.starts = {word.start: index for index, word in enumerate(self.words)}
        self.word_starts = [word.start for word in self.words]
        self.ends = {word.end for word in self.words}
        self.found: dict[int, _Found] = {}
        self.strength = [0] * len(key)  # of the name covering each character
        self._kinds: dict[str, WordKind | None] = {}

    # -- evidence -----------------------------------------------------------------------------

    def take(self, start: int, end: int, strength: int, *, surname: str | None = None,
             label: bool = False, reading: str | None = None) -> bool:
        """Take key[start:end] for a name unless evidence speaks against it. `surname`: it must
        start with a "common" surname, "any" CC-CEDICT surname jieba can read as one, or any
        surname CC-CEDICT "listed" (令, which jieba reads as a verb)."""
        key = self.key
        candidate = key[start:end].replace(" ", "").replace("\u3000", "")
        longest = 8 if reading is not None else 4
        if not 2 <= len(candidate) <= longest or max(self.strength[start:end]) >= strength:
            return False
        if surname is not None and not self._has_surname(candidate, surname):
            return False
        if not self._plausible(start, end, candidate, strength, label, reading):
            return False
        self._clear_overlaps(start, end)  # weaker names in the way (邹家 under 邹家成)
        kind = self._kind(candidate)
        if reading is None and kind is WordKind.PERSON:
            reading = people().persons.get(candidate)
        self.found[start] = _Found(end, reading, strength)
        self.strength[start:end] = [strength] * (end - start)
        return True

    def _clear_overlaps(self, start: int, end: int) -> None:
        if not any(self.strength[start:end]):
            return
        for other in range(max(0, start - _LONGEST_NAME), end):
            found = self.found.get(other)
            if found is not None and found.end > start:
                del self.found[other]
                self.strength[other : found.end] = [0] * (found.end - other)

    def _plausible(self, start: int, end: int, candidate: str, strength: int, label: bool,
                   reading: str | None) -> bool:
        key = self.key
        if reading is None and any(c in cue.NOT_IN_GIVEN_NAMES for c in candidate[1:]):
            return False  # 都是对
        kind = self._kind(candidate)
        if kind is WordKind.COMMON or (kind is WordKind.PROPER and not label):
            return False
        if reading is None and (self._foreign_around(start, end) or self._belongs_to_next(end)):
            return False
        if reading is not None and self._belongs_to_next(end):
            return False
        if strength > SHAPE:
            return True
        given = candidate[2:] if candidate[:2] in COMPOUND_SURNAMES else candidate[1:]
        if len(candidate) == 4 and candidate[:2] not in COMPOUND_SURNAMES:
            return False
        if candidate[-1] in cue.PLACE_SUFFIX or any(c in cue.TRANSLITERATION for c in given):
            return False
        if len(candidate) == 3 and self._is_word(candidate[:2]) and (
                candidate[:2] not in COMPOUND_SURNAMES):
            return False  # 高端化, 明星读, 兰花图; not 东方朔
        if key[end : end + 1] in ("〔", "[", "［"):
            return False  # a document number: 鲁政发〔2014〕
        if cue.ALIAS.search(key, 0, start) and key[end : end + 1] in "”」\"'":
            return False  # 以下简称“沙利文”: an organization's short name
        if len(candidate) == 2:  # a subject and its verb (张涛看望, 卢宇表示); not 锣鼓齐鸣。
            return not self._is_word(key[end - 1 : end + 1]) and self._predicate_after(end)
        return True

    def _predicate_after(self, end: int) -> bool:
        word = self._word_at(end)
        if word is None:  # 陆聿 + 的, one word to jieba
            return self.key[end : end + 1] in cue.STOP and end + 1 < len(self.key)
        if word.end == len(self.key) and word.end - word.start == 1:
            return False  # 濱海童樂會: a last character, not a verb
        return word.tag[:1] in ("v", "d", "p", "c", "u")

    def _has_surname(self, candidate: str, which: str) -> bool:
        if candidate[:2] in COMPOUND_SURNAMES and len(candidate) >= 3:
            return True
        first = candidate[0]
        if first in COMMON_SURNAMES:
            return True
        if which == "common" or first not in people().surnames:
            return False
        return which == "listed" or self.tag_of(first) in cue.SURNAME_TAGS

    def _foreign_around(self, start: int, end: int) -> bool:
        """Part of a foreign name: a joining mark or a transliterated word next to it."""
        key = self.key
        while start > 0 and han(key[start - 1]):
            start -= 1
        while end < len(key) and han(key[end]):
            end += 1
        for outside, beyond in ((start - 1, start - 2), (end, end + 1)):
            if 0 <= outside < len(key) and key[outside] in cue.FOREIGN_JOINERS and (
                    0 <= beyond < len(key) and han(key[beyond])):
                return True
        neighbours = (self._containing(start - 1), self._word_at(end))
        return any(word is not None and word.tag == "nrt" for word in neighbours)

    def _belongs_to_next(self, end: int) -> bool:
        return self._next_text(end) in cue.BELONGS_TO

    def names(self) -> list[Name]:
        out = []
        for start, found in sorted(self.found.items()):
            name = self.key[start : found.end].replace(" ", "").replace("\u3000", "")
            surname = self._has_surname(name, "listed")
            out.append(Name(start, found.end,
                            found.reading or romanize_name(name, surname=surname), found.strength))
        return out

    # -- small look-ups -----------------------------------------------------------------------

    def _kind(self, word: str) -> WordKind | None:
        if word not in self._kinds:
            self._kinds[word] = word_kinds([word]).get(word)
        return self._kinds[word]

    def _is_word(self, text: str) -> bool:
        return self._kind(text) is not None

    def _edge(self, position: int) -> bool:
        """A word edge, or a point inside a word the HMM made (those may be cut)."""
        if position in self.ends or position in self.starts or position >= len(self.key):
            return True
        word = self._containing(position)
        return word is not None and not word.known

    def _word_at(self, start: int) -> Word | None:
        index = self.starts.get(start)
        return None if index is None else self.words[index]

    def _next_text(self, start: int) -> str:
        word = self._word_at(start)
        return "" if word is None else self.key[word.start : word.end]

    def _containing(self, position: int) -> Word | None:
        if position < 0:
            return None
        index = bisect_right(self.word_starts, position) - 1
        if index >= 0 and position < self.words[index].end:
            return self.words[index]
        return None


def han(text: str) -> bool:
    return bool(text) and HAN_WORD.fullmatch(text) is not None
