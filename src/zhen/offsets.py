"""Character offset → (line, column), for pointing users at places in the file they gave."""

from __future__ import annotations

from array import array
from bisect import bisect_right


class LineIndex:
    """Line starts of a text, built once; lookups are a binary search.

    Lines end at LF; a CR before the LF belongs to the line it ends, so CRLF files number lines
    the way editors do. Lines and columns are 1-based; columns count characters. The starts are
    a machine-integer array: a 200 MB page has millions of lines.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str):
        starts = array("q", [0])
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self._starts = starts

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._starts)
