"""`zhen glossary` as a user meets it: list, show, search, stats, validate, import, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.glossary.store import load_glossary

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data" / "glossary"


def zhen(*args: str):
    return CliRunner().invoke(main, list(args))


def test_list_prints_id_headword_and_preferred_rendering():
    result = zhen("glossary", "list", "--domain", "opening-up")
    assert result.exit_code == 0
    assert "belt-and-road-initiative\t一带一路倡议\tBelt and Road Initiative\n" in result.stdout
    assert all(line.count("\t") == 2 for line in result.stdout.splitlines())
    assert "new-quality-productive-forces" not in result.stdout


def test_show_prints_the_stored_block_with_its_location():
    result = zhen("glossary", "show", "一帶一路")
    assert result.exit_code == 0
    first, second = result.stdout.splitlines()[:2]
    shipped = (ROOT / "glossary" / "opening-up.glossary").read_text(encoding="utf-8")
    line = shipped.splitlines().index("[belt-and-road-initiative]") + 1
    assert first.startswith("# ") and first.endswith(f"opening-up.glossary:{line}")
    assert second == "[belt-and-road-initiative]"
    assert "superseded: One Belt, One Road | since 2015-09" in result.output


@pytest.mark.parametrize(
    ("query", "concept_id", "field"),
    [
        ("新质生产力", "new-quality-productive-forces", "zh"),
        ("新質生產力", "new-quality-productive-forces", "zh"),
        ("西部陸海新通道", "new-international-land-sea-trade-corridor", "zh"),
        ("HIGH QUALITY DEVELOPMENT", "high-quality-development", "preferred"),
        ("one belt one road", "belt-and-road-initiative", "superseded"),
        ("New Western Land–Sea Corridor", "new-international-land-sea-trade-corridor", "admitted"),
        ("xinzhishengchanli", "new-quality-productive-forces", "pinyin"),
        ("Xīn zhì shēngchǎnlì", "new-quality-productive-forces", "pinyin"),  # tone marks
        ("xin zhi sheng chan li", "new-quality-productive-forces", "pinyin"),
        ("Xi'an Zhi Sheng", None, None),
        ("xizang-autonomous-region", "xizang-autonomous-region", "id"),
    ],
)
def test_search_finds_chinese_english_pinyin_and_ids(query, concept_id, field):
    result = zhen("glossary", "search", query)
    lines = result.stdout.splitlines()
    if concept_id is None:
        assert lines == [] and result.exit_code == 1  # like grep
        return
    assert result.exit_code == 0
    first = lines[0].split("\t")
    assert first[0] == concept_id
    assert first[3].startswith(f"{field}: ")


def test_stats_counts_domains_and_statuses():
    result = zhen("glossary", "stats")
    assert result.exit_code == 0
    glossary = load_glossary()
    files = len(list((ROOT / "glossary").glob("*.glossary")))
    assert result.stdout.startswith(f"{len(glossary)} concepts in {files} files\n")
    opening_up = sum(concept.domain == "opening-up" for concept in glossary)
    assert f"  opening-up\t{opening_up}\n" in result.stdout
    assert "without source: 0\n" in result.stdout


def test_validate_is_quiet_and_zero_on_the_shipped_glossary():
    result = zhen("glossary", "validate")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_validate_reports_problems_with_file_and_line_and_exits_one(tmp_path):
    path = tmp_path / "bad.glossary"
    path.write_text("[a]\nzh: 甲\npreferred: A\n\n[a]\nzh: 甲\npreferred: B\nsource: x\n",
                    encoding="utf-8")
    result = zhen("glossary", "validate", "--glossary", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}:1: no source cited [missing-source]" in lines
    assert f"{path}:5: duplicate concept id 'a' (first at {path}:1) [duplicate-id]" in lines
    assert f"{path}:6: Chinese form '甲' is also in [a] (at {path}:1) [duplicate-chinese]" in lines
    assert f"{path}:8: 'x' is not a URL [bad-source]" in lines


@pytest.fixture
def economy(tmp_path) -> Path:
    path = tmp_path / "economy.glossary"
    shutil.copy(ROOT / "glossary" / "economy.glossary", path)
    return path


def test_import_dry_run_reports_and_writes_nothing(economy):
    before = economy.read_bytes()
    result = zhen("glossary", "import", "--glossary", str(economy), str(DATA / "omegat.txt"),
                  "--dry-run", "--cite", "https://example.org/omegat", "--skip-conflicts")
    assert result.exit_code == 0, result.output
    assert "added\t[rural-revitalization]" in result.stdout
    assert "updated\t[new-quality-productive-forces]" not in result.stdout  # nothing new there
    assert "(dry run)" in result.output
    assert economy.read_bytes() == before


CONFLICTING = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="new-quality-productive-forces">
    <langSet xml:lang="zh"><tig><term>新质生产力</term></tig></langSet>
    <langSet xml:lang="en">
      <tig><term>new quality productive forces</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>NQPF</term>
        <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="high-quality-development">
    <langSet xml:lang="zh"><tig><term>高质量发展</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>quality growth</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_import_conflicts_are_reported_and_never_overwrite(economy, tmp_path):
    tbx = tmp_path / "other.tbx"
    tbx.write_text(CONFLICTING, encoding="utf-8")
    before = economy.read_bytes()
    result = zhen("glossary", "import", "--glossary", str(economy), str(tbx))
    assert result.exit_code == 1
    assert ("conflict\t[new-quality-productive-forces]\t'NQPF' is superseded in the import, "
            "deprecated in the glossary") in result.stdout
    assert ("conflict\t[high-quality-development]\t'quality growth' is preferred in the import, "
            "'high-quality development' in the glossary") in result.stdout
    assert "nothing written" in result.output
    assert economy.read_bytes() == before


def test_import_merges_new_renderings_and_concepts(economy):
    result = zhen("glossary", "import", "--glossary", str(economy), str(DATA / "tbx2019.tbx"),
                  "--cite", "https://example.org/tbx")
    assert result.exit_code == 0, result.output
    assert "added\t[new-international-land-sea-trade-corridor]" in result.stdout
    assert "added\t[carbon-neutrality]" in result.stdout
    concepts = {c.id: c for c in load_glossary([economy])}
    corridor = concepts["new-international-land-sea-trade-corridor"]
    assert corridor.domain == "regional" and corridor.added == "2024-06-10"
    assert corridor.sources[0].url.startswith("http://english.scio.gov.cn/")  # its own source
    assert concepts["carbon-neutrality"].sources[0].url == "https://example.org/tbx"
    result = zhen("glossary", "import", "--glossary", str(economy), str(DATA / "deepl.csv"),
                  "--cite", "https://example.org/deepl")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 3 unchanged, 0 conflicts; nothing to write" in result.output


def test_import_without_sources_needs_one(economy):
    before = economy.read_bytes()
    result = zhen("glossary", "import", "--glossary", str(economy), str(DATA / "amazon.csv"))
    assert result.exit_code == 2 and "cite no source" in result.output
    assert economy.read_bytes() == before


@pytest.mark.parametrize(("format", "first"), [
    ("tbx", '<?xml version="1.0" encoding="UTF-8"?>'),
    ("google", "zh-CN,zh-TW,en,description"),
    ("amazon", "zh,en"),
])
def test_export_to_stdout_and_to_a_file(tmp_path, format, first):
    result = zhen("glossary", "export", "--output-format", format)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == first
    output = tmp_path / "out"
    assert zhen("glossary", "export", "--output-format", format, "-o", str(output)).exit_code == 0
    assert output.read_text(encoding="utf-8") == result.stdout


def test_every_glossary_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("list", "show", "search", "add", "edit", "remove", "validate", "fmt",
                    "import", "export", "stats"):
        assert f"zhen glossary {command}" in readme
