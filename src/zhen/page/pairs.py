"""Aligned translation pairs from files: TSV, JSONL, or two files aligned line by line.

`zhen check --pairs`, `--source/--target` and `zhen glossary suggest --pairs` read them here.
A row that is not one pair is an error naming the file and line: a misaligned file must never
be checked as if it were aligned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from zhen.errors import InputError
from zhen.page.reader import read_page

_PAIR_KEYS = (("source", "target"), ("zh", "en"))


@dataclass(frozen=True)
class Pair:
    """A Chinese source segment and its English translation, as a pairs file gives them."""

    source: str
    target: str
    target_start: int  # offset of the target in the file the findings point into


def read_text_file(path: str) -> str:
    """A file's decoded text ("-": standard input), read as a text page without its words."""

    return read_page(path, format="text", words=False).text


def read_pairs(text: str, path: str) -> list[Pair]:
    """Aligned pairs of a TSV (source<TAB>target) or JSONL ({"source": …, "target": …}) file;
    `#` lines and blank lines are skipped; a row that is not one pair is an error."""
    is_jsonl = path.lower().endswith((".jsonl", ".ndjson")) or text.lstrip().startswith("{")
    pairs = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        row = line.rstrip("\r\n")
        if row.strip() and not row.lstrip().startswith("#"):
            pair = _json_pair(row, path, number) if is_jsonl else _tsv_pair(row, path, number)
            if pair is not None:
                source, target, column = pair
                pairs.append(Pair(source, target, offset + column))
        offset += len(line)
    if not pairs:
        raise InputError("no aligned pairs found", path)
    return pairs


def _tsv_pair(row: str, path: str, number: int) -> tuple[str, str, int] | None:
    fields = row.split("\t")
    if len(fields) != 2:
        raise InputError(f"expected 2 tab-separated fields (Chinese source, English target), "
                         f"found {len(fields)}: the rows are not aligned", path, number)
    source, target = fields
    if number == 1 and (source.strip().lower(), target.strip().lower()) in _PAIR_KEYS:
        return None  # a header row
    _require_both(source, target, path, number)
    return source, target, len(source) + 1


def _json_pair(row: str, path: str, number: int) -> tuple[str, str, int]:
    try:
        record = json.loads(row)
    except json.JSONDecodeError as error:
        raise InputError(f"not a JSON object: {error.msg}", path, number) from None
    for source_key, target_key in _PAIR_KEYS:
        if isinstance(record, dict) and source_key in record and target_key in record:
            source, target = record[source_key], record[target_key]
            if isinstance(source, str) and isinstance(target, str):
                _require_both(source, target, path, number)
                column = row.find(target) if target and target in row else 0
                return source, target, max(column, 0)
    raise InputError('expected an object with string fields "source" and "target" '
                     '(or "zh" and "en")', path, number)


def _require_both(source: str, target: str, path: str, number: int) -> None:
    if not source.strip() or not target.strip():
        side = "source" if not source.strip() else "target"
        raise InputError(f"the {side} is empty: the rows are not aligned", path, number)


def _content_lines(text: str) -> list[str]:
    """Lines with their ends, trailing blank lines dropped (an editor's last newline differs)."""
    lines = text.splitlines(keepends=True)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def aligned_pairs(source: str, target: str) -> tuple[list[Pair], str]:
    """Line i of the file `source` (Chinese) is translated by line i of `target` (English):
    the pairs, and the target's text (the pairs' offsets point into it)."""
    source_lines = _content_lines(read_text_file(source))
    target_text = read_text_file(target)
    target_lines = _content_lines(target_text)
    if len(source_lines) != len(target_lines):
        raise InputError(f"{len(target_lines)} lines, but the source {source} has "
                         f"{len(source_lines)}: the files are not aligned line by line", target)
    pairs = []
    offset = 0
    for number, (zh, en) in enumerate(zip(source_lines, target_lines, strict=True), 1):
        if zh.strip() or en.strip():
            _require_both(zh, en, target, number)
            pairs.append(Pair(zh.rstrip("\r\n"), en.rstrip("\r\n"), offset))
        offset += len(en)
    return pairs, target_text
