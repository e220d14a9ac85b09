"""Text folded the way `normalize_english` folds a rendering, with a way back to offsets.

Matching runs on folded text: case, curly quotes, hyphens, dashes and runs of white space (line
breaks included) are folded like `normalize_english` does, each character to exactly one, so
only collapsed runs of spaces move offsets; `FoldedText` maps folded offsets back. Text whose
non-ASCII characters cannot matter (all keys are ASCII) takes a fast path through an ASCII
encoder with an error handler that folds each run of non-ASCII characters in one call.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["WORD_CHARS", "FoldedText", "WordChars", "fold_text", "is_word_char"]

# Stand-ins in folded text: a non-ASCII letter or digit the keys cannot contain, and any other
# non-ASCII character that is not a separator (CJK, symbols). Keys never contain either.
_OTHER_WORD_CHAR = "\x1a"
_OTHER_CHAR = "\x00"
_PARAGRAPH = "\0"  # marks the line breaks of a blank line: no term spans it

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
           "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"'}
_SEPARATOR = re.compile(r"[\s\-\u2010-\u2015\u2212\u00ad]+")


def _fold_char(char: str, ascii_only: bool) -> str:
    """One character folded as `normalize_english` folds it, always to exactly one character."""
    folded = unicodedata.normalize("NFKC", char)
    folded = "".join(_QUOTES.get(c, c) for c in folded).casefold()
    if _SEPARATOR.fullmatch(folded):
        return " "
    if len(folded) == 1 and (folded.isascii() or not ascii_only):
        return folded
    if char.isalnum() and char < "\u2e80":
        return _OTHER_WORD_CHAR if ascii_only else char.lower()[:1]
    return _OTHER_CHAR if ascii_only else char


class _FoldTable(dict):
    """str.translate table that folds each character on first sight and remembers it."""

    def __init__(self, ascii_only: bool):
        super().__init__()
        self.ascii_only = ascii_only

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code), self.ascii_only)
        return folded


_TO_ASCII = _FoldTable(ascii_only=True)
_FULL = _FoldTable(ascii_only=False)
_ASCII_BYTES = bytes(ord(_fold_char(chr(i), True)) for i in range(128)) + bytes(range(128, 256))
_ERROR_HANDLER = "zhen.fold-to-ascii"
_handler_lock = threading.Lock()
_handler_registered = False


def _fold_run(error: UnicodeEncodeError) -> tuple[str, int]:
    return error.object[error.start:error.end].translate(_TO_ASCII), error.end


def _register_handler() -> None:
    global _handler_registered
    with _handler_lock:
        if not _handler_registered:
            codecs.register_error(_ERROR_HANDLER, _fold_run)
            _handler_registered = True


@dataclass(frozen=True)
class FoldedText:
    """Text folded like `normalize_english` (runs of separators collapsed), with offsets back.

    `folded_starts[i]` in the folded text corresponds to `original_starts[i]` in the original;
    between two breakpoints the texts advance together.
    """

    text: str
    folded_starts: tuple[int, ...]
    original_starts: tuple[int, ...]

    def original(self, offset: int) -> int:
        """The original offset of the folded character at `offset`."""
        piece = bisect_right(self.folded_starts, offset) - 1
        return self.original_starts[piece] + offset - self.folded_starts[piece]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded [start, end); `end` maps through its last char."""
        return self.original(start), self.original(end - 1) + 1


def fold_text(text: str, ascii_only: bool = True) -> FoldedText:
    """Fold `text` for matching. With `ascii_only`, non-ASCII characters that do not fold to ASCII
    become stand-ins (fast path: the keys are all ASCII, so such characters can only be boundaries
    or parts of other words). A blank line becomes NUL characters: no term spans a paragraph."""
    if text.isascii():
        encoded = text.encode("ascii")
    elif ascii_only:
        _register_handler()
        encoded = text.encode("ascii", _ERROR_HANDLER)
    else:
        marked = text.replace("\r\n\r\n", _PARAGRAPH * 4).replace("\n\n", _PARAGRAPH * 2)
        return _collapse_separators(marked.translate(_FULL))
    encoded = encoded.replace(b"\r\n\r\n", b"\0\0\0\0").replace(b"\n\n", b"\0\0")
    return _collapse_separators(encoded.translate(_ASCII_BYTES).decode("ascii"))


def _collapse_separators(same_length: str) -> FoldedText:
    """Runs of two or more spaces become one space (rare in prose once blank lines are marked)."""
    find = same_length.find
    run = find("  ")
    if run == -1:
        return FoldedText(same_length, (0,), (0,))
    pieces: list[str] = []
    folded_starts = [0]
    original_starts = [0]
    folded_length = 0
    position = 0
    size = len(same_length)
    while run != -1:
        end = run + 2
        while end < size and same_length[end] == " ":
            end += 1
        pieces.append(same_length[position:run + 1])
        folded_length += run + 1 - position
        folded_starts.append(folded_length)
        original_starts.append(end)
        position = end
        run = find("  ", end)
    pieces.append(same_length[position:])
    return FoldedText("".join(pieces), tuple(folded_starts), tuple(original_starts))


def is_word_char(char: str) -> bool:
    return char == _OTHER_WORD_CHAR or (char.isalnum() and char < "\u2e80")


# Word characters of ASCII-folded text: letters, digits and the stand-in for other letters.
WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789" + _OTHER_WORD_CHAR)


class WordChars:
    """`char in WordChars()`: the same test for text folded with non-ASCII characters kept."""

    def __contains__(self, char: str) -> bool:
        return is_word_char(char)
