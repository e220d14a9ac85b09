"""Read-only questions about a glossary: find concepts (`search`) and count them (`stats`).

Search accepts what a translator has at hand: Simplified or Traditional Chinese, English in any
case or hyphenation, toneless pinyin with or without spaces, or a concept id.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections import Counter
from dataclasses import dataclass

from zhen.chinese.convert import to_simplified
from zhen.chinese.pinyin import toneless
from zhen.chinese.script import has_han
from zhen.errors import GlossaryError
from zhen.glossary.model import Concept, Glossary, Status
from zhen.glossary.normalize import normalize_english


@dataclass(frozen=True)
class SearchHit:
    concept: Concept
    field: str  # what matched: id, zh, zh-hant, the rendering's status, or pinyin
    text: str  # the matched value
    exact: bool


def find_concept(glossary: Glossary, name: str) -> Concept | None:
    """The concept a user names: by id, any Chinese form (Simplified or Traditional, stored or
    converted), or its preferred English (compared as the checker compares English)."""
    name = name.strip()
    concept = glossary.get(name) or glossary.by_chinese(name)
    if concept is not None or not name:
        return concept
    if has_han(name):
        return glossary.by_chinese(to_simplified(name))
    key = _loose(name)
    named = [c for c in glossary if c.preferred is not None and _loose(c.preferred.text) == key]
    return named[0] if len(named) == 1 else None


def named_concept(glossary: Glossary, name: str) -> Concept:
    """`find_concept`, or a GlossaryError that says how concepts are named."""
    concept = find_concept(glossary, name)
    if concept is None:
        raise GlossaryError(f"no concept {name!r}: name one by id, Chinese form or preferred "
                            f"English (zhen glossary search {shlex.quote(name)} finds more)")
    return concept


def search(glossary: Glossary, query: str) -> list[SearchHit]:
    """Concepts matching `query`, exact matches first, one hit per concept."""
    query = query.strip()
    if not query:
        return []
    hits = []
    for concept in glossary:
        hit = _chinese_hit(concept, query) if has_han(query) else _latin_hit(concept, query)
        if hit:
            hits.append(hit)
    return sorted(hits, key=lambda hit: not hit.exact)


def _chinese_hit(concept: Concept, query: str) -> SearchHit | None:
    simplified = to_simplified(query)
    for field, forms in (("zh", concept.zh), ("zh-hant", concept.zh_traditional)):
        for form in forms:
            if form in (query, simplified):
                return SearchHit(concept, field, form, True)
    for form in concept.zh:
        if simplified in form or form in simplified:
            return SearchHit(concept, "zh", form, False)
    return None


def _latin_hit(concept: Concept, query: str) -> SearchHit | None:
    lowered = query.lower()
    if lowered == concept.id:
        return SearchHit(concept, "id", concept.id, True)
    key = _loose(query)
    partial = None
    for rendering in concept.english:
        text = _loose(rendering.text)
        if text == key:
            return SearchHit(concept, rendering.status.value, rendering.text, True)
        if partial is None and key in text:
            partial = SearchHit(concept, rendering.status.value, rendering.text, False)
    letters = re.sub(r"[^a-z]", "", _untoned(lowered))
    for form in concept.zh:
        if letters and letters == toneless(form):
            return SearchHit(concept, "pinyin", form, True)
    if partial:
        return partial
    for form in concept.zh:
        if len(letters) >= 3 and letters in toneless(form):
            return SearchHit(concept, "pinyin", form, False)
    if lowered in concept.id:
        return SearchHit(concept, "id", concept.id, False)
    return None


def _untoned(text: str) -> str:
    """Pinyin with tone marks as typed without: "shēngchǎnlì" → "shengchanli", "lǜ" → "lv"."""
    decomposed = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _loose(text: str) -> str:
    """Search ignores punctuation too: 'One Belt One Road' finds 'One Belt, One Road'."""
    return " ".join(re.sub(r"[^\w ]", " ", normalize_english(text)).split())


@dataclass(frozen=True)
class GlossaryStats:
    concepts: int
    files: int
    by_domain: dict[str, int]
    renderings_by_status: dict[str, int]
    without_source: tuple[str, ...]
    needs_review: tuple[str, ...]
    with_seen_variants: tuple[str, ...] = ()  # a non-preferred rendering attested on a real page
    superseded_undated: tuple[str, ...] = ()  # a superseded rendering without its `since` date


def stats(glossary: Glossary) -> GlossaryStats:
    statuses = Counter(r.status.value for concept in glossary for r in concept.english)
    return GlossaryStats(
        concepts=len(glossary),
        files=len(glossary.files),
        by_domain=dict(sorted(Counter(c.domain or "(none)" for c in glossary).items())),
        renderings_by_status={s: statuses.get(s, 0)
                              for s in ("preferred", "admitted", "superseded", "deprecated")},
        without_source=tuple(c.id for c in glossary if not c.sources),
        with_seen_variants=tuple(c.id for c in glossary if any(
            r.seen for r in c.english if r.status is not Status.PREFERRED)),
        superseded_undated=tuple(c.id for c in glossary if any(
            r.status is Status.SUPERSEDED and not r.since for r in c.english)),
        needs_review=tuple(c.id for c in glossary if c.needs_review),
    )
