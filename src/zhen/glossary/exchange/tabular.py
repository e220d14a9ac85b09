"""CSV/TSV glossaries in the layouts machine-translation services and CAT tools read.

- DeepL: `source,target` rows (exports may add source and target language columns); a header
  row (`source,target`, `zh,en`) people add is skipped.
- Google (equivalent term sets): a header of language codes, optional `pos` and `description`.
- Amazon Translate custom terminology: a header of language codes, the source language first.
- OmegaT: `source<TAB>target<TAB>comment` after OmegaT's `# Glossary in tab-separated format`
  line; zhen writes the status (and reason) as the comment.

Rows become concepts grouped by Simplified Chinese form: a Traditional row joins its Simplified
form (OpenCC), and two different Chinese forms never merge, whatever their English says.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from zhen.chinese.convert import to_simplified
from zhen.chinese.script import has_han
from zhen.errors import GlossaryError
from zhen.glossary.changes import concept_id_for, settle_statuses
from zhen.glossary.fileformat import REASON_SEPARATOR, rendering_details
from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.glossary.normalize import normalize_english

LAYOUTS = ("deepl", "google", "amazon", "omegat")
OMEGAT_HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-"  # as OmegaT writes it
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)
_TRADITIONAL_CODES = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
_STATUS_COMMENT = re.compile(r"(preferred|admitted|superseded|deprecated)(?::\s*(.*))?", re.DOTALL)


@dataclass(frozen=True)
class Row:
    """One Chinese form with one English rendering, as read from a file line."""

    zh: str
    english: str
    line: int
    status: Status | None = None
    reason: str = ""
    note: str = ""
    traditional: bool = False


def read_table(text: str, path: Path, layout: str,
               delimiter: str) -> tuple[list[Concept], list[str]]:
    """Concepts of a CSV/TSV glossary in one of LAYOUTS, and notes on what was adjusted.

    DeepL and OmegaT files may hold English first (a project from English into Chinese): the
    column that holds Chinese in most rows is taken as the Chinese one.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, **_quoting(layout))
    lines = [(reader.line_num, cells) for cells in _rows(reader, path)]
    lines = [(n, cells) for n, cells in lines if any(c.strip() for c in cells)]
    if layout == "omegat":
        lines = [(n, cells) for n, cells in lines if not cells[0].startswith("#")]
    if not lines:
        raise GlossaryError("no glossary rows", path)
    reader_for = {"deepl": _deepl_rows, "google": _header_rows, "amazon": _header_rows,
                  "omegat": _omegat_rows}[layout]
    notes: list[str] = []
    return _concepts(reader_for(lines, path), notes), notes


def _quoting(layout: str) -> dict:
    """OmegaT files are plain tab-separated text: a quote is just a character there."""
    if layout == "omegat":
        return {"quoting": csv.QUOTE_NONE, "quotechar": None}
    return {"quoting": csv.QUOTE_MINIMAL}


def _rows(reader, path: Path):
    try:
        yield from reader
    except csv.Error as error:
        raise GlossaryError(f"malformed {error}", path, reader.line_num) from None


_HEADER_WORDS = {"source", "target", "term", "terms", "translation", "english", "chinese",
                 "src", "tgt", "source term", "target term"}


def header_of_codes(cells: list[str]) -> bool:
    """A header row of language codes (zh-CN, en …), perhaps with pos and description."""
    codes = [c for c in cells if c not in ("pos", "description")]
    return bool(codes) and all(c.isascii() and _LANGUAGE_CODE.fullmatch(c) for c in codes) \
        and any(c.startswith("zh") for c in codes)


def _deepl_rows(lines: list[tuple[int, list[str]]], path: Path) -> list[Row]:
    first = [cell.strip().lower() for cell in lines[0][1]]
    if len(first) in (2, 4) and not any(has_han(c) for c in first) and (
            all(c in _HEADER_WORDS for c in first[:2]) or header_of_codes(first[:2])):
        lines = lines[1:]  # a header DeepL itself does not write, but people do
    for number, cells in lines:
        if len(cells) not in (2, 4):
            raise GlossaryError(f"a DeepL row has 2 columns (source, target), or 4 with the "
                                f"language codes; this one has {len(cells)}", path, number)
    chinese = _chinese_column(lines)
    return [_row(cells[chinese].strip(), cells[1 - chinese].strip(), number, path, chinese)
            for number, cells in lines]


def _chinese_column(lines: list[tuple[int, list[str]]]) -> int:
    """0 or 1: the column of the first two that holds Chinese in more rows."""
    first = sum(has_han(cells[0]) and not has_han(cells[1]) for _, cells in lines)
    second = sum(has_han(cells[1]) and not has_han(cells[0]) for _, cells in lines)
    return 1 if second > first else 0


def _row(zh: str, english: str, number: int, path: Path, chinese: int = 0, **extra) -> Row:
    if not zh or not english:
        raise GlossaryError("empty source or target", path, number)
    if not has_han(zh):
        column = ("first", "second")[chinese]
        raise GlossaryError(f"{zh!r} is not Chinese, though the {column} column holds Chinese in "
                            "most rows of this file", path, number)
    return Row(zh, english, number, **extra)


