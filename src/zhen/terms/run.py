"""`zhen check` as one library call: inputs → pages or aligned pairs → findings.

Every input that can be read is checked even when another cannot: problems are returned next to
the findings, so the command reports both and exits 2. Findings on a line that carries the
suppression marker `zhen: ignore` (all codes) or `zhen: ignore[ZH001,ZH003]` are dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhen.errors import GlossaryError, InputError, ZhenError
from zhen.glossary.model import Glossary
from zhen.offsets import LineIndex
from zhen.terms.checks import PAGE, PAIR, Selection, Subject, TextPiece, run_checks
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.types import Finding, Language, Page, Severity, TermHit

__all__ = ["PAGE_SUFFIXES", "CheckOptions", "CheckReport", "FoundTerm", "check_inputs",
           "check_page", "folder_pages", "page_files", "read_pairs", "read_text_file"]

# Files taken from a folder; a file named on the command line is checked whatever its name.
PAGE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
_SUPPRESSION = re.compile(r"zhen:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?")
_PAIR_KEYS = (("source", "target"), ("zh", "en"))


@dataclass(frozen=True)
class CheckOptions:
    selection: Selection = field(default_factory=Selection)
    threshold: float = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class FoundTerm:
    """A glossary term found in a checked file: the inventory behind the findings."""

    path: str
    hit: TermHit


@dataclass(frozen=True)
class _Checked:
    findings: list[Finding]
    terms: list[FoundTerm]


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    checked: tuple[str, ...]  # inputs that were read and checked
    problems: tuple[ZhenError, ...]  # inputs that could not be checked, each naming its file
    terms: tuple[FoundTerm, ...] = ()  # every term found, preferred ones included

    def exit_code(self, fail_on: str = "error") -> int:
        """2 if an input could not be checked, 1 if a finding reaches `fail_on` ("never": none
        does), else 0."""
        if self.problems:
            return 2
        if fail_on == "never":
            return 0
        bar = Severity(fail_on).rank
        return 1 if any(finding.severity.rank >= bar for finding in self.findings) else 0


def check_inputs(paths: Sequence[str], glossary: Glossary, options: CheckOptions = CheckOptions(),
                 *, pairs: Sequence[str] = (), source: str | None = None,
                 target: str | None = None) -> CheckReport:
    """Check pages (files, folders, "-"), pairs files (TSV/JSONL) and one source/target pair."""
    if not glossary.concepts:
        raise GlossaryError("the glossary holds no concepts",
                            ", ".join(str(path) for path in glossary.files) or None)
    findings: list[Finding] = []
    terms: list[FoundTerm] = []
    checked: list[str] = []
    problems: list[ZhenError] = []
    jobs = [(path, _check_page) for path in _expand(paths, problems)]
    jobs += [(path, _check_pairs_file) for path in pairs]
    if source is not None and target is not None:
        jobs.append((target, lambda t, g, o: _check_aligned_files(source, t, g, o)))
    for path, run in jobs:
        try:
            result = run(path, glossary, options)
        except ZhenError as problem:
            problems.append(problem)
        else:
            findings.extend(result.findings)
            terms.extend(result.terms)
            checked.append(path)
    return CheckReport(tuple(findings), tuple(checked), tuple(problems), tuple(terms))


def folder_pages(folder: Path) -> list[str]:
    """A folder's page files (by suffix, hidden ones skipped), sorted."""
    return sorted(
        str(file) for file in folder.rglob("*")
        if file.suffix.lower() in PAGE_SUFFIXES and file.is_file()
        and not any(part.startswith(".") for part in file.relative_to(folder).parts))


def page_files(sources: Sequence[str]) -> Iterator[str]:
    """Files as given ("-": standard input); a folder's page files by suffix, sorted, hidden
    ones skipped. A folder without page files is an error."""
    for source in sources:
        folder = Path(source)
        if source == "-" or not folder.is_dir():
            yield source
            continue
        found = folder_pages(folder)
        if not found:
            raise InputError(f"folder holds no page files ({', '.join(sorted(PAGE_SUFFIXES))})",
                             source)
        yield from found


def _expand(paths: Sequence[str], problems: list[ZhenError]) -> Iterator[str]:
    """`page_files`, where a folder without page files is a problem, not the end: the other
    inputs are still checked."""
    for path in paths:
        try:
            yield from page_files([path])
        except InputError as problem:
            problems.append(problem)


