"""TMX 1.4 export/import: a round trip keeps every entry under its key; foreign TMX is usable."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import astuple
from pathlib import Path

import pytest

from zhen.errors import InputError
from zhen.translate.memory import IMPORTED_ENGINE, Entry, MemoryKey, TranslationMemory
from zhen.translate.tmx import export_tmx, read_tmx, write_tmx

DATA = Path(__file__).parents[1] / "data"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ENTRIES = [
    Entry(
        MemoryKey("argos:translate-zh_en-1.9", "1.9", "abc123"),
        "继续浏览",
        "Continue browsing",
        "2024-04-23T12:00:00Z",
        3,
    ),
    Entry(
        MemoryKey("argos:translate-zh_en-1.9", "1.9", "abc123"),
        '版权所有 <新华网> & "伙伴"',
        "Copyright <Xinhuanet> & 'partners'",
        "2024-04-23T12:00:01Z",
        0,
    ),
    Entry(
        MemoryKey("argos:translate-zh_en-1.9", "1.8", "abc123"),
        "继续浏览",
        "Keep browsing",
        "2023-01-01T00:00:00Z",
        1,
    ),
    Entry(
        MemoryKey("argos:translate-en_zh-1.9", "1.9", "", "en", "zh"),
        "Continue browsing",
        "继续浏览",
        "2024-04-23T12:00:02Z",
        0,
    ),
    Entry(MemoryKey(IMPORTED_ENGINE), "上一篇", "Previous article", "2024-04-23T12:00:03Z", 2),
    Entry(
        MemoryKey("argos:translate-zh_en-1.9", "1.9", "abc123"),
        "表情😀与生僻字𠀀",
        "emoji 😀 and 𠀀",
        "2024-04-23T12:00:04Z",
        0,
    ),
]


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))


def _as_tuples(entries):
    return sorted((astuple(e.key), e.source, e.target, e.created, e.uses) for e in entries)


def test_round_trip_through_tmx_keeps_every_entry_and_key(tmp_path):
    with TranslationMemory() as memory:
        memory.add_entries(ENTRIES)
        exported = tmp_path / "memory.tmx"
        assert export_tmx(memory.entries(), exported, io.StringIO()) == len(ENTRIES)
        memory.clear()
        entries, skipped = read_tmx(exported)
        memory.add_entries(entries)
        assert skipped == 0
        assert _as_tuples(memory.entries()) == _as_tuples(ENTRIES)


def test_exported_file_is_tmx_1_4_with_the_required_header(tmp_path):
    exported = tmp_path / "memory.tmx"
    export_tmx(ENTRIES[:2], exported, io.StringIO())
    root = ET.parse(exported).getroot()
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    header = root.find("header")
    for attribute in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attribute), attribute
    assert header.get("srclang") == "zh"
    units = root.findall("body/tu")
    assert len(units) == 2
    assert [tuv.get(XML_LANG) for tuv in units[0].findall("tuv")] == ["zh", "en"]
    assert [tuv.find("seg").text for tuv in units[1].findall("tuv")] == [
        ENTRIES[1].source,
        ENTRIES[1].target,
    ]
    assert units[0].get("creationdate") == "20240423T120000Z"
    props = {prop.get("type"): prop.text for prop in units[0].findall("prop")}
    assert props == {
        "x-zhen-engine": "argos:translate-zh_en-1.9",
        "x-zhen-model-version": "1.9",
        "x-zhen-glossary-digest": "abc123",
    }


def test_mixed_language_pairs_declare_all_in_the_header():
    stream = io.StringIO()
    write_tmx(ENTRIES, stream)
    assert ET.fromstring(stream.getvalue()).find("header").get("srclang") == "*all*"


def test_export_to_dash_writes_to_the_given_stream():
    stream = io.StringIO()
    assert export_tmx(ENTRIES[:1], "-", stream) == 1
    assert "<seg>Continue browsing</seg>" in stream.getvalue()


def test_foreign_tmx_imports_as_human_translations():
    entries, skipped = read_tmx(DATA / "omegat-project.tmx")
    assert skipped == 2  # a unit without a translation and one with a blank translation
    assert [(e.key, e.source, e.target, e.created, e.uses) for e in entries] == [
        (MemoryKey(IMPORTED_ENGINE, "", "", "zh", "en"), "责任编辑", "Editor in charge", "", 0),
        (
            MemoryKey(IMPORTED_ENGINE, "", "", "zh", "en"),
            "版权所有",
            "All rights reserved",
            "2024-05-02T08:00:00Z",
            7,
        ),
    ]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.tmx", b"", "not a valid TMX file"),
        ("text.tmx", b"just some words", "not a valid TMX file"),
        (
            "truncated.tmx",
            b'<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>a',
            "not a valid TMX file",
        ),
        (
            "other.tmx",
            b"<xliff version='1.2'><file/></xliff>",
            "not a TMX file (root element <xliff>)",
        ),
        ("binary.tmx", bytes(range(256)), "not a valid TMX file"),
        (
            "entities.tmx",
            b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><body><tu>'
            b'<tuv xml:lang="zh"><seg>&b;</seg></tuv></tu></body></tmx>',
            "refused TMX file",
        ),
    ],
)
def test_bad_tmx_is_a_one_line_error_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_tmx(path)
    assert caught.value.message.startswith(str(path))
    assert problem in caught.value.message
    assert "\n" not in caught.value.message


def test_missing_tmx_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        read_tmx(tmp_path / "missing.tmx")


def test_failed_export_leaves_no_partial_file(tmp_path):
    def entries_then_failure():
        yield ENTRIES[0]
        raise RuntimeError("disk went away")

    target = tmp_path / "out.tmx"
    with pytest.raises(RuntimeError):
        export_tmx(entries_then_failure(), target, io.StringIO())
    assert list(tmp_path.iterdir()) == []
