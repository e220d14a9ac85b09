"""The embedded engine: what zhen translates with when no Argos model is installed.

In order of trust: a curated memory of common web-page boilerplate (data/boilerplate.tsv), the
glossary's approved renderings, romanized person names, and — for everything else — a
word-by-word CC-CEDICT gloss. Any sentence that needed the dictionary is marked with GLOSS_MARK,
so no reader mistakes a gloss for a translation.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from itertools import accumulate
from typing import NamedTuple

from zhen.cache import cached, installed_version
from zhen.chinese.cedict import dictionary
from zhen.chinese.convert import traditional_forms
from zhen.chinese.pinyin import toneless
from zhen.chinese.script import HAN
from zhen.chinese.segment import segment
from zhen.glossary.model import Glossary
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.base import Translator
from zhen.translate.enforce import approved_renderings
from zhen.types import Token

GLOSS_MARK = "[gloss]"
_WORDS_REMEMBERED = 200_000  # words whose glossary and boilerplate renderings are kept

# "1." "2、" "(3)" "（4）" at the start of a list item: kept as written.
_ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.、)]|[(（]\s*\d+\s*[)）])\s*")
# Clause boundaries inside a sentence (white space separates items of a menu); the punctuation
# is kept and rendered in English.
# An ASCII comma or colon between digits (6,500 or 10:30) belongs to the number.
_CLAUSE = re.compile(r"((?:[，;；：、。！？!?]|(?<!\d)[,:]|[,:](?!\d))+|\s+)")
# Digits and Latin letters joined by - : / . , (2019-03-06, 10:30, COVID-19): one piece of
# English, written as the page wrote it.
_JOINED = re.compile(r"[0-9A-Za-z]+(?:[-:/.,][0-9A-Za-z]+)+")
_TRAILING = re.compile(r"[\s,，;；:：、。！？!?.…]+$")
# Chinese punctuation → English, and whether it opens (no space after) or closes (none before).
_OPENING = dict(zip("（(“‘《【[", '(("\'"[[', strict=True))
_CLOSING = dict(zip("，、；：。！？）”’》】,;:!?.)]", ',,;:.!?)"\'"],;:!?.)]', strict=True))
_CLOSING["…"] = "..."
# 2024年4月23日, 4月23日, 2024年4月: datelines are boilerplate too.
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)(?:(\d{1,2})\s*[日号])?")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def boilerplate_key(text: str) -> str:
    """How a boilerplate string is looked up: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@cache
def boilerplate() -> dict[str, str]:
    """The shipped boilerplate memory: normalized Chinese (Simplified and every Traditional
    spelling OpenCC gives) → English; the table is cached per content of the file and OpenCC
    version, since loading OpenCC's three Traditional converters costs ~50 ms a process."""
    text = files("zhen").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")

    def build() -> dict[str, str]:
        table: dict[str, str] = {}
        rows = [line.split("\t") for line in text.splitlines()
                if line and not line.startswith("#")]
        for zh, en, *_ in rows[1:]:  # the first row names the columns
            table[boilerplate_key(zh)] = en
            for traditional in traditional_forms(zh):
                table.setdefault(boilerplate_key(traditional), en)
        return table

    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    name = f"boilerplate-{digest}-opencc{installed_version('opencc')}.marshal"
    return cached(name, build, dump=marshal.dumps, load=_table)


def _table(data: bytes) -> dict[str, str]:
    table = marshal.loads(data)
    if not isinstance(table, dict):
        raise ValueError("not a table")
    return table


class Rendered(NamedTuple):
    """A piece of English, whether the dictionary made it, and how it joins its neighbours (a
    named tuple: a long page makes millions, and a frozen dataclass is slow to make)."""

    text: str
    is_gloss: bool = False
    attach: str = "word"  # "word": spaced; "open": no space after; "close": no space before


def _punctuation(text: str) -> list[Rendered]:
    pieces = []
    for character in text.strip():
        if character in _OPENING:
            pieces.append(Rendered(_OPENING[character], attach="open"))
        elif character in _CLOSING:
            pieces.append(Rendered(_CLOSING[character], attach="close"))
        elif not character.isspace():
            pieces.append(Rendered(character))
    return pieces


def _join(pieces: Sequence[Rendered]) -> str:
    out: list[str] = []
    previous = "open"  # nothing before the first piece
    for piece in pieces:
        if piece.text and piece.attach != "close" and previous != "open":
            out.append(" ")
        out.append(piece.text)
        previous = piece.attach if piece.text else previous
    return "".join(out)


