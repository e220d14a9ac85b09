"""The starting page, read from the real file: spans, roles, names, offsets."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import STARTING_PAGE
from zhen.page.reader import detect_format, read_page
from zhen.types import Language, Role

NOTICE_LINES = [
    "抱歉,您使用的浏览器版本过低或开启了浏览器兼容模式,这会影响您正常浏览本网页",
    "您可以进行以下操作:",
    "1.将浏览器切换回极速模式",
    "2.点击下面图标升级或更换您的浏览器",
    "3.暂不升级,继续浏览",
    "继续浏览",
]


@pytest.fixture
def page():
    return read_page(STARTING_PAGE)


def _block(page, startswith):
    return next(block for block in page.blocks if block.text.startswith(startswith))


def test_exactly_the_editor_name_and_the_notice_lines_are_chinese(page):
    chinese = [
        span.text for block in page.blocks for span in block.spans if span.language is Language.ZH
    ]
    assert chinese == ["林雨晨", *NOTICE_LINES]


def test_no_english_text_is_labelled_chinese(page):
    for block in page.blocks:
        for span in block.spans:
            if span.language is Language.ZH:
                assert not any("a" <= ch.lower() <= "z" for ch in span.text), span


def test_editor_line_is_an_english_label_and_a_chinese_name(page):
    editor = _block(page, "Editor:")
    assert editor.role is Role.BYLINE
    assert [(s.text, s.language) for s in editor.spans] == [
        ("Editor:", Language.EN),
        (" ", Language.NEUTRAL),
        ("林雨晨", Language.ZH),
    ]
    name = editor.spans[-1]
    assert [(t.text, t.pos, t.romanized) for t in name.tokens] == [("林雨晨", "nr", "Lin Yuchen")]


@pytest.mark.parametrize("line", NOTICE_LINES)
def test_browser_notice_lines_are_notice(page, line):
    block = next(b for b in page.blocks if b.text == line)
    assert block.role is Role.NOTICE
    assert [s.language for s in block.spans] == [Language.ZH]


@pytest.mark.parametrize(
    ("startswith", "role"),
    [
        ("position: EnglishChannel", Role.NAVIGATION),
        ("Xi Focus: Xi chairs symposium", Role.HEADLINE),
        ("Source: | 2024-04-24 14:55:52 | Author:", Role.DATELINE),
        ("CHONGQING, April 23 (Xinhua) --", Role.BODY),
        ("He also called for action to accelerate", Role.BODY),
        ("Editor:", Role.BYLINE),
        ("Top News", Role.RELATED),
        ("  • The Mid-Autumn Festival", Role.RELATED),
        ("How an American Scholar Fell for China", Role.RELATED),
        ("The Mid-Autumn Festival, also known", Role.RELATED),
    ],
)
def test_roles_of_the_starting_page(page, startswith, role):
    assert _block(page, startswith).role is role


def test_first_line_is_navigation_and_every_paragraph_between_dateline_and_editor_is_body(page):
    assert page.blocks[0].role is Role.NAVIGATION
    roles = [b.role for b in page.blocks]
    dateline = roles.index(Role.DATELINE)
    byline = roles.index(Role.BYLINE)
    assert roles[dateline + 1 : byline] == [Role.BODY] * (byline - dateline - 1)
    assert byline - dateline - 1 == 25


def test_offsets_and_line_columns_point_into_the_file(page):
    raw = STARTING_PAGE.read_text(encoding="utf-8")
    assert page.text == raw
    lines = raw.split("\n")
    for block in page.blocks:
        assert raw[block.start : block.end] == block.text
        assert "".join(span.text for span in block.spans) == block.text
        for span in block.spans:
            assert raw[span.start : span.end] == span.text
            assert lines[span.line - 1][span.column - 1 :].startswith(span.text)
            for token in span.tokens:
                assert raw[token.start : token.end] == token.text
            if span.tokens:
                assert "".join(t.text for t in span.tokens) == span.text
    name = _block(page, "Editor:").spans[-1]
    assert (name.line, name.column) == (57, 9)


def test_page_metadata(page):
    assert (page.source, page.format, page.encoding) == (str(STARTING_PAGE), "text", "utf-8")


def test_chinese_spans_are_marked_simplified_or_unmarked(page):
    variants = {
        s.text: s.variant.value for b in page.blocks for s in b.spans if s.language is Language.ZH
    }
    assert variants["林雨晨"] == "unmarked"  # 林雨晨 is written the same in both scripts
    assert variants["继续浏览"] == "simplified"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("  <!-- saved page -->\n<html lang='en'>", "html"),
        ("<p>只有一段</p>", "html"),
        ("position: EnglishChannel > Diary", "text"),
        ("a < b and c > d", "text"),
        ("<not-html> but text", "text"),
    ],
)
def test_format_is_detected_by_content(text, expected):
    assert detect_format(text) == expected


_LINE_PIECES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6),
    st.sampled_from(["林雨晨", "继续浏览", "繼續瀏覽", "Editor:", " ", "\u3000", "\u00a0"]),
    st.sampled_from(["\r\n", "\n", "e\u0301", "ＡＢＣ", "１２", "，", "Source: |", "3.暂不升级,"]),
    st.sampled_from(["\u200b", "\u200d", "🙂", "\r"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE_PIECES, min_size=1, max_size=14).map("".join))
def test_every_block_is_its_spans_and_its_place_in_the_page(text):
    # a NUL byte is refused as binary, a leading U+FEFF read as a BOM, "<…" may be HTML
    assume(text.strip() and "\x00" not in text and not text.startswith("\ufeff"))
    assume(not text.lstrip().startswith("<"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_bytes(text.encode("utf-8"))
        page = read_page(path, format="text")
    assert page.text == text
    for block in page.blocks:
        assert "".join(span.text for span in block.spans) == block.text
        assert text[block.start : block.end] == block.text
        assert "\n" not in block.text
        rest = text[block.end :]  # a block ends where its line ends: before LF or the CR of CRLF
        assert rest.startswith(("\r\n", "\n")) or rest in ("", "\r")
        for span in block.spans:
            assert text[span.start : span.end] == span.text
