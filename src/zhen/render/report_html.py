"""A page report as one self-contained HTML file: the page and its translation side by side.

Made to work from: a sticky bar with the counts; filters (all rows / Chinese and changed rows /
rows with findings) and a toggle that shows each Chinese span's words and each translation's
engine; every finding on its row with its severity and the fix, and listed at the end with a
link that scrolls to the row; a copy button for each block's English and one for the whole
page's. Chinese spans are highlighted by the role of their block, glossary terms underlined
with their approved English on hover. The file makes no request of its own (no remote CSS,
script, font or image; a Content Security Policy forbids them and admits only zhen's own copy
script by its hash — `zhen.render.report_html_style`), and every piece of page text is escaped,
so markup or a `<script>` on the page shows as text.
"""

from __future__ import annotations

from html import escape

from zhen.page.damage import encoding_note
from zhen.render.report_html_style import POLICY, SCRIPT, STYLE, role_css
from zhen.render.report_parts import (
    engine_label,
    findings_by_block,
    hits_by_block,
    severity_counts,
    summary_lines,
    term_concepts,
)
from zhen.render.separation import LANGUAGE_LABELS, span_words
from zhen.render.translation import spaced_block
from zhen.render.words import plural
from zhen.types import Block, Finding, Language, Report, Role, Severity, Span, TermHit


def html_report(report: Report) -> str:
    page = report.page
    found = findings_by_block(report)
    rows = _rows(report, found)
    counts = _counts(report, rows)
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="zhen-counts" content="{_text(_counts_line(counts))}">\n'
        f"<title>zhen page: {_text(page.source)}</title>\n<style>{STYLE}{role_css()}</style>\n"
        "</head>\n<body>\n"
        '<input type="radio" name="rows" id="rows-all" class="control" checked>\n'
        '<input type="radio" name="rows" id="rows-changed" class="control">\n'
        '<input type="radio" name="rows" id="rows-findings" class="control">\n'
        '<input type="checkbox" id="show-words" class="control">\n'
    )
    parts = [head, _bar(report, counts), _about(report), _table(rows), _terms(report),
             _findings(report, found), _all_english(report),
             f"<script>{SCRIPT}</script>\n</body>\n</html>\n"]
    return "".join(parts)


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _counts(report: Report, rows: list[tuple[Block, str, bool, bool]]) -> dict[str, int]:
    by_severity = report.summary.findings_by_severity
    return {
        "blocks": len(rows),
        "changed": sum(changed for _, _, changed, _ in rows),
        "with_findings": sum(found for _, _, _, found in rows),
        "segments": report.summary.segments,
        "terms": report.summary.terms,
        "findings": len(report.findings),
        **{severity.value: by_severity[severity.value] for severity in Severity},
    }


def _counts_line(counts: dict[str, int]) -> str:
    """The counts as `name=value` pairs, for a batch's index to read back."""
    return " ".join(f"{name}={value}" for name, value in counts.items())


def _bar(report: Report, counts: dict[str, int]) -> str:
    """The sticky bar: what the page is, its counts, the filters, the toggle, copy all."""
    page = report.page
    words = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}
    findings = "".join(
        f'<span class="count {severity.value}"><strong>{counts[severity.value]}</strong> '
        f"{words[severity]}</span>" for severity in Severity)
    return (
        '<header class="bar">\n<h1>zhen page report</h1>'
        f'<span class="source">{_text(page.source)}</span>\n'
        '<p class="counts">'
        f'<span class="count"><strong>{counts["blocks"]}</strong> blocks</span>'
        f'<span class="count"><strong>{counts["segments"]}</strong> Chinese segments</span>'
        f'<span class="count"><strong>{counts["terms"]}</strong> glossary terms</span>'
        f"{findings}"
        f'<span class="count">translated by <strong>{_text(report.engine)}</strong></span></p>\n'
        '<nav class="filters">'
        f'<label for="rows-all">All rows ({counts["blocks"]})</label>'
        f'<label for="rows-changed">Chinese and changed ({counts["changed"]})</label>'
        f'<label for="rows-findings">With findings ({counts["with_findings"]})</label>'
        '<label for="show-words">Words and engines</label>'
        '<button type="button" class="copy" data-copy="all">Copy all English</button>'
        "</nav>\n</header>\n"
    )


