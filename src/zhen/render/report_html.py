"""A page report as one self-contained HTML file: the page and its translation side by side.

Chinese spans are highlighted by the role of their block, glossary terms are underlined with
their approved English on hover (the `title` attribute), and every finding links to its block.
The file makes no request of its own — no remote CSS, script, font or image, and a Content
Security Policy that forbids them — and every piece of page text is escaped, so markup or a
`<script>` on the page shows as text.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape

from zhen.page.damage import encoding_note
from zhen.render.report_parts import engine_label, severity_counts, summary_lines, term_concepts
from zhen.render.separation import LANGUAGE_LABELS, span_words
from zhen.render.translation import spaced_block
from zhen.render.words import plural
from zhen.types import Block, Finding, Language, Report, Role, Span, TermHit

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"
_ROLE_COLORS = {
    Role.NAVIGATION: "#cfe8fc",
    Role.HEADLINE: "#e7d4f7",
    Role.DATELINE: "#fff2b3",
    Role.BODY: "#ffe0b8",
    Role.BYLINE: "#c9f0c9",
    Role.RELATED: "#d5dcf7",
    Role.NOTICE: "#ffd0d0",
    Role.FOOTER: "#dddddd",
    Role.OTHER: "#f0e6c8",
}
_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1em 2em;
       color: #1d1d1f; background: #fff; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 2em; }
.source { font-family: monospace; color: #555; margin-top: 0; }
.engine { padding: 0.4em 0.7em; border-left: 4px solid #999; background: #f5f5f5; }
.engine.fallback { border-color: #d98c00; background: #fff6e0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.5em; vertical-align: top;
         text-align: left; }
table.page td.original, table.page td.translation { width: 44%; }
td.where, td.role { white-space: nowrap; font-size: 0.85em; color: #555; }
td.where a { color: inherit; }
tr:target { outline: 2px solid #d98c00; }
tr.unchanged td.translation { color: #777; }
.zh, .swatch { border-radius: 3px; padding: 0 2px; }
.tr { font-weight: 600; background: #e6f4ea; border-radius: 3px; padding: 0 2px; }
.tr.gloss { background: #fdecc8; font-style: italic; }
.term { text-decoration: underline dotted #0b57d0 2px; text-underline-offset: 3px; cursor: help; }
.term.deprecated, .term.superseded { text-decoration-color: #c5221f; }
.words { display: block; font-size: 0.8em; color: #666; }
ol.findings li { margin: 0.2em 0; }
.severity { font-weight: 600; text-transform: uppercase; font-size: 0.8em; }
.severity.error { color: #c5221f; } .severity.warning { color: #b06000; }
.severity.info { color: #0b57d0; }
.legend span { margin-right: 0.6em; }
"""


def html_report(report: Report) -> str:
    page = report.page
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>zhen page: {_text(page.source)}</title>\n<style>{_STYLE}{_role_css()}</style>\n"
        "</head>\n<body>\n"
    )
    parts = [head, _header(report), _page_table(report), _terms(report), _findings(report)]
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _role_css() -> str:
    return "".join(f".zh.role-{role.value}, .swatch.role-{role.value} {{ background: {color}; }}\n"
                   for role, color in _ROLE_COLORS.items())


def _header(report: Report) -> str:
    page = report.page
    fallback = " fallback" if report.engine == "fallback" else ""
    rows = "".join(f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>"
                   for label, value in summary_lines(report))
    legend = "".join(f'<span class="swatch role-{role.value}">{role.value}</span>' for role in Role)
    return (
        f"<header>\n<h1>zhen page report</h1>\n<p class=\"source\">{_text(page.source)} — "
        f"{_text(page.format)}, {_text(encoding_note(page))}, "
        f"{plural(len(page.blocks), 'block')}</p>\n"
        f'<p class="engine{fallback}">Translated by: {_text(engine_label(report))}</p>\n'
        f'<dl class="summary">{rows}</dl>\n'
        f'<p class="legend">Chinese spans by role: {legend}</p>\n</header>\n'
    )


def _page_table(report: Report) -> str:
    rows = []
    hits = _hits_by_block(report)
    for block in report.page.blocks:
        block_hits = hits.get(block.index, [])
        original = "".join(_original_span(block, span, block_hits) for span in block.spans)
        translation, changed = _translation_cell(report, block, block_hits)
        classes = f"role-{block.role.value} lang-{block.language}"
        classes += "" if changed else " unchanged"
        rows.append(
            f'<tr id="b{block.index}" class="{classes}">'
            f'<td class="where"><a href="#b{block.index}">{block.line}:{block.column}</a></td>'
            f'<td class="role">{block.role.value}</td>'
            f'<td class="original">{original}</td>'
            f'<td class="translation" lang="en">{translation}</td></tr>\n'
        )
    return (
        '<main>\n<h2 id="page">The page, side by side</h2>\n<table class="page">\n'
        "<thead><tr><th>Line</th><th>Role</th><th>Original</th><th>English</th></tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</main>\n"
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


def _translation_cell(report: Report, block: Block, hits: list[TermHit]) -> tuple[str, bool]:
    translations = [report.translation_of(block, span) for span in block.spans]
    texts = spaced_block(block, report.by_span)
    out = []
    for span, translation, text in zip(block.spans, translations, texts, strict=True):
        if translation is None:
            out.append(_underlined(span, hits))
            continue
        gloss = " gloss" if translation.is_gloss else ""
        title = f"{translation.engine}{' (dictionary gloss)' if gloss else ''}: {span.text}"
        out.append(f'<span class="tr{gloss}" data-engine="{_text(translation.engine)}" '
                   f'title="{_text(title)}">{_text(text)}</span>')
    return "".join(out), any(t is not None for t in translations)


def _hits_by_block(report: Report) -> dict[int, list[TermHit]]:
    blocks = report.page.blocks
    starts = [block.start for block in blocks]
    grouped: dict[int, list[TermHit]] = {}
    for hit in report.terms:
        first = max(0, bisect_right(starts, hit.start) - 1)
        for block in blocks[first:]:
            if block.start >= hit.end:
                break
            if block.end > hit.start:
                grouped.setdefault(block.index, []).append(hit)
    return grouped


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


def _findings(report: Report) -> str:
    anchors = _finding_anchor(report)
    items = []
    for finding in report.findings:
        fix = f" — use: <q>{_text(finding.suggestion)}</q>" if finding.suggestion else ""
        items.append(
            f'<li class="{finding.severity.value}"><a href="#b{anchors(finding)}">'
            f"{finding.line}:{finding.column}</a> "
            f'<span class="severity {finding.severity.value}">{finding.severity.value}</span> '
            f"<code>{_text(finding.code)}</code> {_text(finding.message)}{fix}</li>\n"
        )
    body = f'<ol class="findings">\n{"".join(items)}</ol>\n' if items else "<p>No findings.</p>\n"
    return (f'<section id="findings">\n<h2>Findings ({_text(severity_counts(report))})</h2>\n'
            f"{body}</section>\n")


def _finding_anchor(report: Report):
    """finding → index of the block it points into (by offset, else by line)."""
    blocks = report.page.blocks
    starts = [block.start for block in blocks]
    lines = [block.line for block in blocks]

    def anchor(finding: Finding) -> int:
        if not blocks:
            return 0
        if finding.start is not None:
            return blocks[max(0, bisect_right(starts, finding.start) - 1)].index
        return blocks[max(0, bisect_right(lines, finding.line) - 1)].index

    return anchor
