"""A page report for the terminal: aligned columns, coloured with rich when asked."""

from __future__ import annotations

import io

from zhen.page.damage import encoding_note
from zhen.render.findings import lint_line
from zhen.render.report_parts import (
    engine_label,
    findings_by_block,
    severity_counts,
    summary_lines,
    term_concepts,
    translated_block,
)
from zhen.render.separation import ROLE_STYLES, shorten, span_words
from zhen.render.words import plural
from zhen.types import Block, Finding, Language, Report, Severity

_SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow",
                    Severity.INFO: "bold cyan"}


def text_report(report: Report, *, color: bool = False, width: int = 120) -> str:
    """Aligned columns; rich styles when `color`, plain characters otherwise."""
    if not color:  # what rich would print, without its layout engine (seconds on long pages)
        return "".join(_plain(line) for line in _text_lines(report, color))
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


def _plain(line) -> str:
    """A rich Text as an uncoloured terminal shows it: tabs expanded, one line."""
    line.expand_tabs()
    return line.plain + "\n"


def _text_lines(report: Report, color: bool):
    from rich.text import Text

    page = report.page
    yield Text(f"zhen page {page.source}: {page.format}, {encoding_note(page)}, "
               f"{plural(len(page.blocks), 'block')}", style="bold")
    yield Text(f"engine: {engine_label(report)}", style="yellow" if report.notice else "dim")
    yield Text("")
    yield Text(f"{'LINE:COL':<9} {'ROLE':<11} {'LANG':<7} TEXT", style="bold")
    found = findings_by_block(report)
    for block in page.blocks:
        yield from _block_lines(report, block)
        for _, finding in found.get(block.index, []):  # each finding under its block too
            yield _finding_line(finding)
    yield Text("")
    concepts = term_concepts(report)
    yield Text(f"TERMS ({report.summary.terms} found, {plural(len(concepts), 'concept')})",
               style="bold")
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


def _finding_line(finding: Finding):
    """ "! info ZH005 message [fix: …]": a finding under its block (no file position)."""
    from rich.text import Text

    line = Text(" " * 22 + "! ")
    line.append(finding.severity.value, style=_SEVERITY_STYLES[finding.severity])
    line.append(f" {finding.code} {finding.message}")
    if finding.suggestion:
        line.append(f" [fix: {finding.suggestion}]", style="green")
    return line


def _block_lines(report: Report, block: Block):
    from rich.text import Text

    language = block.language
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
