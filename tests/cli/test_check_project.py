"""`zhen check` in a project: settings from [tool.zhen] or zhen.toml, a report file, --fix and
--diff that put the suggested rendering in place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from check_support import POLICY_TERMS
from zhen.cli import main

PAGE = ("China will develop new productive forces.\n"  # ZH001 (error), fixable
        "The Belt and Road matters.\n"  # ZH002 (info)
        "New productive forces grow <b>here</b>.\n")  # ZH001 at a sentence's start


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with its own glossary and one page, as the current folder."""
    (tmp_path / "terms").mkdir()
    shutil.copy(POLICY_TERMS, tmp_path / "terms" / "policy.glossary")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(result) -> list[str]:
    return [finding["code"] for finding in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("where", ["pyproject", "zhen.toml"])
def test_settings_come_from_the_project(project, where, monkeypatch):
    settings = 'glossary = "terms"\nignore = ["ZH002"]\nfail-on = "never"\n'
    if where == "pyproject":
        (project / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.zhen]\n'
                                                f'{settings}', encoding="utf-8")
    else:
        (project / "zhen.toml").write_text(settings, encoding="utf-8")
    (project / "sub").mkdir()
    result = run("check", "page.txt", "--output-format", "json")
    assert result.exit_code == 0, result.output  # fail-on never, though there are errors
    assert _codes(result) == ["ZH001", "ZH001"]  # ZH002 ignored; the project's glossary
    given = run("check", "page.txt", "--output-format", "json", "--ignore", "ZH003",
                "--fail-on", "error")
    assert given.exit_code == 1 and "ZH002" in _codes(given)  # options win
    monkeypatch.chdir(project / "sub")  # found from a folder inside the project too
    stats = run("glossary", "stats")
    origin = "pyproject.toml" if where == "pyproject" else "zhen.toml"
    assert f"glossary: {project / 'terms'} ({project / origin})" in stats.stderr
    assert _codes(run("check", "../page.txt", "--output-format", "json")) == ["ZH001", "ZH001"]


def test_a_bad_configuration_is_one_error_line(project):
    (project / "zhen.toml").write_text('fail-on = "sometimes"\nselct = ["ZH001"]\n',
                                       encoding="utf-8")
    result = run("check", "page.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: {project / 'zhen.toml'}: unknown key 'selct'")


def test_an_output_file_holds_the_report(project):
    result = run("check", "--glossary", "terms", "page.txt", "--output-format", "sarif",
                 "-o", "zhen.sarif")
    assert result.exit_code == 1 and result.stdout == ""
    sarif = json.loads((project / "zhen.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 3


def test_diff_shows_what_fix_does_and_fix_does_it(project):
    diff = run("check", "--glossary", "terms", "page.txt", "--diff")
    assert diff.exit_code == 1
    assert diff.stdout.splitlines()[:2] == ["--- a/page.txt", "+++ b/page.txt"]
    assert "+China will develop new quality productive forces.\n" in diff.stdout
    assert "+New quality productive forces grow <b>here</b>.\n" in diff.stdout  # capital kept
    assert (project / "page.txt").read_text(encoding="utf-8") == PAGE  # --diff changes nothing
    fixed = run("check", "--glossary", "terms", "page.txt", "--fix", "--output-format", "json")
    assert fixed.exit_code == 0, fixed.output
    assert "fixed 2 findings in 1 file" in fixed.stderr
    assert _codes(fixed) == ["ZH002"]  # what is left: information only
    text = (project / "page.txt").read_text(encoding="utf-8")
    assert text == PAGE.replace("new productive", "new quality productive").replace(
        "New productive", "New quality productive")
    again = run("check", "--glossary", "terms", "page.txt", "--diff")
    assert again.exit_code == 0 and again.stdout == ""


def test_fix_keeps_the_files_encoding_and_leaves_markup_alone(project):
    gbk = project / "gbk.txt"
    gbk.write_bytes("中文页面：China will develop new productive forces.\n".encode("gb18030"))
    html = project / "page.html"
    html.write_text("<p>China will develop new <i>productive</i> forces.</p>\n"
                    "<p>It will develop new productive forces.</p>\n", encoding="utf-8")
    result = run("check", "--glossary", "terms", str(gbk), str(html), "--fix")
    assert "not fixed: " in result.stderr and "markup inside the span" in result.stderr
    assert gbk.read_bytes() == "中文页面：China will develop new quality productive forces.\n" \
        .encode("gb18030")
    assert html.read_text(encoding="utf-8") == (
        "<p>China will develop new <i>productive</i> forces.</p>\n"
        "<p>It will develop new quality productive forces.</p>\n")


def test_fix_leaves_standard_input_alone():
    result = run("check", "--glossary", str(POLICY_TERMS), "--fix", input=PAGE)
    assert result.exit_code == 1 and "fixed 0 findings in 0 files" in result.stderr
