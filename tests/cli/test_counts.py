"""Counts read as English: "1 block", "2 errors", "valid: 1 file" (issue 17 found "1 blocks",
"1 concepts", "2 findings (2 error)" and "valid: 1 files")."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from zhen.cli import main

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

ONE = "[carbon-neutrality]\nzh: 碳中和\npreferred: carbon neutrality\n" \
      "deprecated: carbon neutralization | not the official term\n" \
      "source: https://english.www.gov.cn/ 2021-03-05\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "one.glossary"
    path.write_text(ONE, encoding="utf-8")
    return str(path)


def test_glossary_counts(glossary):
    stats = run("glossary", "stats", "--glossary", glossary)
    assert stats.stdout.startswith("1 concept in 1 file\n")
    assert run("glossary", "validate", "--glossary", glossary).stderr.endswith("valid: 1 file\n")


def test_check_summary_counts(glossary):
    one = run("check", "--glossary", glossary, input="We seek carbon neutralization.\n")
    assert one.stdout.splitlines()[-1].startswith("1 finding (1 error) in 1 file.")
    two = run("check", "--glossary", glossary,
              input="Carbon neutralization, and carbon neutralization again.\n")
    assert two.stdout.splitlines()[-1].startswith("2 findings (2 errors) in 1 file.")


def test_page_report_counts(glossary):
    page = run("page", "--glossary", glossary, "--engine", "fallback", "--no-memory",
               input="碳中和\n")
    assert ", 1 block\n" in page.stdout
    assert "1 Chinese segment translated by fallback (0 dictionary glosses, 0 from memory)" \
        in page.stdout
    assert "1 glossary term found (1 concept)" in page.stdout
    assert "0 errors, 0 warnings, 1 info" in page.stdout
