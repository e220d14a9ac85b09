"""The checks: each registered once with a stable code; the starting page; bilingual pairs."""

from __future__ import annotations

import pytest

from check_support import concept, glossary, policy_terms, positions
from conftest import STARTING_PAGE
from zhen.glossary.model import Concept
from zhen.glossary.store import load_glossary
from zhen.terms.checks import CHECKS, Selection, check_pair
from zhen.terms.run import CheckOptions, check_inputs
from zhen.types import Severity

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

SHIPPED = load_glossary()
PAGE_TEXT = STARTING_PAGE.read_text(encoding="utf-8")

# Glossary terms of the starting page and the concept each belongs to (shipped glossary).
PAGE_TERMS = [
    ("new quality productive forces", "new-quality-productive-forces"),
    ("high-quality development", "high-quality-development"),
    ("Belt and Road Initiative", "belt-and-road-initiative"),
    ("Chengdu-Chongqing economic circle", "chengdu-chongqing-economic-circle"),
    ("new western land-sea corridor", "new-international-land-sea-trade-corridor"),
    ("Central Military Commission", "central-military-commission"),
    ("strategic emerging industries", "strategic-emerging-industries"),
    ("pilot free trade zones", "pilot-free-trade-zones"),
    ("Chinese modernization", "chinese-modernization"),
    ("new urbanization", "new-urbanization"),
    ("carbon neutrality", "carbon-neutrality"),
    ("peaking carbon dioxide emissions", "peak-carbon-dioxide-emissions"),
    ("industries of the future", "future-industries"),
    ("institutional opening up", "institutional-opening-up"),
    ("development of the western region", "development-of-chinas-western-region"),
    ("west-to-east power transmission program", "west-to-east-power-transmission"),
    ("general secretary of the Communist Party of China (CPC) Central Committee",
     "general-secretary-of-the-cpc-central-committee"),
    ("well-coordinated environmental conservation, greater openness and high-quality development",
     "environmental-conservation-openness-and-high-quality-development"),
]


def check_page_file(path, terms=SHIPPED, **options):
    return check_inputs([str(path)], terms, CheckOptions(**options))


@pytest.fixture(scope="module")
def page_report():
    return check_page_file(STARTING_PAGE)


@pytest.mark.parametrize("phrase, concept_id", PAGE_TERMS, ids=[p for p, _ in PAGE_TERMS])
def test_starting_page_terms_are_found_at_their_line_and_column(page_report, phrase, concept_id):
    found = {(t.hit.line, t.hit.column, t.hit.text, t.hit.concept_id) for t in page_report.terms}
    expected = positions(PAGE_TEXT, phrase)
    assert expected, f"{phrase!r} is not on the page"
    for line, column in expected:
        assert (line, column, phrase, concept_id) in found


def test_starting_page_terms_appear_twice_or_thrice_where_the_page_repeats_them(page_report):
    def count(phrase):
        return sum(1 for t in page_report.terms if t.hit.text == phrase)

    assert count("new quality productive forces") == 2
    assert count("high-quality development") == 3


def test_starting_page_has_no_deprecated_term_and_no_near_miss(page_report):
    assert page_report.problems == ()
    assert [f for f in page_report.findings if f.code in ("ZH001", "ZH003")] == []
    assert page_report.exit_code() == 0


def test_replacing_the_first_standard_form_gives_exactly_one_deprecated_term_error(tmp_path):
    first = PAGE_TEXT.index("new quality productive forces")
    changed = PAGE_TEXT[:first] + "new productive forces" + PAGE_TEXT[first + 29:]
    page = tmp_path / "changed.txt"
    page.write_text(changed, encoding="utf-8")
    report = check_page_file(page)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    line, column = positions(PAGE_TEXT, "new quality productive forces")[0]
    assert [(f.code, f.line, f.column, f.suggestion) for f in errors] == [
        ("ZH001", line, column, "new quality productive forces")]
    assert '"new productive forces"' in errors[0].message
    assert report.exit_code() == 1


def test_every_check_has_a_unique_stable_code_a_title_and_a_severity():
    assert {code: (c.name, c.severity) for code, c in CHECKS.items()} == {
        "ZH001": ("deprecated-term", Severity.ERROR),
        "ZH002": ("admitted-term", Severity.INFO),
        "ZH003": ("near-miss", Severity.WARNING),
        "ZH004": ("key-term-mismatch", Severity.ERROR),
        "ZH005": ("chinese-term", Severity.INFO),
        "ZH006": ("historical-term", Severity.INFO),
    }
    assert all(c.title and c.title.endswith(".") for c in CHECKS.values())


@pytest.mark.parametrize("selection, runs", [
    (Selection(), {"ZH001", "ZH002", "ZH003", "ZH004", "ZH005", "ZH006"}),
    (Selection(select=("ZH001",)), {"ZH001"}),
    (Selection(select=("ZH00",), ignore=("ZH002", "zh005")),
     {"ZH001", "ZH003", "ZH004", "ZH006"}),
    (Selection(ignore=("ZH",)), set()),
])
def test_selection_by_code_or_prefix(selection, runs):
    assert {code for code in CHECKS if selection.includes(code)} == runs


def test_unknown_code_is_refused():
    with pytest.raises(ValueError, match="unknown finding code 'ZH999'"):
        Selection(select=("ZH999",))


