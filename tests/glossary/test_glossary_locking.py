"""A glossary write holds the whole glossary: concurrent writers to different files of one glossary
queue, so validation across files cannot be slipped past; a folder nobody may write to is one
error line.

Issue 16: two `glossary add` of one Chinese form, one into economy.glossary and one into
society.glossary, started together, were both accepted in 12 of 20 pairs; `validate` then
reported duplicates. Each test here runs real processes released at the same instant.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from write_faults import read_only
from zhen.cli import main
from zhen.glossary.validate import validate_paths

PAIRS = 12

ECONOMY = """\
[new-quality-productive-forces]
zh: 新质生产力
zh-hant: 新質生產力
preferred: new quality productive forces
source: https://english.news.cn/20240306/2dfdc1ca2ac240b481cf6fa26bdf4f24/c.html 2024-03-06
domain: economy
"""
SOCIETY = """\
[common-prosperity]
zh: 共同富裕
zh-hant: 共同富裕
preferred: common prosperity
source: https://english.www.gov.cn/ 2021-08-17
domain: society
"""

# Waits for the starting gun (a file), then runs one zhen command in this process.
RACER = """
import os, sys, time
from zhen.cli import main
gun, *arguments = sys.argv[1:]
import zhen.cli.glossary  # loaded before the gun, like the rest, so both start level
while not os.path.exists(gun):
    time.sleep(0.0005)
main(arguments, prog_name="zhen")
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "economy.glossary").write_text(ECONOMY, encoding="utf-8")
    (glossary / "society.glossary").write_text(SOCIETY, encoding="utf-8")
    return glossary


def _race(commands: list[list[str]], gun: Path, env: dict[str, str]) -> list[tuple[int, str]]:
    """Start every command, fire the gun once all are waiting, return (exit code, stderr)."""
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(gun), *command], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
              for command in commands]
    time.sleep(1.5)  # imports done: each racer now polls for the gun
    gun.touch()
    return [(racer.wait(timeout=120), racer.stderr.read()) for racer in racers]


@pytest.mark.slow
def test_one_chinese_form_added_to_two_files_at_once_is_accepted_once(
    folder, tmp_path, subprocess_env
):
    outcomes = []
    for pair in range(PAIRS):
        form = f"并发新词{pair}"
        commands = [
            ["glossary", "add", "--glossary", str(folder), "--zh", form, "--preferred",
             f"racing term {domain} {pair}", "--domain", domain, "--cite",
             "https://example.org/race"]
            for domain in ("economy", "society")
        ]
        outcomes.append(_race(commands, tmp_path / f"gun-{pair}", subprocess_env))
    for pair, outcome in enumerate(outcomes):
        codes = sorted(code for code, _ in outcome)
        assert codes == [0, 2], (pair, outcome)
        [refusal] = [stderr for code, stderr in outcome if code == 2]
        assert f"并发新词{pair}" in refusal and "refused" in refusal
    assert validate_paths([folder]) == []


ADD_TO_NEW_FILE = """
import os, sys, time
from pathlib import Path
from zhen.glossary.edit import add_concept
from zhen.glossary.model import Concept, Rendering, Source, Status
gun, folder, name = sys.argv[1:]
concept = Concept(id=name, zh=("并发新文件",),
                  english=(Rendering(f"racing file {name}", Status.PREFERRED),),
                  sources=(Source("https://example.org/race"),))
while not os.path.exists(gun):
    time.sleep(0.0005)
add_concept(concept, Path(folder) / f"{name}.glossary", [Path(folder)])
"""


@pytest.mark.slow
def test_two_writers_creating_two_new_files_in_one_glossary_folder_queue(
    folder, tmp_path, subprocess_env
):
    for attempt in range(PAIRS):
        gun = tmp_path / f"gun-{attempt}"
        racers = [subprocess.Popen([sys.executable, "-c", ADD_TO_NEW_FILE, str(gun), str(folder),
                                    f"new-{attempt}-{side}"], env=subprocess_env,
                                   stderr=subprocess.PIPE, text=True)
                  for side in ("a", "b")]
        time.sleep(1.0)
        gun.touch()
        codes = sorted(racer.wait(timeout=120) for racer in racers)
        assert codes == [0, 1], [racer.stderr.read() for racer in racers]
        created = sorted(path.name for path in folder.glob(f"new-{attempt}-*.glossary"))
        assert len(created) == 1, created
        (folder / created[0]).unlink()  # the form is free again for the next attempt
    assert validate_paths([folder]) == []


def test_a_glossary_folder_nobody_may_write_to_is_one_error_line(folder):
    runner = CliRunner()
    first = runner.invoke(main, ["glossary", "add", "--glossary", str(folder), "--zh", "新词甲",
                                 "--preferred", "new word a", "--domain", "economy",
                                 "--cite", "https://example.org/a"])
    assert first.exit_code == 0, first.output
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    locks = [path for path in folder.iterdir() if path.name.endswith(".lock")]
    assert ".economy.glossary.lock" in {path.name for path in locks}
    with read_only(folder, writable=locks):
        result = runner.invoke(main, ["glossary", "add", "--glossary", str(folder), "--zh",
                                      "新词乙", "--preferred", "new word b", "--domain",
                                      "economy", "--cite", "https://example.org/b"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert "Traceback" not in result.output
    assert line.startswith(f"Error: {folder / 'economy.glossary'}: cannot write: ")
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
