"""Finding glossary terms in text: English renderings and Chinese forms, with offsets.

English: one Aho-Corasick automaton over every rendering's `normalize_english` key (plus the
head noun's other number and the form without a trailing "(ABBR)", see `wording`), run over the
text folded the same way (`folding`); word boundaries are checked after matching and the longest
match wins. The folded text keeps a map back to the original offsets, so hits point at the page
as written. The automaton is built once per glossary and pickled in `paths.cache_dir()` under
the glossary's content hash.

Chinese: an automaton over every Simplified and Traditional form finds candidates; a candidate
counts only if both its ends fall on word boundaries of `zhen.chinese.segment`'s glossary-aware
segmentation, and where candidates overlap the longest wins (中共中央政治局常委 over 中共中央).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhen import paths
from zhen.cache import cached
from zhen.gcpause import cyclic_gc_paused
from zhen.glossary.model import Concept, Glossary, Status
from zhen.offsets import LineIndex
from zhen.terms.folding import WORD_CHARS, FoldedText, WordChars, fold_text, is_word_char
from zhen.terms.wording import rendering_keys
from zhen.types import Language, TermHit

__all__ = ["ChineseMatcher", "EnglishMatcher", "glossary_key"]

# Bump when the pickled index layout or the key derivation changes: old cache files are ignored.
INDEX_FORMAT = "en-index-6"

_STATUS_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.SUPERSEDED: 2,
                 Status.DEPRECATED: 3}


@dataclass(frozen=True)
class _Form:
    """What a key stands for: a rendering of a concept, with its status."""

    concept_id: str
    rendering: str
    status: Status
    approved: str


def glossary_key(glossary: Glossary) -> str:
    """The glossary's content hash, or for an in-memory glossary a hash of its concepts."""
    if glossary.digest:
        return glossary.digest
    digest = hashlib.sha256()
    for concept in glossary.concepts:
        digest.update(repr((concept.id, concept.chinese_forms,
                            [(r.text, r.status.value) for r in concept.english])).encode())
    return "mem-" + digest.hexdigest()


def _approved_text(concept: Concept) -> str:
    preferred = concept.preferred
    return preferred.text if preferred else ""


def _english_forms(glossary: Glossary) -> dict[str, _Form]:
    """key → form; exact keys beat derived ones, then preferred beats admitted beats the rest."""
    ranked: dict[str, tuple[tuple[int, int], _Form]] = {}
    for concept in glossary.concepts:
        approved = _approved_text(concept)
        for rendering in concept.english:
            form = _Form(concept.id, rendering.text, rendering.status, approved)
            for derived, key in enumerate(rendering_keys(rendering.text)):
                if not key:
                    continue
                rank = (min(derived, 1), _STATUS_ORDER[rendering.status])
                if key not in ranked or rank < ranked[key][0]:
                    ranked[key] = (rank, form)
    return {key: form for key, (_, form) in ranked.items()}


class _EnglishIndex:
    """The automaton and the table its integer values point into; pickled as a whole."""

    def __init__(self, forms: dict[str, _Form]):
        import ahocorasick

        self.keys = sorted(forms)
        self.forms = [forms[key] for key in self.keys]
        self.ascii_only = all(key.isascii() for key in self.keys)
        self.approved = [form.status.approved for form in self.forms]
        self.lengths = [len(key) for key in self.keys]
        self.word_first = [is_word_char(key[0]) for key in self.keys]
        self.word_last = [is_word_char(key[-1]) for key in self.keys]
        self.records = [{"concept_id": form.concept_id, "language": Language.EN,
                         "status": form.status.value, "approved": form.approved,
                         "rendering": form.rendering} for form in self.forms]
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, key in enumerate(self.keys):
            self.automaton.add_word(key, index)
        if self.keys:
            self.automaton.make_automaton()

    def keeps_nested(self, inner: int, outer: int) -> bool:
        """An approved rendering inside an approved one of another concept is reported too."""
        return (self.approved[inner] and self.approved[outer]
                and self.forms[inner].concept_id != self.forms[outer].concept_id)


