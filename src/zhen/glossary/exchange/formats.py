"""The exchange formats in one place: names, detection, reading and writing.

TBX (2019 and 2008 dialects) and the CSV/TSV layouts of DeepL, Google, Amazon and OmegaT. Only
TBX carries concept ids; the tabular layouts get ids made from their English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.glossary.exchange.tabular import LAYOUTS, read_table, write_table
from zhen.glossary.exchange.tbx import read_tbx, write_tbx
from zhen.glossary.model import Concept, Glossary

FORMATS = ("tbx", "tbx-2008", *LAYOUTS)
_TAB_SUFFIXES = (".tsv", ".tab", ".txt", ".utf8")


@dataclass(frozen=True)
class Imported:
    concepts: tuple[Concept, ...]
    notes: tuple[str, ...]  # entries skipped or adjusted while reading
    ids_given: bool  # the file names its concepts (TBX), so an id is a match


def read_exchange(path: Path, format: str | None = None, delimiter: str | None = None) -> Imported:
    """Concepts of an exchange file; `format` None guesses from the name and first line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read: {error.strerror}", path) from None
    format = format or detect_format(path, data)
    if format in ("tbx", "tbx-2008"):
        concepts, notes = read_tbx(data, path)
        return Imported(tuple(concepts), tuple(notes), True)
    concepts, notes = read_table(data, path, format, delimiter or delimiter_for(path, format))
    return Imported(tuple(concepts), tuple(notes), False)


def detect_format(path: Path, data: bytes) -> str:
    if path.suffix.lower() in (".tbx", ".xml") or data.lstrip().startswith(b"<"):
        return "tbx"
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    cells = [c.strip().lower() for c in first.split(delimiter_for(path, "deepl"))]
    if cells and all(c.isascii() for c in cells) and any(c.startswith("zh") for c in cells):
        return "google" if {"pos", "description"} & set(cells) else "amazon"
    return "omegat" if len(cells) == 3 and "\t" in first else "deepl"


def delimiter_for(path: Path, format: str) -> str:
    if format == "omegat" or path.suffix.lower() in _TAB_SUFFIXES:
        return "\t"
    return ","


def export_glossary(glossary: Glossary, format: str, delimiter: str | None = None,
                    path: Path | None = None) -> str:
    if format == "tbx":
        return write_tbx(glossary, "2019")
    if format == "tbx-2008":
        return write_tbx(glossary, "2008")
    if format not in LAYOUTS:
        raise GlossaryError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    return write_table(glossary, format, delimiter or delimiter_for(path or Path(), format))
