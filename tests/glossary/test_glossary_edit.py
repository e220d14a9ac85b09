"""Writing the glossary: add, edit, remove and fmt are validated, atomic, locked, crash-safe."""

from __future__ import annotations

import datetime
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.glossary.edit import change_file
from zhen.glossary.model import Rendering, Source, Status
from zhen.glossary.store import load_glossary
from zhen.glossary.validate import validate_paths

TODAY = datetime.date.today().isoformat()
NQPF = "new-quality-productive-forces"
START = """\
# kept by every write

[new-quality-productive-forces]
zh: 新质生产力
zh-hant: 新質生產力
# the settled rendering
preferred: new quality productive forces
superseded: new productive forces | early 2024 form
source: https://english.news.cn/20240306/2dfdc1ca2ac240b481cf6fa26bdf4f24/c.html 2024-03-06
added: 2026-01-01
"""


@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "policy.glossary"
    path.write_text(START, encoding="utf-8")
    return path


def zhen(*args: str):
    return CliRunner().invoke(main, list(args))


def only(path: Path):
    [concept] = [c for c in load_glossary([path]) if c.id != "new-quality-productive-forces"]
    return concept


def test_add_derives_traditional_forms_dates_and_keeps_the_file_canonical(glossary):
    result = zhen("glossary", "add", "--glossary", str(glossary), "--zh", "碳达峰",
                  "--preferred", "peak carbon dioxide emissions",
                  "--deprecate", "carbon peak | non-official rendering",
                  "--domain", "environment", "--cite", "https://example.org/carbon 2021-01-04")
    assert result.exit_code == 0, result.output
    concept = only(glossary)
    assert concept.id == "peak-carbon-dioxide-emissions"
    assert concept.zh_traditional == ("碳達峯", "碳達峰")
    assert concept.english == (
        Rendering("peak carbon dioxide emissions", Status.PREFERRED),
        Rendering("carbon peak", Status.DEPRECATED, "non-official rendering"))
    assert concept.sources == (Source("https://example.org/carbon", "2021-01-04"),)
    assert concept.added == TODAY
    assert glossary.read_text(encoding="utf-8").startswith(START + "\n[peak-carbon")
    assert zhen("glossary", "fmt", "--check", "--glossary", str(glossary)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--zh", "新质生产力", "--preferred", "NQPF", "--cite", "https://x.org"],
         "Chinese form '新质生产力' is also in [new-quality-productive-forces]"),
        (["--zh", "碳中和", "--preferred", "carbon neutrality"], "no source cited"),
        (["--id", "old-term", "--zh", "旧词", "--preferred", "new productive forces",
          "--cite", "https://x.org"],
         "superseded 'new productive forces' here is preferred in [old-term]"),
        (["--zh", "碳中和", "--preferred", "carbon neutrality", "--deprecate", "net zero",
          "--cite", "https://x.org"], "deprecated 'net zero' has no reason"),
        (["--id", NQPF, "--zh", "碳中和", "--preferred", "x", "--cite", "https://x.org"],
         f"concept id '{NQPF}' already exists"),
    ],
)
def test_an_add_that_would_make_the_glossary_invalid_is_refused_byte_identical(
        glossary, args, message):
    before = glossary.read_bytes()
    result = zhen("glossary", "add", "--glossary", str(glossary), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"Error: {glossary}")
    assert glossary.read_bytes() == before


def test_edit_with_options(glossary):
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces",
                  "--preferred", "NQPF", "--deprecate", "new quality productivity | non-official",
                  "--drop", "new productive forces", "--add-zh", "新质生产力量",
                  "--note", "test note", "--cite", "https://example.org/more 2024")
    assert result.exit_code == 0, result.output
    [concept] = load_glossary([glossary])
    assert concept.english == (
        Rendering("NQPF", Status.PREFERRED),
        Rendering("new quality productive forces", Status.ADMITTED),
        Rendering("new quality productivity", Status.DEPRECATED, "non-official"),
    )
    assert concept.zh == ("新质生产力", "新质生产力量")
    assert concept.zh_traditional == ("新質生產力", "新質生產力量")
    assert concept.note == "test note"
    assert concept.sources[-1] == Source("https://example.org/more", "2024")
    assert (concept.added, concept.updated) == ("2026-01-01", TODAY)
    text = glossary.read_text(encoding="utf-8")
    assert text.startswith("# kept by every write\n") and "# the settled rendering\n" in text


def test_dropping_a_chinese_form_drops_its_traditional_forms(glossary):
    zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces",
         "--add-zh", "新质生产力量")
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces",
                  "--drop-zh", "新质生产力")
    assert result.exit_code == 0, result.output
    [concept] = load_glossary([glossary])
    assert (concept.zh, concept.zh_traditional) == (("新质生产力量",), ("新質生產力量",))


def test_an_edit_that_removes_the_only_preferred_rendering_is_refused(glossary):
    before = glossary.read_bytes()
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces",
                  "--deprecate", "new quality productive forces | wrong")
    assert result.exit_code == 2 and "no preferred English rendering" in result.output
    assert glossary.read_bytes() == before


