"""Every `zhen …` command the README shows runs, as written, in a project folder that has the
files it names: no usage error, no traceback, no refusal (issue 17: the `glossary add` example
failed on the shipped glossary, and renamed options lingered in examples).

The folder holds copies of the example pages under the names the README uses, a WARC file, a
translation memory file, a DeepL glossary, the toy Argos package as the downloaded .argosmodel
and a local package index for `--from-index`; the commands run in README order through a shell,
so pipes, redirections and globs work as a reader's shell runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, STARTING_PAGE
from suggest_corpus import write_corpus
from warc_support import crawled_pages, write_warc

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = ROOT / "tests" / "data"
HTML_PAGE = EXAMPLES / "xinhua-style-new-quality-forces.html"

# Commands the README shows that cannot run here, and why. Nothing else may be left out.
NOT_RUN = {
    "make demo": "tests/cli/test_cli_page.py runs the demo recipe itself",
    "make test": "this is the test suite",
    "--ray": "needs a Ray cluster (tests/cli/test_batch_ray.py runs the batch on a local one)",
}
# Commands that end with a non-zero status by design, and the status.
EXPECTED_STATUS = {
    'zhen translate --from en --to zh "Continue browsing"': 2,  # no en→zh package here
    "zhen glossary fmt --check": (0, 1),  # 1 when a file is not canonical: both are answers
}


def readme_commands() -> list[str]:
    """The `zhen` (and `make`) command lines of the README's sh and console blocks, with
    continuation lines joined and `a|b` option alternatives and `[--flag]` spelled out."""
    commands = []
    for kind, body in re.findall(r"```(sh|console)\n(.*?)```", README, re.S):
        lines = body.splitlines()
        while lines:
            line = lines.pop(0)
            while line.endswith("\\") and lines:
                line = line[:-1] + lines.pop(0).strip()
            if kind == "console":
                if line.startswith("$ "):
                    commands.append(line[2:])
                continue
            line = re.sub(r"\s+#.*$", "", line).strip()
            if re.search(r"(^|\| )zhen ", line) or line.startswith("make "):
                commands.extend(_spelled_out(line))
    return commands


def _spelled_out(line: str) -> list[str]:
    optional = re.search(r" \[(--[\w-]+)\]", line)
    if optional:
        return [line.replace(optional.group(0), ""), line.replace(optional.group(0),
                                                                   f" {optional.group(1)}")]
    choices = re.search(r"(--[\w-]+) (\w+(?:\|\w+)+)(?=\s|$)", line)
    if choices:
        return [line.replace(choices.group(0), f"{choices.group(1)} {choice}")
                for choice in choices.group(2).split("|")]
    return [line]


def test_the_readme_has_command_examples_for_every_command_group():
    groups = {command.split()[1] for command in readme_commands() if command.startswith("zhen ")}
    assert {"page", "batch", "separate", "models", "translate", "check", "tm",
            "glossary"} <= groups


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A folder with every file the README's examples name."""
    folder = tmp_path_factory.mktemp("readme") / "project"
    folder.mkdir()
    shutil.copytree(EXAMPLES, folder / "examples")
    for name in ("page.html", "more.html"):
        shutil.copy(HTML_PAGE, folder / name)
    for name in ("page.txt", "old-page.txt"):
        shutil.copy(STARTING_PAGE, folder / name)
    (folder / "big5-page.txt").write_bytes("責任編輯：林雨晨\n繼續瀏覽\n".encode("big5"))
    (folder / "pages").mkdir()
    shutil.copy(STARTING_PAGE, folder / "pages" / "western-region.txt")
    shutil.copy(HTML_PAGE, folder / "pages" / "new-forces.html")
    shutil.copytree(folder / "pages", folder / "crawl")
    shutil.copytree(folder / "pages", folder / "docs")
    write_warc(folder / "CC-MAIN-2024.warc.gz", crawled_pages(real_pages=2))
    toy = DATA / "argos" / "toy-heldout.tsv"
    rows = [line.split("\t") for line in toy.read_text(encoding="utf-8").splitlines()[1:5]]
    (folder / "zh.txt").write_text("".join(f"{zh}\n" for zh, _ in rows), encoding="utf-8")
    (folder / "en.txt").write_text("".join(f"{en}\n" for _, en in rows), encoding="utf-8")
    (folder / "pairs.tsv").write_text("".join(f"{zh}\t{en}\n" for zh, en in rows),
                                      encoding="utf-8")
    (folder / "more.jsonl").write_text("".join(json.dumps({"source": zh, "target": en},
                                                          ensure_ascii=False) + "\n"
                                               for zh, en in rows), encoding="utf-8")
    shutil.copy(DATA / "policy-terms.glossary", folder / "my-terms.glossary")
    shutil.copy(DATA / "policy-terms.glossary", folder / "my.glossary")
    shutil.copy(DATA / "glossary" / "deepl.csv", folder / "deepl.csv")
    shutil.copy(DATA / "omegat-project.tmx", folder / "project.tmx")
    write_corpus(folder / "archive", documents=12, sentences=30)
    (folder / "tm.tsv").write_text("".join(f"{zh}\t{en}\n" for zh, en in rows), encoding="utf-8")
    package = DATA / "argos" / "translate-zh_en-1.0-toy.argosmodel"
    shutil.copy(package, folder / "translate-zh_en-1_9.argosmodel")
    index = folder / "argos-index"
    index.mkdir()
    (index / "index.json").write_text(json.dumps([{
        "type": "translate", "code": "translate-zh_en", "from_code": "zh", "to_code": "en",
        "package_version": "1.0", "links": [package.as_uri()]}]), encoding="utf-8")
    bin_folder = folder.parent / "bin"
    bin_folder.mkdir()
    (bin_folder / "zhen").write_text(f'#!/bin/sh\nexec {sys.executable} -m zhen "$@"\n')
    (bin_folder / "zhen").chmod(0o755)
    return folder


def test_every_readme_command_runs(project, subprocess_env):
    env = {**subprocess_env, "PATH": f"{project.parent / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "ARGOS_PACKAGE_INDEX": (project / "argos-index").as_uri() + "/",
           "ARGOS_PACKAGES_DIR": str(project.parent / "packages"),  # the model stays here
           "ZHEN_DATA_DIR": str(project.parent / "data"),  # and so does the memory
           "EDITOR": "true"}  # `glossary edit` without options: saved unchanged
    env.pop("ZHEN_GLOSSARY", None)
    failures = []
    for command in readme_commands():
        if any(marker in command for marker in NOT_RUN) or command.startswith("make "):
            continue
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=project,
                                env=env, capture_output=True, text=True, timeout=600)
        expected = EXPECTED_STATUS.get(command, (0, 1))
        expected = expected if isinstance(expected, tuple) else (expected,)
        if result.returncode not in expected or "Traceback" in result.stderr:
            failures.append(f"{command}\n  exit {result.returncode}: "
                            f"{result.stderr.strip()[-500:]}")
    assert not failures, "\n".join(failures)
