"""The near-miss detector's caches change its speed, never what it finds: the index read back
from the disk cache, and the memo of word relations when it is full and starts over.

Sentences are rows of tests/data/real-term-usage.tsv with near misses of several kinds.
"""

from __future__ import annotations

import pickle

import pytest

from check_support import real_term_usage
from zhen.glossary.store import load_glossary
from zhen.terms import alignment, targets
from zhen.terms.english import EnglishMatcher
from zhen.terms.nearmiss import NearMissDetector

ROWS = real_term_usage()
SHIPPED = load_glossary()
# 'common' for 'shared', '-type', 'plan' for 'initiative', an abbreviation spelled out and
# reordered, the classifier left off, British -isation, a body named with the term's words
SENTENCES = [ROWS[row]["sentence"] for row in
             ("t132", "t233", "t032", "t067", "t253", "t145", "t223", "t303", "t130")]


def found(detector: NearMissDetector) -> list[tuple[str, str, float, str]]:
    matcher = EnglishMatcher(SHIPPED)
    return [(miss.concept_id, miss.text, miss.score, miss.explanation)
            for sentence in SENTENCES for miss in detector.find(sentence, matcher.find(sentence))]


def test_the_sentences_have_near_misses():
    assert len({concept for concept, *_ in found(NearMissDetector(SHIPPED))}) >= 6


def test_the_index_read_back_from_its_pickle_finds_the_same():
    detector = NearMissDetector(SHIPPED)
    expected = found(detector)
    index = targets.index_for(SHIPPED)
    copy = pickle.loads(pickle.dumps(index))
    assert copy._words == {}  # words seen are not written with the index
    assert copy.key_bits == index.key_bits and copy.anchored == index.anchored
    detector._index = copy
    assert found(detector) == expected


def test_a_full_memo_of_word_relations_starts_over_and_finds_the_same(monkeypatch):
    expected = found(NearMissDetector(SHIPPED))
    alignment._rows.clear()
    monkeypatch.setattr(alignment, "_ROWS_KEPT", 5)
    assert found(NearMissDetector(SHIPPED)) == expected
    assert len(alignment._rows) <= 5


@pytest.mark.parametrize("status", ["deprecated", "superseded"])
def test_a_listed_wrong_rendering_matches_no_near_synonym_even_from_the_memo(status):
    # "shared" and "common" are near-synonyms (共同); for a listed wrong rendering they differ
    index = targets.index_for(SHIPPED)
    right = next(t for t in index.targets if t.status == "preferred"
                 and t.rendering == "common prosperity")
    shared = index.word("shared")[0]
    assert alignment._row(shared, right)[0] == "synonym"
    wrong = targets.Target(right.concept_id, right.rendering, right.suggestion, status,
                           right.words, right.content, right.head, right.proper)
    assert alignment._row(shared, wrong)[0] is None
    assert alignment._row(shared, right)[0] == "synonym"
