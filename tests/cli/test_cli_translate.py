"""`zhen translate` and `zhen tm` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, STARTING_PAGE
from zhen.cli import main
from zhen.translate.memory import Entry, MemoryKey, TranslationMemory

DATA = Path(__file__).parents[1] / "data"


pytestmark = pytest.mark.usefixtures("isolated_segmenter")


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_translating_the_starting_page_without_a_model():
    result = run("translate", "--file", str(STARTING_PAGE))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Editor: Lin Yuchen" in lines
    assert "Continue browsing" in lines
    assert "You can do the following:" in lines
    assert lines[0] == STARTING_PAGE.read_text(encoding="utf-8").splitlines()[0]
    notice = result.stderr.strip().splitlines()
    assert len(notice) == 1
    assert "no Argos zh→en model installed" in notice[0] and "zhen models install" in notice[0]


def test_json_output_has_per_sentence_detail():
    result = run(
        "translate", "--file", str(STARTING_PAGE), "--engine", "fallback", "--output-format", "json"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # a forced fallback needs no notice
    document = json.loads(result.stdout)
    assert document["engine"] == "fallback"
    byline = next(s for s in document["segments"] if s["source"] == "林雨晨")
    assert (byline["line"], byline["column"], byline["target"]) == (57, 9, "Lin Yuchen")
    [sentence] = byline["sentences"]
    assert set(sentence) == {
        "source",
        "target",
        "engine",
        "memory_hit",
        "is_gloss",
        "terms_enforced",
        "mismatches",
    }
    assert sentence["is_gloss"] is False
    assert document["summary"]["segments"] == 7


@pytest.mark.parametrize(
    "args, stdin, expected",
    [
        (["继续浏览"], None, "Continue browsing\n"),
        (["-"], "上一篇\n\n下一篇\n".encode(), "Previous article\n\nNext article\n"),
        (["-"], "\ufeff版权所有".encode(), "All rights reserved\n"),
        (["-"], "继续浏览".encode("gb18030"), "Continue browsing\n"),
        (["-", "--encoding", "big5"], "繼續瀏覽".encode("big5"), "Continue browsing\n"),
    ],
)
def test_translating_text_line_by_line(args, stdin, expected):
    result = run("translate", *args, input=stdin)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_glosses_are_marked_in_text_and_json():
    text = run("translate", "--engine", "fallback", "今天天气很好")
    assert text.stdout.startswith("[gloss] ")
    document = json.loads(
        run("translate", "--engine", "fallback", "--output-format", "json", "今天天气很好").stdout
    )
    assert document["segments"][0]["is_gloss"] is True


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["translate", "   "], None, "Error: TEXT: nothing to translate (empty)"),
        (["translate", "-"], b"", "Error: <stdin>: nothing to translate (empty)"),
        (
            ["translate", "-"],
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "Error: <stdin>: this is a PNG image, not a text or HTML page",
        ),
        (
            ["translate", "-", "--encoding", "ascii"],
            "继续浏览".encode(),
            "Error: <stdin>:1: byte 0xe7 at offset 0 is not valid ascii",
        ),
        (
            ["translate", "--to", "zh", "Continue"],
            None,
            "fallback translates Chinese to English only",
        ),
        (
            ["translate", "--engine", "argos", "继续浏览"],
            None,
            "Error: no Argos zh→en package is installed",
        ),
    ],
)
def test_bad_input_is_a_one_line_error(args, stdin, message):
    result = run(*args, input=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_text_and_file_are_exclusive():
    result = run("translate", "继续浏览", "--file", str(STARTING_PAGE))
    assert result.exit_code == 2
    assert "give either TEXT" in result.stderr


def test_at_a_terminal_text_or_a_file_is_needed(monkeypatch):
    monkeypatch.setattr("zhen.cli.options.stdin_is_piped", lambda: False)
    result = run("translate")
    assert result.exit_code == 2
    assert "give TEXT or --file PAGE, or pipe it into standard input" in result.stderr


def test_without_text_piped_input_is_translated():
    result = run("translate", "--engine", "fallback", input="继续浏览\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "Continue browsing\n"


def test_a_missing_page_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("translate", "--file", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr


def _fill_memory() -> None:
    TranslationMemory().add_entries(
        [
            Entry(
                MemoryKey("argos:translate-zh_en-1.9", "1.9", "g1"), "继续浏览", "Continue browsing"
            ),
            Entry(
                MemoryKey("argos:translate-zh_en-1.9", "1.9", "g1"), "上一篇", "Previous article"
            ),
        ]
    )


def test_tm_stats_on_an_empty_memory():
    result = run("tm", "stats")
    assert result.exit_code == 0
    assert "entries: 0" in result.stdout


def test_tm_stats_counts_entries_by_engine():
    _fill_memory()
    result = run("tm", "stats", "--output-format", "json")
    stats = json.loads(result.stdout)
    assert stats["entries"] == 2
    assert [(g["engine"], g["entries"]) for g in stats["by_engine"]] == [
        ("argos:translate-zh_en-1.9", 2)
    ]


def test_tm_export_clear_import_round_trip(tmp_path):
    _fill_memory()
    before = sorted((e.key, e.source, e.target) for e in TranslationMemory().entries())
    exported = tmp_path / "memory.tmx"
    assert run("tm", "export", "-o", str(exported)).exit_code == 0
    assert run("tm", "clear", "--yes").stdout == "deleted 2 entries\n"
    assert list(TranslationMemory().entries()) == []
    imported = run("tm", "import", str(exported))
    assert imported.stdout == f"imported 2 entries from {exported}\n"
    assert sorted((e.key, e.source, e.target) for e in TranslationMemory().entries()) == before


def test_tm_export_to_stdout():
    _fill_memory()
    result = run("tm", "export", "-o", "-")
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')
    assert "<seg>Previous article</seg>" in result.stdout


def test_tm_import_of_a_foreign_tmx_reports_skipped_units():
    result = run("tm", "import", str(DATA / "omegat-project.tmx"))
    assert result.exit_code == 0
    assert (
        "imported 2 entries" in result.stdout
        and "2 units without source and target skipped" in result.stdout
    )


def test_tm_import_of_a_bad_file_is_a_one_line_error_and_adds_nothing(tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text(
        '<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>继续浏览</seg></tuv>',
        encoding="utf-8",
    )
    result = run("tm", "import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:1: not a valid TMX file")
    assert TranslationMemory().stats().entries == 0


def test_tm_clear_asks_first():
    _fill_memory()
    result = run("tm", "clear", input="n\n")
    assert result.exit_code == 1
    assert TranslationMemory().stats().entries == 2


def test_with_a_package_installed_argos_translates_without_a_notice(random_package, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(random_package.path.parent))
    result = run("translate", "--output-format", "json", "--beam-size", "1", "继续浏览。上一篇。")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["engine"] == f"argos:{random_package.label}"
    assert [s["source"] for s in document["segments"][0]["sentences"]] == ["继续浏览。", "上一篇。"]


def test_bad_argos_options_are_one_line_errors(random_package, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(random_package.path.parent))
    result = run("translate", "--compute-type", "float7", "继续浏览")
    assert result.exit_code == 2
    assert "unknown compute type 'float7'" in result.stderr


@pytest.mark.parametrize(
    "name, content, args, problem",
    [
        ("empty.txt", b"", [], "empty file"),
        ("blank.txt", b"  \n\n", [], "empty page"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "PNG image"),
        ("page.txt", "继续浏览".encode(), ["--encoding", "ascii"], "not valid ascii"),
    ],
)
def test_a_bad_page_is_a_one_line_error_naming_it(tmp_path, name, content, args, problem):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("translate", "--file", str(path), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}") and problem in line


def test_the_html_example_page_translates_block_by_block():
    result = run("translate", "--file", str(EXAMPLES / "xinhua-style-new-quality-forces.html"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Editor: Ouyang Xiaomin" in lines
    assert "Continue browsing" in lines
    assert not any("<" in line for line in lines)


def test_a_damaged_memory_is_a_one_line_error_saying_how_to_go_on():
    memory = TranslationMemory()
    memory.path.parent.mkdir(parents=True, exist_ok=True)
    memory.path.write_bytes(b"damaged " * 1000)
    result = run("tm", "stats")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {memory.path}: not a usable translation memory")
    assert "--no-memory" in line


def test_prefer_on_the_command_line():
    result = run("translate", "--prefer", "新发展格局=new development paradigm", "构建新发展格局")
    assert result.exit_code == 0, result.output
    assert "new development paradigm" in result.stdout


@pytest.mark.parametrize(
    "value, message",
    [
        ("新发展格局", "'新发展格局' is not TERM=ENGLISH"),
        ("新发展格局=new pattern", "Error: --prefer 新发展格局: 'new pattern' is not an approved"),
    ],
)
def test_a_bad_prefer_is_a_one_line_error(value, message):
    result = run("translate", "--prefer", value, "构建新发展格局")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_device_option_reaches_the_engine(random_package, monkeypatch):
    import ctranslate2

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(random_package.path.parent))
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    for command in (["translate", "--device", "cuda", "继续浏览"],
                    ["page", "--device", "cuda", str(STARTING_PAGE)]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "sees no CUDA device" in result.stderr and "Traceback" not in result.output
    result = run("translate", "--device", "gpu", "继续浏览")
    assert result.exit_code == 2 and "'gpu' is not one of 'auto', 'cpu', 'cuda'" in result.stderr
    assert run("translate", "--device", "cpu", "--compute-type", "float32", "继续浏览"
               ).exit_code == 0
