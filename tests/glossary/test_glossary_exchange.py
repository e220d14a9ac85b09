"""TBX and CSV/TSV: reading real-format files, lossless round trips, and refusing bad input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from zhen.errors import GlossaryError
from zhen.glossary.exchange.formats import detect_format, export_glossary, read_exchange
from zhen.glossary.exchange.merge import import_concepts
from zhen.glossary.exchange.tabular import traditional_headword
from zhen.glossary.model import Glossary, Rendering, Source, Status
from zhen.glossary.store import load_glossary

DATA = Path(__file__).parents[1] / "data" / "glossary"
P, A, S, D = Status.PREFERRED, Status.ADMITTED, Status.SUPERSEDED, Status.DEPRECATED


def by_id(concepts):
    return {concept.id: concept for concept in concepts}


def test_tbx_2008_tig():
    imported = read_exchange(DATA / "tbx2008-tig.tbx")
    concepts = by_id(imported.concepts)
    belt = concepts["belt-and-road-initiative"]
    assert belt.zh == ("一带一路倡议",)
    assert belt.domain == "opening-up"
    assert belt.note == "Guidance of 23 Sep 2015."
    assert belt.english == (
        Rendering("Belt and Road Initiative", P),
        Rendering("the Belt and Road", A),
        Rendering("One Belt, One Road", S, "superseded in 2015"),
        Rendering("Belt and Road strategy", D, "initiative, not strategy"),
    )
    assert belt.sources == (Source("http://en.people.cn/n3/2024/0424/c90000-20160561.html"),)
    xizang = concepts["xizang-autonomous-region"]
    assert (xizang.zh, xizang.zh_traditional) == (("西藏自治区",), ("西藏自治區",))
    assert [(r.text, r.status) for r in xizang.english] == [
        ("Xizang Autonomous Region", P), ("Tibet Autonomous Region", S)]


def test_tbx_2008_ntig_with_normative_authorization():
    [concept] = read_exchange(DATA / "tbx2008-ntig.tbx").concepts
    assert concept.english == (
        Rendering("new quality productive forces", P),
        Rendering("new productive forces", S, "early 2024 form"),
        Rendering("NQPF", D, "non-official abbreviation"),
    )


def test_tbx_2019():
    imported = read_exchange(DATA / "tbx2019.tbx")
    corridor, carbon = imported.concepts
    assert corridor.zh == ("西部陆海新通道",) and corridor.zh_traditional == ("西部陸海新通道",)
    assert corridor.sources == (Source(
        "http://english.scio.gov.cn/pressroom/2024-06/06/content_117238405.htm", "2024-06-06"),)
    assert corridor.added == "2024-06-10"
    assert [r.status for r in corridor.english] == [P, A, D]
    # unmarked terms: the first is preferred, the rest admitted; French is not imported
    assert carbon.english == (Rendering("carbon neutrality", P),
                              Rendering("net-zero carbon dioxide emissions", A))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deepl.csv", {"新质生产力": ("new quality productive forces", ()),
                       "以国内大循环为主体、国内国际双循环相互促进": (
                           "with the domestic market as the mainstay while domestic and "
                           "international markets complement each other", ()),
                       "西部陆海新通道": ("New International Land-Sea Trade Corridor",
                                        ("西部陸海新通道",))}),
        ("deepl.tsv", {"新质生产力": ("new quality productive forces", ()),
                       "碳达峰": ("peak carbon dioxide emissions", ())}),
        ("google.csv", {"新质生产力": ("new quality productive forces", ("新質生產力",)),
                        "碳中和": ("carbon neutrality", ())}),
        ("amazon.csv", {"新质生产力": ("new quality productive forces", ()),
                        "乡村振兴": ("rural revitalization", ())}),
    ],
)
def test_tabular_layouts(name, expected):
    concepts = read_exchange(DATA / name).concepts
    got = {c.zh[0]: (c.preferred.text, c.zh_traditional) for c in concepts}
    assert got == expected
    assert all(len(c.english) == 1 for c in concepts)


def test_google_description_becomes_the_note():
    concepts = by_id(read_exchange(DATA / "google.csv").concepts)
    assert concepts["new-quality-productive-forces"].note == "Standard from March 2024; plural."


def test_omegat_comments_carry_statuses_and_reasons():
    concepts = by_id(read_exchange(DATA / "omegat.txt", "omegat").concepts)
    assert concepts["new-quality-productive-forces"].english == (
        Rendering("new quality productive forces", P),
        Rendering("new productive forces", S, "early 2024 form"),
        Rendering("NQPF", D, "non-official abbreviation"),
    )
    rural = concepts["rural-revitalization"]
    assert rural.english == (Rendering("rural revitalization", P),
                             Rendering("rural vitalization", A))
    assert rural.note == "older form, still acceptable"


@pytest.mark.parametrize(
    ("name", "format"),
    [("tbx2008-tig.tbx", "tbx"), ("tbx2019.tbx", "tbx"), ("deepl.csv", "deepl"),
     ("deepl.tsv", "deepl"), ("google.csv", "google"), ("amazon.csv", "amazon"),
     ("omegat.txt", "omegat")],
)
def test_format_is_detected(name, format):
    path = DATA / name
    assert detect_format(path, path.read_bytes()) == format


def _import_into_new_file(text: str, tmp_path: Path, name: str, format: str) -> Glossary:
    exported = tmp_path / name
    exported.write_text(text, encoding="utf-8")
    target = tmp_path / "imported.glossary"
    report = import_concepts(read_exchange(exported, format), target, [target],
                             source="https://example.org/import")
    assert report.written and not report.conflicts
    return load_glossary([target])


@pytest.mark.parametrize("format", ["tbx", "tbx-2008"])
def test_shipped_glossary_survives_a_tbx_round_trip_unchanged(tmp_path, format):
    shipped = load_glossary()
    text = export_glossary(shipped, format)
    again = _import_into_new_file(text, tmp_path, "shipped.tbx", format)
    assert sorted(again, key=lambda c: c.id) == sorted(shipped, key=lambda c: c.id)


def _pairs(glossary, statuses=False):
    """(Chinese form, English, status) for every form × rendering a layout can hold; a concept
    still without a preferred rendering (needs review) is not exported to these layouts."""
    return {(form, r.text, r.status if statuses else None, r.reason if statuses else "")
            for c in glossary if c.preferred for form in c.chinese_forms
            for r in (c.english if statuses else [c.preferred])}


@pytest.mark.parametrize(
    ("format", "name", "holds"),
    [
        ("deepl", "shipped.csv", lambda g: _pairs(g)),
        ("deepl", "shipped.tsv", lambda g: _pairs(g)),
        ("omegat", "shipped.txt", lambda g: _pairs(g, statuses=True)),
        ("google", "shipped.csv",
         lambda g: {(c.zh[0], traditional_headword(c), c.preferred.text, c.note)
                    for c in g if c.preferred}),
        ("amazon", "shipped.csv",
         lambda g: {(f, c.preferred.text) for c in g if c.preferred for f in c.zh}),
    ],
)
def test_tabular_round_trips_keep_what_the_layout_holds(tmp_path, format, name, holds):
    shipped = load_glossary()
    text = export_glossary(shipped, format, path=Path(name))
    again = _import_into_new_file(text, tmp_path, name, format)
    assert holds(again) == holds(shipped)


@pytest.mark.parametrize("format", ["tbx", "tbx-2008"])
def test_exported_tbx_is_well_formed_with_the_dialect_structure(format):
    root = ET.fromstring(export_glossary(load_glossary(), format).encode())
    ns = "{urn:iso:std:iso:30042:ed-2}" if format == "tbx" else ""
    names = (("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec") if format == "tbx"
             else ("martif", "martifHeader", "termEntry", "langSet", "tig"))
    root_tag, header, entry, lang, term = (ns + name for name in names)
    assert root.tag == root_tag and root.get("type") == "TBX-Basic"
    assert root.find(header) is not None
    entries = root.findall(f"{ns}text/{ns}body/{entry}")
    assert len(entries) == len(load_glossary())
    for element in entries:
        langs = element.findall(lang)
        assert langs and all(group.findall(term) for group in langs)
        statuses = element.findall(f"{lang}/{term}/{ns}termNote[@type='administrativeStatus']")
        assert statuses and all(s.text.endswith("Term-admn-sts") for s in statuses)


@pytest.mark.parametrize(
    ("name", "format", "message"),
    [
        ("malformed.tbx", None, r"malformed\.tbx:7: malformed XML: mismatched tag"),
        ("billion-laughs.tbx", None, r"billion-laughs\.tbx:\d+: refused: the XML declares an "
                                     r"entity \('lol'\)"),
        ("wrong-columns.csv", "deepl", r"wrong-columns\.csv:2: a DeepL row has 2 columns"),
        ("gbk.tsv", "omegat", r"gbk\.tsv:1: not UTF-8 text \(it decodes as GB18030/GBK"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path, name, format, message):
    target = tmp_path / "target.glossary"
    original = "[a]\nzh: 甲\npreferred: A\nsource: https://example.org\n"
    target.write_text(original, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        import_concepts(read_exchange(DATA / name, format), target, [target])
    assert target.read_text(encoding="utf-8") == original


def test_unknown_tbx_status_names_its_line(tmp_path):
    path = tmp_path / "odd.tbx"
    path.write_text((DATA / "tbx2019.tbx").read_text(encoding="utf-8").replace(
        "admittedTerm-admn-sts", "sometimesTerm-admn-sts"), encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"odd\.tbx:36: unknown administrativeStatus"):
        read_exchange(path)


@pytest.mark.parametrize("header", ["zh,en\n", "source,target\n", "en,zh\n", ""])
def test_deepl_file_with_or_without_a_header_either_way_round(tmp_path, header):
    path = tmp_path / "header.csv"
    rows = "新质生产力,new quality productive forces\n乡村振兴,rural revitalization\n"
    if header.startswith("en") or not header:
        rows = "new quality productive forces,新质生产力\nrural revitalization,乡村振兴\n"
    path.write_text(header + rows, encoding="utf-8")
    concepts = read_exchange(path, "deepl").concepts
    assert [(c.zh, c.preferred.text) for c in concepts] == [
        (("新质生产力",), "new quality productive forces"), (("乡村振兴",), "rural revitalization")]


def test_google_row_with_the_wrong_column_count(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text("zh-CN,en\n新质生产力,new quality productive forces,extra\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"google\.csv:2: 3 columns where the header has 2"):
        read_exchange(path, "google")

