"""What every form of a page report shows the same way: the engine, counts, the term list.

Shared by the terminal text, Markdown and HTML reports (`zhen.render.report`).
"""

from __future__ import annotations

from bisect import bisect_right

from zhen.chinese.script import has_han
from zhen.render.records import date_words
from zhen.render.translation import spaced_block
from zhen.render.words import plural
from zhen.types import Block, Finding, Report, Severity, TermHit

FALLBACK_LABEL = (
    "built-in fallback (boilerplate memory, glossary, romanized names, marked dictionary gloss);"
    " not a model translation"
)


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
    return ", ".join(plural(counts[severity.value], word) for severity, word in words.items())


def summary_lines(report: Report) -> list[tuple[str, str]]:
    """(label, value) rows shared by the text, Markdown and HTML summaries."""
    summary = report.summary
    concepts = len({hit.concept_id for hit in report.terms})
    translated = f"{plural(summary.segments, 'Chinese segment')} translated by {report.engine}"
    details = f"{plural(summary.glosses, 'dictionary gloss')}, {summary.memory_hits} from memory"
    rows = [
        ("blocks", _counts(summary.blocks_by_language, total=True)),
        ("roles", _counts(summary.blocks_by_role)),
        ("spans", _counts(summary.spans_by_language, total=True)),
        ("translated", f"{translated} ({details})"),
        ("terms", f"{plural(summary.terms, 'glossary term')} found "
                  f"({plural(concepts, 'concept')})"),
        ("findings", severity_counts(report)),
    ]
    if report.date is not None:
        rows.append(("dated", date_words(report.date)))
    if summary.seconds is not None:
        rows.append(("time", f"{summary.seconds:.2f} s"))
    return rows


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
        english = [text.casefold() for text in texts if not has_han(text)]
        if not approved:
            written += " → (no approved English yet)"
        elif any(has_han(text) for text in texts) or approved.casefold() not in english:
            written += f" → {approved}"  # the Chinese, or a form other than the approved one
        # (a capital alone is no correction: "Premier Li Qiang", a sentence's first word)
        rows.append((approved, where, written))
    return rows


def findings_by_block(report: Report) -> dict[int, list[tuple[int, Finding]]]:
    """Each finding (numbered in report order, from 1) under the block it points into: by its
    offset, else by its line."""
    blocks = report.page.blocks
    starts = [block.start for block in blocks]
    lines = [block.line for block in blocks]
    grouped: dict[int, list[tuple[int, Finding]]] = {}
    if not blocks:
        return grouped
    for number, finding in enumerate(report.findings, 1):
        if finding.start is not None:
            block = blocks[max(0, bisect_right(starts, finding.start) - 1)]
        else:
            block = blocks[max(0, bisect_right(lines, finding.line) - 1)]
        grouped.setdefault(block.index, []).append((number, finding))
    return grouped


def hits_by_block(report: Report) -> dict[int, list[TermHit]]:
    """The glossary terms found in each block."""
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
