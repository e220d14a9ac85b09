"""A page report (`zhen.types.Report`) in the form a user asks for: one call, a string out.

Each form lives in its own module — terminal text, Markdown for review, JSON (the schema's
`page_output`), one self-contained HTML file — and shares the counts and term list of
`zhen.render.report_parts`.
"""

from __future__ import annotations

import json

from zhen.render.report_html import html_report
from zhen.render.report_json import page_document
from zhen.render.report_markdown import markdown_report
from zhen.render.report_text import text_report
from zhen.types import Report

OUTPUTS = ("text", "markdown", "json", "html")


def render_report(report: Report, output: str, *, color: bool = False) -> str:
    """The report in one of OUTPUTS; `color` only matters for text."""
    if output == "text":
        return text_report(report, color=color)
    if output == "markdown":
        return markdown_report(report)
    if output == "json":
        return json.dumps(page_document(report), ensure_ascii=False, indent=2) + "\n"
    if output == "html":
        return html_report(report)
    raise ValueError(f"unknown output {output!r}; use one of {', '.join(OUTPUTS)}")