def test_remove(glossary, tmp_path):
    zhen("glossary", "add", "--glossary", str(glossary), "--zh", "碳中和", "--preferred",
         "carbon neutrality", "--cite", "https://x.org")
    result = zhen("glossary", "remove", "--glossary", str(glossary), NQPF)
    assert result.exit_code == 0, result.output
    assert [c.id for c in load_glossary([glossary])] == ["carbon-neutrality"]
    missing = zhen("glossary", "remove", "--glossary", str(glossary), "no-such-concept")
    assert missing.exit_code == 2 and "no concept 'no-such-concept'" in missing.output


def test_add_needs_a_target_when_the_glossary_has_several_files(tmp_path):
    for name in ("economy", "society"):
        (tmp_path / f"{name}.glossary").write_text("", encoding="utf-8")
    args = ["glossary", "add", "--glossary", str(tmp_path), "--zh", "碳中和", "--preferred",
            "carbon neutrality", "--cite", "https://x.org"]
    assert "has no domain and the glossary has several files: give --domain (one of economy, " \
        "society, or a new one) or --into FILE" in zhen(*args).stderr
    assert zhen(*args, "--domain", "society").exit_code == 0
    assert [c.id for c in load_glossary([tmp_path / "society.glossary"])] == ["carbon-neutrality"]


EDITOR = """\
import sys
from pathlib import Path
draft = Path(sys.argv[1])
text = draft.read_text(encoding="utf-8")
{action}
"""


def editor(tmp_path: Path, action: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(action=textwrap.dedent(action)), encoding="utf-8")
    return f"{sys.executable} {script}"


def test_edit_without_options_opens_the_editor_on_one_entry(glossary, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, """
        assert text.startswith("[new-quality-productive-forces]"), text
        draft.write_text(text.replace("new productive forces | early 2024 form",
                                      "new productive forces | early 2024 form, edited")
                         + "note: edited by hand\\n", encoding="utf-8")
    """))
    monkeypatch.delenv("VISUAL", raising=False)
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces")
    assert result.exit_code == 0, result.output
    [concept] = load_glossary([glossary])
    assert concept.english[1].reason == "early 2024 form, edited"
    assert (concept.note, concept.updated) == ("edited by hand", TODAY)
    assert "# the settled rendering\n" in glossary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("sys.exit(3)", "exited with status 3; nothing written"),
        ("draft.write_text(text + 'colour: red\\n', encoding='utf-8')", "unknown key 'colour'"),
        ("draft.write_text(text + '\\n[second]\\nzh: 乙\\n', encoding='utf-8')",
         "holds 2 blocks, not one"),
        ("draft.write_text(text.replace('preferred:', 'admitted:'), encoding='utf-8')",
         "no preferred English rendering"),
    ],
)
def test_a_failed_or_invalid_editor_session_writes_nothing(glossary, tmp_path, monkeypatch,
                                                           action, message):
    monkeypatch.setenv("EDITOR", editor(tmp_path, action))
    before = glossary.read_bytes()
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces")
    assert result.exit_code == 2 and message in result.output, result.output
    assert glossary.read_bytes() == before


def test_a_refused_edit_is_kept_as_a_draft_that_reopens(glossary, tmp_path, monkeypatch,
                                                          isolated_dirs):
    monkeypatch.setenv("EDITOR", editor(tmp_path, """
        draft.write_text(text.replace("preferred:", "preferd:") + "note: my long edit\\n",
                         encoding="utf-8")
    """))
    before = glossary.read_bytes()
    result = zhen("glossary", "edit", "--glossary", str(glossary), "新质生产力")
    assert result.exit_code == 2 and glossary.read_bytes() == before
    kept = isolated_dirs / ".local/share/zhen/drafts/new-quality-productive-forces.glossary"
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert "unknown key 'preferd'" in line and f"your edit is kept in {kept}" in line
    assert f"zhen glossary edit new-quality-productive-forces --draft {kept}" in line
    assert "note: my long edit" in kept.read_text(encoding="utf-8")
    monkeypatch.setenv("EDITOR", editor(tmp_path, """
        assert "note: my long edit" in text and "# zhen: " not in text, text
        draft.write_text(text.replace("preferd:", "preferred:"), encoding="utf-8")
    """))
    fixed = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces",
                 "--draft", str(kept))
    assert fixed.exit_code == 0, fixed.output
    assert load_glossary([glossary]).concepts[0].note == "my long edit"
    assert not kept.exists()


