"""English glossary renderings in text, with offsets: one Aho-Corasick pass over folded text.

One automaton holds every rendering's `normalize_english` key (plus the head noun's other
number and the form without a trailing "(ABBR)", see `zhen.terms.wording`); it runs over the
text folded the same way (`zhen.terms.folding`); word boundaries are checked after matching and
the longest match wins. The folded text keeps a map back to the original offsets, so hits point
at the page as written. The automaton is built once per glossary and pickled in the cache dir
under the glossary's content hash.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

from zhen import paths
from zhen.cache import cached
from zhen.gcpause import cyclic_gc_paused
from zhen.glossary.model import Glossary, Status
from zhen.terms.candidates import Candidate, longest_first
from zhen.terms.folding import WORD_CHARS, FoldedText, WordChars, fold_text, is_word_char
from zhen.terms.wording import rendering_keys
from zhen.types import Language, TermHit, fast_constructor

__all__ = ["EnglishMatcher"]

# Bump when the pickled index layout or the key derivation changes: old cache files are ignored.
INDEX_FORMAT = "en-index-8"

_STATUS_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.SUPERSEDED: 2,
                 Status.DEPRECATED: 3}

@dataclass(frozen=True)
class _Form:
    """What a key stands for: a rendering of a concept, with its status."""

    concept_id: str
    rendering: str
    status: Status
    approved: str


def _english_forms(glossary: Glossary) -> dict[str, _Form]:
    """key → form; exact keys beat derived ones, then preferred beats admitted beats the rest."""
    ranked: dict[str, tuple[tuple[int, int], _Form]] = {}
    for concept in glossary.concepts:
        approved = concept.approved_text
        for rendering in concept.english:
            form = _Form(concept.id, rendering.text, rendering.status, approved)
            keys = rendering_keys(rendering.text)
            if not rendering.status.approved:  # "One Belt One Road" is "One Belt, One Road"
                keys += [" ".join(key.replace(",", " ").split()) for key in keys if "," in key]
            for derived, key in enumerate(keys):
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
        self.records = [(form.concept_id, form.status.value, form.approved, form.rendering)
                        for form in self.forms]
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
    key = glossary.key
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
                concept_id, status, approved, rendering = records[value]
                append(_term_hit(concept_id, text[start:end], start, end, line,
                                 start - line_start + 1, Language.EN, status, approved, rendering))
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
        return longest_first(candidates, index.keeps_nested)


_term_hit = fast_constructor(TermHit)  # hits can be many
