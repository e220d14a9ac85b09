"""A page report (`zhen.types.Report`) in the form a user asks for: one call, a string out.

Each form lives in its own module — terminal text, Markdown for review, JSON (the schema's
`page_output`), one self-contained HTML file — and shares the counts and term list of
`zhen.render.report_parts`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from zhen.render.report_html import html_report
from zhen.render.report_json import page_document
from zhen.render.report_markdown import markdown_report
from zhen.render.report_text import text_report
from zhen.types import Report

OUTPUTS = ("text", "markdown", "json", "html")


def render_report(report: Report, output: str, *, color: bool = False) -> str:
    """The report in one of OUTPUTS; `color` only matters for text."""
    return "".join(report_chunks(report, output, color=color))


def report_chunks(report: Report, output: str, *, color: bool = False) -> Iterator[str]:
    """The report in pieces to write one after another: JSON is encoded as it is written (a
    3.3 MB page's document held ~1 GB more as one string and the encoder's pieces of it)."""
    if output == "text":
        yield text_report(report, color=color)
    elif output == "markdown":
        yield markdown_report(report)
    elif output == "json":
        yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(
            page_document(report))
        yield "\n"
    elif output == "html":
        yield html_report(report)
    else:
        raise ValueError(f"unknown output {output!r}; use one of {', '.join(OUTPUTS)}")
