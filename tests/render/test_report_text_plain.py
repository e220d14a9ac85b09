"""The uncoloured page report is what rich prints, made without rich's layout engine.

Rich took seconds to lay out a page of 20,000 paragraphs line by line; the plain report joins
the same lines (tabs expanded, control characters dropped, as rich does) in a fraction of that.
"""

from __future__ import annotations

import io

import pytest

from conftest import EXAMPLES, ROOT
from zhen.glossary.store import load_glossary
from zhen.pipeline import run_page
from zhen.render.report_text import _text_lines, text_report

PAGES = [*sorted(EXAMPLES.iterdir()),
         *sorted((ROOT / "tests" / "data" / "real-pages").glob("0*.txt"))]


def _as_rich_prints(report) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, no_color=True, color_system=None,
                      width=120, highlight=False, soft_wrap=True, emoji=False, markup=False)
    for line in _text_lines(report, False):
        console.print(line)
    return buffer.getvalue()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_plain_report_equals_what_rich_prints(path):
    report = run_page(path, glossary=load_glossary(), memory=False, engine="fallback")
    assert text_report(report) == _as_rich_prints(report)


def test_tabs_and_control_characters_come_out_as_rich_prints_them(tmp_path):
    page = tmp_path / "tabs.txt"
    page.write_text("Head\tline\n\n推动\t新质生产力发展 with\ttabs, a \x07 bell and a \r return\n",
                    encoding="utf-8")
    report = run_page(page, glossary=load_glossary(), memory=False, engine="fallback")
    plain = text_report(report)
    assert "\t" not in plain and "\x07" not in plain
    assert plain == _as_rich_prints(report)
