"""The page itself with its Chinese spans replaced by their English: the page a user publishes.

A text page keeps its exact line structure (`zhen.render.translation.replaced_text`). An HTML
page keeps its markup: each translated span's visible text is replaced in place, through the
block's map from its text back to the markup (`Block.source_map`), by
`<span lang="en" data-zh="…">English</span>`; tags, comments and hidden text inside the span's
range stay where they were. In a <title> or <option>, where no element may stand, the English
replaces the text alone.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape

from zhen.render.translation import replaced_text, spaced_block
from zhen.types import PageTranslation, Report

_TEXT_ONLY = frozenset({"title", "option"})


def translated_page(report: Report) -> str:
    """The page with every translated span replaced; same format as the page."""
    if report.page.format != "html":
        result = PageTranslation(report.page, report.translations, report.engine)
        return replaced_text(result)
    return _translated_html(report)


def translated_bytes(report: Report) -> bytes:
    """The translated page in the page's own encoding, so an HTML charset declaration stays
    true; a character the encoding cannot hold becomes an HTML reference (HTML) or "?" (text)."""
    errors = "xmlcharrefreplace" if report.page.format == "html" else "replace"
    return translated_page(report).encode(report.page.encoding, errors)


def _translated_html(report: Report) -> str:
    page = report.page
    markup = page.text
    english, offsets = _padded_targets(report)
    out, position = [], 0
    for item in sorted(report.translations, key=lambda item: item.span.start):
        block = page.blocks[item.block]
        source = block.source_map
        begin = offsets[(item.block, item.span.start)]
        ranges = _visible_ranges(source, block.text, begin, begin + len(item.span.text))
        target = escape(english[(item.block, item.span.start)], quote=False)
        if target and block.tag not in _TEXT_ONLY:  # "" for Chinese the page glosses itself
            zh = escape(item.span.text, quote=True)
            target = f'<span lang="en" data-zh="{zh}">{target}</span>'
        out.append(markup[position : item.span.start])
        out.append(_replace_visible(markup, item.span.start, item.span.end, ranges, target))
        position = item.span.end
    out.append(markup[position:])
    return "".join(out)


def _padded_targets(
    report: Report,
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], int]]:
    """Each translation as its block shows it (a space added where it would touch a letter),
    and where each span starts in its block's text; both keyed by (block, span start)."""
    padded, offsets = {}, {}
    for index in dict.fromkeys(item.block for item in report.translations):
        block = report.page.blocks[index]
        begin = 0
        for span, text in zip(block.spans, spaced_block(block, report.by_span), strict=True):
            padded[(index, span.start)] = text
            offsets[(index, span.start)] = begin
            begin += len(span.text)
    return padded, offsets


def _visible_ranges(source, text: str, begin: int, end: int) -> list[tuple[int, int, bool]]:
    """Markup ranges holding block text [begin, end): (start, end, is collapsed white space)."""
    starts = source.text_starts
    ranges = []
    k = bisect_right(starts, begin) - 1
    while k < len(starts) and starts[k] < end:
        low = max(begin, starts[k])
        high = min(end, starts[k + 1] if k + 1 < len(starts) else end)
        if source.literal[k]:
            first = source.source_starts[k] + low - starts[k]
            ranges.append((first, first + high - low, False))
        else:
            ranges.append((source.source_starts[k], source.source_ends[k], text[low:high] == " "))
        k += 1
    return ranges


def _replace_visible(
    markup: str, start: int, end: int, ranges: list[tuple[int, int, bool]], target: str
) -> str:
    """markup[start:end] with its first visible text replaced by `target`, the rest of its
    visible text removed, and everything else (tags, white space, hidden text) kept."""
    out, position, placed = [], start, False
    for low, high, is_space in ranges:
        out.append(markup[position:low])
        if is_space:
            out.append(markup[low:high])
        elif not placed:
            out.append(target)
            placed = True
        position = high
    out.append(markup[position:end])
    return "".join(out)
