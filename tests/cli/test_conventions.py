"""One meaning per option name in every command, as the README's conventions table says."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from check_support import POLICY_TERMS
from conftest import ROOT, STARTING_PAGE, all_commands
from zhen.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMON = {"--color", "--no-color", "--quiet", "--help"}


COMMANDS = dict(all_commands())
LEAVES = {path: command for path, command in COMMANDS.items()
          if not isinstance(command, click.Group)}


def _options(command: click.Command):
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            for name in (*parameter.opts, *parameter.secondary_opts):
                yield name, parameter


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_an_option_name_means_the_same_thing_in_every_command():
    meanings = defaultdict(set)
    for command in LEAVES.values():
        for name, parameter in _options(command):
            kind = type(parameter.type).__name__
            meanings[name].add((parameter.name if name != "--output-format" else "", kind))
    ambiguous = {name: found for name, found in meanings.items() if len(found) > 1}
    assert ambiguous == {}
    assert meanings["--output-format"] == {("", "Choice")}
    assert meanings["--input-format"] == {("input_format", "Choice")}
    assert meanings["--output-file"] == {("output_file", "StringParamType")}


@pytest.mark.parametrize("old", ["--output", "--out", "--format", "--tmx", "--add-source",
                                 "--drop-source", "--file-format"])
def test_the_old_ambiguous_names_are_gone(old):
    users = [" ".join(path) for path, command in LEAVES.items()
             if any(name == old for name, _ in _options(command))]
    assert users == []


def test_source_and_target_are_files_of_check_and_languages_are_from_and_to():
    for path, command in LEAVES.items():
        names = {name for name, _ in _options(command)}
        if "--source" in names or "--target" in names:
            assert path == ("check",)
        if "--from" in names or "--to" in names:
            assert path == ("translate",)
        if "--cite" in names or "--into" in names:
            assert path[0] == "glossary"


def test_glossary_export_no_longer_takes_a_format_for_a_file_name(tmp_path):
    result = CliRunner().invoke(main, ["glossary", "export", "--output", "tbx"])
    assert result.exit_code == 2 and "No such option '--output'" in result.output
    result = run("glossary", "export", "--output-format", "tbx", "-o", str(tmp_path / "g.tbx"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.tbx").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_every_command_has_color_and_quiet(path):
    names = {name for name, _ in _options(COMMANDS[path])}
    assert {"--color", "--no-color", "-q", "--quiet"} <= names


@pytest.mark.parametrize("path", list(LEAVES), ids=" ".join)
def test_every_option_is_in_the_readme_section_of_its_command(path):
    heading = f"### `zhen {' '.join(path)}`"
    if heading not in README:
        heading = f"### `zhen {path[0]}`"
    section = README.split(heading)[1].split("\n### ")[0]
    for name, _ in _options(LEAVES[path]):
        if name.startswith("--") and name not in COMMON:
            assert name in section, f"zhen {' '.join(path)} {name} is not in its README section"


def test_the_conventions_table_is_in_the_readme():
    table = README.split("## Commands")[1].split("\n### ")[0]
    for name in ("--output-format", "--output-file", "--output-dir", "--input-format",
                 "--encoding", "--from", "--to", "--cite", "--into", "--glossary",
                 "--color/--no-color", "NO_COLOR", "FORCE_COLOR", "--quiet", "--jobs",
                 "--fail-on"):
        assert name in table


# --- colour ------------------------------------------------------------------------------------

def _check_lint(*flags: str):
    return run("check", "--glossary", str(POLICY_TERMS), *flags,
               input="China will develop new productive forces.\n")


def test_color_flag_forces_colour_into_a_pipe():
    assert "\x1b[" in _check_lint("--color").stdout
    assert "\x1b[" not in _check_lint().stdout  # NO_COLOR is set for every test


def test_force_color_turns_colour_on_and_no_color_wins(monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in _check_lint().stdout  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in _check_lint().stdout
    assert "\x1b[" not in _check_lint("--no-color").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _check_lint().stdout


@pytest.mark.parametrize("command", [["page"], ["separate"]])
def test_page_and_separate_colour_their_text_output_on_request(command):
    plain = run(*command, str(STARTING_PAGE))
    coloured = run(*command, str(STARTING_PAGE), "--color")
    assert plain.exit_code == coloured.exit_code == 0
    assert "\x1b[" not in plain.stdout and "\x1b[" in coloured.stdout
    uncoloured = re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout)
    assert uncoloured.splitlines()[:40] == plain.stdout.splitlines()[:40]


def test_color_may_be_given_before_the_command():
    assert "\x1b[" in run("--color", "check", "--glossary", str(POLICY_TERMS),
                          input="develop new productive forces\n").stdout


# --- quiet -------------------------------------------------------------------------------------

def test_quiet_drops_the_fallback_notice_and_keeps_the_report():
    loud = run("page", str(STARTING_PAGE))
    quiet = run("page", "-q", str(STARTING_PAGE))
    assert "no Argos zh→en model installed" in loud.stderr
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout.splitlines()[:-1] == loud.stdout.splitlines()[:-1]  # all but the time


def test_quiet_drops_counts_but_never_errors(tmp_path):
    assert run("glossary", "validate").stderr.splitlines()[-1].startswith("valid:")
    assert run("glossary", "validate", "-q").stderr == ""
    missing = run("page", "-q", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: ")


# --- standard input ----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (["translate", "--engine", "fallback"], "Editor: Lin Yuchen\n"),
    (["page", "--translated", "--engine", "fallback"], "Editor: Lin Yuchen\n"),
    (["separate", "--output-format", "tsv"], "林雨晨"),
])
def test_piped_input_is_read_when_no_file_is_given(args, expected):
    result = run(*args, input="Editor: 林雨晨\n".encode())
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize("command", [["page"], ["separate"], ["translate"], ["check"],
                                     ["glossary", "suggest"], ["tm", "import"]])
def test_at_a_terminal_a_missing_input_is_a_usage_error(command, monkeypatch):
    monkeypatch.setattr("zhen.cli.options.stdin_is_piped", lambda: False)
    result = run(*command)
    assert result.exit_code == 2
    assert "standard input" in result.stderr


# --- output files ------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["separate", str(STARTING_PAGE), "--output-format", "json"],
    ["check", str(STARTING_PAGE), "--output-format", "json"],
    ["translate", "--engine", "fallback", "继续浏览"],
    ["glossary", "export", "--output-format", "amazon"],
])
def test_output_file_holds_what_stdout_would(args, tmp_path):
    shown = run(*args)
    target = tmp_path / "out"
    written = run(*args, "-o", str(target))
    assert written.exit_code == shown.exit_code
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert run(*args, "-o", "-").stdout == shown.stdout


# --- concepts named by id, any Chinese form or the preferred English ---------------------------

@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "opening-up.glossary"
    shutil.copy(ROOT / "glossary" / "opening-up.glossary", path)
    return path


@pytest.mark.parametrize("name", ["belt-and-road-initiative", "一带一路倡议", "一帶一路",
                                  "Belt and Road Initiative", "belt and road initiative"])
def test_show_edit_and_remove_take_the_same_names(glossary, name):
    shown = run("glossary", "show", "--glossary", str(glossary), name)
    assert shown.exit_code == 0, shown.output
    assert "[belt-and-road-initiative]" in shown.stdout
    edited = run("glossary", "edit", "--glossary", str(glossary), name, "--note", "edited")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout == "updated [belt-and-road-initiative]\n"
    removed = run("glossary", "remove", "--glossary", str(glossary), name)
    assert removed.exit_code == 0, removed.output
    assert "removed [belt-and-road-initiative]" in removed.stdout


def test_an_unknown_name_says_how_concepts_are_named(glossary):
    result = run("glossary", "edit", "--glossary", str(glossary), "no such thing", "--note", "x")
    assert result.exit_code == 2
    assert "name one by id, Chinese form or preferred English" in result.stderr


def test_translate_prefer_takes_a_concept_by_its_english():
    result = run("translate", "--engine", "fallback", "--prefer",
                 "Belt and Road Initiative=the Belt and Road", "一带一路倡议")
    assert result.exit_code == 0, result.output
    assert "the Belt and Road" in result.stdout