_english_indexes: dict[str, _EnglishIndex] = {}
_index_lock = threading.Lock()


def _cache_name(key: str) -> str:
    """The index's file under the cache dir: a new INDEX_FORMAT never reads an old layout."""
    name = hashlib.sha256(f"{INDEX_FORMAT}\0{key}".encode()).hexdigest()[:32]
    return f"matcher/{name}.pickle"


def _cache_file(key: str) -> Path:
    return paths.cache_dir() / _cache_name(key)


def _pickled(index: _EnglishIndex) -> bytes:
    return pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> _EnglishIndex:
    index = pickle.loads(data)
    if not isinstance(index, _EnglishIndex):
        raise TypeError(f"not an English index: {type(index).__name__}")
    return index


def _english_index(glossary: Glossary) -> _EnglishIndex:
    key = glossary_key(glossary)
    index = _english_indexes.get(key)
    if index is not None:
        return index
    with _index_lock:
        index = _english_indexes.get(key)
        if index is None:
            index = cached(_cache_name(key), lambda: _EnglishIndex(_english_forms(glossary)),
                           dump=_pickled, load=_unpickled)
            _english_indexes[key] = index
    return index


Candidate = tuple[int, int, int]  # (start, end, value)


def _longest_first(candidates: list[Candidate],
                   keep_nested: Callable[[int, int], bool] | None = None) -> list[Candidate]:
    """Non-overlapping candidates in text order; where some overlap, the longest wins (then the
    leftmost). A candidate inside a winner is kept too when `keep_nested(inner, outer)` says so
    ("new quality productive forces" inside a longer admitted phrase is still a correct use).
    Overlaps are rare, so they are settled cluster by cluster."""
    candidates.sort()
    kept: list[Candidate] = []

    def flush(cluster: list[Candidate]) -> None:
        kept.extend(cluster if len(cluster) < 2 else _settle(cluster, keep_nested))

    cluster: list[Candidate] = []
    cluster_end = -1
    for candidate in candidates:
        if candidate[0] >= cluster_end:
            flush(cluster)
            cluster = [candidate]
            cluster_end = candidate[1]
        else:
            cluster.append(candidate)
            if candidate[1] > cluster_end:
                cluster_end = candidate[1]
    flush(cluster)
    return kept


def _settle(cluster: list[Candidate],
            keep_nested: Callable[[int, int], bool] | None) -> list[Candidate]:
    if len(cluster) < 2:
        return cluster
    chosen: list[Candidate] = []
    nested: list[Candidate] = []
    for candidate in sorted(cluster, key=lambda c: (c[0] - c[1], c[0])):
        if not any(_overlap(candidate, other) for other in chosen):
            chosen.append(candidate)
        elif (keep_nested is not None
              and any(_inside(candidate, other) and keep_nested(candidate[2], other[2])
                      for other in chosen)
              and not any(_overlap(candidate, other) for other in nested)):
            nested.append(candidate)
    return sorted(chosen + nested)


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