class FallbackTranslator(Translator):
    """Chinese → English without a model; never needs the network."""

    name = "fallback"
    use_memory = False  # its output is cheap to remake and must not pass for a translation

    def __init__(
        self, glossary: Glossary | None = None, *, prefer: Mapping[str, str] | None = None
    ):
        """`prefer` picks another approved rendering for some terms, as the Argos engine does."""
        self.glossary = glossary
        self.renderings: dict[str, str] = {}
        self._cuts: dict[str, _Cut] = {}  # sentence → the page's words, while a page is done
        self._by_text: dict[str, tuple[str | None, str | None]] = {}  # word → _look_up
        self.replacements: dict[str, str] = {}
        if glossary is not None:
            self.renderings = approved_renderings(glossary, prefer)
            self.replacements = retired_words(glossary)
            add_glossary_words(glossary)  # its terms must come out of segmentation whole

    @contextlib.contextmanager
    def page_words(self, segments: Sequence[tuple[str, Sequence[Token]]]) -> Iterator[None]:
        """The page's words for its sentences: each clause is then cut from them, not by the
        segmenter again (cutting every clause anew took most of `zhen page` on a long page)."""
        self._cuts = _sentence_cuts(segments, self.split_sentences)
        try:
            yield
        finally:
            self._cuts = {}

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        return [self.render(text) for text in texts]

    def render(self, text: str) -> str:
        if not HAN.search(text):
            return text
        pieces = _recall(text) or self._clauses(text, self._cuts.get(text) or _own_cut(text))
        english = _join(pieces)
        return f"{GLOSS_MARK} {english}" if any(piece.is_gloss for piece in pieces) else english

    def _clauses(self, text: str, cut: _Cut | None = None) -> list[Rendered]:
        pieces: list[Rendered] = []
        offset = 0
        for part in _CLAUSE.split(text):
            if part and _CLAUSE.fullmatch(part):
                pieces.extend(_punctuation(part))
            elif part:
                pieces.extend(_recall(part) or self._dated_words(part, cut, offset))
            offset += len(part)
        return pieces

    def _dated_words(self, clause: str, cut: _Cut | None, offset: int) -> list[Rendered]:
        pieces, position = [], 0
        for match in _DATE.finditer(clause):
            date = _english_date(*match.groups())
            if date is None:
                continue
            if match.start() > position:
                pieces.extend(self._words(clause[position : match.start()], cut,
                                          offset + position))
            pieces.append(Rendered(date))
            position = match.end()
        if position < len(clause):
            pieces.extend(self._words(clause[position:], cut, offset + position))
        return pieces

    def _words(self, clause: str, cut: _Cut | None = None, offset: int = 0) -> list[Rendered]:
        words = cut.words(offset, offset + len(clause)) if cut is not None else None
        tokens = _joined_numbers(
            [token for token in (words or segment(clause)) if token.text.strip()], clause)
        known = [self._known(token) for token in tokens]
        unknown = [t.text for t, k in zip(tokens, known, strict=True) if k is None and
                   HAN.search(t.text)]
        glosses = dictionary().lookup(unknown)
        pieces = []
        for token, rendering in zip(tokens, known, strict=True):
            if rendering is not None:
                pieces.append(Rendered(rendering))
            elif HAN.search(token.text):
                gloss = _gloss_word(token.text, glosses)
                gloss = self.replacements.get(gloss, gloss)
                pieces.append(Rendered(gloss, is_gloss=True))
            elif any(character.isalnum() for character in token.text):
                pieces.append(Rendered(token.text.strip()))
            else:
                pieces.extend(_punctuation(token.text))
        return pieces

    def _known(self, token) -> str | None:
        """A glossary term's approved rendering, a person's name (a word name finding took
        for one, `zhen.chinese.persons`), or a boilerplate word."""
        term, boilerplate_word = self._by_text.get(token.text) or self._look_up(token.text)
        if term is not None:
            return term
        if token.romanized:
            return token.romanized
        return boilerplate_word

    def _look_up(self, text: str) -> tuple[str | None, str | None]:
        """(the glossary's rendering, the boilerplate memory's) of a word, once per word."""
        term = None
        if self.glossary is not None:
            concept = self.glossary.by_chinese(text)
            if concept is not None:
                term = self.renderings.get(concept.id)
        word = boilerplate().get(boilerplate_key(text)) if len(text) > 1 else None
        if len(self._by_text) >= _WORDS_REMEMBERED:
            self._by_text.clear()
        self._by_text[text] = (term, word)
        return term, word


@dataclass(frozen=True)
class _Cut:
    """A sentence's words as the page cut them: where each starts in the sentence."""

    starts: list[int]
    tokens: list[Token]
    length: int

    def words(self, start: int, end: int) -> list[Token] | None:
        """The words of sentence[start:end], if words begin at both ends; else None."""
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        starts_at = first < len(self.starts) and self.starts[first] == start
        ends_at = end == self.length or (last < len(self.starts) and self.starts[last] == end)
        return self.tokens[first:last] if starts_at and ends_at else None


