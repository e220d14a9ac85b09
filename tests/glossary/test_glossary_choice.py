"""Which glossary a command reads: --glossary, $ZHEN_GLOSSARY, ./glossary, else the shipped one."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT
from zhen import paths
from zhen.cli import main
from zhen.glossary.store import load_glossary


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty current folder, away from the checkout and its glossary/."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _own_glossary(folder):
    (folder / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "economy.glossary", folder / "glossary")
    return folder / "glossary"


def test_the_order_is_option_environment_current_folder_shipped(elsewhere, monkeypatch):
    assert paths.choose_glossary().origin == paths.SHIPPED
    assert paths.choose_glossary().paths == (paths.SHIPPED_GLOSSARY,)
    (elsewhere / "glossary").mkdir()  # a folder without glossary files is not a glossary
    assert paths.choose_glossary().origin == paths.SHIPPED
    shutil.copy(ROOT / "glossary" / "economy.glossary", elsewhere / "glossary")
    assert paths.choose_glossary() == paths.GlossaryChoice((elsewhere / "glossary",),
                                                           paths.FROM_CURRENT_FOLDER)
    monkeypatch.setenv("ZHEN_GLOSSARY", f"/a.glossary{':'}/b")
    assert paths.choose_glossary().paths == (paths.Path("/a.glossary"), paths.Path("/b"))
    assert paths.choose_glossary(["mine.glossary"]).origin == paths.FROM_OPTION


def test_the_shipped_glossary_is_the_curated_one():
    shipped, curated = load_glossary([paths.SHIPPED_GLOSSARY]), load_glossary([ROOT / "glossary"])
    assert [c.id for c in shipped] == [c.id for c in curated] and len(shipped) > 500


def test_every_glossary_command_says_which_glossary_it_read(elsewhere):
    for args in (["list"], ["show", "一带一路"], ["search", "一带一路"], ["stats"], ["validate"],
                 ["export"], ["fmt", "--check"]):
        result = CliRunner().invoke(main, ["glossary", *args])
        assert result.exit_code == 0, (args, result.output)
        assert f"glossary: {paths.SHIPPED_GLOSSARY} (shipped with zhen)\n" in result.stderr
    _own_glossary(elsewhere)
    result = CliRunner().invoke(main, ["glossary", "stats"])
    assert f"glossary: {elsewhere / 'glossary'} (./glossary)\n" in result.stderr
    assert result.stdout.startswith(f"{len(load_glossary([elsewhere / 'glossary']))} concepts")


@pytest.mark.parametrize("args", [
    ["add", "--zh", "测试概念", "--preferred", "test concept", "--cite", "https://x.org/t",
     "--domain", "economy"],
    ["edit", "一带一路", "--note", "changed"],
    ["remove", "一带一路"],
    ["fmt"],
])
def test_writes_into_the_shipped_glossary_are_refused_with_a_way_out(elsewhere, args):
    before = {path: path.read_bytes() for path in paths.SHIPPED_GLOSSARY.glob("*.glossary")}
    result = CliRunner().invoke(main, ["glossary", *args])
    assert result.exit_code == 2
    assert "is the glossary shipped with zhen, which an upgrade replaces" in result.stderr
    assert "zhen glossary init DIR" in result.stderr
    assert {path: path.read_bytes() for path in before} == before


def test_init_copies_the_shipped_glossary_to_edit(elsewhere):
    result = CliRunner().invoke(main, ["glossary", "init"])
    assert result.exit_code == 0, result.output
    copied = load_glossary([elsewhere / "glossary"])
    assert len(copied) == len(load_glossary([paths.SHIPPED_GLOSSARY]))
    assert (elsewhere / "glossary" / "README.md").is_file()
    edited = CliRunner().invoke(main, ["glossary", "edit", "一带一路", "--note", "ours"])
    assert edited.exit_code == 0, edited.output
    again = CliRunner().invoke(main, ["glossary", "init"])
    assert again.exit_code == 2 and "already holds glossary files" in again.stderr
