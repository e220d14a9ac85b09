"""The embedded engine: what zhen translates with when no Argos model is installed.

In order of trust: a curated memory of common web-page boilerplate (data/boilerplate.tsv), the
glossary's approved renderings, romanized person names, and — for everything else — a
word-by-word CC-CEDICT gloss. Any sentence that needed the dictionary is marked with GLOSS_MARK,
so no reader mistakes a gloss for a translation.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from zhen.cache import cached, installed_version
from zhen.chinese.cedict import dictionary
from zhen.chinese.convert import traditional_forms
from zhen.chinese.pinyin import toneless
from zhen.chinese.script import HAN
from zhen.chinese.segment import romanize_name, segment
from zhen.glossary.model import Glossary
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.base import Translator
from zhen.translate.enforce import approved_renderings

GLOSS_MARK = "[gloss]"

# "1." "2、" "(3)" "（4）" at the start of a list item: kept as written.
_ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.、)]|[(（]\s*\d+\s*[)）])\s*")
# Clause boundaries inside a sentence (white space separates items of a menu); the punctuation
# is kept and rendered in English.
_CLAUSE = re.compile(r"([,，;；:：、。！？!?]+|\s+)")
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


@dataclass(frozen=True)
class Rendered:
    """A piece of English, whether the dictionary made it, and how it joins its neighbours."""

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
        if glossary is not None:
            self.renderings = approved_renderings(glossary, prefer)
            add_glossary_words(glossary)  # its terms must come out of segmentation whole

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        return [self.render(text) for text in texts]

    def render(self, text: str) -> str:
        if not HAN.search(text):
            return text
        pieces = _recall(text) or self._clauses(text)
        english = _join(pieces)
        return f"{GLOSS_MARK} {english}" if any(piece.is_gloss for piece in pieces) else english

    def _clauses(self, text: str) -> list[Rendered]:
        pieces: list[Rendered] = []
        for part in _CLAUSE.split(text):
            if not part:
                continue
            if _CLAUSE.fullmatch(part):
                pieces.extend(_punctuation(part))
            else:
                pieces.extend(_recall(part) or self._dated_words(part))
        return pieces

    def _dated_words(self, clause: str) -> list[Rendered]:
        pieces, position = [], 0
        for match in _DATE.finditer(clause):
            date = _english_date(*match.groups())
            if date is None:
                continue
            if match.start() > position:
                pieces.extend(self._words(clause[position : match.start()]))
            pieces.append(Rendered(date))
            position = match.end()
        if position < len(clause):
            pieces.extend(self._words(clause[position:]))
        return pieces

    def _words(self, clause: str) -> list[Rendered]:
        tokens = [token for token in segment(clause) if token.text.strip()]
        unknown = [t.text for t in tokens if HAN.search(t.text) and not self._known(t)]
        glosses = dictionary().lookup(unknown)
        pieces = []
        for token in tokens:
            known = self._known(token)
            if known is not None:
                pieces.append(Rendered(known))
            elif HAN.search(token.text):
                pieces.append(Rendered(_gloss_word(token.text, glosses), is_gloss=True))
            elif any(character.isalnum() for character in token.text):
                pieces.append(Rendered(token.text.strip()))
            else:
                pieces.extend(_punctuation(token.text))
        return pieces

    def _known(self, token) -> str | None:
        """A glossary term's approved rendering, a person's name, or a boilerplate word."""
        if self.glossary is not None:
            concept = self.glossary.by_chinese(token.text)
            if concept is not None and concept.id in self.renderings:
                return self.renderings[concept.id]
        if token.pos.startswith("nr") and HAN.search(token.text):
            return token.romanized or romanize_name(token.text)
        return boilerplate().get(boilerplate_key(token.text)) if len(token.text) > 1 else None



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
