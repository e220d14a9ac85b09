"""A page report as a Markdown review document: the page side by side, segments, terms."""

from __future__ import annotations

from zhen.page.damage import encoding_note
from zhen.render.report_parts import (
    engine_label,
    findings_by_block,
    severity_counts,
    summary_lines,
    term_concepts,
    translated_block,
)
from zhen.render.separation import span_words
from zhen.render.words import plural
from zhen.types import Language, Report

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def _md(text: str) -> str:
    """Page text as literal Markdown table-cell text: specials escaped, on one line."""
    return _one_line(text.translate(_MARKDOWN_SPECIAL))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_report(report: Report) -> str:
    """A review document: summary, the page side by side, Chinese segments, terms, findings."""
    page = report.page
    out = [f"# zhen page: {_md(page.source)}", ""]
    out += [f"- **{label}:** {_md(value)}" for label, value in
            [("page", f"{page.format}, {encoding_note(page)}, {plural(len(page.blocks), 'block')}"),
             ("engine", engine_label(report)), *summary_lines(report)]]
    out += ["", "## Page, side by side", "",
            "| Line | Role | Lang | Original | English | Findings |", "|---:|---|---|---|---|---|"]
    found = findings_by_block(report)
    for block in page.blocks:
        original = _one_line("".join(
            f"**{_md(span.text)}**" if span.language is Language.ZH
            else span.text.translate(_MARKDOWN_SPECIAL)
            for span in block.spans
        ))
        translated = translated_block(report, block)
        english = _md(block.text) if translated is None else f"**{_md(translated)}**"
        notes = "<br>".join(
            f"**{finding.severity.value}** {_md(finding.code)} {_md(finding.message)}"
            + (f" — use: {_md(finding.suggestion)}" if finding.suggestion else "")
            for _, finding in found.get(block.index, []))
        out.append(f"| {block.line} | {block.role.value} | {block.language} "
                   f"| {original} | {english} | {notes} |")
    out += ["", "## Chinese segments", "",
            "| Line:Col | Role | Chinese | Words | English | Engine |", "|---|---|---|---|---|---|"]
    for item in report.translations:
        span, translation = item.span, item.translation
        engine = translation.engine + (" (gloss)" if translation.is_gloss else "")
        engine += " (memory)" if translation.memory_hit else ""
        role = page.blocks[item.block].role.value
        out.append(f"| {span.line}:{span.column} | {role} | {_md(span.text)} "
                   f"| {_md(span_words(span))} | {_md(translation.target)} | {_md(engine)} |")
    out += ["", "## Terms", "", "| Where | As written → approved |", "|---|---|"]
    for _, where, written in term_concepts(report):
        out.append(f"| {', '.join(where)} | {_md(written)} |")
    out += ["", f"## Findings ({severity_counts(report)})", ""]
    for finding in report.findings:
        fix = f" — use: {_md(finding.suggestion)}" if finding.suggestion else ""
        out.append(f"- {finding.line}:{finding.column} **{finding.severity.value}** "
                   f"{finding.code} {_md(finding.message)}{fix}")
    if not report.findings:
        out.append("No findings.")
    return "\n".join(out) + "\n"
