"""Dated renderings: a superseded rendering is right in text written before the change.

`zhen check`, `zhen page` and `zhen check --pairs` judge a text at the same date: `--as-of`, else
the page's own date, else today; the report and the JSON say which date and where it came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.pipeline import check_text, run_page
from zhen.terms.checks import Subject, TextPiece, run_checks
from zhen.terms.dating import Standing, is_after, is_before, standing
from zhen.terms.run import CheckOptions
from zhen.types import DateSource, Severity, TextDate

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

DATA = Path(__file__).resolve().parents[1] / "data"
TIBET_PAGE = DATA / "dated" / "xinhua-tibet-work-meeting.txt"

BELT_AND_ROAD = Concept("belt-and-road-initiative", ("一带一路倡议",), english=(
    Rendering("Belt and Road Initiative", Status.PREFERRED),
    Rendering("One Belt, One Road", Status.SUPERSEDED, "replaced by the 2015 guidance",
              since="2015-09"),
    Rendering("Belt and Road strategy", Status.DEPRECATED, "never 'strategy'"),
    Rendering("land and maritime Silk Road", Status.ADMITTED, until="2016"),
))
TERMS = Glossary((BELT_AND_ROAD,))


@pytest.mark.parametrize("text_date, change, before", [
    ("2015-08-31", "2015-09", True),
    ("2015-10-01", "2015-09", False),
    ("2015-09-30", "2015-09", True),  # written in the month of the change: may predate it
    ("2015", "2015-09", True),  # most of 2015 is before the change: the benefit of the doubt
    ("2016", "2015-09", False),
    ("2014", "2015-09", True),
    ("2015-09", "2015-08-31", False),
])
def test_a_text_may_predate_a_change_unless_its_date_is_later_at_the_coarser_precision(
        text_date, change, before):
    assert is_before(text_date, change) is before


def test_a_text_is_after_an_end_only_if_its_date_is_later_at_the_coarser_precision():
    assert is_after("2017-01-01", "2016") and not is_after("2016-12", "2016")


@pytest.mark.parametrize("rendering, date, held", [
    (BELT_AND_ROAD.english[1], "2014-12-29", Standing.HISTORICAL),
    (BELT_AND_ROAD.english[1], "2017-05-17", Standing.AS_LISTED),
    (BELT_AND_ROAD.english[1], None, Standing.AS_LISTED),
    (BELT_AND_ROAD.english[2], "2014-12-29", Standing.AS_LISTED),  # deprecated: never right
    (BELT_AND_ROAD.english[3], "2017-03", Standing.EXPIRED),
    (BELT_AND_ROAD.english[3], "2016-05", Standing.AS_LISTED),
])
def test_standing_of_a_rendering_at_a_date(rendering, date, held):
    assert standing(rendering, date) is held


def findings(text: str, date: str | None):
    dated = TextDate(date, DateSource.AS_OF) if date else None
    return run_checks(Subject(TERMS, text, english=[TextPiece(text)], date=dated))


# Real sentences of the evaluation set (tests/data/real-term-usage.tsv, rows t103 and t104).
BEFORE = ('"One Belt One Road" received a further boost on Nov 8 when President Xi announced '
          "China's pledge of $40 billion to set up a Silk Road fund.")  # China.org.cn, 2014-12-29
AFTER = "Xi Jinping's One Belt, One Road"


def test_superseded_rendering_in_text_written_before_the_change_is_historical_info():
    [finding] = findings(BEFORE, "2014-12-29")
    assert (finding.code, finding.severity, finding.concept_id) == (
        "ZH006", Severity.INFO, "belt-and-road-initiative")
    assert "correct when published" in finding.message
    assert "2014-12-29" in finding.message and "2015-09" in finding.message
    assert 'write "Belt and Road Initiative"' in finding.message


def test_the_same_rendering_after_the_change_is_an_error():
    [finding] = findings(AFTER, "2017-05-17")
    assert (finding.code, finding.severity, finding.suggestion) == (
        "ZH001", Severity.ERROR, "Belt and Road Initiative")
    assert "since 2015-09" in finding.message and "belt-and-road-initiative" in finding.message


def test_undated_text_reports_a_superseded_rendering_as_listed():
    assert [f.code for f in findings(AFTER, None)] == ["ZH001"]


def test_an_admitted_rendering_used_after_its_end_is_an_error():
    text = "the land and maritime Silk Road"
    assert [(f.code, f.severity) for f in findings(text, "2016-06")] == [("ZH002", Severity.INFO)]
    [late] = findings(text, "2018-01-05")
    assert (late.code, late.severity, late.suggestion) == (
        "ZH001", Severity.ERROR, "Belt and Road Initiative")
    assert "until 2016" in late.message and "2018-01-05" in late.message


def tibet_findings(result_findings):
    return [(f.code, f.severity) for f in result_findings
            if f.concept_id == "xizang-autonomous-region"]


def test_the_tibet_page_dated_by_its_dateline_is_historical_with_the_shipped_glossary():
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(TIBET_PAGE)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    codes = {(f["code"], f["severity"]) for f in document["findings"]
             if f["concept_id"] == "xizang-autonomous-region"}
    assert codes == {("ZH006", "info")}
    assert document["dates"] == [{"path": str(TIBET_PAGE), "date": "2020-08-29",
                                  "source": "dateline",
                                  "evidence": "(Xinhua) 15:52, August 29, 2020"}]


def test_the_same_page_as_of_june_2024_is_an_error():
    result = CliRunner().invoke(main, ["check", "--as-of", "2024-06-01", str(TIBET_PAGE)])
    assert result.exit_code == 1
    tibet = [line for line in result.stdout.splitlines() if "xizang-autonomous-region" in line]
    assert len(tibet) == 4 and all(" error ZH001 " in line for line in tibet)
    assert all(line.endswith("[fix: Xizang Autonomous Region]") for line in tibet)
    assert result.stdout.splitlines()[-1].endswith("Judged as of 2024-06-01 (as-of).")


def test_zhen_page_uses_the_same_date_and_says_where_it_came_from():
    report = run_page(TIBET_PAGE, engine="fallback", memory=False)
    assert (report.date.date, report.date.source) == ("2020-08-29", DateSource.DATELINE)
    assert set(tibet_findings(report.findings)) == {("ZH006", Severity.INFO)}
    later = run_page(TIBET_PAGE, engine="fallback", memory=False, as_of="2024-06-01")
    assert set(tibet_findings(later.findings)) == {("ZH001", Severity.ERROR)}
    result = CliRunner().invoke(main, ["page", "--engine", "fallback", "--no-memory",
                                       "--output-format", "json", str(TIBET_PAGE)])
    assert json.loads(result.stdout)["date"]["source"] == "dateline"


def test_pairs_are_judged_at_the_date_in_their_file_name_or_as_of(tmp_path):
    pairs = tmp_path / "pairs-2019-01-18.tsv"
    pairs.write_text("西藏纳木错湖\tthe frozen Namtso Lake in Tibet\n", encoding="utf-8")
    dated = CliRunner().invoke(main, ["check", "--pairs", str(pairs)])
    assert " info ZH006 " in dated.stdout and dated.exit_code == 0
    later = CliRunner().invoke(main, ["check", "--as-of", "2024", "--pairs", str(pairs)])
    assert " error ZH001 " in later.stdout and later.exit_code == 1


def test_check_text_takes_the_date_in_its_options():
    text = "Photo taken on Jan. 18, 2019 shows the frozen Namtso Lake in Tibet."
    [finding] = check_text(text, options=CheckOptions(as_of="2019-01-18")).findings
    assert finding.code == "ZH006"
