"""A separated page as a readable table, TSV or JSON, written in chunks to keep memory flat.

Each writer takes the page, a `write(str)` callable and, optionally, the page's blocks as an
iterator (`zhen.page.reader.open_page`): pages can be huge (200 MB, millions of lines), so neither
the blocks nor the output are ever held whole. JSON is written span by span, text and TSV row by
row; the text table's counts come last, once every block has gone by.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from zhen.offsets import LineIndex
from zhen.page.damage import encoding_note
from zhen.render.records import (
    SCHEMA_VERSION,
    block_record,
    page_record,
    span_record,
    token_record,
)
from zhen.types import Block, Language, Page, Span

Write = Callable[[str], None]

_TEXT_WIDTH = 100
_CHUNK = 1 << 16
LANGUAGE_LABELS = {"simplified": "zh-Hans", "traditional": "zh-Hant", "unmarked": "zh"}
ROLE_STYLES = {
    "navigation": "cyan",
    "headline": "bold magenta",
    "dateline": "yellow",
    "body": "default",
    "byline": "green",
    "related": "blue",
    "notice": "bold red",
    "footer": "bright_black",
    "other": "white",
}


def write_json(page: Page, write: Write, blocks: Iterable[Block] | None = None) -> None:
    """The document of docs/schema/zhen.schema.json#/$defs/separate_output.

    Same content as `records.separate_document(page)`, written piece by piece: long texts in
    chunks, spans and tokens one at a time.
    """
    lines = LineIndex(page.text)
    head = _dumps(page_record(page, with_blocks=False, lines=lines))[:-1]
    write(f'{{"schema_version": {SCHEMA_VERSION}, "kind": "separate", "page": {head}, "blocks": [')
    for index, block in enumerate(page.blocks if blocks is None else blocks):
        write(",\n" if index else "\n")
        record = block_record(block, lines, with_spans=False)
        _write_open_record(record, write)
        write(', "spans": [')
        for number, span in enumerate(block.spans):
            if number:
                write(", ")
            _write_span(span, lines, write)
        write("]}")
    write("\n]}}\n")


def _write_span(span: Span, lines: LineIndex, write: Write) -> None:
    record = span_record(span, lines, with_tokens=False)
    _write_open_record(record, write)
    write(', "tokens": [')
    for number, token in enumerate(span.tokens):
        if number:
            write(", ")
        write(_dumps(token_record(token, lines)))
    write("]}")


def _write_open_record(record: dict, write: Write) -> None:
    """Writes `record` without its closing brace, its "text" streamed in chunks."""
    text = record.pop("text")
    write(_dumps(record)[:-1] + ', "text": ')
    if len(text) <= _CHUNK:
        write(_dumps(text))
        return
    write('"')
    for position in range(0, len(text), _CHUNK):
        write(_dumps(text[position : position + _CHUNK])[1:-1])
    write('"')


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


_TSV_COLUMNS = [
    "block",
    "role",
    "line",
    "column",
    "start",
    "end",
    "language",
    "variant",
    "text",
    "words",
]


def write_tsv(page: Page, write: Write, blocks: Iterable[Block] | None = None) -> None:
    """One row per span; `words` lists Chinese words as word/POS, names as word/nr=Pinyin."""
    write("\t".join(_TSV_COLUMNS) + "\n")
    for block in page.blocks if blocks is None else blocks:
        for span in block.spans:
            fields = [
                str(block.index),
                block.role.value,
                str(span.line),
                str(span.column),
                str(span.start),
                str(span.end),
                span.language.value,
                span.variant.value if span.variant else "",
                _tsv_escape(span.text),
                _tsv_escape(span_words(span)),
            ]
            write("\t".join(fields) + "\n")


def _tsv_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def span_words(span: Span) -> str:
    """A Chinese span's words as word/POS, names as word/nr=Pinyin ("林雨晨/nr=Lin Yuchen")."""
    return " ".join(
        f"{token.text}/{token.pos}" + (f"={token.romanized}" if token.romanized else "")
        for token in span.tokens
        if not token.text.isspace()
    )


class _Counted:
    """The blocks as they go by, counting blocks and spans for the table's last line."""

    def __init__(self, blocks: Iterable[Block]):
        self.blocks = iter(blocks)
        self.count = self.spans = 0

    def __iter__(self) -> Iterator[Block]:
        for block in self.blocks:
            self.count += 1
            self.spans += len(block.spans)
            yield block

    @property
    def footer(self) -> str:
        return f"# {self.count} blocks, {self.spans} spans\n"


def text_rows(blocks: Iterable[Block]) -> Iterator[tuple[str, str, str, str, str]]:
    """(position, role, language, text, words) for every span that is not just white space."""
    for block in blocks:
        for span in block.spans:
            if span.language is Language.NEUTRAL and not span.text.strip():
                continue
            yield (
                f"{span.line}:{span.column}",
                block.role.value,
                _language_label(span),
                shorten(span.text),
                span_words(span),
            )


def _language_label(span: Span) -> str:
    if span.language is Language.ZH and span.variant is not None:
        return LANGUAGE_LABELS[span.variant.value]
    return span.language.value


def shorten(text: str) -> str:
    """At most _TEXT_WIDTH characters, "…" last: one long line would swamp a table."""
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1] + "…"


def write_text(page: Page, write: Write, blocks: Iterable[Block] | None = None) -> None:
    """Plain table: position, role, language, text; Chinese spans get their words below; the
    number of blocks and spans last."""
    counted = _Counted(page.blocks if blocks is None else blocks)
    write(_header(page))
    write(f"{'LINE:COL':<10} {'ROLE':<11} {'LANG':<8} TEXT\n")
    for position, role, language, text, words in text_rows(counted):
        write(f"{position:<10} {role:<11} {language:<8} {text}\n")
        if words:
            write(f"{'':<31} {words}\n")
    write(counted.footer)


def print_rich(page: Page, console, blocks: Iterable[Block] | None = None) -> None:
    """The same table in colour, for a terminal (rich Console)."""
    from rich.markup import escape

    counted = _Counted(page.blocks if blocks is None else blocks)
    console.print(escape(_header(page).rstrip("\n")), style="dim")
    console.print(f"{'LINE:COL':<10} {'ROLE':<11} {'LANG':<8} TEXT", style="bold")
    for position, role, language, text, words in text_rows(counted):
        style = ROLE_STYLES.get(role, "default")
        color = (
            "red" if language.startswith("zh") else ("dim" if language == "neutral" else "default")
        )
        row = f"[dim]{position:<10}[/] [{style}]{role:<11}[/] [{color}]{language:<8}[/]"
        console.print(f"{row} {escape(text)}")
        if words:
            console.print(f"{'':<31} [dim]{escape(words)}[/]")
    console.print(counted.footer.rstrip("\n"), style="dim")


def _header(page: Page) -> str:
    return f"# {page.source}: {page.format}, {encoding_note(page)}\n"
