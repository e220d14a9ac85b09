"""Records → JSON-ready dicts, following docs/schema/zhen.schema.json.

One function per record, named after the schema's $defs entry it produces, so the schema and
the code are read side by side. Every JSON document zhen writes carries `schema_version`; bump
it only for changes that break readers (adding a field is not one).
"""

from __future__ import annotations

from typing import Any

from zhen.offsets import LineIndex
from zhen.types import Block, Damage, Page, Span, TextDate, Token

SCHEMA_VERSION = 1


def token_record(token: Token, lines: LineIndex) -> dict[str, Any]:
    line, column = lines.line_column(token.start)
    return {
        "text": token.text,
        "pos": token.pos,
        "start": token.start,
        "end": token.end,
        "line": line,
        "column": column,
        "romanized": token.romanized,
    }


def span_record(span: Span, lines: LineIndex, *, with_tokens: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "text": span.text,
        "language": span.language.value,
        "variant": None if span.variant is None else span.variant.value,
        "start": span.start,
        "end": span.end,
        "line": span.line,
        "column": span.column,
    }
    if with_tokens:
        record["tokens"] = [token_record(token, lines) for token in span.tokens]
    return record


def block_record(block: Block, lines: LineIndex, *, with_spans: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "index": block.index,
        "role": block.role.value,
        "tag": block.tag,
        "text": block.text,
        "start": block.start,
        "end": block.end,
        "line": block.line,
        "column": block.column,
    }
    if with_spans:
        record["spans"] = [span_record(span, lines) for span in block.spans]
    return record


def damage_record(damage: Damage, lines: LineIndex) -> dict[str, Any]:
    line, column = lines.line_column(damage.start)
    return {"byte_offset": damage.byte_offset, "bytes": damage.length, "start": damage.start,
            "line": line, "column": column}


def page_record(page: Page, *, with_blocks: bool = True,
                lines: LineIndex | None = None) -> dict[str, Any]:
    lines = lines or LineIndex(page.text)
    record: dict[str, Any] = {
        "source": page.source,
        "format": page.format,
        "encoding": page.encoding,
        "encoding_reason": page.encoding_reason,
        "damage": [damage_record(damage, lines) for damage in page.damage],
        "length": len(page.text),
    }
    if with_blocks:
        record["blocks"] = [block_record(block, lines) for block in page.blocks]
    return record


def date_record(date: TextDate | None) -> dict[str, Any] | None:
    """The date a text was judged at: the schema's text_date."""
    if date is None:
        return None
    return {"date": date.date, "source": date.source.value, "evidence": date.evidence}


def date_words(date: TextDate) -> str:
    """ "2020-08-29, from its dateline (“(Xinhua) 15:52, August 29, 2020”)" for reports."""
    where = {"as-of": "--as-of", "dateline": "its dateline", "meta": "its <meta> publish date",
             "address": "its address", "today": "today (the page gives no date)"}[date.source.value]
    evidence = date.evidence if len(date.evidence) <= 80 else date.evidence[:79] + "…"
    shown = f" (“{evidence}”)" if evidence and date.source.value not in ("as-of", "today") else ""
    return f"{date.date}, from {where}{shown}"


def separate_document(page: Page) -> dict[str, Any]:
    """The whole `zhen separate --output-format json` document (the schema's separate_output)."""
    return {"schema_version": SCHEMA_VERSION, "kind": "separate", "page": page_record(page)}