def _about(report: Report) -> str:
    page = report.page
    fallback = " fallback" if report.engine == "fallback" else ""
    rows = "".join(f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>"
                   for label, value in summary_lines(report))
    legend = "".join(f'<span class="swatch role-{role.value}">{role.value}</span>' for role in Role)
    return (
        f'<p class="about">{_text(page.format)}, {_text(encoding_note(page))}, '
        f"{plural(len(page.blocks), 'block')}</p>\n"
        f'<p class="engine{fallback}">Translated by: {_text(engine_label(report))}</p>\n'
        f'<dl class="summary">{rows}</dl>\n'
        f'<p class="legend">Chinese spans by role: {legend}</p>\n'
    )


def _rows(report: Report, found: dict[int, list[tuple[int, Finding]]]
          ) -> list[tuple[Block, str, bool, bool]]:
    """(block, its <tr>, changed, has findings) for every block; `found`: findings by block."""
    rows = []
    hits = hits_by_block(report)
    for block in report.page.blocks:
        block_hits = hits.get(block.index, [])
        block_findings = found.get(block.index, [])
        original = "".join(_original_span(block, span, block_hits) for span in block.spans)
        original += _words(block)
        translation, changed = _translation_cell(report, block, block_hits)
        classes = f"role-{block.role.value} lang-{block.language}"
        classes += " changed" if changed else " unchanged"
        classes += " has-findings" if block_findings else ""
        rows.append((block, (
            f'<tr id="b{block.index}" class="{classes}">'
            f'<td class="where"><a href="#b{block.index}">{block.line}:{block.column}</a></td>'
            f'<td class="role">{block.role.value}</td>'
            f'<td class="original">{original}</td>'
            f'<td class="translation" lang="en">'
            f'<button type="button" class="copy" data-copy="b{block.index}">Copy</button>'
            f"{translation}{_row_findings(block_findings)}</td></tr>\n"
        ), changed, bool(block_findings)))
    return rows


def _table(rows: list[tuple[Block, str, bool, bool]]) -> str:
    return (
        '<main>\n<h2 id="page">The page, side by side</h2>\n<table class="page">\n'
        "<thead><tr><th>Line</th><th>Role</th><th>Original</th><th>English</th></tr></thead>\n"
        f"<tbody>\n{''.join(row for _, row, _, _ in rows)}</tbody>\n</table>\n</main>\n"
    )


def _original_span(block: Block, span: Span, hits: list[TermHit]) -> str:
    body = _underlined(span, hits)
    if span.language is not Language.ZH:
        return body
    variant = span.variant.value if span.variant else "unmarked"
    words = span_words(span)
    title = f' title="{_text(words)}"' if words else ""
    return (f'<span class="zh role-{block.role.value}" lang="{LANGUAGE_LABELS[variant]}" '
            f'data-role="{block.role.value}"{title}>{body}</span>')


def _words(block: Block) -> str:
    """Each Chinese span's words under the block (shown by the "Words and engines" toggle)."""
    lines = [span_words(span) for span in block.spans if span.language is Language.ZH]
    return "".join(f'<span class="words">{_text(line)}</span>' for line in lines if line)


def _translation_cell(report: Report, block: Block, hits: list[TermHit]) -> tuple[str, bool]:
    translations = [report.translation_of(block, span) for span in block.spans]
    texts = spaced_block(block, report.by_span)
    out, engines = [], []
    for span, translation, text in zip(block.spans, translations, texts, strict=True):
        if translation is None:
            out.append(_underlined(span, hits))
            continue
        gloss = " gloss" if translation.is_gloss else ""
        label = f"{translation.engine}{' (dictionary gloss)' if gloss else ''}"
        left_out = " (left out: the page gives its English before it)" if not text else ""
        engines.append(f"{label}: {span.text}{left_out}")
        out.append(f'<span class="tr{gloss}" data-engine="{_text(translation.engine)}" '
                   f'title="{_text(label)}: {_text(span.text)}">{_text(text)}</span>')
    shown = "".join(f'<span class="words engine">{_text(line)}</span>' for line in engines)
    english = f'<span class="english">{"".join(out)}</span>{shown}'
    return english, bool(engines)


