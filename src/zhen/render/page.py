"""A page report (`zhen.pipeline.Report`) as terminal text, Markdown, JSON or HTML.

Pure functions: a report in, a string out. The terminal text is built once as rich `Text` lines
and printed with or without colour; Markdown is a side-by-side table for review; JSON follows
the `page_output` definition of docs/schema/zhen.schema.json; HTML lives in
`zhen.render.html_report`.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import Any

from zhen.pipeline import Report, block_language
from zhen.render.findings import finding_record, lint_line, term_record
from zhen.render.records import SCHEMA_VERSION, page_record
from zhen.render.spans import ROLE_STYLES, shorten, span_words
from zhen.render.translation import segment_record, spaced_block
from zhen.types import Block, Language, Severity

OUTPUTS = ("text", "markdown", "json", "html")
FALLBACK_LABEL = (
    "built-in fallback (boilerplate memory, glossary, romanized names, marked dictionary gloss);"
    " not a model translation"
)


def render(report: Report, output: str, *, color: bool = False) -> str:
    """The report in one of OUTPUTS; `color` only matters for text."""
    if output == "text":
        return text_report(report, color=color)
    if output == "markdown":
        return markdown_report(report)
    if output == "json":
        return json.dumps(page_document(report), ensure_ascii=False, indent=2) + "\n"
    if output == "html":
        from zhen.render.html_report import html_report

        return html_report(report)
    raise ValueError(f"unknown output {output!r}; use one of {', '.join(OUTPUTS)}")


def engine_label(report: Report) -> str:
    """What translated the page, in words a reader understands."""
    if report.engine == "fallback":
        return f"fallback — {FALLBACK_LABEL}"
    return report.engine


def translated_block(report: Report, block: Block) -> str | None:
    """The block with its Chinese spans replaced by their translations; None if it has none."""
    if all(report.translation_of(block, span) is None for span in block.spans):
        return None
    return "".join(spaced_block(block, report.by_span))


def severity_counts(report: Report) -> str:
    """ "0 errors, 1 warning, 20 info" """
    counts = report.summary.findings_by_severity
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    parts = []
    for severity, word in words.items():
        count = counts[severity.value]
        plural = "" if count == 1 or severity is Severity.INFO else "s"
        parts.append(f"{count} {word}{plural}")
    return ", ".join(parts)


def summary_lines(report: Report) -> list[tuple[str, str]]:
    """(label, value) rows shared by the text, Markdown and HTML summaries."""
    summary = report.summary
    concepts = len({hit.concept_id for hit in report.terms})
    translated = f"{summary.segments} Chinese segments translated by {report.engine}"
    details = f"{summary.glosses} dictionary glosses, {summary.memory_hits} from memory"
    return [
        ("blocks", _counts(summary.blocks_by_language, total=True)),
        ("roles", _counts(summary.blocks_by_role)),
        ("spans", _counts(summary.spans_by_language, total=True)),
        ("translated", f"{translated} ({details})"),
        ("terms", f"{summary.terms} glossary terms found ({concepts} concepts)"),
        ("findings", severity_counts(report)),
        ("time", f"{summary.seconds:.2f} s"),
    ]


def _counts(counts: dict[str, int], *, total: bool = False) -> str:
    shown = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    return f"{sum(counts.values())}: {shown}" if total else shown


def term_concepts(report: Report) -> list[tuple[str, list[str], str]]:
    """Per concept, in page order: its approved English, positions ("line:col") and how the
    page writes it ("A / B"), followed by "→ approved" when the page never writes that."""
    grouped: dict[str, tuple[str, list[str], list[str]]] = {}
    for hit in report.terms:
        approved, where, texts = grouped.setdefault(hit.concept_id, (hit.approved, [], []))
        where.append(f"{hit.line}:{hit.column}")
        if hit.text not in texts:
            texts.append(hit.text)
    rows = []
    for approved, where, texts in grouped.values():
        written = " / ".join(texts)
        if not approved:
            written += " → (no approved English yet)"
        elif _has_han(texts) or approved not in texts:
            written += f" → {approved}"
        rows.append((approved, where, written))
    return rows


def _has_han(texts: list[str]) -> bool:
    """Chinese forms always show their English."""
    return any("\u3400" <= character <= "\u9fff" for text in texts for character in text)


# --- terminal text -----------------------------------------------------------------------------


def text_report(report: Report, *, color: bool = False, width: int = 120) -> str:
    """Aligned columns; rich styles when `color`, plain characters otherwise."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
    )
    for line in _text_lines(report, color):
        console.print(line)
    return buffer.getvalue()


