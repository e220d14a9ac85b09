"""Finding glossary terms: English renderings however they are spelled, Chinese terms on word
boundaries, offsets that point at the text as written."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from check_support import concept, glossary, positions
from zhen import paths
from zhen.glossary.normalize import normalize_english
from zhen.terms import english as match
from zhen.terms.chinese import ChineseMatcher
from zhen.terms.english import EnglishMatcher
from zhen.terms.folding import fold_text
from zhen.terms.wording import other_number
from zhen.types import Language

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

NQPF = concept("nqpf", "新质生产力", "new quality productive forces",
               ("deprecated", "new productive forces"), zh_traditional="新質生產力")
HQD = concept("hqd", "高质量发展", "high-quality development")
BRI = concept("bri", "一带一路倡议", "Belt and Road Initiative", ("admitted", "BRI"),
              ("deprecated", "One Belt, One Road"))
CPC = concept("cpc", "中国共产党", "Communist Party of China (CPC)")
GENSEC = concept("gensec", "中共中央总书记",
                 "general secretary of the Communist Party of China (CPC) Central Committee")
PEOPLE = concept("whole-process", "全过程人民民主", "whole-process people's democracy")
LOCAL = concept("local", "因地制宜发展新质生产力",
                "develop new quality productive forces according to local conditions")
POLITBURO = concept("politburo", "中共中央政治局", "Political Bureau of the CPC Central Committee",
                    ("deprecated", "Politburo"))
GLOSSARY = glossary(NQPF, HQD, BRI, CPC, GENSEC, PEOPLE, LOCAL, POLITBURO)


def english_hits(text: str, terms=GLOSSARY):
    return [(hit.text, hit.concept_id, hit.status) for hit in EnglishMatcher(terms).find(text)]


@pytest.mark.parametrize("written", [
    "new quality productive forces",
    "New Quality Productive Forces",
    "NEW QUALITY PRODUCTIVE FORCES",
    "new-quality productive forces",
    "new  quality\tproductive forces",
    "new quality\nproductive forces",
    "new quality\r\n   productive forces",
    "new\u2011quality productive forces",
    "new quality productive force",
])
def test_english_spellings_of_one_rendering_match(written):
    text = f"Xi stressed fostering {written} in accordance with local conditions."
    assert english_hits(text) == [(written, "nqpf", "preferred")]


@pytest.mark.parametrize("written, expected", [
    ("high quality development", "high quality development"),
    ("High-Quality Development", "High-Quality Development"),
    ("high-\nquality development", "high-\nquality development"),
    ("high\u2013quality developments", "high\u2013quality developments"),
])
def test_hyphen_space_line_break_and_number_variation(written, expected):
    assert english_hits(f"to pursue {written}.") == [(expected, "hqd", "preferred")]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "`"])
def test_curly_and_straight_apostrophes_are_the_same(apostrophe):
    text = f"They practise whole-process people{apostrophe}s democracy."
    assert english_hits(text) == [(f"whole-process people{apostrophe}s democracy",
                                   "whole-process", "preferred")]


def test_deprecated_rendering_is_found_with_its_status():
    assert english_hits("He spoke of new productive forces.") == [
        ("new productive forces", "nqpf", "deprecated")]


@pytest.mark.parametrize("text", [
    "renewed quality productive forcesful",  # inside longer words
    "new quality productive forcest",
    "the BRIght side",
    "xhigh-quality development",
])
def test_matches_end_on_word_boundaries(text):
    assert english_hits(text) == []


def test_boundaries_hold_next_to_punctuation_possessives_and_chinese():
    text = "(BRI), BRI's partners; 推进BRI建设; 'Belt and Road Initiative'."
    found = english_hits(text)
    assert [hit[0] for hit in found] == ["BRI", "BRI", "BRI", "Belt and Road Initiative"]


def test_abbreviation_in_parentheses_may_be_left_out():
    assert english_hits("members of the Communist Party of China joined") == [
        ("Communist Party of China", "cpc", "preferred")]


def test_abbreviation_is_not_pluralized():
    assert english_hits("Bris are not BRI") == [("BRI", "bri", "admitted")]


def test_longest_rendering_wins_and_approved_nested_ones_are_kept():
    text = "Xi, general secretary of the Communist Party of China (CPC) Central Committee, said"
    found = english_hits(text)
    assert found == [
        ("general secretary of the Communist Party of China (CPC) Central Committee", "gensec",
         "preferred"),
        ("Communist Party of China (CPC)", "cpc", "preferred"),
    ]


def test_deprecated_rendering_inside_an_approved_one_is_not_reported():
    standing = concept("standing", "常委会", "Politburo Standing Committee")
    terms = glossary(POLITBURO, standing)
    assert english_hits("the Politburo Standing Committee, not the Politburo", terms) == [
        ("Politburo Standing Committee", "standing", "preferred"),
        ("Politburo", "politburo", "deprecated")]


def test_nested_rendering_of_the_same_concept_is_reported_once():
    text = "develop new quality productive forces according to local conditions"
    assert english_hits(text) == [(text, "local", "preferred"),
                                  ("new quality productive forces", "nqpf", "preferred")]


def test_offsets_lines_and_columns_point_into_the_text_as_written():
    text = ("\u201cQuote\u201d \u2014 caf\u00e9 ﬁrst line\n"
            "第二行：推进\u201cBelt\u00a0and  Road\nInitiative\u201d合作, "
            "then new productive forces.\n")
    hits = EnglishMatcher(GLOSSARY).find(text)
    assert [(h.text, h.line, h.column) for h in hits] == [
        ("Belt\u00a0and  Road\nInitiative", *positions(text, "Belt\u00a0and")[0]),
        ("new productive forces", *positions(text, "new productive")[0]),
    ]
    for hit in hits:
        assert text[hit.start:hit.end] == hit.text
        assert hit.language is Language.EN


def test_fold_keeps_a_map_back_to_original_offsets():
    text = "a  b\n\n\nc \u2014 D"
    folded = fold_text(text)
    assert folded.text == "a b\0\0 c d"  # a blank line is marked, so no term spans it
    assert [text[folded.original(i)] for i in range(len(folded.text))] == [
        "a", " ", "b", "\n", "\n", "\n", "c", " ", "D"]


@pytest.mark.parametrize("text", ["new quality\n\nproductive forces",
                                  "new quality\r\n\r\nproductive forces"])
def test_no_term_spans_a_blank_line(text):
    assert english_hits(text) == []


_SPELLING = st.text(alphabet=st.sampled_from(list("abcXYZ '-\u2019\u201c\u201d\u2013\n\t")),
                    min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(_SPELLING)
def test_folding_agrees_with_normalize_english(text):
    """The matcher's idea of "the same rendering" is exactly normalize_english's."""
    folded = fold_text(text).text
    if "\0" not in folded:  # blank lines are marked apart, the rest folds as normalize_english
        assert folded.strip() == normalize_english(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Nnew QUALITYqualiy productive forces-\n\u2019x")),
               max_size=60))
def test_every_hit_is_a_slice_of_the_text_that_normalizes_to_a_key(noise):
    text = noise + " new Quality-productive\nforces " + noise
    for hit in EnglishMatcher(GLOSSARY).find(text):
        assert text[hit.start:hit.end] == hit.text
        assert normalize_english(hit.text) in {"new quality productive forces",
                                               "new quality productive force",
                                               "new productive forces"}


@pytest.mark.parametrize("word, other", [
    ("force", "forces"), ("forces", "force"), ("industry", "industries"),
    ("industries", "industry"), ("zone", "zones"), ("process", "processes"),
    ("corridor", "corridors"), ("news", None), ("BRI", None),
])
def test_other_number_of_a_head_noun(word, other):
    assert other_number(word) == other


def test_glossary_rendering_beats_a_derived_plural():
    singular = concept("singular", "单数", "economic circle")
    plural = concept("plural", "复数", "economic circles")
    assert english_hits("two economic circles", glossary(singular, plural)) == [
        ("economic circles", "plural", "preferred")]


def test_automaton_is_cached_on_disk_by_glossary_digest(monkeypatch):
    terms = glossary(concept("cached", "缓存", "disk cached term"))
    EnglishMatcher(terms)
    cached = list((paths.cache_dir() / "matcher").glob("*.pickle"))
    assert cached
    monkeypatch.setattr(match, "_english_indexes", {})

    def refuse(*_):
        raise AssertionError("the automaton was rebuilt instead of read from the cache")

    monkeypatch.setattr(match._EnglishIndex, "__init__", refuse)
    assert english_hits("a disk cached term", terms) == [("disk cached term", "cached",
                                                          "preferred")]


def test_a_broken_cache_file_is_rebuilt(monkeypatch):
    terms = glossary(concept("broken", "坏", "broken cache term"))
    EnglishMatcher(terms)
    cached = match._cache_file(terms.key)
    cached.write_bytes(b"not a pickle")
    monkeypatch.setattr(match, "_english_indexes", {})
    assert english_hits("the broken cache term", terms) == [("broken cache term", "broken",
                                                             "preferred")]
    assert isinstance(pickle.loads(cached.read_bytes()), match._EnglishIndex)  # rewritten whole


def test_glossaries_with_different_content_get_different_indexes():
    one = glossary(concept("a", "甲", "first term"))
    two = glossary(concept("a", "甲", "second term"))
    assert english_hits("first term, second term", one) == [("first term", "a", "preferred")]
    assert english_hits("first term, second term", two) == [("second term", "a", "preferred")]


ZH_GLOSSARY = glossary(
    NQPF,
    HQD,
    concept("cc", "中共中央", "CPC Central Committee"),
    concept("psc", "中共中央政治局常委",
            "member of the Standing Committee of the Political Bureau"),
    concept("cluster", "城市群", "city cluster"),
    concept("fate", "命运", "fate"),
)


def chinese_hits(text: str):
    return [(hit.text, hit.concept_id, hit.line, hit.column)
            for hit in ChineseMatcher(ZH_GLOSSARY).find(text)]


@pytest.mark.parametrize("text, expected", [
    ("加快形成新质生产力", [("新质生产力", "nqpf", 1, 5)]),
    ("加快形成新質生產力", [("新質生產力", "nqpf", 1, 5)]),
    ("推动高质量发展。\n培育新质生产力",
     [("高质量发展", "hqd", 1, 3), ("新质生产力", "nqpf", 2, 3)]),
    ("中共中央政治局常委李强出席", [("中共中央政治局常委", "psc", 1, 1)]),
    ("中共中央发布通知", [("中共中央", "cc", 1, 1)]),
    ("城市群发展", [("城市群", "cluster", 1, 1)]),
])
def test_chinese_terms_are_found_in_simplified_and_traditional(text, expected):
    assert chinese_hits(text) == expected


@pytest.mark.parametrize("text", [
    "大城市群众",  # 大城市 | 群众: 城市群 straddles two words
    "中共中央办公厅主任蔡奇",  # 中共中央办公厅 is one word
])
def test_chinese_terms_match_only_on_word_boundaries(text):
    assert chinese_hits(text) == []


def test_longest_chinese_term_wins_where_terms_overlap():
    found = chinese_hits("中共中央政治局常委、中共中央")
    assert found == [("中共中央政治局常委", "psc", 1, 1), ("中共中央", "cc", 1, 11)]


def test_chinese_hits_carry_the_approved_english():
    [hit] = ChineseMatcher(ZH_GLOSSARY).find("新質生產力")
    assert (hit.approved, hit.language, hit.rendering) == (
        "new quality productive forces", Language.ZH, "新質生產力")


def test_english_text_gives_no_chinese_hits_and_no_segmentation(monkeypatch):
    import zhen.chinese.segment

    def refuse(*_args, **_kwargs):
        raise AssertionError("segmented a text without candidates")

    monkeypatch.setattr(zhen.chinese.segment, "segment", refuse)
    assert ChineseMatcher(ZH_GLOSSARY).find("No Chinese here at all.") == []
