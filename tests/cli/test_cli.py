"""The command line as a user meets it: help everywhere, a version, one-line errors."""

from __future__ import annotations

import gc
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import zhen.cli.page
from conftest import STARTING_PAGE, all_commands
from zhen import __version__
from zhen.cli import _COMMANDS as COMMANDS
from zhen.cli import main
from zhen.errors import InputError
from zhen.gcpause import COMMAND_THRESHOLDS


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_top_level_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for path, _ in all_commands():
        if len(path) == 1:
            assert path[0] in result.output


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_has_help(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = dict(all_commands())[path]
    assert command.help and command.help.strip(), f"zhen {' '.join(path)} has no help text"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_line_is_the_commands_own(name):
    """`zhen --help` lists commands from a table (so it imports none of them)."""
    command = main.get_command(click.Context(main), name)
    assert COMMANDS[name][1] == command.get_short_help_str(limit=500)


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2


def test_python_dash_m_runs_the_cli(subprocess_env, zhen_command):
    result = subprocess.run(
        [*zhen_command, "--version"], capture_output=True, text=True, env=subprocess_env
    )
    assert result.returncode == 0
    assert __version__ in result.stdout


README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_is_documented_in_the_readme(path):
    assert f"zhen {' '.join(path)}" in README, f"README does not mention `zhen {' '.join(path)}`"


def test_a_command_collects_cycles_less_often_and_restores_the_collector_even_on_error(
        monkeypatch):
    seen = []

    def failing_run(*args, **kwargs):
        seen.append(gc.get_threshold())
        raise InputError("cannot read", "page.txt")

    monkeypatch.setattr(zhen.cli.page, "run_page", failing_run)
    before = gc.get_threshold()
    result = CliRunner().invoke(main, ["page", str(STARTING_PAGE)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
    assert seen == [COMMAND_THRESHOLDS] != [before]
    assert gc.get_threshold() == before
