"""HTML → visible text blocks, each with a map from its text back to the markup.

Blocks follow block-level elements (p, li, h1, div, td, br, …) in document order. Text inside
script, style, template, noscript, svg and similar elements, and inside hidden elements (the
`hidden` attribute, `display:none`, `visibility:hidden`), is dropped. Runs of white space collapse
to one space and a block's ends are trimmed, as a browser shows them.

Offsets stay in the user's file: a block's `SourceMap` turns a position in the block's text into
a range of `Page.text` (the markup). A character written literally maps to itself; an entity such
as `&amp;` or a collapsed run of white space maps to its whole source range, so a later writer can
replace any span of text in place.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from zhen.offsets import LineIndex
from zhen.types import SourceMap

_BLOCK_TAGS = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main",
        "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    ]
)
_DROPPED_TAGS = frozenset(
    [
        "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "embed",
        "canvas", "select", "textarea",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ]
)
_SELF_CLOSING_SIBLINGS = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HINT_WORDS = re.compile(r"[a-z]+")
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_SPACES = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class HtmlBlock:
    text: str
    source: SourceMap
    tag: str
    #: the enclosing elements, outermost first: (tag, words of its class and id attributes)
    path: tuple[tuple[str, frozenset[str]], ...]
    link_share: float


@dataclass
class _Open:
    tag: str
    hints: frozenset[str]
    invisible: bool


@dataclass
class _Pending:
    """Text collected for the block being read: (text, source start, source end, literal)."""

    pieces: list[tuple[str, int, int, bool]] = field(default_factory=list)
    link_characters: int = 0


def extract_blocks(markup: str) -> list[HtmlBlock]:
    """The visible text blocks of an HTML document, in order."""
    parser = _BlockParser(markup)
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser.blocks


class _BlockParser(HTMLParser):
    def __init__(self, markup: str):
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self.lines = LineIndex(markup)
        self.stack: list[_Open] = []
        self.blocks: list[HtmlBlock] = []
        self.pending = _Pending()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines.offset(line, column + 1)

    def _invisible(self) -> bool:
        return bool(self.stack) and self.stack[-1].invisible

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _VOID_TAGS:
            return
        siblings = _SELF_CLOSING_SIBLINGS.get(tag)
        if siblings and self.stack and self.stack[-1].tag in siblings:
            self._close(self.stack[-1].tag)
        attributes = dict(attrs)
        hidden = (
            "hidden" in attributes
            or _HIDDEN_STYLE.search(attributes.get("style") or "") is not None
            or tag in _DROPPED_TAGS
        )
        words = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
        self.stack.append(
            _Open(tag, frozenset(_HINT_WORDS.findall(words)), hidden or self._invisible())
        )

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.flush()
        if any(open_element.tag == tag for open_element in self.stack):
            self._close(tag)

    def _close(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        if self._invisible() or self._in_head_outside_title():
            return
        start = self._offset()
        self._add(data, start, start + len(data), True)

    def _in_head_outside_title(self) -> bool:
        """Only the title of <head> is visible text."""
        tags = [o.tag for o in self.stack]
        return "head" in tags and "title" not in tags

    def handle_entityref(self, name):
        self._reference()

    def handle_charref(self, name):
        self._reference()

    def _reference(self) -> None:
        if self._invisible() or self._in_head_outside_title():
            return
        start = self._offset()
        match = _REFERENCE.match(self.markup, start)
        source = match.group() if match else "&"
        text = html.unescape(source)
        self._add(text, start, start + len(source), text == source)

    def _add(self, text: str, start: int, end: int, literal: bool) -> None:
        self.pending.pieces.append((text, start, end, literal))
        if any(o.tag == "a" for o in self.stack):
            self.pending.link_characters += len(text.strip())

    def flush(self) -> None:
        pending, self.pending = self.pending, _Pending()
        block = _collapse(pending.pieces)
        if block is None:
            return
        text, source = block
        path = tuple((o.tag, o.hints) for o in self.stack)
        holder = next((tag for tag, _ in reversed(path) if tag in _BLOCK_TAGS), "html")
        share = min(1.0, pending.link_characters / max(1, len(text.replace(" ", ""))))
        self.blocks.append(HtmlBlock(text, source, holder, path, share))


def _collapse(pieces: list[tuple[str, int, int, bool]]) -> tuple[str, SourceMap] | None:
    """Join pieces, collapse white space runs to one space, trim; None when nothing is left."""
    out: list[tuple[str, int, int, bool]] = []
    for text, start, end, literal in pieces:
        if not literal:
            out.append((text, start, end, False))
            continue
        position = 0
        for match in _SPACES.finditer(text):
            if match.start() > position:
                out.append(
                    (text[position : match.start()], start + position, start + match.start(), True)
                )
            out.append((" ", start + match.start(), start + match.end(), False))
            position = match.end()
        if position < len(text):
            out.append((text[position:], start + position, end, True))
    merged = _merge_spaces(out)
    while merged and merged[0][0] == " " and not merged[0][3]:
        merged.pop(0)
    while merged and merged[-1][0] == " " and not merged[-1][3]:
        merged.pop()
    if not merged:
        return None
    text_starts, position = [], 0
    for piece in merged:
        text_starts.append(position)
        position += len(piece[0])
    source = SourceMap(
        tuple(text_starts),
        tuple(p[1] for p in merged),
        tuple(p[2] for p in merged),
        tuple(p[3] for p in merged),
    )
    return "".join(p[0] for p in merged), source


def _merge_spaces(pieces: list[tuple[str, int, int, bool]]) -> list[tuple[str, int, int, bool]]:
    """Adjacent collapsed spaces (split by a tag) become one space over the whole range."""
    merged: list[tuple[str, int, int, bool]] = []
    for piece in pieces:
        if (
            merged
            and piece[0] == " "
            and not piece[3]
            and merged[-1][0] == " "
            and not merged[-1][3]
        ):
            merged[-1] = (" ", merged[-1][1], piece[2], False)
        else:
            merged.append(piece)
    return merged
