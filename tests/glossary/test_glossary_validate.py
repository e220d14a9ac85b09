"""Validation: each kind of problem is found on its line; the shipped glossary is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhen.glossary.validate import validate_paths

GOOD = """\
[belt-and-road-initiative]
zh: 一带一路倡议
zh-hant: 一帶一路倡議
preferred: Belt and Road Initiative
superseded: One Belt, One Road | superseded in 2015
source: https://example.org/belt 2015-09-23
"""


def problems_of(tmp_path: Path, text: str, extra: str | None = None):
    paths = [tmp_path / "a.glossary"]
    paths[0].write_text(text, encoding="utf-8")
    if extra is not None:
        paths.append(tmp_path / "b.glossary")
        paths[1].write_text(extra, encoding="utf-8")
    return [(p.path.name, p.line, p.code) for p in validate_paths(paths)]


def test_shipped_glossary_is_clean():
    assert validate_paths() == []


def test_a_good_block_is_clean(tmp_path):
    assert problems_of(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("preferred: Belt and Road Initiative\n", "", [(1, "preferred-count")]),
        ("superseded: One Belt, One Road | superseded in 2015\n",
         "superseded: belt-and-road  initiative | same words\n", [(5, "deprecated-is-approved")]),
        ("superseded: One Belt, One Road | superseded in 2015\n",
         "superseded: One Belt, One Road\n", [(5, "missing-reason")]),
        ("source: https://example.org/belt 2015-09-23\n", "", [(1, "missing-source")]),
        ("source: https://example.org/belt 2015-09-23\n", "source: example.org/belt\n",
         [(6, "bad-source")]),
        ("source: https://example.org/belt 2015-09-23\n",
         "source: https://example.org/belt 2015-13-01\n", [(6, "bad-date")]),
        ("zh: 一带一路倡议\n", "zh: 一带一路倡议 \n", [(2, "padded-field")]),
        ("preferred: Belt and Road Initiative\n", "preferred:\n", [(4, "empty-field")]),
        ("preferred: Belt and Road Initiative\n", "preferred: Belt and\u200bRoad Initiative\n",
         [(4, "control-character")]),
        ("preferred: Belt and Road Initiative\n", "preferred: Belt and\tRoad Initiative\n",
         [(4, "control-character")]),
        ("zh-hant: 一帶一路倡議\n", "zh-hant: 一帶一路\n",
         [(2, "missing-traditional"), (3, "traditional-mismatch")]),
        ("zh-hant: 一帶一路倡議\n", "", [(2, "missing-traditional")]),
        ("zh: 一带一路倡议\n", "zh: 一带一路倡议\nzh: 一帶一路\n", [(3, "not-simplified")]),
        ("zh: 一带一路倡议\nzh-hant: 一帶一路倡議\n", "", [(1, "no-chinese")]),
        ("preferred: Belt and Road Initiative\n",
         "preferred: Belt and Road Initiative\npreferred: BRI\n", [(1, "preferred-count")]),
        ("preferred: Belt and Road Initiative\n",
         "preferred: Belt and Road Initiative\nadmitted: belt and road initiative\n",
         [(5, "duplicate-rendering")]),
    ],
)
def test_each_problem_is_reported_on_its_line(tmp_path, old, new, expected):
    assert old in GOOD
    found = problems_of(tmp_path, GOOD.replace(old, new))
    assert [(line, code) for _, line, code in found] == expected


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("[belt-and-road-initiative]\nzh: 丝路\nzh-hant: 絲路\npreferred: Silk Road\nsource: https://x.org\n",
         [("b.glossary", 1, "duplicate-id")]),
        ("[silk-road]\nzh: 一带一路倡议\nzh-hant: 一帶一路倡議\npreferred: Silk Road\n"
         "source: https://x.org\n",
         [("b.glossary", 2, "duplicate-chinese"), ("b.glossary", 3, "duplicate-chinese")]),
        ("[obor]\nzh: 丝路\nzh-hant: 絲路\npreferred: One Belt, One Road\nsource: https://x.org\n",
         [("a.glossary", 5, "preferred-elsewhere")]),
    ],
)
def test_problems_across_files(tmp_path, other, expected):
    assert problems_of(tmp_path, GOOD, other) == expected


def test_a_syntax_error_is_one_problem_and_the_other_files_are_still_checked(tmp_path):
    found = problems_of(tmp_path, "[a]\ncolour: red\n", GOOD.replace("source: https", "source: "))
    assert [(name, line, code) for name, line, code in found] == [
        ("a.glossary", 2, "syntax"), ("b.glossary", 6, "bad-source")]


def test_one_preferred_rendering_in_two_concepts_is_caught_unless_both_name_the_other(tmp_path):
    """Issue 17: validate missed a preferred English rendering shared by two concepts."""
    other = ("[belt-and-road]\nzh: 一带一路\nzh-hant: 一帶一路\n"
             "preferred: belt and road initiative\nsource: https://x.org\n")
    assert problems_of(tmp_path, GOOD, other) == [("b.glossary", 4, "shared-rendering")]
    both = problems_of(tmp_path, GOOD + "shares: belt-and-road\n",
                       other + "shares: belt-and-road-initiative\n")
    assert both == []