class EnglishMatcher:
    """Every glossary rendering in an English text, longest first, on word boundaries."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._index = _english_index(glossary)

    def find(self, text: str) -> list[TermHit]:
        """Hits in `text` order; offsets, lines and columns point into `text` as given."""
        index = self._index
        if not index.keys or not text:
            return []
        folded = fold_text(text, index.ascii_only)
        records = index.records
        folded_starts, original_starts = folded.folded_starts, folded.original_starts
        last_piece = len(folded_starts) - 1
        piece = 0
        line, line_start, position = 1, 0, 0
        count, rfind = text.count, text.rfind
        hits = []
        append = hits.append
        with cyclic_gc_paused():  # many TermHits, no cycles
            for start, end, value in self.find_folded(folded):
                # Folded → original offsets: the candidates come in text order, so the fold's
                # breakpoints are walked once instead of searched for each hit.
                while piece < last_piece and folded_starts[piece + 1] <= start:
                    piece += 1
                end_piece = piece
                while end_piece < last_piece and folded_starts[end_piece + 1] < end:
                    end_piece += 1
                start += original_starts[piece] - folded_starts[piece]
                end += original_starts[end_piece] - folded_starts[end_piece]
                newlines = count("\n", position, start)
                if newlines:
                    line += newlines
                    line_start = rfind("\n", position, start) + 1
                position = start
                append(_term_hit(records[value], text[start:end], start, end, line,
                                 start - line_start + 1))
        return hits

    def find_folded(self, folded: FoldedText) -> list[Candidate]:
        """(start, end, form index) in folded offsets: the matching core, without records."""
        index = self._index
        lengths, word_first, word_last = index.lengths, index.word_first, index.word_last
        text = folded.text
        size = len(text)
        word = WORD_CHARS if index.ascii_only else WordChars()
        candidates = []
        append = candidates.append
        for last, value in index.automaton.iter(text):
            start = last - lengths[value] + 1
            if start and word_first[value] and text[start - 1] in word:
                continue
            last += 1
            if last < size and word_last[value] and text[last] in word:
                continue
            append((start, last, value))
        return _longest_first(candidates, index.keeps_nested)


_new = object.__new__
_set = object.__setattr__


def _term_hit(record: dict, text: str, start: int, end: int, line: int, column: int) -> TermHit:
    """A TermHit without the frozen dataclass's per-field __setattr__ (hits can be many)."""
    hit = _new(TermHit)
    _set(hit, "__dict__", {**record, "text": text, "start": start, "end": end, "line": line,
                           "column": column})
    return hit


_CHINESE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u300c": '"', "\u300d": '"',
                                 "\u300e": '"', "\u300f": '"', "\u2018": "'", "\u2019": "'"})


@dataclass(frozen=True)
class _ChineseIndex:
    automaton: object
    forms: tuple[tuple[str, str, str], ...]  # (concept id, form as in the glossary, approved)
    words: tuple[str, ...]


_chinese_indexes: dict[str, _ChineseIndex] = {}


def _chinese_index(glossary: Glossary) -> _ChineseIndex:
    key = glossary_key(glossary)
    index = _chinese_indexes.get(key)
    if index is None:
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        forms: list[tuple[str, str, str]] = []
        for concept in glossary.concepts:
            for form in concept.chinese_forms:
                folded = form.translate(_CHINESE_QUOTES)
                if folded and folded not in automaton:
                    automaton.add_word(folded, len(forms))
                    forms.append((concept.id, form, _approved_text(concept)))
        if forms:
            automaton.make_automaton()
        words = tuple(form for _, form, _ in forms)
        index = _chinese_indexes[key] = _ChineseIndex(automaton, tuple(forms), words)
    return index


class ChineseMatcher:
    """Every glossary term in a Chinese text (Simplified or Traditional) on word boundaries."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._index = _chinese_index(glossary)

    def find(self, text: str) -> list[TermHit]:
        index = self._index
        if not index.forms or not text:
            return []
        folded = text.translate(_CHINESE_QUOTES)
        candidates = [(last - len(index.forms[value][1]) + 1, last + 1, value)
                      for last, value in index.automaton.iter(folded)]
        if not candidates:
            return []
        boundaries = self._word_boundaries(text)
        candidates = [c for c in candidates if c[0] in boundaries and c[1] in boundaries]
        lines = LineIndex(text)
        hits = []
        for start, end, value in _longest_first(candidates):
            concept_id, form, approved = index.forms[value]
            line, column = lines.line_column(start)
            hits.append(TermHit(concept_id, text[start:end], start, end, line, column, Language.ZH,
                                Status.PREFERRED.value, approved, form))
        return hits

    def _word_boundaries(self, text: str) -> set[int]:
        from zhen.chinese import segment

        boundaries = {0, len(text)}
        for token in segment.segment(text, extra_words=self._index.words):
            boundaries.add(token.start)
            boundaries.add(token.end)
        return boundaries
