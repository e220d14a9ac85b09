"""Loading glossary files: which files, what a concept carries, and syntax errors with file:line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhen.errors import GlossaryError
from zhen.glossary.fileformat import format_file, parse_text
from zhen.glossary.model import Source, Status
from zhen.glossary.store import glossary_files, load_glossary

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "glossary"

BLOCK = """\
# header comment

# above the block
[belt-and-road-initiative]
zh: 一带一路倡议
zh-hant: 一帶一路倡議
preferred: Belt and Road Initiative
admitted: the Belt and Road
# above the deprecated line
superseded: One Belt, One Road | superseded in 2015
domain: opening-up
source: http://en.people.cn/n3/2024/0424/c90000-20160561.html 2024-04-24
source: https://example.org/no-date
note: first line
note: second line
added: 2026-11-29

# trailing comment
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_glossary_loads_with_origins_and_sources():
    glossary = load_glossary()
    assert len(glossary) >= 80
    assert set(glossary.files) == set(SHIPPED.glob("*.glossary"))
    for concept in glossary:
        assert concept.sources, concept.id
        lines = concept.origin.path.read_text(encoding="utf-8").splitlines()
        assert lines[concept.origin.line - 1] == f"[{concept.id}]"


def test_a_block_becomes_a_concept(tmp_path):
    path = write(tmp_path, "one.glossary", BLOCK)
    [concept] = load_glossary([path])
    assert concept.id == "belt-and-road-initiative"
    assert concept.zh == ("一带一路倡议",)
    assert concept.zh_traditional == ("一帶一路倡議",)
    assert [(r.text, r.status, r.reason) for r in concept.english] == [
        ("Belt and Road Initiative", Status.PREFERRED, ""),
        ("the Belt and Road", Status.ADMITTED, ""),
        ("One Belt, One Road", Status.SUPERSEDED, "superseded in 2015"),
    ]
    assert concept.sources == (
        Source("http://en.people.cn/n3/2024/0424/c90000-20160561.html", "2024-04-24"),
        Source("https://example.org/no-date"),
    )
    assert concept.note == "first line\nsecond line"
    assert (concept.domain, concept.added, concept.updated) == ("opening-up", "2026-11-29", "")
    assert concept.origin.line == 4
    assert concept.preferred.text == "Belt and Road Initiative"


def test_canonical_text_survives_a_round_trip_with_its_comments(tmp_path):
    assert format_file(parse_text(BLOCK, tmp_path / "x.glossary")) == BLOCK


def test_writer_sorts_blocks_and_keys_and_keeps_comments_with_their_lines(tmp_path):
    messy = (
        "[b-concept]\nsource: https://example.org/b\n# about the English\npreferred: B\nzh: 乙\n"
        "\n# about a\n[a-concept]\nzh: 甲\npreferred: A\nsource: https://example.org/a\n"
    )
    assert format_file(parse_text(messy, tmp_path / "x.glossary")) == (
        "# about a\n[a-concept]\nzh: 甲\npreferred: A\nsource: https://example.org/a\n\n"
        "[b-concept]\nzh: 乙\n# about the English\npreferred: B\nsource: https://example.org/b\n"
    )


def test_folders_load_every_glossary_file_and_nothing_else(tmp_path):
    write(tmp_path, "a.glossary", "[a]\nzh: 甲\npreferred: A\nsource: https://example.org\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.glossary", "[b]\nzh: 乙\npreferred: B\nsource: https://example.org\n")
    write(tmp_path, "README.md", "not a glossary")
    write(tmp_path, ".a.glossary.123.tmp", "[broken")
    assert [c.id for c in load_glossary([tmp_path])] == ["a", "b"]


def test_zhen_glossary_variable_selects_files_and_folders(tmp_path, monkeypatch):
    first = write(tmp_path, "a.glossary", "[a]\nzh: 甲\npreferred: A\nsource: https://example.org\n")
    folder = tmp_path / "more"
    folder.mkdir()
    write(folder, "b.glossary", "[b]\nzh: 乙\npreferred: B\nsource: https://example.org\n")
    monkeypatch.setenv("ZHEN_GLOSSARY", os.pathsep.join([str(first), str(folder)]))
    assert [c.id for c in load_glossary()] == ["a", "b"]


def test_digest_follows_content(tmp_path):
    path = write(tmp_path, "a.glossary", "[a]\nzh: 甲\npreferred: A\nsource: https://example.org\n")
    first = load_glossary([path]).digest
    assert load_glossary([path]).digest == first
    path.write_text(path.read_text(encoding="utf-8").replace("A", "B"), encoding="utf-8")
    assert load_glossary([path]).digest != first


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("zh: 甲\n", 1, "outside a concept block"),
        ("[a]\nzh: 甲\ncolour: red\n", 3, "unknown key 'colour'"),
        ("[a]\nzh 甲\n", 2, "expected 'key: value'"),
        ("[A Concept]\nzh: 甲\n", 1, "bad block header"),
        ("[a]\ndomain: x\ndomain: y\n", 3, "'domain' given twice"),
        ("[a]\n  zh: 甲\n", 2, "starts with white space"),
        ("[a]\nneeds-review: no\n", 2, "needs-review takes only 'yes'"),
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path, text, line, problem):
    path = write(tmp_path, "bad.glossary", text)
    with pytest.raises(GlossaryError) as error:
        load_glossary([path])
    assert error.value.message.startswith(f"{path}:{line}: ")
    assert problem in error.value.message


def test_non_utf8_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "gbk.glossary"
    path.write_bytes("[a]\nzh: 新质生产力\n".encode("gbk"))
    with pytest.raises(GlossaryError, match=r"gbk\.glossary:2: not UTF-8 .*GB18030"):
        load_glossary([path])


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file or folder"):
        glossary_files([tmp_path / "absent.glossary"])
