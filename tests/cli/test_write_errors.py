"""A failed or short write is never success: every command that writes to standard output or to a
file exits 2 with one line, and leaves no truncated file under the name it was asked to write.

Issue 16: under `ulimit -f 16` `zhen separate PAGE --output json > o.json` exited 0 and left a
16,384-byte cut file; on a full tmpfs separate, page and check exited 0 with an 8,192-byte file;
`> /dev/full` gave a traceback; so did `glossary export -o /nonexistent/g.tbx`, `batch --out
README.md/out` and a read-only output folder. Each case runs the real command in a child process
against a real failure: a file-size limit, /dev/full, a small full tmpfs, a read-only folder. Every
command with an output file or an output format is in the sweep (`test_the_sweep_has_every_
command_that_writes`).
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, STARTING_PAGE, all_commands
from write_faults import AS_ROOT, fill, full_disk, read_only

PAGE = str(STARTING_PAGE)
FALLBACK = ["--engine", "fallback", "--no-memory"]

# Commands that write a result to standard output, each more than a few hundred bytes of it.
TO_STDOUT = {
    "separate": ["separate", PAGE],
    "separate json": ["separate", PAGE, "--output-format", "json"],
    "separate tsv": ["separate", PAGE, "--output-format", "tsv"],
    "page": ["page", PAGE, *FALLBACK],
    "page json": ["page", PAGE, *FALLBACK, "--output-format", "json"],
    "page html": ["page", PAGE, *FALLBACK, "--output-format", "html"],
    "page translated": ["page", PAGE, *FALLBACK, "--translated"],
    "check": ["check", PAGE, "--fail-on", "never"],
    "check json": ["check", PAGE, "--output-format", "json", "--fail-on", "never"],
    "check sarif": ["check", PAGE, "--output-format", "sarif", "--fail-on", "never"],
    "translate": ["translate", "推动新质生产力发展，加快建设现代化产业体系。" * 8, *FALLBACK],
    "glossary list": ["glossary", "list"],
    "glossary export": ["glossary", "export"],
    "glossary stats": ["glossary", "stats"],
    "tm export": ["tm", "export"],
    "glossary search": ["glossary", "search", "生产力"],
    "glossary show": ["glossary", "show", "新质生产力"],
    "glossary suggest": ["glossary", "suggest", str(EXAMPLES)],
    "glossary validate": ["glossary", "validate", "--output-format", "json"],
    "glossary import": ["glossary", "import", "--dry-run", "--output-format", "json",
                        str(ROOT / "tests/data/glossary/deepl.tsv")],
    "models list": ["models", "list", "--output-format", "json"],
    "models verify": ["models", "verify", "--output-format", "json"],
    "tm stats": ["tm", "stats", "--output-format", "json"],
    "help": ["--help"],
    "version": ["--version"],
}
# Every command with -o FILE (in one of its forms).
TO_FILE = {name: TO_STDOUT[name] for name in
           ("separate json", "page json", "page translated", "check json", "translate",
            "glossary list", "glossary export", "glossary stats", "glossary search",
            "glossary show", "glossary suggest", "glossary validate", "models list",
            "models verify", "tm export", "tm stats")}
# Every form goes through one checked standard output; /dev/full tries one of each group.
ONE_OF_EACH = ("separate", "page json", "check", "translate", "glossary export",
               "glossary suggest", "glossary import", "models list", "tm export", "help")
LIMIT = 16  # bytes: less than any command's output, so every one is cut short
# suggest spools its corpus to a temp file first, which the limit stops (its own test).
LIMITED = sorted(set(TO_STDOUT) - {"glossary suggest"})
LIMITED_TO_FILE = sorted(set(TO_FILE) - {"glossary suggest"})


def _run(command, env, stdout, limit: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "zhen", *command], env=env, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, preexec_fn=limited, cwd=ROOT,
                          timeout=300)


@pytest.fixture(scope="module")
def warmed(tmp_path_factory, sandbox_home):
    """Caches the later runs would otherwise write (segmenter, matchers, dictionary) written."""
    env = _env(sandbox_home)
    sink = tmp_path_factory.mktemp("warm") / "out"
    for command in (TO_STDOUT["page json"], TO_STDOUT["check"]):
        with open(sink, "wb") as stdout:
            assert _run(command, env, stdout).returncode == 0, command
    return env


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(home),
           "XDG_CACHE_HOME": str(home / ".cache"), "ZHEN_CACHE_DIR": str(home / ".cache/zhen"),
           "XDG_DATA_HOME": str(home / ".local/share"),
           "ZHEN_DATA_DIR": str(home / ".local/share/zhen"),
           "ARGOS_PACKAGES_DIR": str(home / ".local/share/argos-translate/packages"),
           "NO_COLOR": "1"}
    env.pop("ZHEN_GLOSSARY", None)
    return env


def _one_error_line(result: subprocess.CompletedProcess, where: str, problem: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == f"Error: {where}: cannot write: {problem}", \
        result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", LIMITED)
def test_a_file_size_limit_on_standard_output_fails_and_leaves_no_cut_file(
    name, warmed, tmp_path
):
    output = tmp_path / "o.out"
    with open(output, "wb") as stdout:
        result = _run(TO_STDOUT[name], warmed, stdout, limit=LIMIT)
    _one_error_line(result, "<stdout>", "File too large")
    assert output.stat().st_size == 0  # cut back to where zhen began, not left at 16 bytes


@pytest.mark.slow
@pytest.mark.parametrize("name", ONE_OF_EACH)
def test_standard_output_on_a_full_device_is_one_error_line(name, warmed):
    with open("/dev/full", "wb") as stdout:
        result = _run(TO_STDOUT[name], warmed, stdout)
    _one_error_line(result, "<stdout>", "No space left on device")
    assert len(result.stderr.splitlines()) <= 2  # a fallback notice may come first


def test_the_sweep_has_every_command_that_writes():
    """A command that gains an output file or format joins the sweep (batch: its own tests)."""
    writing = {" ".join(path) for path, command in all_commands()
               if {"output_file", "output_format"} & {param.name for param in command.params}}
    swept = {" ".join(arguments[:2] if arguments[0] in ("glossary", "models", "tm")
                      else arguments[:1]) for arguments in TO_STDOUT.values()}
    assert writing - {"batch"} <= swept
    assert {" ".join(path) for path, command in all_commands()
            if "output_file" in {param.name for param in command.params}} <= \
        {" ".join(TO_STDOUT[name][:2] if TO_STDOUT[name][0] in ("glossary", "models", "tm")
                  else TO_STDOUT[name][:1]) for name in TO_FILE}


@pytest.mark.slow
def test_batch_standard_output_on_a_full_device_is_one_error_line(warmed, tmp_path):
    with open("/dev/full", "wb") as stdout:
        result = _run(["batch", PAGE, "--output-dir", str(tmp_path / "out"), *FALLBACK], warmed,
                      stdout)
    _one_error_line(result, "<stdout>", "No space left on device")


@pytest.mark.slow
def test_batch_under_a_file_size_limit_leaves_no_cut_report(warmed, tmp_path):
    """A report that cannot be written whole is a failed page (exit 1, one line naming it), and
    no report is left under its name; the summary, smaller than the limit, lists the failure."""
    out = tmp_path / "out"
    result = _run(["batch", PAGE, "--output-dir", str(out), *FALLBACK], warmed,
                  subprocess.DEVNULL, limit=2048)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"failed: {PAGE}: cannot be written: File too large" in result.stderr.splitlines()
    assert sorted(path.name for path in out.iterdir()) == ["zhen-batch.jsonl"]
    [record] = [json.loads(line) for line in (out / "zhen-batch.jsonl").read_text().splitlines()]
    assert record["status"] == "failed"


@pytest.mark.slow
@pytest.mark.parametrize(("limit", "error"), [
    (64, "{out}/zhen-batch.jsonl: cannot write: File too large"),  # its line is cut away
    (LIMIT, "cannot start the worker processes: no semaphore could be made"),  # 32-byte /dev/shm
], ids=["summary", "semaphore"])
def test_batch_whose_summary_or_workers_fail_is_one_error_line(warmed, tmp_path, limit, error):
    out = tmp_path / "out"
    result = _run(["batch", PAGE, "--output-dir", str(out), *FALLBACK], warmed,
                  subprocess.DEVNULL, limit=limit)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "Error: " + error.format(out=out)
    assert [(path.name, path.stat().st_size) for path in out.iterdir()] == \
        [("zhen-batch.jsonl", 0)]


def test_suggest_whose_scratch_file_cannot_be_written_is_one_error_line(warmed, tmp_path):
    result = _run(TO_STDOUT["glossary suggest"], {**warmed, "TMPDIR": str(tmp_path)},
                  subprocess.DEVNULL, limit=LIMIT)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1] == \
        f"Error: {tmp_path}: cannot write the corpus's scratch file: File too large"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", LIMITED_TO_FILE)
def test_an_output_file_under_a_file_size_limit_keeps_the_old_file_and_leaves_no_temp(
    name, warmed, tmp_path
):
    target = tmp_path / "result.out"
    target.write_bytes(b"old\n")
    result = _run([*TO_FILE[name], "-o", str(target)], warmed, subprocess.DEVNULL, limit=LIMIT)
    _one_error_line(result, str(target), "File too large")
    assert target.read_bytes() == b"old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["result.out"]


@pytest.fixture
def full_device(tmp_path) -> Path:
    """A /dev/full of our own where we may make one (as root: a rename over the real one would
    replace it for the whole machine), else the real one, which nobody else may rename over."""
    if not AS_ROOT:
        return Path("/dev/full")
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return device


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TO_FILE))
def test_an_output_file_on_a_full_device_is_one_error_line_and_the_device_stays(
    name, warmed, full_device
):
    """`-o /dev/full` exited 0: the report went to a temp file renamed over the device."""
    result = _run([*TO_FILE[name], "-o", str(full_device)], warmed, subprocess.DEVNULL)
    _one_error_line(result, str(full_device), "No space left on device")
    assert stat.S_ISCHR(full_device.stat().st_mode)


def test_an_output_file_through_a_link_or_into_a_pipe_is_written_there(warmed, tmp_path):
    """-o follows a symbolic link (the link stays) and writes into a FIFO in place."""
    (tmp_path / "link.json").symlink_to("real.json")
    result = _run(["separate", PAGE, "--output-format", "json", "-o", str(tmp_path / "link.json")],
                  warmed, subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads((tmp_path / "real.json").read_text())["kind"] == "separate"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-m", "zhen", "separate", PAGE, "--output-format",
                               "json", "-o", str(fifo)], env=warmed, cwd=ROOT,
                              stderr=subprocess.PIPE, text=True)
    with open(fifo, "rb") as reader:
        document = json.loads(reader.read())
    assert writer.wait(timeout=300) == 0, writer.stderr.read()
    assert document["kind"] == "separate" and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_an_output_file_naming_standard_output_writes_where_it_goes(warmed, tmp_path):
    """`-o /dev/fd/1 >> log` (or /dev/stdout) adds to the log: a rename would have replaced the
    log, or failed, or, as root, replaced /dev/stdout itself (so this test names /dev/fd/1, in
    /proc, where no file can be made)."""
    log = tmp_path / "log"
    log.write_bytes(b"earlier\n")
    with open(log, "ab") as stdout:
        result = _run(["separate", PAGE, "--output-format", "json", "-o", "/dev/fd/1"], warmed,
                      stdout)
    assert result.returncode == 0, result.stderr
    earlier, report = log.read_bytes().split(b"\n", 1)
    assert earlier == b"earlier" and json.loads(report)["kind"] == "separate"


@pytest.mark.slow
def test_standard_output_into_a_full_disk_leaves_an_empty_file(warmed, tmp_path):
    with full_disk(tmp_path / "disk") as disk:
        fill(disk, leave=8192)
        output = disk / "o.json"
        with open(output, "wb") as stdout:
            result = _run(TO_STDOUT["separate json"], warmed, stdout)
        _one_error_line(result, "<stdout>", "No space left on device")
        assert output.stat().st_size == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TO_FILE))
def test_output_file_on_a_full_disk_keeps_the_old_file_and_leaves_no_temp(
    name, warmed, tmp_path
):
    with full_disk(tmp_path / "disk") as disk:
        target = disk / "result.out"
        target.write_bytes(b"the previous result\n")
        fill(disk)
        result = _run([*TO_FILE[name], "-o", str(target)], warmed, subprocess.DEVNULL)
        _one_error_line(result, str(target), "No space left on device")
        assert target.read_bytes() == b"the previous result\n"
        assert sorted(path.name for path in disk.iterdir()) == ["filler", "result.out"]


@pytest.mark.parametrize(
    ("target", "problem"),
    [("missing-folder/g.tbx", "No such file or directory"), ("a-folder", "is a directory")],
)
def test_glossary_export_to_a_path_that_cannot_be_a_file(warmed, tmp_path, target, problem):
    (tmp_path / "a-folder").mkdir()
    path = tmp_path / target
    result = _run(["glossary", "export", "-o", str(path)], warmed, subprocess.DEVNULL)
    _one_error_line(result, str(path), problem)


def test_an_output_file_in_a_read_only_folder_is_one_error_line(warmed, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "page.json").write_bytes(b"old\n")
    with read_only(folder):
        result = _run(["separate", PAGE, "--output-format", "json", "-o",
                       str(folder / "page.json")], warmed, subprocess.DEVNULL)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: {folder / 'page.json'}: cannot write: ")
    assert (folder / "page.json").read_bytes() == b"old\n"


def test_a_batch_output_folder_under_a_file_is_one_error_line(warmed, tmp_path):
    result = _run(["batch", PAGE, "--output-dir", "README.md/out"], warmed, subprocess.DEVNULL)
    assert result.returncode == 2, result.stderr
    assert result.stderr == ("Error: README.md/out: cannot be the output folder: "
                             "Not a directory\n")


def test_a_read_only_batch_output_folder_is_one_error_line(warmed, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with read_only(out):
        result = _run(["batch", PAGE, "--output-dir", str(out), *FALLBACK[:2]], warmed,
                      subprocess.DEVNULL)
    assert result.returncode == 2, result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert line.startswith(f"Error: {out / 'zhen-batch.jsonl'}: cannot write: ")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_two_pages_written_to_one_file_at_once_both_succeed(warmed, tmp_path):
    """Issue 16 saw 1 failure in 24 ("cannot write: No such file or directory"); every writer
    has its own temp file and removes only that one."""
    target = tmp_path / "same.json"
    for _ in range(12):  # 24 runs
        writers = [subprocess.Popen([sys.executable, "-m", "zhen", "page", PAGE, *FALLBACK,
                                     "--output-format", "json", "-o", str(target)],
                                    env=warmed, cwd=ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        for writer in writers:
            assert writer.wait(timeout=300) == 0, writer.stderr.read()
        assert target.read_bytes().startswith(b"{")
        assert [path.name for path in tmp_path.iterdir()] == ["same.json"]