def test_at_a_terminal_a_refused_edit_is_offered_again(glossary, tmp_path, monkeypatch):
    monkeypatch.setattr("zhen.cli.options.stdin_is_piped", lambda: False)
    counter = tmp_path / "tries"
    monkeypatch.setenv("EDITOR", editor(tmp_path, f"""
        tries = Path({str(counter)!r})
        n = int(tries.read_text()) + 1 if tries.exists() else 1
        tries.write_text(str(n))
        if n == 1:
            text = text.replace("preferred:", "preferd:") + "note: kept across tries\\n"
        else:
            assert "preferd:" in text and "note: kept across tries" in text, text
            text = text.replace("preferd:", "preferred:")
        draft.write_text(text, encoding="utf-8")
    """))
    result = CliRunner().invoke(main, ["glossary", "edit", "--glossary", str(glossary),
                                       "new-quality-productive-forces"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "unknown key 'preferd'" in result.stderr and "Edit it again?" in result.stderr
    assert counter.read_text() == "2"
    assert load_glossary([glossary]).concepts[0].note == "kept across tries"


def test_a_change_made_while_the_editor_is_open_is_not_overwritten(glossary, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, f"""
        real = Path({str(glossary)!r})
        real.write_text(real.read_text(encoding="utf-8") + "note: written meanwhile\\n",
                        encoding="utf-8")
        draft.write_text(text + "note: from the editor\\n", encoding="utf-8")
    """))
    result = zhen("glossary", "edit", "--glossary", str(glossary), "new-quality-productive-forces")
    assert result.exit_code == 2 and "changed while it was being edited" in result.output
    assert load_glossary([glossary]).concepts[0].note == "written meanwhile"


def test_fmt_rewrites_canonically_and_keeps_comments(tmp_path):
    path = tmp_path / "messy.glossary"
    path.write_text("[b]\nsource: https://x.org\n# about B\npreferred: B\nzh: 乙\n\n"
                    "[a]\nzh: 发展\npreferred: A\nsource: https://x.org\n", encoding="utf-8")
    assert zhen("glossary", "fmt", "--check", "--glossary", str(path)).exit_code == 1
    result = zhen("glossary", "fmt", "--glossary", str(path))
    assert result.exit_code == 0 and f"reformatted: {path}" in result.output
    assert path.read_text(encoding="utf-8") == (
        "[a]\nzh: 发展\nzh-hant: 發展\npreferred: A\nsource: https://x.org\n\n"
        "[b]\nzh: 乙\n# about B\npreferred: B\nsource: https://x.org\n")
    assert zhen("glossary", "fmt", "--check", "--glossary", str(path)).exit_code == 0


def test_the_committed_glossary_is_canonical():
    result = zhen("glossary", "fmt", "--check")
    assert result.exit_code == 0, f"run `zhen glossary fmt`:\n{result.output}"


ADD_WORKER = """
import sys
from zhen.cli import main
target, worker = sys.argv[1], int(sys.argv[2])
for i in range(50):
    main(["glossary", "add", "--glossary", target, "--zh", f"并发{worker}号{i}条",
          "--preferred", f"concurrent term {worker} {i}", "--cite", "https://example.org"],
         standalone_mode=False)
"""


@pytest.mark.slow
def test_four_processes_adding_fifty_concepts_each_lose_nothing(glossary, subprocess_env):
    workers = [subprocess.Popen([sys.executable, "-c", ADD_WORKER, str(glossary), str(n)],
                                env=subprocess_env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE) for n in range(4)]
    for worker in workers:
        assert worker.wait(timeout=600) == 0, worker.stderr.read().decode()
    concepts = load_glossary([glossary])
    expected = {f"concurrent-term-{w}-{i}" for w in range(4) for i in range(50)}
    assert {c.id for c in concepts} == expected | {"new-quality-productive-forces"}
    assert validate_paths([glossary]) == []


SAVE_LOOP = """
import sys
from pathlib import Path
from zhen.files import locked, write_atomically
path = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
print("ready", flush=True)
n = 0
while True:
    with locked(path):
        write_atomically(path, versions[n % 2])
    n += 1
"""


def big_glossary(count: int, english: str) -> bytes:
    block = ("[term-{n}]\nzh: 术语{n}\nzh-hant: 術語{n}\npreferred: {english} {n}\n"
             "source: https://example.org/{n} 2024-01-01\nnote: a generated concept\n")
    return "\n".join(block.format(n=n, english=english) for n in range(count)).encode()


@pytest.mark.slow
def test_a_writer_killed_mid_save_leaves_the_old_or_the_new_file(tmp_path, subprocess_env):
    path = tmp_path / "big.glossary"
    old, new = big_glossary(20_000, "old term"), big_glossary(20_000, "new term")
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    path.write_bytes(old)
    rng = random.Random(7)
    caught_mid_write = 0
    for _ in range(20):
        writer = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(path),
                                   str(tmp_path / "old"), str(tmp_path / "new")],
                                  env=subprocess_env, stdout=subprocess.PIPE)
        assert writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        data = path.read_bytes()
        assert data in (old, new), f"torn file: {len(data)} bytes"
        caught_mid_write += bool(list(tmp_path.glob(".big.glossary.*.tmp")))
    print(f"{caught_mid_write} of 20 writers were killed between temp file and rename")
    assert caught_mid_write  # the loop does hit the window it is meant to test
    assert len(load_glossary([path])) == 20_000
    # the next glossary change clears the temp files that killed writers leave behind
    (tmp_path / ".big.glossary.left-by-a-killed-writer.tmp").write_bytes(old[:100])
    change_file(path, lambda gfile: gfile, [path])
    assert not list(tmp_path.glob(".big.glossary.*.tmp"))