def _joined_numbers(tokens: list[Token], clause: str) -> list[Token]:
    """Tokens the segmenter split out of one run like 2019-03-06 or 10:30, made one token again
    (runs are found in the clause text, so a page's cut and a fresh one are treated alike)."""
    runs = [match.span() for match in _JOINED.finditer(clause)]
    if not runs:
        return tokens
    spans, position = [], 0
    for token in tokens:
        start = clause.find(token.text, position)
        if start < 0:  # the tokens are not the clause's: leave them be
            return tokens
        position = start + len(token.text)
        spans.append((start, position))
    # a run is joined only when no token crosses its edges
    whole = [(a, b) for a, b in runs
             if not any(s < a < e or s < b < e for s, e in spans)]
    joined: list[Token] = []
    for token, (start, _) in zip(tokens, spans, strict=True):
        run = next(((a, b) for a, b in whole if a <= start < b), None)
        if run is None:
            joined.append(token)
        elif start == run[0]:
            joined.append(replace(token, text=clause[run[0]:run[1]], pos="m", romanized=None))
    return joined


def _own_cut(text: str) -> _Cut | None:
    """A sentence's words when the page gave none (a text to translate on its own): cut whole
    once, so a name has its sentence's evidence (in "责任编辑：龙慧" the clause 龙慧 has none)."""
    tokens = segment(text)
    starts = list(accumulate((len(token.text) for token in tokens), initial=0))
    return _Cut(starts[:-1], tokens, len(text)) if starts[-1] == len(text) else None


_retired: dict[str, dict[str, str]] = {}  # by glossary key: read once per glossary


def retired_words(glossary: Glossary) -> dict[str, str]:
    """Words of names the glossary retires → the word it uses instead, read off the names that
    differ in that word only: "Tibet Autonomous Region" (superseded) and "Xizang Autonomous
    Region" (preferred) give Tibet → Xizang. A dictionary gloss never uses a word the glossary
    retired (西藏 is "Xizang", not CC-CEDICT's "Tibet")."""
    known = _retired.get(glossary.key)
    if known is None:
        known = _retired[glossary.key] = _read_retired_words(glossary)
    return known


def _read_retired_words(glossary: Glossary) -> dict[str, str]:
    replacements: dict[str, str] = {}
    for concept in glossary:
        preferred = concept.preferred
        if preferred is None:
            continue
        for retired in concept.deprecated:
            old, new = retired.text.split(), preferred.text.split()
            names = all(word[:1].isupper() for word in old + new)  # proper names only
            if len(old) != len(new) or not names:
                continue
            changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
            if len(changed) == 1:
                replacements.setdefault(*changed[0])
    return replacements


def _sentence_cuts(segments: Sequence[tuple[str, Sequence[Token]]],
                   split: Callable[[str], list[str]]) -> dict[str, _Cut]:
    """Each sentence of each text (split as the translation service splits it) → its words,
    where the text's words cover it exactly and begin at both its ends."""
    cuts: dict[str, _Cut] = {}
    for text, tokens in segments:
        edges = list(accumulate((len(token.text) for token in tokens), initial=0))
        if not tokens or edges[-1] != len(text):
            continue
        starts = edges[:-1]
        cursor = 0
        for sentence in filter(None, map(str.strip, split(text))):
            start = text.find(sentence, cursor)
            if start < 0:
                continue
            cursor = end = start + len(sentence)
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            if first == len(starts) or starts[first] != start or sentence in cuts:
                continue
            if last == len(starts) and end != len(text) or last < len(starts) and \
                    starts[last] != end:
                continue
            cuts[sentence] = _Cut([s - start for s in starts[first:last]],
                                  list(tokens[first:last]), len(sentence))
    return cuts


def _recall(text: str) -> list[Rendered] | None:
    """A whole sentence or clause from the boilerplate memory, its number and end kept."""
    enumerator = _ENUMERATOR.match(text)
    prefix = enumerator.group(0) if enumerator else ""
    core = text[len(prefix) :]
    trailing = _TRAILING.search(core)
    ending = trailing.group(0) if trailing else ""
    core = core[: trailing.start()] if trailing else core
    english = boilerplate().get(boilerplate_key(core))
    if english is None:
        return None
    number = [Rendered(unicodedata.normalize("NFKC", prefix).strip())] if prefix else []
    return [*number, Rendered(english), *_punctuation(ending)]


def _english_date(year: str | None, month: str, day: str | None) -> str | None:
    """April 23, 2024 / April 23 / April 2024; None for a month that does not exist."""
    if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    name = _MONTHS[int(month) - 1]
    if day is None:
        return f"{name} {year}" if year else None
    return f"{name} {int(day)}, {year}" if year else f"{name} {int(day)}"


def _gloss_word(word: str, glosses: dict[str, str]) -> str:
    """A dictionary gloss; a word the dictionary lacks is split into words it has, or romanized."""
    if word in glosses:
        return glosses[word]

    pieces = dictionary().split(word)
    known = dictionary().lookup(pieces)
    return " ".join(known.get(piece) or _pinyin(piece) for piece in pieces)


def _pinyin(text: str) -> str:
    return toneless(text)