def _text_lines(report: Report, color: bool):
    from rich.text import Text

    page = report.page
    yield Text(f"zhen page {page.source}: {page.format}, {page.encoding}, "
               f"{len(page.blocks)} blocks", style="bold")
    yield Text(f"engine: {engine_label(report)}", style="yellow" if report.notice else "dim")
    yield Text("")
    yield Text(f"{'LINE:COL':<9} {'ROLE':<11} {'LANG':<7} TEXT", style="bold")
    for block in page.blocks:
        yield from _block_lines(report, block)
    yield Text("")
    concepts = term_concepts(report)
    yield Text(f"TERMS ({report.summary.terms} found, {len(concepts)} concepts)", style="bold")
    for _, where, written in concepts:
        shown = ", ".join(where[:3]) + (f" +{len(where) - 3}" if len(where) > 3 else "")
        line = Text()
        line.append(f"  {shown:<22} ", style="dim")
        line.append(written)
        yield line
    yield Text("")
    yield Text(f"FINDINGS ({severity_counts(report)})", style="bold")
    for finding in report.findings:
        yield Text.from_ansi("  " + lint_line(finding, color=color))
    yield Text("")
    yield Text("SUMMARY", style="bold")
    for label, value in summary_lines(report):
        yield Text(f"  {label:<11} {value}")


def _block_lines(report: Report, block: Block):
    from rich.text import Text

    language = block_language(block)
    head = Text()
    head.append(f"{block.line}:{block.column:<{8 - len(str(block.line))}} ", style="dim")
    head.append(f"{block.role.value:<11} ", style=ROLE_STYLES[block.role.value])
    head.append(f"{language:<7} ", style="red" if language in ("zh", "mixed") else "dim")
    translated = translated_block(report, block)
    if translated is None:
        head.append(shorten(block.text))  # English blocks are shortened; Chinese ones never are
        yield head
        return
    for span in block.spans:
        head.append(span.text, style="bold red" if span.language is Language.ZH else "")
    yield head
    indent = " " * 22
    for span in block.spans:
        words = span_words(span)
        if words:
            yield Text(f"{indent}words   {words}", style="dim")
    engines = sorted({t.engine for s in block.spans if (t := report.translation_of(block, s))})
    line = Text(f"{indent}→ en    ")
    line.append(translated, style="bold green")
    line.append(f"  [{', '.join(engines)}]", style="dim")
    yield line


# --- Markdown ----------------------------------------------------------------------------------


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
            [("page", f"{page.format}, {page.encoding}, {len(page.blocks)} blocks"),
             ("engine", engine_label(report)), *summary_lines(report)]]
    out += ["", "## Page, side by side", "", "| Line | Role | Lang | Original | English |",
            "|---:|---|---|---|---|"]
    for block in page.blocks:
        original = _one_line("".join(
            f"**{_md(span.text)}**" if span.language is Language.ZH
            else span.text.translate(_MARKDOWN_SPECIAL)
            for span in block.spans
        ))
        translated = translated_block(report, block)
        english = _md(block.text) if translated is None else f"**{_md(translated)}**"
        out.append(f"| {block.line} | {block.role.value} | {block_language(block)} "
                   f"| {original} | {english} |")
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


# --- JSON --------------------------------------------------------------------------------------


def page_document(report: Report) -> dict[str, Any]:
    """The `zhen page --output json` document (the schema's page_output)."""
    page = report.page
    translations = [
        segment_record(
            item.translation,
            block=item.block,
            role=page.blocks[item.block].role.value,
            start=item.span.start,
            end=item.span.end,
            line=item.span.line,
            column=item.span.column,
        )
        for item in report.translations
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "page",
        "page": page_record(page),
        "engine": report.engine,
        "notice": report.notice,
        "translations": translations,
        "terms": [term_record(page.source, hit) for hit in report.terms],
        "findings": [finding_record(finding) for finding in report.findings],
        "summary": asdict(report.summary),
    }
