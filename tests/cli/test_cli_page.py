"""`zhen page` as a user runs it, and `make demo` on a fresh checkout."""

from __future__ import annotations

import json
import re
import shlex
import subprocess

import pytest
from click.testing import CliRunner

from conftest import ROOT, STARTING_PAGE
from zhen.cli import main

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

NOTICE = re.compile(r"^zhen: no Argos zh→en model installed, using the built-in fallback .*"
                    r"zhen models install FILE\.argosmodel")


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["page", *args], input=input)


def _demo_command() -> list[str]:
    """The Makefile's demo recipe, with this checkout's Python in place of .venv/bin/zhen."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*\n\t(.+)$", makefile, re.M).group(1)
    example = re.search(r"^EXAMPLE\s*:=\s*(\S+)", makefile, re.M).group(1)
    words = shlex.split(recipe.replace("$(EXAMPLE)", example))
    assert words[0] == "$(BIN)/zhen", recipe
    return words[1:]


def test_make_demo_on_a_fresh_checkout(tmp_path, subprocess_env, zhen_command):
    env = dict(subprocess_env)
    for variable in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                     "ZHEN_CACHE_DIR", "ZHEN_DATA_DIR", "ARGOS_PACKAGES_DIR"):
        env.pop(variable, None)
    env["HOME"] = str(tmp_path / "fresh-home")  # no cache, no memory, no model
    result = subprocess.run([*zhen_command, *_demo_command()], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert _demo_command() == ["page", "examples/xinhua-western-region-2024-04-23.txt"]
    assert re.search(r"^ +→ en +Editor: Lin Yuchen +\[romanized\]$", out, re.M)
    assert re.search(r"^ +→ en +Continue browsing +\[fallback\]$", out, re.M)
    assert "engine: fallback — built-in fallback" in out
    terms = int(re.search(r"^TERMS \((\d+) found", out, re.M).group(1))
    assert terms > 50 and "Belt and Road Initiative" in out
    assert re.search(r"^  findings +0 errors, 0 warnings, \d+ info$", out, re.M)
    [notice] = result.stderr.splitlines()
    assert NOTICE.match(notice)


@pytest.mark.parametrize("output, marker", [
    ("markdown", "| Line | Role | Lang | Original | English |"),
    ("json", '"kind": "page"'),
    ("html", "<!DOCTYPE html>"),
])
def test_each_output_goes_to_stdout_and_the_notice_to_stderr(output, marker):
    result = run(str(STARTING_PAGE), "--output-format", output)
    assert result.exit_code == 0, result.output
    assert marker in result.stdout
    assert NOTICE.match(result.stderr)


def test_out_file_gets_the_report(tmp_path):
    target = tmp_path / "report.json"
    result = run(str(STARTING_PAGE), "--output-format", "json", "-o", str(target),
                 "--engine", "fallback")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""  # a forced fallback needs no notice
    assert json.loads(target.read_text(encoding="utf-8"))["engine"] == "fallback"


def test_translated_page_from_stdin():
    result = run("-", "--translated", input="Editor: 林雨晨\n\n继续浏览\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "Editor: Lin Yuchen\n\nContinue browsing\n"


def test_translated_file_keeps_the_page_encoding(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes("Headline\n\n責任編輯：林雨晨\n\n繼續瀏覽\n".encode("big5"))
    target = tmp_path / "page.en.txt"
    result = run(str(page), "--translated", "-o", str(target), "--encoding", "big5")
    assert result.exit_code == 0, result.output
    assert target.read_bytes().decode("big5").endswith("\n\nContinue browsing\n")


def test_translated_with_an_output_format_is_a_usage_error():
    result = run(str(STARTING_PAGE), "--translated", "--output-format", "json")
    assert result.exit_code == 2
    assert "--translated writes the page itself" in result.stderr


@pytest.mark.parametrize("content, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text or HTML page"),
    (b"   \n\n", "empty page"),
])
def test_bad_input_is_one_line_naming_the_file(tmp_path, content, problem):
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    result = run(str(page))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {page}: ") and problem in line
    assert result.stdout == ""


def test_an_installed_argos_model_is_used_and_no_notice_printed(random_argosmodel, packages_dir):
    from zhen.translate.packages import install_package

    package = install_package(random_argosmodel, directory=packages_dir)
    result = run(str(STARTING_PAGE), "--output-format", "json", "--no-memory")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["engine"] == f"argos:{package.label}" and document["notice"] is None
    notice = next(t for t in document["translations"] if t["source"] == "继续浏览")
    assert notice["engine"] == f"argos:{package.label}"
