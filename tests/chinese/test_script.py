"""Script spans: where English, Chinese and neutral text begin and end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhen.chinese.script import mark_variant, split_spans
from zhen.offsets import LineIndex
from zhen.types import Language, Variant

EN, ZH, NEUTRAL = Language.EN, Language.ZH, Language.NEUTRAL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Editor: 林雨晨", [("Editor:", EN), (" ", NEUTRAL), ("林雨晨", ZH)]),
        ("Editor:林雨晨", [("Editor:", EN), ("林雨晨", ZH)]),
        ("3.暂不升级,继续浏览", [("3.暂不升级,继续浏览", ZH)]),
        ("您可以进行以下操作:", [("您可以进行以下操作:", ZH)]),
        ("  1.将浏览器切换回极速模式", [("  ", NEUTRAL), ("1.将浏览器切换回极速模式", ZH)]),
        (
            "Source: | 2024-04-24 14:55:52 | Author:",
            [("Source: | 2024-04-24 14:55:52 | Author:", EN)],
        ),
        (
            "Xi (习近平) said.",
            [("Xi", EN), (" ", NEUTRAL), ("(习近平)", ZH), (" ", NEUTRAL), ("said.", EN)],
        ),
        ("iPhone15发布", [("iPhone", EN), ("15发布", ZH)]),
        ("Top News 2024 要闻", [("Top News", EN), (" 2024 ", NEUTRAL), ("要闻", ZH)]),
        (
            "据新华社报道，Xi Jinping stressed",
            [("据新华社报道，", ZH), ("Xi Jinping stressed", EN)],
        ),
        ("2024-04-24 14:55:52", [("2024-04-24 14:55:52", NEUTRAL)]),
        ("  • The Mid-Autumn", [("  ", NEUTRAL), ("• The Mid-Autumn", EN)]),
        ("Café ｓｔｙｌｅ", [("Café ｓｔｙｌｅ", EN)]),
        ("繼續瀏覽。 ", [("繼續瀏覽。", ZH), (" ", NEUTRAL)]),
        ("", []),
    ],
)
def test_spans(text, expected):
    assert [(s.text, s.language) for s in split_spans(text)] == expected


def test_offsets_start_at_the_given_position_and_lines_come_from_the_document():
    document = "Title\nEditor: 林雨晨"
    lines = LineIndex(document)
    spans = split_spans(document[6:], 6, lines=lines)
    assert [(s.start, s.end, s.line, s.column) for s in spans] == [
        (6, 13, 2, 1),
        (13, 14, 2, 8),
        (14, 17, 2, 9),
    ]
    assert [(s.line, s.column) for s in split_spans("ab\n林")] == [(1, 1), (1, 3), (2, 1)]


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("继续浏览", Variant.SIMPLIFIED),
        ("繼續瀏覽", Variant.TRADITIONAL),
        ("林雨晨", Variant.UNMARKED),
        ("中文", Variant.UNMARKED),
        (
            "这網頁很好",
            Variant.TRADITIONAL,
        ),  # two Traditional-only characters against one Simplified
    ],
)
def test_variant(text, variant):
    assert mark_variant(text) == variant


def test_only_chinese_spans_carry_a_variant():
    spans = split_spans("Editor: 林雨晨")
    assert [s.variant for s in spans] == [None, None, Variant.UNMARKED]


_PIECES = st.one_of(
    st.text(min_size=1, max_size=8),  # anything, lone surrogates included
    st.sampled_from(
        ["林雨晨", "继续浏览", "繼續瀏覽", "Editor", "Xi Jinping", "2024-04-24", "1.", ",", "，"]
    ),
    st.sampled_from(
        ["\r\n", "\n", " ", "\u3000", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301"]
    ),
    st.sampled_from(
        ["ＡＢＣ", "１２３", "：", "（", "）", "\U00020000", "\ud800", "\udfff", "🙂", "ß"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_spans_concatenate_to_the_text_exactly(text):
    spans = split_spans(text, 5)
    assert "".join(s.text for s in spans) == text
    assert all(s.text for s in spans)
    position = 5
    for span in spans:
        assert span.start == position and span.end == position + len(span.text)
        position = span.end


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_adjacent_spans_differ_and_letters_decide_the_language(text):
    spans = split_spans(text)
    for left, right in zip(spans, spans[1:], strict=False):
        assert (left.language, right.language) != (NEUTRAL, NEUTRAL)
    for span in spans:
        if span.language is NEUTRAL:
            assert not any(
                "a" <= ch <= "z" or "A" <= ch <= "Z" or "\u4e00" <= ch <= "\u9fff"
                for ch in span.text
            )
