"""One listing in the form asked for: JSON, CSV/TSV or text, to standard output or -o FILE."""

from __future__ import annotations

from pathlib import Path

from zhen.cli.options import emit
from zhen.render import listings


def emit_listing(path: str | Path | None, output_format: str, *, document, rows=None,
                 text) -> None:
    """JSON `document()`, CSV/TSV `rows()`, else `text()`: each made only when asked for."""
    if output_format == "json":
        emit(path, listings.dumps(document()))
    elif output_format in listings.TABLES:
        emit(path, listings.table(rows(), output_format))
    else:
        emit(path, text())
