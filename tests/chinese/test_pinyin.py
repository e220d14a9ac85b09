"""Pinyin read from zhen's lexicon is pypinyin's own `lazy_pinyin`, syllable for syllable."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhen.chinese.pinyin import syllables, toneless


def pypinyins(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


@pytest.fixture(scope="module")
def phrases() -> list[str]:
    from pypinyin.constants import PHRASES_DICT

    return sorted(PHRASES_DICT)


def test_every_person_name_in_jiebas_dictionary_reads_as_pypinyin_reads_it():
    import jieba

    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as dictionary:
        names = [parts[0] for parts in (raw.decode("utf-8").split() for raw in dictionary)
                 if len(parts) == 3 and parts[2] in ("nr", "nrfg")]
    assert len(names) > 10_000
    assert [name for name in names if syllables(name) != pypinyins(name)] == []


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_runs_of_phrase_pieces_read_as_pypinyin_reads_them(phrases, data):
    """Polyphonic characters inside and across phrases (长线, 放长线钓大鱼, 行) are where a
    segmentation that differs from pypinyin's would show."""
    pieces = data.draw(st.lists(st.sampled_from(phrases), min_size=1, max_size=4))
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert syllables(text[start:end]) == pypinyins(text[start:end])


@pytest.mark.parametrize("text", ["放长线", "中国农行", "今朝有酒", "巴尔喀什", "吕布",
                                  "〇", "Xi 近平", "2024年", ""])
def test_known_cases_and_text_with_other_characters(text):
    assert syllables(text) == pypinyins(text)


def test_toneless_keys():
    assert toneless("新质生产力") == "xinzhishengchanli"
    assert toneless("绿色") == "lvse"
