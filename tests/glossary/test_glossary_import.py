"""Glossary exchange as translators' tools write it: OmegaT headers, English-first columns, GBK
files, a dry run that predicts the real one, imports filed by domain, exports without (or with
marked) deprecated renderings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from zhen.cli import main
from zhen.glossary.model import Status
from zhen.glossary.store import load_glossary

DATA = ROOT / "tests" / "data" / "glossary"
CITE = ["--cite", "https://www.gov.cn/zhengce/ 2024-03-05"]
OMEGAT_HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"


def zhen(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path) -> Path:
    """A project glossary of two domain files."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for name in ("economy", "society"):
        shutil.copy(ROOT / "glossary" / f"{name}.glossary", glossary)
    return glossary


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _preferred(glossary: Path, form: str) -> str:
    concept = next(c for c in load_glossary([glossary]) if form in c.zh)
    return concept.preferred.text


@pytest.mark.parametrize("rows", [
    "低空经济\tlow-altitude economy\t\n",  # zh → en, as OmegaT writes a zh→en project
    "low-altitude economy\t低空经济\t\n",  # en → zh project: English is the source column
])
def test_an_omegat_glossary_with_its_header_either_way_round(folder, tmp_path, rows):
    path = _write(tmp_path / "glossary.txt", OMEGAT_HEADER + rows)
    forced = zhen("glossary", "import", "--glossary", str(folder), str(path), "--input-format",
                  "omegat", "--domain", "economy", *CITE, "--dry-run")
    assert forced.exit_code == 0, forced.output
    result = zhen("glossary", "import", "--glossary", str(folder), str(path), "--domain",
                  "economy", *CITE)
    assert result.exit_code == 0, result.output
    assert result.stdout == forced.stdout == "added\t[low-altitude-economy]\n"
    assert _preferred(folder / "economy.glossary", "低空经济") == "low-altitude economy"


def test_a_gbk_table_is_decoded_as_pages_are(folder):
    result = zhen("glossary", "import", "--glossary", str(folder), str(DATA / "gbk.tsv"), *CITE,
                  "--dry-run")
    assert result.exit_code == 0, result.output
    assert "added\t[rural-revitalization]" not in result.stdout  # 乡村振兴 is in the glossary
    assert "unchanged" in result.stderr


def test_a_dry_run_fails_where_the_real_run_fails(folder, tmp_path):
    path = _write(tmp_path / "new.csv", "低空经济,low-altitude economy\n")
    before = (folder / "economy.glossary").read_bytes()
    for args in ([], ["--dry-run"]):  # no source cited: both refuse
        result = zhen("glossary", "import", "--glossary", str(folder / "economy.glossary"),
                      str(path), *args)
        assert result.exit_code == 2 and "cite no source" in result.stderr
    conflicting = _write(tmp_path / "conflict.csv", "新质生产力,new productive forces\n")
    runs = [zhen("glossary", "import", "--glossary", str(folder), str(conflicting), *CITE,
                 *args) for args in (["--dry-run"], [])]
    assert [run.exit_code for run in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout and "conflict\t[new-quality-productive-forces]" in \
        runs[0].stdout
    assert (folder / "economy.glossary").read_bytes() == before
    economy = ["--glossary", str(folder), "--domain", "economy", *CITE]
    dry = zhen("glossary", "import", *economy, str(path), "--dry-run")
    real = zhen("glossary", "import", *economy, str(path))
    assert dry.exit_code == real.exit_code == 0
    assert dry.stdout == real.stdout == "added\t[low-altitude-economy]\n"
    assert "would write" in dry.stderr and "written to" in real.stderr


def test_imports_are_filed_by_domain_and_a_new_domain_gets_its_file(folder):
    tbx = DATA / "tbx2019.tbx"  # one concept with subjectField regional, one without a domain
    refused = zhen("glossary", "import", "--glossary", str(folder), str(tbx))
    assert refused.exit_code == 2
    assert "[carbon-neutrality] has no domain and the glossary has several files" in \
        refused.stderr and "one of economy, society, or a new one" in refused.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["economy.glossary",
                                                              "society.glossary"]
    result = zhen("glossary", "import", "--glossary", str(folder), str(tbx), "--domain",
                  "environment", *CITE)
    assert result.exit_code == 0, result.output
    regional = load_glossary([folder / "regional.glossary"])
    assert [c.id for c in regional] == ["new-international-land-sea-trade-corridor"]
    environment = load_glossary([folder / "environment.glossary"])
    assert [(c.id, c.domain) for c in environment] == [("carbon-neutrality", "environment")]


def test_an_empty_folder_asks_for_a_domain_not_a_file(tmp_path):
    empty = tmp_path / "glossary"
    empty.mkdir()
    path = _write(tmp_path / "new.csv", "低空经济,low-altitude economy\n")
    refused = zhen("glossary", "import", "--glossary", str(empty), str(path), *CITE)
    assert refused.exit_code == 2 and "several files" not in refused.stderr
    assert "holds no files yet: give --domain NAME" in refused.stderr
    result = zhen("glossary", "import", "--glossary", str(empty), str(path), *CITE,
                  "--domain", "economy")
    assert result.exit_code == 0, result.output
    assert [c.domain for c in load_glossary([empty / "economy.glossary"])] == ["economy"]


def test_export_leaves_out_or_marks_deprecated_renderings():
    omegat = zhen("glossary", "export", "--output-format", "omegat").stdout
    assert omegat.startswith(OMEGAT_HEADER)
    assert "\tnew productive forces\t" not in omegat  # superseded: not offered as a suggestion
    assert "新质生产力\tnew quality productive forces\tpreferred" in omegat
    kept = zhen("glossary", "export", "--output-format", "omegat", "--deprecated", "keep").stdout
    assert "新质生产力\tnew productive forces\tsuperseded" in kept
    tbx = zhen("glossary", "export").stdout
    assert "<term>new productive forces</term>" in tbx
    assert "supersededTerm-admn-sts" in tbx
    omitted = zhen("glossary", "export", "--deprecated", "omit").stdout
    assert "<term>new productive forces</term>" not in omitted
    assert "supersededTerm-admn-sts" not in omitted and "deprecatedTerm-admn-sts" not in omitted


def test_an_omegat_export_imports_back(tmp_path):
    exported = tmp_path / "project.txt"
    assert zhen("glossary", "export", "--output-format", "omegat", "--deprecated", "keep",
                "-o", str(exported)).exit_code == 0
    target = tmp_path / "copy.glossary"
    result = zhen("glossary", "import", "--glossary", str(target), str(exported), *CITE)
    assert result.exit_code == 0, result.output
    statuses = {r.status for c in load_glossary([target]) for r in c.english}
    assert Status.SUPERSEDED in statuses and Status.DEPRECATED in statuses