def _check_page(path: str, glossary: Glossary, options: CheckOptions) -> _Checked:
    from zhen.page.reader import read_page

    page = read_page(path)
    findings, hits = check_page(page, glossary, options)
    return _Checked(findings, [FoundTerm(page.source, hit) for hit in hits])


def check_page(page: Page, glossary: Glossary,
               options: CheckOptions = CheckOptions()) -> tuple[list[Finding], list[TermHit]]:
    """Findings and term inventory of a page already read (`zhen page` checks what it
    translates without reading the file twice); Chinese terms are listed when ZH005 runs."""
    english, chinese = _page_pieces(page)
    subject = Subject(glossary, page.text, english=english, chinese=chinese,
                      threshold=options.threshold, scope=PAGE)
    findings = _unsuppressed(run_checks(subject, options.selection, page.source), page.text)
    hits = subject.english_hits
    if options.selection.includes("ZH005"):
        hits = sorted(hits + subject.chinese_hits, key=lambda hit: hit.start)
    return findings, hits


def _page_pieces(page: Page) -> tuple[list[TextPiece], list[TextPiece]]:
    """English and Chinese pieces of a page. A text page's English is the whole page (a term may
    wrap onto the next line); an HTML page goes block by block, through each block's map back
    into the markup."""
    if page.format != "html":
        chinese = [TextPiece(span.text, span.start) for block in page.blocks
                   for span in block.spans if span.language is Language.ZH]
        return [TextPiece(page.text)], chinese
    from zhen.page.html import extract_blocks

    english, chinese = [], []
    for html_block, block in zip(extract_blocks(page.text), page.blocks, strict=False):
        source = html_block.source
        english.append(TextPiece(html_block.text, to_start=source.start, to_end=source.end))
        offset = 0
        for span in block.spans:
            if span.language is Language.ZH:
                chinese.append(_mapped_piece(span.text, offset, source))
            offset += len(span.text)
    return english, chinese


def _mapped_piece(text: str, offset: int, source) -> TextPiece:
    return TextPiece(text, to_start=lambda i: source.start(offset + i),
                     to_end=lambda i: source.end(offset + i))


def _unsuppressed(findings: list[Finding], text: str) -> list[Finding]:
    """Findings whose line does not carry a suppression marker for their code."""
    if "zhen:" not in text:
        return findings
    lines = text.splitlines()
    kept = []
    for finding in findings:
        line = lines[finding.line - 1] if finding.line <= len(lines) else ""
        marker = _SUPPRESSION.search(line)
        if marker is None:
            kept.append(finding)
            continue
        codes = marker.group(1)
        if codes is not None:
            listed = [code.strip().upper() for code in codes.split(",") if code.strip()]
            if not any(finding.code.startswith(code) for code in listed):
                kept.append(finding)
    return kept


@dataclass(frozen=True)
class _Pair:
    source: str
    target: str
    target_start: int  # offset of the target in the file the findings point into


def _check_pairs(pairs: list[_Pair], text: str, path: str, glossary: Glossary,
                 options: CheckOptions) -> _Checked:
    lines = LineIndex(text)
    findings = []
    terms = []
    for pair in pairs:
        subject = Subject(glossary, text, english=[TextPiece(pair.target, pair.target_start)],
                          source=pair.source, threshold=options.threshold, scope=PAIR,
                          _lines=lines)
        findings.extend(run_checks(subject, options.selection, path))
        terms.extend(FoundTerm(path, hit) for hit in subject.english_hits)
    return _Checked(_unsuppressed(findings, text), terms)


def read_text_file(path: str) -> str:
    """A file's decoded text ("-": standard input), read as a text page without its words."""
    from zhen.page.reader import read_page

    return read_page(path, format="text", words=False).text


def _check_pairs_file(path: str, glossary: Glossary, options: CheckOptions) -> _Checked:
    text = read_text_file(path)
    return _check_pairs(read_pairs(text, path), text, path, glossary, options)


def read_pairs(text: str, path: str) -> list[_Pair]:
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
                pairs.append(_Pair(source, target, offset + column))
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


def _check_aligned_files(source: str, target: str, glossary: Glossary,
                         options: CheckOptions) -> _Checked:
    """Line i of `source` (Chinese) is translated by line i of `target` (English)."""
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
            pairs.append(_Pair(zh.rstrip("\r\n"), en.rstrip("\r\n"), offset))
        offset += len(en)
    return _check_pairs(pairs, target_text, target, glossary, options)


def _content_lines(text: str) -> list[str]:
    """Lines with their ends, trailing blank lines dropped (an editor's last newline differs)."""
    lines = text.splitlines(keepends=True)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines
