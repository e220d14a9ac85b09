"""`zhen check` as a user runs it: linter lines, exit codes, many inputs, pairs, bad input."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from click.testing import CliRunner

from check_support import POLICY_TERMS, positions
from conftest import STARTING_PAGE
from zhen.cli import main

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

PAGE_TEXT = STARTING_PAGE.read_text(encoding="utf-8")
LINT_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|"
                       r"info) (?P<code>ZH\d{3}) (?P<message>.+?)(?: \[fix: (?P<fix>.+)\])?$")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", *args], input=input)


def lint_findings(output: str) -> list[dict[str, str]]:
    return [match.groupdict() for line in output.splitlines() if (match := LINT_LINE.match(line))]


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_starting_page_passes_with_only_info_lines():
    result = run(str(STARTING_PAGE))
    assert result.exit_code == 0, result.output
    findings = lint_findings(result.stdout)
    assert findings and {f["severity"] for f in findings} == {"info"}
    assert result.stdout.splitlines()[-1].endswith(
        "in 1 file. Judged as of 2024-04-24 (dateline).")


def test_deprecated_term_is_one_error_line_with_the_fix(tmp_path):
    first = PAGE_TEXT.index("new quality productive forces")
    changed = PAGE_TEXT[:first] + "new productive forces" + PAGE_TEXT[first + 29:]
    page = write(tmp_path, "page.txt", changed)
    result = run(str(page))
    assert result.exit_code == 1
    errors = [f for f in lint_findings(result.stdout) if f["severity"] == "error"]
    line, column = positions(PAGE_TEXT, "new quality productive forces")[0]
    assert [(f["path"], int(f["line"]), int(f["column"]), f["code"], f["fix"]) for f in errors] == [
        (str(page), line, column, "ZH001", "new quality productive forces")]
    assert "1 error" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("fail_on, exit_code", [
    ("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_sets_the_bar_for_exit_1(tmp_path, fail_on, exit_code):
    page = write(tmp_path, "near.txt", "They develop productive forces of new quality.\n")
    result = run("--glossary", str(POLICY_TERMS), "--fail-on", fail_on, str(page))
    assert [f["code"] for f in lint_findings(result.stdout)] == ["ZH003"]
    assert result.exit_code == exit_code


def test_fail_on_never_still_exits_0_with_errors(tmp_path):
    page = write(tmp_path, "old.txt", "the One Belt, One Road of old\n")
    assert run("--glossary", str(POLICY_TERMS), str(page)).exit_code == 1
    assert run("--glossary", str(POLICY_TERMS), "--fail-on", "never", str(page)).exit_code == 0


def test_select_and_ignore_codes(tmp_path):
    page = write(tmp_path, "mixed.txt",
                 "the One Belt, One Road and the Belt and Road; productive forces of new quality\n")
    glossary = ("--glossary", str(POLICY_TERMS))
    codes = [f["code"] for f in lint_findings(run(*glossary, str(page)).stdout)]
    assert codes == ["ZH001", "ZH002", "ZH003"]
    selected = run(*glossary, "--select", "ZH001,ZH003", str(page))
    assert [f["code"] for f in lint_findings(selected.stdout)] == ["ZH001", "ZH003"]
    ignored = run(*glossary, "--ignore", "ZH001", "--ignore", "ZH002", str(page))
    assert [f["code"] for f in lint_findings(ignored.stdout)] == ["ZH003"]
    assert ignored.exit_code == 0


def test_unknown_code_is_a_usage_error(tmp_path):
    result = run("--select", "ZH999", str(STARTING_PAGE))
    assert result.exit_code == 2
    assert "ZH999" in result.output


def test_inline_suppression_comment_silences_a_line(tmp_path):
    page = write(tmp_path, "s.txt",
                 "new productive forces  <!-- zhen: ignore -->\n"
                 "new productive forces  # zhen: ignore[ZH001]\n"
                 "new productive forces  # zhen: ignore[ZH002]\n"
                 "new productive forces\n")
    result = run("--glossary", str(POLICY_TERMS), str(page))
    assert [int(f["line"]) for f in lint_findings(result.stdout)] == [3, 4]


def test_many_files_and_folders_at_once(tmp_path):
    write(tmp_path, "docs/a.txt", "new productive forces\n")
    write(tmp_path, "docs/sub/b.md", "high-quality development\n")
    write(tmp_path, "docs/sub/c.html", "<p>the <i>Belt and Road</i> partners</p>\n")
    write(tmp_path, "docs/.hidden/d.txt", "new productive forces\n")
    write(tmp_path, "docs/image.png", "not a page\n")
    single = write(tmp_path, "e.txt", "NQPF\n")
    result = run("--glossary", str(POLICY_TERMS), str(tmp_path / "docs"), str(single))
    assert result.exit_code == 1
    paths = [f["path"] for f in lint_findings(result.stdout)]
    assert paths == [str(tmp_path / "docs/a.txt"), str(tmp_path / "docs/sub/c.html"), str(single)]
    assert result.stdout.splitlines()[-1].endswith(
        "in 4 files. Judged as of each input's date (today 4).")


def test_standard_input_with_dash():
    result = run("--glossary", str(POLICY_TERMS), "-", input="We need new productive forces.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:9: error ZH001")


def test_unreadable_input_among_several_is_named_and_the_others_are_checked(tmp_path):
    good = write(tmp_path, "good.txt", "new productive forces\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    result = run("--glossary", str(POLICY_TERMS), str(binary), str(missing), str(good))
    assert result.exit_code == 2
    assert [f["path"] for f in lint_findings(result.stdout)] == [str(good)]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"Error: {binary}: ")
    assert errors[1].startswith(f"Error: {missing}: ")
    assert "2 inputs could not be checked" in result.stdout


def test_invalid_glossary_stops_before_any_checking(tmp_path):
    bad = write(tmp_path, "bad.glossary", "[ok-id]\nzh: 测试\npreferred test\n")
    result = run("--glossary", str(bad), str(STARTING_PAGE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}:3: ")
    assert "Traceback" not in result.output


def test_empty_glossary_is_an_error(tmp_path):
    (tmp_path / "none").mkdir()
    result = run("--glossary", str(tmp_path / "none"), str(STARTING_PAGE))
    assert result.exit_code == 2
    assert "holds no concepts" in result.stderr


def test_nothing_to_check_at_a_terminal_is_a_usage_error(monkeypatch):
    monkeypatch.setattr("zhen.cli.options.stdin_is_piped", lambda: False)
    result = run()
    assert result.exit_code == 2
    assert "nothing to check" in result.output


def test_without_a_path_a_piped_page_is_checked():
    result = run("--glossary", str(POLICY_TERMS), input="We develop new productive forces.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:")


def test_source_and_target_files_are_checked_line_by_line(tmp_path):
    source = write(tmp_path, "zh.txt", "推动高质量发展。\n\n培育新质生产力。\n坚持共同富裕。\n")
    target = write(tmp_path, "en.txt", "Promote high-quality development.\n\n"
                                       "Foster new productive forces.\nUphold common wealth.\n")
    result = run("--glossary", str(POLICY_TERMS), "--source", str(source), "--target", str(target))
    assert result.exit_code == 1
    findings = [(f["path"], int(f["line"]), int(f["column"]), f["code"], f["fix"])
                for f in lint_findings(result.stdout)]
    assert findings == [
        (str(target), 3, 8, "ZH001", "new quality productive forces"),
        (str(target), 4, 1, "ZH004", "common prosperity"),
    ]


def test_source_and_target_with_different_line_counts_are_refused(tmp_path):
    source = write(tmp_path, "zh.txt", "推动高质量发展。\n培育新质生产力。\n")
    target = write(tmp_path, "en.txt", "Promote high-quality development.\n")
    result = run("--source", str(source), "--target", str(target))
    assert result.exit_code == 2
    assert "not aligned" in result.stderr and str(target) in result.stderr


def test_source_without_target_is_a_usage_error(tmp_path):
    source = write(tmp_path, "zh.txt", "推动高质量发展。\n")
    assert run("--source", str(source)).exit_code == 2


def test_tsv_pairs_file(tmp_path):
    pairs = write(tmp_path, "pairs.tsv", "zh\ten\n"
                                         "推动高质量发展\tpromote high quality development\n"
                                         "培育新质生产力\tfoster new growth\n")
    result = run("--glossary", str(POLICY_TERMS), "--pairs", str(pairs))
    assert result.exit_code == 1
    findings = lint_findings(result.stdout)
    assert [(int(f["line"]), int(f["column"]), f["code"]) for f in findings] == [(3, 9, "ZH004")]


def test_jsonl_pairs_file(tmp_path):
    rows = [{"source": "培育新质生产力", "target": "foster new quality productive forces"},
            {"zh": "推进一带一路倡议", "en": "advance the One Belt, One Road"}]
    pairs = write(tmp_path, "pairs.jsonl", "\n".join(json.dumps(r, ensure_ascii=False)
                                                     for r in rows) + "\n")
    result = run("--glossary", str(POLICY_TERMS), "--pairs", str(pairs))
    assert [(f["line"], f["code"]) for f in lint_findings(result.stdout)] == [("2", "ZH001")]


@pytest.mark.parametrize("name, text, line", [
    ("bad.tsv", "推动高质量发展\tpromote high-quality development\n培育新质生产力\n", 2),
    ("bad.tsv", "推动高质量发展\ta\tb\n", 1),
    ("bad.tsv", "推动高质量发展\t \n", 1),
    ("bad.jsonl", '{"source": "推动", "target": "promote"}\n{"source": "培育"}\n', 2),
    ("bad.jsonl", '{"source": "推动", "target": "promote"}\nnot json\n', 2),
])
def test_misaligned_pairs_file_is_refused_with_its_line(tmp_path, name, text, line):
    pairs = write(tmp_path, name, text)
    result = run("--pairs", str(pairs))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {pairs}:{line}: ")


def test_json_output_lists_findings_terms_and_a_summary(tmp_path):
    page = write(tmp_path, "p.txt", "new productive forces and high-quality development\n")
    result = run("--glossary", str(POLICY_TERMS), "--output-format", "json", str(page))
    document = json.loads(result.stdout)
    assert document["kind"] == "check" and document["schema_version"] == 1
    assert [(f["code"], f["line"], f["column"], f["end_column"], f["suggestion"])
            for f in document["findings"]] == [("ZH001", 1, 1, 22, "new quality productive forces")]
    assert [(t["text"], t["status"]) for t in document["terms"]] == [
        ("new productive forces", "deprecated"), ("high-quality development", "preferred")]
    assert document["summary"] == {"files_checked": 1, "error": 1, "warning": 0, "info": 0,
                                   "problems": 0}


def test_github_output_is_workflow_annotations(tmp_path):
    page = write(tmp_path, "p.txt", "x\nnew productive forces, ok\n")
    result = run("--glossary", str(POLICY_TERMS), "--output-format", "github", str(page))
    assert result.stdout == (
        f"::error file={page},line=2,col=1,endColumn=22,title=ZH001 deprecated-term::"
        'deprecated rendering "new productive forces" of new-quality-productive-forces: Xinhua '
        "wording of Feb 2024, before the rendering settled [fix: new quality productive forces]\n")


def test_color_only_when_asked_or_on_a_terminal(tmp_path):
    page = write(tmp_path, "p.txt", "new productive forces\n")
    plain = run("--glossary", str(POLICY_TERMS), str(page))
    assert "\x1b[" not in plain.stdout
    colored = CliRunner().invoke(main, ["check", "--color", "--glossary", str(POLICY_TERMS),
                                        str(page)], color=True)
    assert "\x1b[31m" in colored.stdout  # red "error"


def test_check_runs_as_a_child_process(subprocess_env, zhen_command):
    result = subprocess.run([*zhen_command, "check", str(STARTING_PAGE), "--select", "ZH001"],
                            capture_output=True, text=True, env=subprocess_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No findings in 1 file. Judged as of 2024-04-24 (dateline).\n"