TERMS = policy_terms()


def pair_findings(source, target, terms=TERMS):
    return [(f.code, f.line, f.column, f.suggestion) for f in check_pair(source, target, terms)]


def test_pair_with_the_approved_rendering_is_clean():
    assert pair_findings("培育新质生产力", "foster new quality productive forces") == []


def test_pair_in_traditional_script_is_checked_too():
    assert pair_findings("培育新質生產力", "foster new growth drivers") == [
        ("ZH004", 1, 1, "new quality productive forces")]


def test_pair_with_a_deprecated_rendering_gets_that_error_only():
    assert pair_findings("培育新质生产力", "foster new productive forces") == [
        ("ZH001", 1, 8, "new quality productive forces")]


def test_pair_with_a_near_miss_gets_a_mismatch_error_at_the_near_miss():
    findings = check_pair("培育新质生产力", "foster productive forces of new quality", TERMS)
    assert [(f.code, f.severity, f.column, f.suggestion) for f in findings] == [
        ("ZH004", Severity.ERROR, 8, "new quality productive forces")]
    assert "productive forces of new quality" in findings[0].message


def test_pair_with_an_admitted_rendering_needs_no_fix():
    source, target = "推动西部大开发", "boost the development of the western region"
    assert pair_findings(source, target) == []
    findings = check_pair(source, target, TERMS, selection=Selection())
    assert [(f.code, f.severity, f.column) for f in findings] == [("ZH002", Severity.INFO, 11)]


def test_term_inside_a_longer_approved_rendering_counts_as_rendered():
    source = "因地制宜发展新质生产力"
    target = "develop new quality productive forces according to local conditions"
    assert pair_findings(source, target) == []
    assert pair_findings("培育新质生产力", target) == []


def test_every_source_term_must_be_rendered():
    findings = pair_findings("推动高质量发展和共同富裕", "promote high-quality development")
    assert findings == [("ZH004", 1, 1, "common prosperity")]


def test_a_term_without_approved_english_is_not_a_mismatch():
    pending = Concept("pending", ("数字丝绸之路",), needs_review=True)
    terms = glossary(pending, concept("hqd", "高质量发展", "high-quality development"))
    assert pair_findings("建设数字丝绸之路", "build the Digital Silk Road", terms) == []


def test_check_pair_respects_the_selection():
    findings = check_pair("培育新质生产力", "foster new growth", TERMS,
                          selection=Selection(ignore=("ZH004",)))
    assert findings == []


def test_chinese_terms_of_a_page_are_listed_with_their_english(tmp_path):
    page = tmp_path / "zh.txt"
    page.write_text("标题\n要加快发展新质生产力，推动高质量发展。\n", encoding="utf-8")
    report = check_page_file(page, TERMS)
    assert [(f.code, f.line, f.column, f.message) for f in report.findings] == [
        ("ZH005", 2, 6, '新质生产力: "new quality productive forces"'),
        ("ZH005", 2, 14, '高质量发展: "high-quality development"'),
    ]


def test_html_page_findings_point_into_the_markup(tmp_path):
    markup = ("<!doctype html>\n<html><body>\n"
              "<p>Xi urged <b>new</b> productive forces &amp; the\n"
              "  Belt and Road Initiative.</p>\n<p>推进新質生產力发展</p>\n</body></html>\n")
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    report = check_page_file(page, TERMS)
    assert [(f.code, f.line, f.column, f.end_line, f.end_column) for f in report.findings] == [
        ("ZH001", *positions(markup, "new</b>")[0], 3, positions(markup, " &amp;")[0][1]),
        ("ZH005", *positions(markup, "新質生產力")[0], 5, positions(markup, "发展")[0][1]),
    ]
    found = {(t.hit.text, t.hit.line, t.hit.column) for t in report.terms}
    assert ("Belt and Road Initiative", *positions(markup, "Belt and Road")[0]) in found


# --- checking a page run by run (issue 16: bounded memory) ---------------------------------------

def test_a_page_checked_in_runs_has_the_findings_and_terms_of_the_whole_page(
    tmp_path, monkeypatch
):
    """`zhen check` reads a page block by block and checks it in runs of blocks; with runs of
    a few hundred characters the findings and terms equal `check_page` on the whole page."""
    import sys

    import zhen.terms.run as run
    from conftest import ROOT
    from zhen.glossary.store import load_glossary
    from zhen.page.reader import read_page
    from zhen.terms.run import CheckOptions, check_inputs, check_page

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from large_pages import mixed_text_page, paragraphs_html
    from zhen.terms.vocabulary import add_glossary_words

    glossary = load_glossary()
    add_glossary_words(glossary)  # as check_inputs does before it reads a page
    pages = [mixed_text_page(tmp_path / "mixed.txt", 0.15),
             paragraphs_html(tmp_path / "paragraphs.html", 800)]
    monkeypatch.setattr(run, "_RUN", 400)
    for path in pages:
        for options in (CheckOptions(as_of="2024-06-01"), CheckOptions()):  # own date too
            whole = check_page(read_page(path), glossary, options)
            assert len(whole.findings) > 50 and len(whole.terms) > 100
            report = check_inputs([str(path)], glossary, options)
            assert report.findings == whole.findings
            assert [found.hit for found in report.terms] == list(whole.terms)
            assert report.dates == ((str(path), whole.date),)
