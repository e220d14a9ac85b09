"""zhen in CI: --fail-on for page and batch, a resumed batch that keeps what it found, and the
no-model notice once, when there is something to translate, never with --quiet."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from sample_pages import write_sample_pages

from check_support import POLICY_TERMS
from zhen.batch import DONE, PageResult
from zhen.cli import main
from zhen.cli.batch import BatchProgress

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

DEPRECATED = "China will develop new productive forces.\n"  # ZH001, an error
NOTICE = "no Argos zh→en model installed"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize(("fail_on", "status"), [(None, 0), ("never", 0), ("error", 1),
                                                 ("warning", 1), ("info", 1)])
def test_page_fails_on_findings_as_check_does(fail_on, status):
    args = ["page", "--glossary", str(POLICY_TERMS), "--output-format", "json"]
    result = run(*args, *(["--fail-on", fail_on] if fail_on else []), input=DEPRECATED)
    assert result.exit_code == status, result.output
    assert json.loads(result.stdout)["summary"]["findings_by_severity"]["error"] == 1  # whole


def test_page_with_nothing_to_translate_has_no_notice():
    english = run("page", "--glossary", str(POLICY_TERMS), input=DEPRECATED)
    assert english.exit_code == 0 and NOTICE not in english.stderr
    chinese = run("page", "--glossary", str(POLICY_TERMS), input="继续浏览\n")
    assert chinese.stderr.count(NOTICE) == 1


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    write_sample_pages(folder, 3)
    return folder


def _rows(summary: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines()]
    return {Path(row["page"]).name: row for row in rows}


def test_a_resumed_batch_keeps_the_first_runs_rows_and_fails_alike(pages, tmp_path):
    glossary = tmp_path / "terms.glossary"
    shutil.copy(POLICY_TERMS, glossary)
    (pages / "deprecated.txt").write_text(DEPRECATED, encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(pages), "--output-dir", str(out), "--jobs", "1", "--glossary",
            str(glossary), "--fail-on", "error"]
    first = run(*args)
    assert first.exit_code == 1, first.output
    before = _rows(out / "zhen-batch.jsonl")
    assert before["deprecated.txt"]["findings"]["error"] == 1
    again = run(*args)
    assert again.exit_code == 1 and "0 done, 4 skipped" in again.stdout
    after = _rows(out / "zhen-batch.jsonl")
    assert {row["status"] for row in after.values()} == {"skipped"}
    for name, row in before.items():
        kept = {key: value for key, value in after[name].items() if key != "status"}
        assert kept == {key: value for key, value in row.items() if key != "status"}, name
    assert run(*args[:-2]).exit_code == 0  # without --fail-on: never


def test_the_notice_comes_once_and_not_with_quiet(pages, tmp_path):
    result = run("batch", str(pages), "--output-dir", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(NOTICE) == 1
    quiet = run("batch", "-q", str(pages), "--output-dir", str(tmp_path / "quiet"))
    assert quiet.exit_code == 0 and NOTICE not in quiet.stderr


def test_no_notice_for_a_batch_with_nothing_to_translate(tmp_path):
    english = tmp_path / "english"
    english.mkdir()
    for number in range(3):
        (english / f"page-{number}.txt").write_text(f"Page {number}.\n{DEPRECATED}",
                                                    encoding="utf-8")
    result = run("batch", str(english), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 0 and NOTICE not in result.stderr


def test_the_notice_is_printed_above_the_progress_bar():
    screen = io.StringIO()
    with BatchProgress(enabled=True, console=Console(file=screen, force_terminal=True,
                                                     width=100)) as progress:
        progress.start(2)
        progress.notice(f"zhen: {NOTICE}, using the built-in fallback")
        progress.advance(PageResult("a.txt", DONE, segments=3))
        progress.advance(PageResult("b.txt", DONE, segments=2))
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert shown.count(NOTICE) == 1
