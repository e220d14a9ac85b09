"""Read a page: bytes → text → blocks with roles → script spans → Chinese words.

`read_page` is the first step of the pipeline. A text page's blocks are its non-blank lines; an
HTML page's blocks are the visible text of its block-level elements (`zhen.page.html`). Every
offset points into `Page.text`, the decoded document as given (for HTML the markup itself).
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from zhen.chinese.persons import join_known_names, known_names
from zhen.chinese.script import Piece, mark_variant, script_pieces
from zhen.chinese.segment import name_token, tokens_at
from zhen.errors import InputError
from zhen.gcpause import cyclic_gc_paused
from zhen.offsets import LineIndex
from zhen.page.decode import decode_bytes
from zhen.page.html import HtmlBlock, extract_blocks
from zhen.page.roles import Layout, assign_roles
from zhen.types import Block, Damage, Language, Page, Role, SourceMap, Span, Token, Variant

FORMATS = ("text", "html")
_BEFORE = 40  # characters of a block before a Chinese span that name finding looks at
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
    page, blocks = open_page(source, format=format, encoding=encoding, words=words)
    return _with_blocks(page, blocks)


def open_page(
    source: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    words: bool = True,
) -> tuple[Page, Iterator[Block]]:
    """`read_page` for a caller that handles one block at a time: the page without its blocks,
    and its blocks, each built (spans, words) only when the iterator reaches it.

    Memory then holds the page's text and one block's words, not every word of the page:
    `zhen separate` and `zhen check` read pages of hundreds of megabytes this way.
    """
    name, data = read_source(source)
    page = _decoded(data, name, format, encoding)
    del data  # the bytes of a large page need not outlive its text
    return page, page_blocks(page, words=words)


def page_from_bytes(
    data: bytes,
    *,
    name: str = "<bytes>",
    format: str | None = None,
    encoding: str | None = None,
    words: bool = True,
) -> Page:
    """A page from its bytes, decoded as `read_page` decodes a file; `name` names it in errors."""
    page = _decoded(data, name, format, encoding)
    return _with_blocks(page, page_blocks(page, words=words))


def page_from_text(
    text: str, *, name: str = "<text>", format: str | None = None, words: bool = True
) -> Page:
    """A page from text already decoded (its `encoding` is reported as utf-8)."""
    page = _page(text, name, format, "utf-8", "decoded by the caller")
    return _with_blocks(page, page_blocks(page, words=words))


def _decoded(data: bytes, name: str, format: str | None, encoding: str | None) -> Page:
    if not data:
        raise InputError("empty file", name)
    decoded = decode_bytes(data, source=name, encoding=encoding)
    return _page(decoded.text, name, format, decoded.encoding, decoded.reason, decoded.damage)


def _page(text: str, name: str, format: str | None, encoding: str, reason: str,
          damage: tuple[Damage, ...] = ()) -> Page:
    """The page without its blocks: text, format (detected unless given), how it was decoded."""
    if not _VISIBLE.search(text):
        raise InputError("empty page (only white space)", name)
    chosen = format or detect_format(text)
    if chosen not in FORMATS:
        raise InputError(f"unknown format {chosen!r}; use one of {', '.join(FORMATS)}", name)
    return Page(source=name, text=text, format=chosen, encoding=encoding,
                encoding_reason=reason, damage=damage)


def _with_blocks(page: Page, blocks: Iterator[Block]) -> Page:
    """The page with all its blocks; a name found on evidence anywhere on it is then a name
    wherever it writes it (blocks streamed by `open_page` carry their own spans' names)."""
    with cyclic_gc_paused():
        return replace(page, blocks=_names_across_page(tuple(blocks)))


def page_blocks(page: Page, *, words: bool = True, spans: bool = True) -> Iterator[Block]:
    """The blocks of a page returned by `open_page`, in order, each built when reached. Roles
    are decided first for the whole page (they depend on what comes before and after a block);
    spans and words are made block by block. With `spans=False` the blocks have none: their
    text and role, quickly (a page's date is found that way before it is checked).

    The cyclic garbage collector is paused until the last block has been taken (or the
    iterator is dropped): what a page makes and what its reader makes of it are acyclic
    records, and a collector left running rescans every live object again and again."""
    build = _html_page_blocks if page.format == "html" else _text_page_blocks
    with cyclic_gc_paused():
        yield from build(page.text, words if spans else None)


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


class _Lines(Sequence[Layout]):
    """The non-blank lines of a text page as role layouts, made when asked for: the page's
    lines are not copied all at once (a 200 MB page has millions of them)."""

    def __init__(self, text: str):
        self.text = text
        self.starts, self.ends, self.numbers = array("q"), array("q"), array("q")
        position, line, length = 0, 1, len(text)
        while True:
            newline = text.find("\n", position)
            end = length if newline == -1 else newline
            line_end = end - 1 if end > position and text[end - 1] == "\r" else end
            if _VISIBLE.search(text, position, line_end):
                self.starts.append(position)
                self.ends.append(line_end)
                self.numbers.append(line)
            if newline == -1:
                break
            position, line = newline + 1, line + 1

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return Layout(self.line_text(index))

    def line_text(self, index: int) -> str:
        start, end = self.starts[index], self.ends[index]
        return self.text if start == 0 and end == len(self.text) else self.text[start:end]


def _text_page_blocks(text: str, words: bool | None) -> Iterator[Block]:
    """Non-blank lines; a CR before LF is not part of the line. `words` None: no spans."""
    lines = _Lines(text)
    roles = assign_roles(lines)
    for index, role in enumerate(roles):
        line_text, start, line = lines.line_text(index), lines.starts[index], lines.numbers[index]
        spans = () if words is None else tuple(_span(line_text, piece, start, line, role, words)
                                               for piece in script_pieces(line_text))
        yield Block(index, line_text, role, start, start + len(line_text), line, 1, spans)


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
    before = block_text[max(0, piece.start - _BEFORE) : piece.start]
    tokens = _chinese_tokens(piece_text, start, role, variant, before)
    return Span(
        piece_text, piece.language, start, start + len(piece_text), line, column, variant, tokens
    )


def _html_page_blocks(markup: str, words: bool | None) -> Iterator[Block]:
    html_blocks = extract_blocks(markup)
    layouts = [Layout(b.text, b.tag, b.path, b.link_share) for b in html_blocks]
    roles = assign_roles(layouts)
    del layouts
    lines = LineIndex(markup)
    for index, (html_block, role) in enumerate(zip(html_blocks, roles, strict=True)):
        spans = () if words is None else tuple(_html_span(html_block, piece, lines, role, words)
                                               for piece in script_pieces(html_block.text))
        source = html_block.source
        start, end = source.start(0), source.end(len(html_block.text))
        line, column = lines.line_column(start)
        yield Block(index, html_block.text, role, start, end, line, column, spans,
                    html_block.tag, source)


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
    before = block.text[max(0, piece.start - _BEFORE) : piece.start]
    tokens = tuple(
        _remap(token, source, piece.start)
        for token in _chinese_tokens(piece_text, 0, role, variant, before)
    )
    return Span(piece_text, piece.language, start, end, line, column, variant, tokens)


def _chinese_tokens(
    text: str, base: int, role: Role, variant: Variant, before: str
) -> tuple[Token, ...]:
    """jieba's words with the names found on evidence (`before`: the block's text before the
    span); on a byline, a span that can be a name is one name (刘祺 under a headline)."""
    if role is Role.BYLINE:
        name = name_token(text, base)
        if name is not None:
            return (name,)
    traditional = variant is Variant.TRADITIONAL
    return tuple(tokens_at(text, base, traditional=traditional, before=before))


def _names_across_page(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A name found on evidence anywhere on the page is a name wherever the page writes it."""
    known = {token.text: token.romanized for block in blocks for span in block.spans
             for token in span.tokens if token.romanized and len(token.text) > 1}
    if not known:
        return blocks
    page_names = known_names(known)
    beginnings = page_names.beginnings
    out = []
    for block in blocks:
        spans = list(block.spans)
        for index, span in enumerate(spans):
            if not any(token.text in beginnings for token in span.tokens):
                continue  # no word of the span starts any of the names
            joined = join_known_names(span.tokens, page_names)
            if joined is not None:
                spans[index] = replace(span, tokens=tuple(joined))
        out.append(replace(block, spans=tuple(spans)) if spans != list(block.spans) else block)
    return tuple(out)


def _remap(token: Token, source: SourceMap, offset: int) -> Token:
    return replace(
        token, start=source.start(offset + token.start), end=source.end(offset + token.end)
    )
