"""Read a page: bytes → text → blocks with roles → script spans → Chinese words.

`read_page` is the first step of the pipeline. A text page's blocks are its non-blank lines; an
HTML page's blocks are the visible text of its block-level elements (`zhen.page.html`). Every
offset points into `Page.text`, the decoded document as given (for HTML the markup itself).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from zhen.chinese.script import Piece, mark_variant, script_pieces
from zhen.chinese.segment import name_token, tokens_at
from zhen.errors import InputError
from zhen.gcpause import cyclic_gc_paused
from zhen.offsets import LineIndex
from zhen.page.decode import decode_bytes
from zhen.page.html import HtmlBlock, extract_blocks
from zhen.page.roles import Layout, assign_roles
from zhen.types import Block, Language, Page, Role, SourceMap, Span, Token, Variant

FORMATS = ("text", "html")
_VISIBLE = re.compile(r"\S")
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|span|a|h[1-6]|ul|ol"
    r"|li|table|nav|header|footer|section|article|main|br|script|style|link)[\s>/]",
    re.I | re.S,
)


def read_page(
    source: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    words: bool = True,
) -> Page:
    """Read, decode and separate a page; `source` is a path or "-" for standard input.

    `format` ("text" or "html") and `encoding` override detection. Raises InputError with the
    file name for anything that is not a readable text or HTML page. With `words=False` Chinese
    spans are neither segmented nor marked Simplified/Traditional: the blocks and spans come
    several times faster, for a caller that reads a page again only to locate text in it.
    """
    name, data = read_source(source)
    return page_from_bytes(data, name=name, format=format, encoding=encoding, words=words)


def page_from_bytes(
    data: bytes,
    *,
    name: str = "<bytes>",
    format: str | None = None,
    encoding: str | None = None,
    words: bool = True,
) -> Page:
    """A page from its bytes, decoded as `read_page` decodes a file; `name` names it in errors."""
    if not data:
        raise InputError("empty file", name)
    decoded = decode_bytes(data, source=name, encoding=encoding)
    del data  # a large page's bytes need not outlive its text
    page = _separated(decoded.text, name, decoded.encoding, format, words)
    return replace(page, encoding_reason=decoded.reason, damage=decoded.damage)


def page_from_text(
    text: str, *, name: str = "<text>", format: str | None = None, words: bool = True
) -> Page:
    """A page from text already decoded (its `encoding` is reported as utf-8)."""
    page = _separated(text, name, "utf-8", format, words)
    return replace(page, encoding_reason="decoded by the caller")


def _separated(text: str, name: str, encoding: str, format: str | None, words: bool) -> Page:
    if not _VISIBLE.search(text):
        raise InputError("empty page (only white space)", name)
    chosen = format or detect_format(text)
    if chosen not in FORMATS:
        raise InputError(f"unknown format {chosen!r}; use one of {', '.join(FORMATS)}", name)
    build = _html_page_blocks if chosen == "html" else _text_page_blocks
    with cyclic_gc_paused():
        blocks = build(text, words)
    return Page(source=name, text=text, format=chosen, encoding=encoding, blocks=tuple(blocks))


def detect_format(text: str) -> str:
    """ "html" when the document opens with markup (a doctype, a comment or a known element)."""
    return "html" if _HTML_START.match(text[:4096]) else "text"


def read_source(source: str | Path) -> tuple[str, bytes]:
    """(name, bytes) of the page at `source`, a path or "-" (standard input); raises InputError
    naming the page when it cannot be read."""
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(source)
        name = str(source)
        if path.is_dir():
            raise InputError("is a directory, not a page", name)
        if not path.exists():
            raise InputError("no such file", name)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(error.strerror or "cannot be read", name) from None
    return name, data


@dataclass(frozen=True)
class _Region:
    """Where a text block sits: [start, end) of the page, its line, and its text."""

    text: str
    start: int
    line: int


def _text_page_blocks(text: str, words: bool) -> list[Block]:
    """Non-blank lines; a CR before LF is not part of the line."""
    regions = []
    position, line, length = 0, 1, len(text)
    while True:
        newline = text.find("\n", position)
        end = length if newline == -1 else newline
        line_end = end - 1 if end > position and text[end - 1] == "\r" else end
        if _VISIBLE.search(text, position, line_end):
            line_text = text if position == 0 and line_end == length else text[position:line_end]
            regions.append(_Region(line_text, position, line))
        if newline == -1:
            break
        position, line = newline + 1, line + 1
    roles = assign_roles([Layout(region.text) for region in regions])
    blocks = []
    for index, (region, role) in enumerate(zip(regions, roles, strict=True)):
        spans = tuple(
            _span(region.text, piece, region.start, region.line, role, words)
            for piece in script_pieces(region.text)
        )
        end = region.start + len(region.text)
        blocks.append(Block(index, region.text, role, region.start, end, region.line, 1, spans))
    return blocks


def _span(
    block_text: str, piece: Piece, block_start: int, line: int, role: Role, words: bool
) -> Span:
    """A span of a line block: the line is the block's, the column where the piece starts."""
    piece_text = block_text[piece.start : piece.end]
    start = block_start + piece.start
    column = piece.start + 1
    if piece.language is not Language.ZH or not words:
        return Span(piece_text, piece.language, start, start + len(piece_text), line, column)
    variant = mark_variant(piece_text)
    tokens = _chinese_tokens(piece_text, start, role, variant)
    return Span(
        piece_text, piece.language, start, start + len(piece_text), line, column, variant, tokens
    )


def _html_page_blocks(markup: str, words: bool) -> list[Block]:
    html_blocks = extract_blocks(markup)
    layouts = [Layout(b.text, b.tag, b.ancestors, b.hints, b.link_share) for b in html_blocks]
    roles = assign_roles(layouts)
    lines = LineIndex(markup)
    blocks = []
    for index, (html_block, role) in enumerate(zip(html_blocks, roles, strict=True)):
        spans = tuple(
            _html_span(html_block, piece, lines, role, words)
            for piece in script_pieces(html_block.text)
        )
        source = html_block.source
        start, end = source.start(0), source.end(len(html_block.text))
        line, column = lines.line_column(start)
        blocks.append(Block(index, html_block.text, role, start, end, line, column, spans,
                            html_block.tag, source))
    return blocks


def _html_span(
    block: HtmlBlock, piece: Piece, lines: LineIndex, role: Role, words: bool
) -> Span:
    """A span of an HTML block: offsets go through the block's map back into the markup."""
    source = block.source
    piece_text = block.text[piece.start : piece.end]
    start, end = source.start(piece.start), source.end(piece.end)
    line, column = lines.line_column(start)
    if piece.language is not Language.ZH or not words:
        return Span(piece_text, piece.language, start, end, line, column)
    variant = mark_variant(piece_text)
    tokens = tuple(
        _remap(token, source, piece.start)
        for token in _chinese_tokens(piece_text, 0, role, variant)
    )
    return Span(piece_text, piece.language, start, end, line, column, variant, tokens)


def _chinese_tokens(text: str, base: int, role: Role, variant: Variant) -> tuple[Token, ...]:
    """jieba's words; on a byline, a span that can be a name is one name ("Editor: 欧阳晓敏")."""
    if role is Role.BYLINE:
        name = name_token(text, base)
        if name is not None:
            return (name,)
    return tuple(tokens_at(text, base, traditional=variant is Variant.TRADITIONAL))


def _remap(token: Token, source: SourceMap, offset: int) -> Token:
    return replace(
        token, start=source.start(offset + token.start), end=source.end(offset + token.end)
    )
