"""`zhen batch`: many pages in worker processes, failures reported, resumable after a kill."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from sample_pages import write_sample_pages

import zhen.batch.local
from check_support import POLICY_TERMS
from conftest import ROOT
from zhen.cli import main
from zhen.page.inputs import find_pages

pytestmark = pytest.mark.usefixtures("isolated_segmenter")  # the batch warms up in-process

SCHEMA = json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text(encoding="utf-8"))


def _records(summary: Path) -> dict[str, dict]:
    records = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines()]
    validator = Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/batch_record"})
    for record in records:
        assert list(validator.iter_errors(record)) == []
    return {Path(record["page"]).name: record for record in records}


run_task_in_worker = zhen.batch.local.run_task


def dying_task(task):
    """A worker that dies on page-003 the way an out-of-memory kill ends it."""
    if task.source.endswith("page-003.txt"):
        os._exit(9)
    return run_task_in_worker(task)


def batch(*args: str):
    return CliRunner().invoke(main, ["batch", *args])


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    write_sample_pages(folder, 4)
    return folder


def test_bad_pages_are_reported_and_skipped_the_rest_done(pages, tmp_path):
    (pages / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    (pages / "folder.txt").mkdir()  # named like a page, cannot be read as one
    (pages / "gone.html").symlink_to(tmp_path / "deleted.html")  # dangling
    out = tmp_path / "out"
    result = batch(str(pages), "--output-dir", str(out), "--jobs", "2", "--output-format", "json",
                   "--output-format", "html", "--translated")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("7 pages: 4 done, 0 skipped (up to date), 3 failed; ")
    failed = sorted(line for line in result.stderr.splitlines() if line.startswith("failed: "))
    assert failed == sorted([
        f"failed: {pages / 'binary.txt'}: this is an executable, not a text or HTML page",
        f"failed: {pages / 'folder.txt'}: is a directory, not a page",
        f"failed: {pages / 'gone.html'}: no such file",
    ])
    records = _records(out / "zhen-batch.jsonl")
    assert {name: r["status"] for name, r in records.items()} == {
        "page-000.txt": "done", "page-001.html": "done", "page-002.html": "done",
        "page-003.txt": "done", "binary.txt": "failed", "folder.txt": "failed",
        "gone.html": "failed"}
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["zhen-batch.jsonl", "index.html"] + [f"page-00{n}.txt{suffix}" for n in (0, 3)
                                              for suffix in (".json", ".report.html")]
        + [f"page-00{n}.html{suffix}" for n in (1, 2) for suffix in (".json", ".report.html")]
        + ["page-001.en.html", "page-002.en.html", "page-000.en.txt", "page-003.en.txt"])
    report = json.loads((out / "page-000.txt.json").read_text(encoding="utf-8"))
    assert report["kind"] == "page" and report["summary"]["segments"] >= 7


def test_a_dying_worker_fails_its_pages_not_the_batch(pages, tmp_path, monkeypatch):
    monkeypatch.setattr(zhen.batch.local, "run_task", dying_task)  # forked workers see it
    out = tmp_path / "out"
    result = batch(str(pages), "--output-dir", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    records = _records(out / "zhen-batch.jsonl")
    assert records["page-003.txt"]["status"] == "failed"
    assert "a worker process died" in records["page-003.txt"]["error"]
    assert all(r["status"] in ("done", "failed") for r in records.values()) and len(records) == 4
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == sum(r["status"] == "failed" for r in records.values())


def test_second_run_skips_pages_whose_outputs_are_newer(pages, tmp_path):
    glossary = tmp_path / "terms.glossary"
    shutil.copy(POLICY_TERMS, glossary)
    out = tmp_path / "out"
    args = [str(pages), "--output-dir", str(out), "--jobs", "1", "--glossary", str(glossary)]
    assert batch(*args).exit_code == 0
    first = {path.name: path.stat().st_mtime_ns for path in out.glob("*.json")}

    edited = pages / "page-003.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n继续浏览\n", encoding="utf-8")
    result = batch(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("4 pages: 1 done, 3 skipped (up to date), 0 failed")
    statuses = {name: r["status"] for name, r in _records(out / "zhen-batch.jsonl").items()}
    assert statuses == {"page-000.txt": "skipped", "page-001.html": "skipped",
                        "page-002.html": "skipped", "page-003.txt": "done"}
    second = {path.name: path.stat().st_mtime_ns for path in out.glob("*.json")}
    assert {name for name in first if first[name] != second[name]} == {"page-003.txt.json"}

    os.utime(glossary)  # an edited glossary makes every report stale
    result = batch(*args)
    assert result.stdout.startswith("4 pages: 4 done, 0 skipped")


def test_an_interrupted_batch_resumes_without_redoing_finished_pages(tmp_path, subprocess_env,
                                                                    zhen_command):
    pages = tmp_path / "pages"
    write_sample_pages(pages, 60)
    out = tmp_path / "out"
    command = [*zhen_command, "batch", str(pages), "--output-dir", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, env=subprocess_env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while len(list(out.glob("*.json"))) < 5 and process.poll() is None:
            assert time.monotonic() < deadline, "the batch wrote no reports in 5 minutes"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, mid-run
        process.wait()
    finished = {path.name: path.stat().st_mtime_ns for path in out.glob("*.json")}
    assert 5 <= len(finished) < 60, "the batch was not interrupted mid-run"
    lines = (out / "zhen-batch.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= len(finished) - 1  # at most the last page was between write and log

    result = subprocess.run(command, env=subprocess_env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    records = _records(out / "zhen-batch.jsonl")
    skipped = {name for name, record in records.items() if record["status"] == "skipped"}
    assert skipped == {name.removesuffix(".json") for name in finished}
    assert len(records) == 60 and all(r["status"] in ("done", "skipped") for r in records.values())
    for name, mtime in finished.items():
        assert (out / name).stat().st_mtime_ns == mtime  # not written again
    assert len(list(out.glob("*.json"))) == 60
    assert not list(out.glob(".*.tmp"))


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path, subprocess_env, zhen_command):
    pages = tmp_path / "pages"
    write_sample_pages(pages, 40)
    out = tmp_path / "out"
    command = [*zhen_command, "batch", str(pages), "--output-dir", str(out), "--jobs", "1"]
    # A shell without job control starts background commands with SIGINT ignored, and children
    # inherit that (`make test &` in a script): give the batch a terminal's default disposition.
    process = subprocess.Popen(command, env=subprocess_env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while not list(out.glob("*.json")) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends to the whole group
    stdout, stderr = process.communicate(timeout=120)
    done = len(list(out.glob("*.json")))
    assert process.returncode == 130, f"{done} reports written\n{stdout}\n{stderr}"
    assert "Traceback" not in stderr
    assert "run the same command again to resume" in stderr


def test_two_pages_that_would_write_the_same_outputs_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_text("继续浏览\n", encoding="utf-8")
    result = batch(str(tmp_path / "a" / "page.txt"), str(tmp_path / "b" / "page.txt"),
                   "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "would write the same outputs" in result.stderr


def test_folders_give_their_pages_but_not_hidden_files_or_the_output_folder(tmp_path):
    pages = tmp_path / "pages"
    write_sample_pages(pages / "2024", 2)
    (pages / ".drafts").mkdir()
    (pages / ".drafts" / "draft.txt").write_text("x", encoding="utf-8")
    (pages / "notes.jsonl").write_text("{}", encoding="utf-8")
    (pages / "out").mkdir()
    (pages / "out" / "old-report.html").write_text("<p>x</p>", encoding="utf-8")
    found = find_pages([str(pages)], pages / "out")
    assert [(Path(page).relative_to(pages).as_posix(), relative.as_posix())
            for page, relative in found] == [
        ("2024/page-000.txt", "2024/page-000.txt"), ("2024/page-001.html", "2024/page-001.html")]


def test_progress_bar_shows_pages_segments_and_time_left():
    import io

    from rich.console import Console

    from zhen.batch import DONE, SKIPPED, PageResult
    from zhen.cli.batch import BatchProgress

    screen = io.StringIO()
    with BatchProgress(enabled=True, console=Console(file=screen, force_terminal=True,
                                                     width=100)) as progress:
        progress.advance(PageResult("a.txt", SKIPPED))  # before the workers run
        progress.start(3)
        progress.advance(PageResult("b.txt", DONE, segments=7))
        progress.advance(PageResult("c.txt", DONE, segments=5))
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert re.search(r"pages .*3/3 · 12 segments · ETA", shown)
    assert progress.finished == 3 and progress.segments == 12


def test_workers_translate_with_an_installed_argos_model(pages, tmp_path, random_argosmodel,
                                                        packages_dir):
    from zhen.translate.packages import install_package

    package = install_package(random_argosmodel, directory=packages_dir)
    out = tmp_path / "out"
    result = batch(str(pages), "--output-dir", str(out), "--jobs", "2", "--no-memory")
    assert result.exit_code == 0, result.output
    assert "built-in fallback" not in result.stderr
    records = _records(out / "zhen-batch.jsonl")
    assert {r["engine"] for r in records.values()} == {f"argos:{package.label}"}
    report = json.loads((out / "page-000.txt.json").read_text(encoding="utf-8"))
    engines = {t["engine"] for t in report["translations"]}
    assert f"argos:{package.label}" in engines  # a model translated, in a forked worker


def test_temp_files_a_killed_batch_left_are_removed_when_their_page_is_written_again(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.txt").write_text("继续浏览\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".page.txt.json.k3x_9q.tmp"
    stale.write_bytes(b'{"half a rep')
    unrelated = out / ".notes.tmp"
    unrelated.write_bytes(b"")
    result = batch(str(tmp_path / "pages"), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "page.txt.json").exists()
    assert not stale.exists()
    assert unrelated.exists()


def test_reports_are_the_same_bytes_whatever_the_workers(pages, tmp_path):
    """A batch's outputs depend on the page alone (no time taken in them), so one worker and two
    write the same files with the same bytes."""
    written = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = batch(str(pages), "--output-dir", str(out), "--jobs", jobs, "--no-memory",
                       "--output-format", "json", "--output-format", "text",
                       "--output-format", "markdown", "--output-format", "html", "--translated")
        assert result.exit_code == 0, result.output
        written[jobs] = {path.relative_to(out): path.read_bytes() for path in out.rglob("*")
                         if path.name != "zhen-batch.jsonl"}
    assert len(written["1"]) == 4 * 5 + 1  # and the index of the HTML reports
    assert written["1"] == written["2"]
    report = json.loads(written["1"][Path("page-000.txt.json")])
    assert report["summary"]["seconds"] is None
    assert "time" not in written["1"][Path("page-000.txt.report.txt")].decode()


def test_html_reports_have_clear_names_and_an_index_links_each_with_its_counts(pages, tmp_path):
    (pages / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    args = [str(pages), "--output-dir", str(out), "--jobs", "1", "--output-format", "html"]
    assert batch(*args).exit_code == 1
    assert sorted(path.name for path in out.glob("*.report.html")) == [
        "page-000.txt.report.html", "page-001.html.report.html", "page-002.html.report.html",
        "page-003.txt.report.html"]  # not page-001.html.html
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    assert sorted(href for href, _ in links) == sorted(
        path.name for path in out.glob("*.report.html"))
    records = _records(out / "zhen-batch.jsonl")
    page = records["page-000.txt"]
    row = next(line for line in index.splitlines() if "page-000.txt.report.html" in line)
    assert re.findall(r'<td class="number[^"]*">(?:<b>)?(\d+)', row) == [
        str(page["segments"]), str(page["terms"]), *(str(page["findings"][severity])
                                                      for severity in ("error", "warning", "info"))]
    assert "binary.txt" in index and "this is an executable" in index  # the failed page
    assert "Content-Security-Policy" in index and "<script" not in index

    result = batch(*args)  # nothing to do: the index still counts every page, from its report
    assert "4 skipped" in result.stdout
    again = (out / "index.html").read_text(encoding="utf-8")
    assert again.count("<td>skipped</td>") == 4
    assert again.replace("<td>skipped</td>", "<td>done</td>") == index
