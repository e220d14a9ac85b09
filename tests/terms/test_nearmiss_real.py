"""The cases of issue 12 and rows of the real-text evaluation set, checked as `zhen check` does.

Sentences are copied from real pages (tests/data/real-term-usage.tsv gives each row's address,
date and publisher; tests/data/dated/README.md the pages); the glossary is the shipped one.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from check_support import REAL_TERM_USAGE_2, real_term_usage
from zhen.cli import main
from zhen.glossary.store import load_glossary
from zhen.page.reader import page_from_text
from zhen.terms.run import CheckOptions, check_page

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

DATA = Path(__file__).resolve().parents[1] / "data"
SHIPPED = load_glossary()
ROWS = real_term_usage()
ROWS_2 = real_term_usage(REAL_TERM_USAGE_2)


def findings(text: str, as_of: str | None = None, name: str = "<row>"):
    page = page_from_text(text + "\n", name=name, format="text")
    return check_page(page, SHIPPED, CheckOptions(as_of=as_of)).findings


def problems(text: str, concept_id: str, as_of: str | None = None,
             name: str = "<row>") -> list[str]:
    """Codes of the errors and warnings for `concept_id`."""
    return [f.code for f in findings(text, as_of, name)
            if f.concept_id == concept_id and f.severity.value in ("error", "warning")]


def row_problems(row_id: str) -> list[str]:
    """As benchmarks/eval_terms.py checks a row: a page at the row's address and date."""
    row = ROWS[row_id]
    return problems(row["sentence"], row["concept"], row["date"] or None, row["url"])


def test_a_headline_whose_words_meet_across_a_clause_is_no_near_miss():
    # China Daily, 2020-10-17 (tests/data/dated/chinadaily-economic-circle.txt)
    assert problems("Economic circle to link Chongqing, Chengdu",
                    "chengdu-chongqing-economic-circle") == []


def test_the_china_daily_page_has_no_near_miss_and_its_tibet_is_historical():
    page = DATA / "dated" / "chinadaily-economic-circle.txt"
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(page)])
    document = __import__("json").loads(result.stdout)
    assert not [f for f in document["findings"] if f["code"] == "ZH003"]
    tibet = [f for f in document["findings"] if f["concept_id"] == "xizang-autonomous-region"]
    assert [(f["code"], f["severity"]) for f in tibet] == [("ZH006", "info")]
    assert document["dates"][0]["date"] == "2020-10-17"


@pytest.mark.parametrize("text", [
    # english.www.gov.cn, 2018-08-01
    "The State Council decided to reshuffle the leadership of the Leading Group for Western "
    "Region Development for the purpose of better administrative performance, according to a "
    "circular released on Aug 1.",
    # the organ's name as issue 12 quotes it
    "Leading Group for Western Regional Development",
    # GNA via GhanaWeb, 2007-09-07 (row t303): a document's name
    "Mr. Anthony E. Amoah, Western Regional Minister, said these at the launch of the 47-paged "
    "Western Regional Development Blueprint.",
])
def test_a_body_or_document_named_with_the_terms_words_is_not_the_term(text):
    assert problems(text, "development-of-chinas-western-region") == []


@pytest.mark.parametrize("row_id, kind", [
    ("t132", "'common' for 'shared'"),
    ("t233", "'new-type' modifier"),
    ("t032", "'plan' for 'initiative'"),
    ("t128", "'with' for 'with a'"),
    ("t131", "'of' for 'for'"),
    ("t157", "commas and 'and' left out"),
    ("t257", "'&' for 'and'"),
    ("t145", "British -isation"),
    ("t107", "plural of a singular name"),
    ("t075", "'Macau' for 'Macao'"),
    ("t200", "reordered"),
    ("t285", "reordered around a term nested in it"),
    ("t067", "reordered around an abbreviation"),
    ("t196", "leading verb left off, 'civilization' for 'advancement'"),
    ("t208", "'transfer' for 'diversion'"),
    ("t223", "'Bureau' for 'Administration', reordered"),
    ("t253", "the classifier 'Project' left off, 'transfer' for 'diversion'"),
])
def test_near_misses_of_every_kind_are_warned(row_id, kind):
    assert set(row_problems(row_id)) == {"ZH003"}, kind  # t200 has two "free trade pilot zones"