def _row_findings(findings: list[tuple[int, Finding]]) -> str:
    if not findings:
        return ""
    items = "".join(
        f'<li id="f{number}" class="{finding.severity.value}">'
        f'<span class="severity {finding.severity.value}">{finding.severity.value}</span> '
        f"<code>{_text(finding.code)}</code> {_text(finding.message)}{_fix(finding)}</li>"
        for number, finding in findings)
    return f'<ul class="row-findings">{items}</ul>'


def _fix(finding: Finding) -> str:
    return f" — use: <q>{_text(finding.suggestion)}</q>" if finding.suggestion else ""


def _underlined(span: Span, hits: list[TermHit]) -> str:
    """The span's text, escaped, with the glossary terms in it wrapped (nested ones too)."""
    local = []
    literal = span.end - span.start == len(span.text)  # no entity or collapsed space inside
    for hit in hits:
        if hit.end <= span.start or hit.start >= span.end:
            continue
        if literal:
            start = max(0, hit.start - span.start)
            end = min(len(span.text), hit.end - span.start)
        else:
            start = span.text.find(hit.text)
            if start == -1:
                continue
            end = start + len(hit.text)
        if start < end:
            local.append((start, end, hit))
    local.sort(key=lambda item: (item[0], -item[1]))
    return _marked(span.text, local)


def _marked(text: str, hits: list[tuple[int, int, TermHit]]) -> str:
    out, position, index = [], 0, 0
    while index < len(hits):
        start, end, hit = hits[index]
        index += 1
        if start < position:
            continue  # crosses a term already marked
        inner = [(s - start, e - start, h) for s, e, h in hits[index:] if s >= start and e <= end]
        out.append(_text(text[position:start]))
        out.append(f'<span class="term {_text(hit.status)}" data-concept="{_text(hit.concept_id)}"'
                   f' title="{_text(_hover(hit))}">{_marked(text[start:end], inner)}</span>')
        position = end
    out.append(_text(text[position:]))
    return "".join(out)


def _hover(hit: TermHit) -> str:
    if not hit.approved:
        return f"{hit.concept_id}: no approved English yet"
    status = "" if hit.status == "preferred" else f" (this form: {hit.status})"
    return f"approved: {hit.approved}{status}"


def _terms(report: Report) -> str:
    rows = "".join(
        f"<tr><td class=\"where\">{_text(', '.join(where))}</td><td>{_text(written)}</td></tr>\n"
        for _, where, written in term_concepts(report)
    )
    return (
        f'<section id="terms">\n<h2>Glossary terms ({report.summary.terms} found)</h2>\n'
        "<table><thead><tr><th>Where</th><th>As written → approved</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody></table>\n</section>\n"
    )


def _findings(report: Report, found: dict[int, list[tuple[int, Finding]]]) -> str:
    """Every finding in report order, each linked to the row of its block."""
    block_of = {number: index for index, findings in found.items() for number, _ in findings}
    lines = "".join(
        f'<li class="{finding.severity.value}"><a href="#b{block_of[number]}">'
        f"{finding.line}:{finding.column}</a> "
        f'<span class="severity {finding.severity.value}">{finding.severity.value}</span> '
        f"<code>{_text(finding.code)}</code> {_text(finding.message)}{_fix(finding)}</li>\n"
        for number, finding in enumerate(report.findings, 1) if number in block_of)
    body = f'<ol class="findings">\n{lines}</ol>\n' if lines else "<p>No findings.</p>\n"
    return (f'<section id="findings">\n<h2>Findings ({_text(severity_counts(report))})</h2>\n'
            f"{body}</section>\n")


def _all_english(report: Report) -> str:
    """The whole page in English, block by block, for the "Copy all English" button."""
    lines = ["".join(spaced_block(block, report.by_span)) for block in report.page.blocks]
    return f'<textarea id="all-english" readonly>{_text(chr(10).join(lines))}</textarea>\n'
