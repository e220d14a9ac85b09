"""Chinese glossary terms in text (Simplified or Traditional), on word boundaries.

An automaton over every Chinese form of the glossary finds candidates; a candidate counts only
if both its ends fall on word boundaries of the glossary-aware segmentation, and where
candidates overlap the longest wins (中共中央政治局常委 over 中共中央; nothing inside
中共中央办公厅). A page's spans are already cut into words: pass their words and nothing is
segmented again.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from zhen.chinese.segment import words as cut_words
from zhen.glossary.model import Glossary, Status
from zhen.offsets import LineIndex
from zhen.terms.candidates import longest_first
from zhen.terms.vocabulary import add_glossary_words
from zhen.types import Language, TermHit

__all__ = ["ChineseMatcher"]

_CHINESE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u300c": '"', "\u300d": '"',
                                 "\u300e": '"', "\u300f": '"', "\u2018": "'", "\u2019": "'"})


@dataclass(frozen=True)
class _ChineseIndex:
    automaton: object
    forms: tuple[tuple[str, str, str], ...]  # (concept id, form as in the glossary, approved)


_indexes: dict[str, _ChineseIndex] = {}
_lock = threading.Lock()


def _chinese_index(glossary: Glossary) -> _ChineseIndex:
    with _lock:
        index = _indexes.get(glossary.key)
        if index is None:
            index = _indexes[glossary.key] = _build(glossary)
        return index


def _build(glossary: Glossary) -> _ChineseIndex:
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    forms: list[tuple[str, str, str]] = []
    for concept in glossary.concepts:
        for form in concept.chinese_forms:
            folded = form.translate(_CHINESE_QUOTES)
            if folded and folded not in automaton:
                automaton.add_word(folded, len(forms))
                forms.append((concept.id, form, concept.approved_text))
    if forms:
        automaton.make_automaton()
    return _ChineseIndex(automaton, tuple(forms))


class ChineseMatcher:
    """Every glossary term in a Chinese text (Simplified or Traditional) on word boundaries."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._index = _chinese_index(glossary)
        add_glossary_words(glossary)  # the glossary's forms must come out of a cut whole

    def find(self, text: str, words: Sequence[str] | None = None) -> list[TermHit]:
        """Hits in `text` order, offsets into `text`. `words` is the text's segmentation, as
        a page's tokens give it (their texts concatenate to `text`); without it the text is
        segmented here."""
        index = self._index
        if not index.forms or not text:
            return []
        folded = text.translate(_CHINESE_QUOTES)
        candidates = [(last - len(index.forms[value][1]) + 1, last + 1, value)
                      for last, value in index.automaton.iter(folded)]
        if not candidates:
            return []
        boundaries = set(accumulate(map(len, cut_words(text) if words is None else words),
                                    initial=0))
        candidates = [c for c in candidates if c[0] in boundaries and c[1] in boundaries]
        lines = LineIndex(text)
        hits = []
        for start, end, value in longest_first(candidates):
            concept_id, form, approved = index.forms[value]
            line, column = lines.line_column(start)
            hits.append(TermHit(concept_id, text[start:end], start, end, line, column, Language.ZH,
                                Status.PREFERRED.value, approved, form))
        return hits