@pytest.mark.parametrize("row_id, why", [
    ("t219", "a company: New Land-Sea Corridor Operation Co., Ltd."),
    ("t291", "a place: Qinghai-Tibet Plateau"),
    ("t118", "CCP spelled out as a central counterparty clearing house"),
    ("t119", "'a CCP is': a common noun"),
    ("t120", "CCP spelled out as a Central Counterparty Clearing house"),
    ("t121", "the sentence speaks of 1244"),
    ("t122", "the sentence speaks of 1912 to 1950"),
    ("t124", "the Soviet Union's Politburo"),
    ("t117", "multiple emission peaks: countable things"),
    ("t152", "a list across commas is not a reordered term"),
    ("t168", "the CPV's Political Bureau, across clauses"),
    ("t249", "the predecessor body: Central Leading Group for Comprehensively Deepening Reforms"),
    ("t300", "a community of shared future in cyberspace: another community"),
    ("t301", "an Asian community with a shared future: another community"),
    ("t267", "the whole process of China's socialist democracy"),
    ("t281", "high-standard ... rules across a clause"),
])
def test_words_that_name_something_else_are_not_reported(row_id, why):
    assert row_problems(row_id) == [], why


def test_a_superseded_rendering_in_a_sentence_about_an_earlier_time_is_historical():
    codes = [f.code for f in findings(ROWS["t121"]["sentence"])
             if f.concept_id == "xizang-autonomous-region"]
    assert codes == ["ZH006"]


def test_the_evaluation_set_holds_real_rows_of_many_publishers_and_concepts():
    rows = list(ROWS.values())
    assert len(rows) >= 250
    assert len({row["publisher"] for row in rows}) >= 12
    assert len({row["concept"] for row in rows}) >= 20
    assert all(SHIPPED.get(row["concept"]) for row in rows)
    assert Counter(row["label"] for row in rows).keys() == {"flag", "clean"}
    assert all(row["url"].startswith("http") and row["sentence"] for row in rows)


def test_the_second_set_is_real_rows_from_pages_the_first_set_does_not_use():
    rows = list(ROWS_2.values())
    assert len(rows) >= 100
    assert all(SHIPPED.get(row["concept"]) for row in rows)
    assert Counter(row["label"] for row in rows).keys() == {"flag", "clean"}
    assert all(row["url"].startswith("http") and row["sentence"] for row in rows)
    assert all(row["rendering"].lower() in row["sentence"].lower() for row in rows)
    assert not {row["url"] for row in rows} & {row["url"] for row in ROWS.values()}


def figures(rows) -> tuple[float, float]:
    """Recall on flag rows and false warnings on clean rows, as benchmarks/eval_terms.py counts
    them (figures in docs/accuracy.md)."""
    flagged = warned = flags = cleans = 0
    for row in rows.values():
        failing = bool(problems(row["sentence"], row["concept"], row["date"] or None, row["url"]))
        if row["label"] == "flag":
            flags += 1
            flagged += failing
        else:
            cleans += 1
            warned += failing
    return flagged / flags, warned / cleans


def test_the_evaluation_set_figures_hold():
    """No change may make them worse than the issue's targets."""
    recall, false_warnings = figures(ROWS)
    assert recall >= 0.90
    assert false_warnings <= 0.02


def test_the_second_set_figures_hold():
    """The set not tuned on (2026-12-06: recall 46/65, no false warning): no change may make
    them worse. Its recall is below the target; see docs/accuracy.md."""
    recall, false_warnings = figures(ROWS_2)
    assert recall >= 46 / 65
    assert false_warnings <= 0.02