def _header_rows(lines: list[tuple[int, list[str]]], path: Path) -> list[Row]:
    header_line, header = lines[0]
    columns = [cell.strip().lower() for cell in header]
    bad = [c for c in columns
           if c not in ("pos", "description") and not _LANGUAGE_CODE.fullmatch(c)]
    if bad:
        raise GlossaryError(f"expected a header of language codes, found {bad[0]!r}", path,
                            header_line)
    english = next((i for i, c in enumerate(columns) if c.startswith("en")), None)
    chinese = [i for i, c in enumerate(columns) if c.startswith("zh")]
    if english is None or not chinese:
        raise GlossaryError("the header needs a Chinese (zh…) and an English (en…) column", path,
                            header_line)
    description = columns.index("description") if "description" in columns else None
    rows = []
    for number, cells in lines[1:]:
        if len(cells) != len(columns):
            raise GlossaryError(f"{len(cells)} columns where the header has {len(columns)}",
                                path, number)
        note = cells[description].strip() if description is not None else ""
        for i in chinese:
            if cells[i].strip():
                rows.append(_row(cells[i].strip(), cells[english].strip(), number, path, note=note,
                                 traditional=columns[i].startswith(_TRADITIONAL_CODES)))
    return rows


def _omegat_rows(lines: list[tuple[int, list[str]]], path: Path) -> list[Row]:
    for number, cells in lines:
        if len(cells) not in (2, 3):
            raise GlossaryError(f"an OmegaT row has 2 or 3 tab-separated columns (source, target, "
                                f"comment); this one has {len(cells)}", path, number)
    chinese = _chinese_column(lines)
    rows = []
    for number, cells in lines:
        comment = cells[2].strip() if len(cells) == 3 else ""
        match = _STATUS_COMMENT.fullmatch(comment)
        status, reason, note = None, "", comment
        if match:
            status, reason, note = Status(match[1]), (match[2] or "").strip(), ""
        rows.append(_row(cells[chinese].strip(), cells[1 - chinese].strip(), number, path,
                         chinese, status=status, reason=reason, note=note))
    return rows


def _concepts(rows: list[Row], notes: list[str]) -> list[Concept]:
    """Rows → concepts: rows of one Chinese term (in either script) are one concept, and so
    are the Chinese terms that share a preferred (or unmarked) English rendering — several
    Chinese forms of one concept (一带一路, 一带一路倡议) are exported as several rows."""
    headword: dict[str, str] = {}  # Simplified form → the first form of its concept
    by_english: dict[str, str] = {}  # preferred English key → that concept's first form
    for row in rows:
        simplified = headword.setdefault(to_simplified(row.zh), to_simplified(row.zh))
        if row.status in (None, Status.PREFERRED):
            first = by_english.setdefault(normalize_english(row.english), simplified)
            headword[to_simplified(row.zh)] = headword.get(first, first)
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(headword[to_simplified(row.zh)], []).append(row)
    concepts, ids = [], set()
    for group in groups.values():
        simplified = tuple(dict.fromkeys(to_simplified(r.zh) for r in group))
        traditional = [r.zh for r in group if r.traditional or r.zh not in simplified]
        terms = [(r.english, r.status, r.reason) for r in group]
        concept_id = _unique(concept_id_for(group[0].english), ids)
        renderings = settle_statuses(concept_id, terms, notes)
        note = "\n".join(dict.fromkeys(r.note for r in group if r.note))
        concepts.append(Concept(
            id=concept_id, zh=simplified,
            zh_traditional=tuple(dict.fromkeys(f for f in traditional if f not in simplified)),
            english=renderings, note=note))
    return concepts


def _unique(concept_id: str, taken: set[str]) -> str:
    candidate, number = concept_id, 2
    while candidate in taken:
        candidate, number = f"{concept_id}-{number}", number + 1
    taken.add(candidate)
    return candidate


def write_table(glossary: Glossary, layout: str, delimiter: str) -> str:
    """The glossary in a tabular layout; concepts without a preferred rendering are left out."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", **_quoting(layout))
    concepts = sorted((c for c in glossary if c.preferred), key=lambda c: c.id)
    if layout == "google":
        writer.writerow(["zh-CN", "zh-TW", "en", "description"])
        writer.writerows([c.zh[0], traditional_headword(c), c.preferred.text, c.note]
                         for c in concepts)
    elif layout == "amazon":
        writer.writerow(["zh", "en"])
        writer.writerows([form, c.preferred.text] for c in concepts for form in c.zh)
    elif layout == "deepl":
        writer.writerows([form, c.preferred.text] for c in concepts for form in c.chinese_forms)
    else:
        buffer.write(f"{OMEGAT_HEADER}\n")
        writer.writerows([form, r.text, _status_comment(r)]
                         for c in concepts for form in c.chinese_forms for r in c.english)
    return buffer.getvalue()


def traditional_headword(concept: Concept) -> str:
    """The Traditional spelling of the headword (zh[0]); the headword when both scripts share it
    (中共中央) — never the Traditional form of another zh form."""
    return next((form for form in concept.zh_traditional
                 if to_simplified(form) == concept.zh[0]), concept.zh[0])


def _status_comment(rendering: Rendering) -> str:
    """`status[: since … | seen … | reason]`: what OmegaT shows, and import reads back."""
    details = REASON_SEPARATOR.join(rendering_details(rendering))
    return f"{rendering.status.value}: {details}" if details else rendering.status.value
