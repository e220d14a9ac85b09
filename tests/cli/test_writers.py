"""Every command that writes a file (-o FILE, glossary init, a kept draft) fails the same way on
a missing folder, a folder, a read-only folder or a full disk: one `Error:` line, exit status 2,
any old file as it was and no temp file left."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import STARTING_PAGE, all_commands
from write_faults import fill, full_disk, read_only
from zhen.cli import main

PAGE = str(STARTING_PAGE)
# Each command that takes -o/--output-file, with arguments that make it write.
WRITERS = {
    ("page",): [PAGE, "--engine", "fallback", "--no-memory"],
    ("separate",): [PAGE],
    ("check",): [PAGE, "--fail-on", "never"],
    ("translate",): ["继续浏览", "--engine", "fallback", "--no-memory"],
    ("glossary", "list"): [],
    ("glossary", "show"): ["一带一路"],
    ("glossary", "search"): ["一带一路"],
    ("glossary", "stats"): [],
    ("glossary", "validate"): ["--output-format", "json"],
    ("glossary", "export"): [],
    ("glossary", "suggest"): [PAGE, "--min-freq", "1", "--top", "2"],
    ("models", "list"): [],
    ("models", "verify"): ["--output-format", "json"],
    ("tm", "stats"): [],
    ("tm", "export"): [],
}
OLD = b"the previous result\n"


def test_the_table_holds_every_command_with_an_output_file():
    with_output_file = {path for path, command in all_commands()
                        if any(isinstance(p, click.Option) and "--output-file" in p.opts
                               for p in command.params)}
    assert with_output_file == set(WRITERS)


def _write(path: tuple[str, ...], target: Path):
    return CliRunner().invoke(main, [*path, *WRITERS[path], "-o", str(target)])


def _one_error_line(result, target: Path, problem: str) -> None:
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert errors == [f"Error: {target}: cannot write: {problem}"], result.stderr
    assert result.stdout == ""


@pytest.mark.slow
@pytest.mark.parametrize("path", list(WRITERS), ids=" ".join)
def test_a_missing_folder_or_a_folder(path, tmp_path):
    missing = tmp_path / "missing" / "out"
    _one_error_line(_write(path, missing), missing, "No such file or directory")
    assert not missing.parent.exists()
    _one_error_line(_write(path, tmp_path), tmp_path, "is a directory")


@pytest.mark.slow
@pytest.mark.parametrize("path", list(WRITERS), ids=" ".join)
def test_a_read_only_folder_keeps_the_old_file(path, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result"
    target.write_bytes(OLD)
    with read_only(folder):
        result = _write(path, target)
    assert result.exit_code == 2, result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert error.startswith(f"Error: {target}: cannot write: ")
    assert target.read_bytes() == OLD and sorted(folder.iterdir()) == [target]


@pytest.mark.slow
@pytest.mark.parametrize("path", list(WRITERS), ids=" ".join)
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temp(path, tmp_path):
    with full_disk(tmp_path / "disk") as disk:
        target = disk / "result"
        target.write_bytes(OLD)
        fill(disk)
        result = _write(path, target)
        if result.exit_code == 0:  # the result fit in what the disk had left
            pytest.fail(f"a full disk took {target.stat().st_size} bytes")
        _one_error_line(result, target, "No space left on device")
        assert target.read_bytes() == OLD
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "result"]


def test_glossary_init_into_a_read_only_or_impossible_folder(tmp_path):
    parent = tmp_path / "project"
    parent.mkdir()
    with read_only(parent):
        result = CliRunner().invoke(main, ["glossary", "init", str(parent / "glossary")])
    assert result.exit_code == 2
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert error.startswith(f"Error: {parent / 'glossary'}")
    (tmp_path / "a-file").write_text("x")
    result = CliRunner().invoke(main, ["glossary", "init", str(tmp_path / "a-file" / "g")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_draft_that_cannot_be_kept_is_one_line(tmp_path, monkeypatch, isolated_dirs):
    glossary = tmp_path / "g.glossary"
    glossary.write_text("[a]\nzh: 甲\npreferred: A\nsource: https://example.org\n",
                        encoding="utf-8")
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "[a]\\nzh: 甲\\npreferd: A\\n" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    data = isolated_dirs / ".local/share/zhen"
    data.mkdir(parents=True, exist_ok=True)
    with read_only(data):
        result = CliRunner().invoke(main, ["glossary", "edit", "--glossary", str(glossary), "a"])
    assert result.exit_code == 2
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert error.startswith(f"Error: {data / 'drafts'}") and "Traceback" not in result.output
    assert "cannot keep the draft" in error or "cannot write: Read-only file system" in error
