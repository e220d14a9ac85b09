"""The exchange formats in one place: names, detection, reading and writing.

TBX (2019 and 2008 dialects) and the CSV/TSV layouts of DeepL, Google, Amazon and OmegaT. Only
TBX carries concept ids; the tabular layouts get ids made from their English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.glossary.exchange.tabular import LAYOUTS, header_of_codes, read_table, write_table
from zhen.glossary.exchange.tbx import read_tbx, write_tbx
from zhen.glossary.model import Concept, Glossary
from zhen.glossary.store import decode as decode_utf8

FORMATS = ("tbx", "tbx-2008", *LAYOUTS)
_TAB_SUFFIXES = (".tsv", ".tab", ".txt", ".utf8")
_OMEGAT_SUFFIXES = (".tab", ".txt", ".utf8")  # what OmegaT reads as glossaries


@dataclass(frozen=True)
class Imported:
    concepts: tuple[Concept, ...]
    notes: tuple[str, ...]  # entries skipped or adjusted while reading
    ids_given: bool  # the file names its concepts (TBX), so an id is a match


Decode = Callable[[bytes, Path], str]


def read_exchange(path: Path, format: str | None = None, delimiter: str | None = None,
                  decode: Decode = decode_utf8) -> Imported:
    """Concepts of an exchange file; `format` None guesses from the name and the first lines.

    `decode` turns a CSV/TSV file's bytes into text (default: UTF-8 only; the command line
    passes the page decoder, which reads GB18030/GBK and Big5 too). TBX declares its own.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read: {error.strerror}", path) from None
    if format in ("tbx", "tbx-2008") or (format is None and detect_format(path, data) == "tbx"):
        concepts, notes = read_tbx(data, path)
        return Imported(tuple(concepts), tuple(notes), True)
    text = decode(data, path).removeprefix("\ufeff")
    format = format or detect_format(path, text)
    concepts, notes = read_table(text, path, format, delimiter or delimiter_for(path, format))
    return Imported(tuple(concepts), tuple(notes), False)


def _looks_like_xml(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".tbx", ".xml") or data.lstrip().startswith(b"<")


def detect_format(path: Path, content: bytes | str) -> str:
    """The format of a glossary file: TBX by its name or markup; of a table, a comment line
    (OmegaT writes `# Glossary in tab-separated format`) or three tab-separated columns make
    OmegaT, a header of language codes Google (with pos or description) or Amazon, anything
    else DeepL."""
    if isinstance(content, bytes):
        if _looks_like_xml(path, content):
            return "tbx"
        content = content.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = [line for line in content.splitlines() if line.strip()]
    if not lines:
        return "deepl"
    if lines[0].startswith("#"):
        return "omegat"
    first = lines[0]
    delimiter = "\t" if "\t" in first else delimiter_for(path, "deepl")
    cells = [cell.strip().lower() for cell in first.split(delimiter)]
    if header_of_codes(cells):
        return "google" if {"pos", "description"} & set(cells) else "amazon"
    if delimiter == "\t" and (len(cells) == 3 or path.suffix.lower() in _OMEGAT_SUFFIXES):
        return "omegat"
    return "deepl"


def delimiter_for(path: Path, format: str) -> str:
    if format == "omegat" or path.suffix.lower() in _TAB_SUFFIXES:
        return "\t"
    return ","


def export_glossary(glossary: Glossary, format: str, delimiter: str | None = None,
                    path: Path | None = None, *, deprecated: str = "keep") -> str:
    """The glossary in an exchange format. `deprecated="omit"` leaves out deprecated and
    superseded renderings; kept, TBX marks them with their administrative status and OmegaT
    (which cannot mark a forbidden term) with a `deprecated: reason` comment."""
    if deprecated == "omit":
        glossary = replace(glossary, concepts=tuple(
            replace(c, english=tuple(r for r in c.english if r.status.approved))
            for c in glossary))
    if format == "tbx":
        return write_tbx(glossary, "2019")
    if format == "tbx-2008":
        return write_tbx(glossary, "2008")
    if format not in LAYOUTS:
        raise GlossaryError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    return write_table(glossary, format, delimiter or delimiter_for(path or Path(), format))
