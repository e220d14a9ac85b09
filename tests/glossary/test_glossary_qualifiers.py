"""Dated and attested renderings (`since`, `until`, `seen`) and shared renderings (`shares:`):
read, written canonically, validated, and kept through TBX and OmegaT."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhen.glossary.exchange.formats import export_glossary, read_exchange
from zhen.glossary.fileformat import format_file, format_rendering, parse_rendering, parse_text
from zhen.glossary.model import Glossary, Rendering, Source, Status
from zhen.glossary.store import load_glossary
from zhen.glossary.validate import validate_paths

XIZANG = """\
[xizang-autonomous-region]
zh: 西藏自治区
zh-hant: 西藏自治區
preferred: Xizang Autonomous Region | since 2023-11
superseded: Tibet Autonomous Region | since 2023-11 | seen \
https://www.globaltimes.cn/content/1202189.shtml 2020-09-13 | official English moved to 'Xizang'
domain: regional
source: http://en.qstheory.cn/2024-02/01/c_960042.htm 2024-02-01
"""


def test_qualifiers_are_read_into_the_rendering():
    [entry] = parse_text(XIZANG, Path("x.glossary")).entries
    preferred, superseded = entry.concept.english
    assert preferred == Rendering("Xizang Autonomous Region", Status.PREFERRED, since="2023-11")
    assert superseded.since == "2023-11"
    assert superseded.seen == (Source("https://www.globaltimes.cn/content/1202189.shtml",
                                      "2020-09-13"),)
    assert superseded.reason == "official English moved to 'Xizang'"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        # order on the line does not matter; the canonical order is since, until, seen…, reason
        ("A | old usage | seen https://a.example/1 | since 2015-09",
         "A | since 2015-09 | seen https://a.example/1 | old usage"),
        ("A | until 2019 | since 2012 | seen https://a.example/1 2013-02 | seen http://b.example",
         "A | since 2012 | until 2019 | seen https://a.example/1 2013-02 | seen http://b.example"),
        # words that only look like a qualifier stay in the reason
        ("A | seen in foreign media", "A | seen in foreign media"),
        ("A | since the 2015 guidance", "A | since the 2015 guidance"),
    ],
)
def test_a_rendering_line_is_written_canonically(written, canonical):
    assert format_rendering(parse_rendering(written, Status.SUPERSEDED)) == canonical


def test_a_file_with_qualifiers_and_shares_is_canonical_after_a_round_trip():
    text = XIZANG + "shares: tibet-region\n"
    gfile = parse_text(text, Path("x.glossary"))
    assert gfile.entries[0].concept.shares == ("tibet-region",)
    formatted = format_file(gfile)
    assert "shares: tibet-region\ndomain: regional\n" in formatted
    assert format_file(parse_text(formatted, Path("x.glossary"))) == formatted


def _validated(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "t.glossary"
    path.write_text(text, encoding="utf-8")
    return [(problem.line, problem.code) for problem in validate_paths([path])]


def _block(concept_id: str, zh: str, *lines: str) -> str:
    body = "\n".join(lines)
    return (f"[{concept_id}]\nzh: {zh}\n{body}\ndomain: test\n"
            f"source: https://example.org/{concept_id} 2024\n\n")


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["preferred: A", "superseded: B | since 2023-13 | old"], "bad-date"),
        (["preferred: A", "deprecated: B | since 2020 | wrong"], "misplaced-date"),
        (["preferred: A", "superseded: B | until 2020 | old"], "misplaced-date"),
        (["preferred: A | since 2021 | until 2019"], "bad-date"),
        (["preferred: A", "deprecated: B | seen https://example.org/b 2020-02-30 | wrong"],
         "bad-date"),
    ],
)
def test_dates_are_validated_where_they_stand(tmp_path, lines, code):
    problems = _validated(tmp_path, _block("term-a", "甲", *lines))
    assert [found for _, found in problems] == [code]
    assert problems[0][0] == 3 if lines[0].endswith("2019") else problems[0][0] == 4


def test_a_rendering_under_two_concepts_is_a_problem_unless_both_share_it(tmp_path):
    one = _block("term-a", "甲", "preferred: A", "admitted: common phrase")
    two = _block("term-b", "乙", "preferred: B", "deprecated: common phrase | not B")
    assert _validated(tmp_path, one + two) == [(11, "shared-rendering")]  # the second listing
    shared = (_block("term-a", "甲", "preferred: A", "admitted: common phrase", "shares: term-b")
              + _block("term-b", "乙", "preferred: B", "deprecated: common phrase | not B",
                       "shares: term-a"))
    assert _validated(tmp_path, shared) == []


@pytest.mark.parametrize(
    ("first", "second", "code"),
    [
        ("shares: term-c", "", "unknown-share"),
        ("shares: term-b", "", "one-sided-share"),
        ("shares: term-b", "shares: term-a", "nothing-shared"),
    ],
)
def test_shares_lines_must_name_a_concept_both_ways_that_shares_a_rendering(
        tmp_path, first, second, code):
    text = (_block("term-a", "甲", "preferred: A", first)
            + _block("term-b", "乙", *["preferred: B", second][:2 if second else 1]))
    found = [found for _, found in _validated(tmp_path, text)]
    assert found == [code] * (2 if code == "nothing-shared" else 1)  # both lines are wrong


def _glossary_from(text: str) -> Glossary:
    return Glossary(parse_text(text, Path("x.glossary")).concepts)


@pytest.mark.parametrize("format", ["tbx", "tbx-2008", "omegat"])
def test_dates_seen_pages_and_reasons_survive_an_exchange_round_trip(tmp_path, format):
    original = _glossary_from(XIZANG)
    exported = tmp_path / f"x.{'txt' if format == 'omegat' else 'tbx'}"
    exported.write_text(export_glossary(original, format), encoding="utf-8")
    [concept] = read_exchange(exported, format).concepts
    assert concept.english == original.concepts[0].english


def test_tbx_keeps_shares_as_a_cross_reference(tmp_path):
    text = (_block("term-a", "甲", "preferred: A", "admitted: common", "shares: term-b")
            + _block("term-b", "乙", "preferred: B", "admitted: common", "shares: term-a"))
    exported = tmp_path / "x.tbx"
    exported.write_text(export_glossary(_glossary_from(text), "tbx"), encoding="utf-8")
    concepts = read_exchange(exported, "tbx").concepts
    assert {c.id: c.shares for c in concepts} == {"term-a": ("term-b",), "term-b": ("term-a",)}


def test_the_shipped_glossary_dates_the_move_from_tibet_to_xizang():
    concept = load_glossary().get("xizang-autonomous-region")
    tibet = next(r for r in concept.english if r.text == "Tibet")
    assert tibet.status is Status.SUPERSEDED and tibet.since.startswith("2023")
