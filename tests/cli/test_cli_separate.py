"""`zhen separate` as a user runs it: outputs, stdin, options and bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import STARTING_PAGE
from zhen.cli import main


def _run(*args, input=None):
    return CliRunner().invoke(main, ["separate", *args], input=input)


def test_text_output_lists_roles_languages_and_name():
    result = _run(str(STARTING_PAGE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        line.split()[:3] == ["57:9", "byline", "zh"] and line.endswith("林雨晨") for line in lines
    )
    assert any("林雨晨/nr=Lin Yuchen" in line for line in lines)
    assert any(line.split()[:3] == ["1:1", "navigation", "en"] for line in lines)
    assert "\x1b[" not in result.output  # not a terminal: no colour codes


def test_json_output_has_blocks_spans_tokens_with_offsets():
    result = _run(str(STARTING_PAGE), "--output-format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema_version"] == 1 and document["kind"] == "separate"
    blocks = document["page"]["blocks"]
    editor = next(b for b in blocks if b["text"] == "Editor: 林雨晨")
    assert editor["role"] == "byline"
    name = editor["spans"][-1]
    assert (name["language"], name["variant"], name["line"], name["column"]) == (
        "zh",
        "unmarked",
        57,
        9,
    )
    assert name["tokens"] == [
        {
            "text": "林雨晨",
            "pos": "nr",
            "start": name["start"],
            "end": name["end"],
            "line": 57,
            "column": 9,
            "romanized": "Lin Yuchen",
        }
    ]


def test_tsv_output_has_one_row_per_span():
    result = _run(str(STARTING_PAGE), "--output-format", "tsv")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0][:3] == ["block", "role", "line"]
    assert all(len(row) == len(rows[0]) for row in rows)
    name_row = next(row for row in rows if row[8] == "林雨晨")
    assert name_row[1] == "byline" and name_row[6] == "zh" and name_row[9] == "林雨晨/nr=Lin Yuchen"


def test_stdin_is_read_with_dash():
    result = _run("-", "--output-format", "tsv", input="Editor: 林雨晨\n".encode())
    assert result.exit_code == 0, result.output
    assert "\tzh\tunmarked\t林雨晨\t" in result.output


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty.txt: empty file"),
        (lambda d: _write(d / "blank.txt", b" \n\t\n"), "blank.txt: empty page"),
        (
            lambda d: _write(d / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "photo.png: this is a PNG image",
        ),
        (lambda d: _write(d / "data.bin", b"abc\ndef\x00\x01\x02"), "data.bin:2: binary file"),
    ],
    ids=["missing", "directory", "empty", "blank", "image", "nul-bytes"],
)
def test_bad_input_is_one_clear_error_line(tmp_path, setup, message):
    path = setup(tmp_path)
    result = _run(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_forced_encoding_that_does_not_fit_names_file_and_line(tmp_path):
    path = _write(tmp_path / "page.txt", "first line\n林雨晨\n".encode())
    result = _run(str(path), "--encoding", "ascii")
    assert result.exit_code == 2
    assert "page.txt:2: byte 0xe6 at offset 11 is not valid ascii" in result.stderr


def test_unknown_encoding_is_an_error(tmp_path):
    path = _write(tmp_path / "page.txt", b"hello")
    result = _run(str(path), "--encoding", "no-such-codec")
    assert result.exit_code == 2 and "unknown encoding 'no-such-codec'" in result.stderr


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _run_on_a_terminal(command, env) -> str:
    """Runs `command` with its stdout on a pseudo-terminal and returns what it printed."""
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0, process.stderr.read()
    return b"".join(chunks).decode("utf-8", "replace")


def test_text_output_is_coloured_on_a_terminal_unless_no_color(subprocess_env, zhen_command):
    command = [*zhen_command, "separate", str(STARTING_PAGE)]
    env = {key: value for key, value in subprocess_env.items() if key != "NO_COLOR"}
    coloured = _run_on_a_terminal(command, env | {"TERM": "xterm-256color", "COLUMNS": "160"})
    assert "\x1b[" in coloured and "林雨晨" in coloured and "byline" in coloured
    plain = _run_on_a_terminal(command, env | {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "林雨晨/nr=Lin Yuchen" in plain
