"""Encodings: the same page in GB18030, Big5, UTF-8 with BOM and UTF-16 gives the same segments."""

from __future__ import annotations

import codecs

import pytest
from opencc import OpenCC

from conftest import STARTING_PAGE
from zhen.chinese.convert import to_simplified, to_traditional
from zhen.errors import InputError
from zhen.page.decode import decode_bytes
from zhen.page.reader import read_page

TEXT = STARTING_PAGE.read_text(encoding="utf-8")


def _structure(page, normalize=lambda text: text):
    return [
        (
            block.role,
            block.line,
            [(span.language, span.start, span.end, normalize(span.text)) for span in block.spans],
        )
        for block in page.blocks
    ]


def _words(page, normalize=lambda text: text):
    return [
        normalize(token.text)
        for block in page.blocks
        for span in block.spans
        for token in span.tokens
    ]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    ],
    ids=["gb18030", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom"],
)
def test_same_page_in_other_encodings_gives_the_same_segments(tmp_path, data, encoding):
    original = read_page(STARTING_PAGE)
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    page = read_page(path)
    assert page.encoding == encoding
    assert page.text == TEXT
    assert _structure(page) == _structure(original)
    assert _words(page) == _words(original)


def test_traditional_variant_in_big5_gives_the_same_segments_after_conversion(tmp_path):
    original = read_page(STARTING_PAGE)
    # Taiwan-standard Traditional (OpenCC s2tw), as Big5 pages are written: 开启 → 開啟, not 開啓.
    traditional = OpenCC("s2tw").convert(TEXT)
    assert traditional != TEXT and "瀏覽器" in traditional
    path = tmp_path / "page-big5.txt"
    # Big5 has no NBSP or bullet: a saved Big5 page has "?" there, one character for one.
    path.write_bytes(traditional.encode("big5", errors="replace"))
    page = read_page(path)
    assert page.encoding == "big5"
    missing = {
        ch for ch in traditional if ch.encode("big5", errors="replace") == b"?" and ch != "?"
    }
    assert missing == {"\xa0"}

    def as_saved(text):
        return "".join("?" if ch in missing else ch for ch in text)

    assert _structure(page, to_simplified) == _structure(original, as_saved)
    chinese = [s for b in page.blocks for s in b.spans if s.text.startswith("抱歉")]
    assert [s.variant.value for s in chinese] == ["traditional"]
    # Traditional spans are cut through their Simplified form: the same words, 瀏覽器 whole.
    assert _words(page, to_simplified) == _words(original)
    assert "瀏覽器" in _words(page)


SHORT = [
    "林雨晨",
    "继续浏览",
    "您可以进行以下操作:",
    "新质生产力",
    "中文",
    "你好",
    "习近平",
    "Editor: 林雨晨",
]


@pytest.mark.parametrize("text", SHORT)
def test_short_gb18030_text_decodes_as_gb18030(text):
    assert decode_bytes(text.encode("gb18030"), source="x") == (text, "gb18030")


@pytest.mark.parametrize("text", SHORT)
def test_short_big5_text_decodes_as_big5(text):
    traditional = to_traditional(text)
    assert decode_bytes(traditional.encode("big5"), source="x") == (traditional, "big5")


def test_utf8_without_bom_and_ascii():
    assert decode_bytes("Editor: 林雨晨".encode(), source="x") == ("Editor: 林雨晨", "utf-8")
    assert decode_bytes(b"plain", source="x") == ("plain", "utf-8")


def test_forced_encoding_wins_over_detection():
    data = "林雨晨".encode("gb18030")
    text, encoding = decode_bytes(data, source="x", encoding="big5")
    assert encoding == "big5" and text != "林雨晨"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"GIF89a\x01\x00", "this is a GIF image"),
        (b"%PDF-1.7\n", "this is a PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "this is a JPEG image"),
        (b"text\x00more", r"binary file \(NUL byte\)"),
    ],
)
def test_binary_data_is_refused(data, problem):
    with pytest.raises(InputError, match=problem):
        decode_bytes(data, source="x")


def test_utf16_text_with_a_bom_is_not_mistaken_for_binary():
    assert decode_bytes(codecs.BOM_UTF16_LE + "林".encode("utf-16-le"), source="x") == (
        "林",
        "utf-16",
    )


def test_broken_bom_text_is_an_error_with_line():
    data = codecs.BOM_UTF8 + b"ok\n\xff\xfe bad"
    with pytest.raises(InputError, match=r"^x:2: byte 0xff at offset 6 is not valid utf-8-sig"):
        decode_bytes(data, source="x")
