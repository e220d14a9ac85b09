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
    decoded = decode_bytes(text.encode("gb18030"), source="x")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", SHORT)
def test_short_big5_text_decodes_as_big5(text):
    traditional = to_traditional(text)
    decoded = decode_bytes(traditional.encode("big5"), source="x")
    assert (decoded.text, decoded.encoding) == (traditional, "big5")


def test_utf8_without_bom_and_ascii():
    decoded = decode_bytes("Editor: 林雨晨".encode(), source="x")
    assert (decoded.text, decoded.encoding, decoded.damage) == ("Editor: 林雨晨", "utf-8", ())
    assert decode_bytes(b"plain", source="x").text == "plain"


def test_forced_encoding_wins_over_detection():
    data = "林雨晨".encode("gb18030")
    decoded = decode_bytes(data, source="x", encoding="big5")
    assert decoded.encoding == "big5" and decoded.text != "林雨晨"
    assert decoded.reason == "given with --encoding"


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
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "林".encode("utf-16-le"), source="x")
    assert (decoded.text, decoded.encoding) == ("林", "utf-16")


def test_broken_bom_text_is_an_error_with_line():
    data = codecs.BOM_UTF8 + b"ok\n\xff\xfe bad"
    with pytest.raises(InputError, match=r"^x:2: byte 0xff at offset 6 is not valid utf-8-sig"):
        decode_bytes(data, source="x")


# --- damaged and cut pages (issue 16, item 2) ---------------------------------------------------

REAL_PAGES = sorted(
    path for path in (STARTING_PAGE.parents[1] / "tests" / "data" / "real-pages").iterdir()
    if path.suffix in (".txt", ".html")
)


def test_a_utf8_page_cut_inside_its_last_character_is_read_as_utf8_with_the_damage_named():
    # `head -c 5429 examples/xinhua-western-region-2024-04-23.txt`: the cut falls inside 林 of
    # "Editor: 林雨晨". It was read as GB18030: no-break spaces became 聽, 林 became 鏋.
    data = STARTING_PAGE.read_bytes()[:5429]
    decoded = decode_bytes(data, source="cut.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == data[:5427].decode("utf-8") + "\ufffd"
    assert "\xa0>\xa0Diary" in decoded.text and "聽" not in decoded.text
    assert [(d.byte_offset, d.length, d.start) for d in decoded.damage] == [
        (5427, 2, len(decoded.text) - 1)]
    assert decoded.reason == "UTF-8, 2 damaged bytes replaced"


def test_the_damage_is_in_the_page_and_its_reports(tmp_path):
    from zhen.render.records import separate_document
    from zhen.render.separation import write_text

    path = tmp_path / "cut.txt"
    path.write_bytes(STARTING_PAGE.read_bytes()[:5429])
    page = read_page(path)
    assert page.blocks[-1].text == "Editor: \ufffd"
    record = separate_document(page)["page"]
    assert (record["encoding"], record["encoding_reason"]) == (
        "utf-8", "UTF-8, 2 damaged bytes replaced")
    assert record["damage"] == [
        {"byte_offset": 5427, "bytes": 2, "start": page.blocks[-1].end - 1, "line": 57,
         "column": 9}]
    header: list[str] = []
    write_text(page, header.append)
    assert header[0] == (
        f"# {path}: text, utf-8 (UTF-8, 2 damaged bytes replaced: byte 5427 at 57:9)\n")


def test_a_few_bad_bytes_inside_a_utf8_page_are_replaced_where_they_are():
    # A Latin-1 "é" pasted into the UTF-8 page, and a stray continuation byte.
    text = STARTING_PAGE.read_text(encoding="utf-8")
    middle = text.index("Chinese President")
    data = (text[:middle].encode() + b"caf\xe9 " + text[middle:].encode() + b"\x80")
    decoded = decode_bytes(data, source="x")
    assert decoded.encoding == "utf-8"
    assert decoded.text == text[:middle] + "caf\ufffd " + text[middle:] + "\ufffd"
    first = len(text[:middle].encode()) + 3
    assert [(d.byte_offset, d.length) for d in decoded.damage] == [(first, 1), (len(data) - 1, 1)]
    assert [decoded.text[d.start] for d in decoded.damage] == ["\ufffd", "\ufffd"]


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_cut_chinese_page_is_read_in_its_own_encoding(encoding):
    text = STARTING_PAGE.read_text(encoding="utf-8").rstrip()
    if encoding == "big5":
        text = OpenCC("s2tw").convert(text)
    assert text.endswith(("继续浏览", "繼續瀏覽"))
    data = text.encode(encoding, errors="replace")
    decoded = decode_bytes(data[:-1], source="x")  # the cut falls inside 览 / 覽
    assert decoded.encoding == encoding
    assert decoded.text == data[:-2].decode(encoding) + "\ufffd"
    assert [(d.byte_offset, d.length) for d in decoded.damage] == [(len(data) - 2, 1)]


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda path: path.name)
def test_real_pages_cut_anywhere_keep_their_encoding(path):
    """Each real page in UTF-8, GB18030 and Big5, whole and cut at 12 places in its second half
    (where a cut leaves enough text to judge): never another encoding, never refused. Before,
    162 of 532 cut UTF-8 pages were read as something else."""
    import random

    text = path.read_text(encoding="utf-8")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            data = (to_traditional(text) if encoding == "big5" else text).encode(encoding)
        except UnicodeEncodeError:
            continue  # a character Big5 cannot hold
        chooser = random.Random(f"{path.name} {encoding}")
        cuts = {len(data), *(chooser.randrange(len(data) // 2, len(data)) for _ in range(12))}
        for cut in sorted(cuts):
            if data[:cut].isascii():
                continue
            decoded = decode_bytes(data[:cut], source=path.name)
            assert decoded.encoding == encoding, (encoding, cut, decoded.reason)


def test_an_english_page_with_windows_quotes_is_cp1252():
    data = "He said “new quality productive forces” — twice.".encode("cp1252")
    decoded = decode_bytes(data, source="x")
    assert (decoded.text, decoded.encoding) == (
        "He said “new quality productive forces” — twice.", "cp1252")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(0x80, 0x100)) * 4,  # every high byte: no Chinese, no English
        "新质生产力".encode("utf-16-le")[1:] + b"\n" + bytes([0x9F, 0xE0, 0x81]) * 50,
    ],
    ids=["high-bytes", "shifted-utf16"],
)
def test_bytes_no_encoding_explains_are_refused_naming_the_first_bad_byte(data):
    with pytest.raises(InputError, match=r"^x:1: not UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\), "
                                         r"GB18030, Big5 or English text; give the encoding"):
        decode_bytes(data, source="x")
