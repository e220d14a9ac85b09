"""Running the checks: `zhen check` as one library call, and the term-check step of a page.

Every input that can be read is checked even when another cannot: problems are returned next to
the findings, so the command reports both and exits 2. Findings on a line that carries the
suppression marker `zhen: ignore` (all codes) or `zhen: ignore[ZH001,ZH003]` are dropped.

`zhen check` reads a page block by block (`zhen.page.reader.open_page`) and checks it in runs of
blocks of about 130,000 characters, so memory holds the page's text and one run's words, never
every word of a 200 MB page. A run ends at a blank line where the page has one (on a text page
an English term may wrap onto the next line, never across a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from zhen.errors import GlossaryError, InputError, ZhenError
from zhen.glossary.model import Glossary
from zhen.offsets import LineIndex
from zhen.page.damage import damage_warning
from zhen.page.dates import dating_blocks, judged_date
from zhen.page.inputs import page_files
from zhen.page.pairs import Pair, aligned_pairs, read_pairs, read_text_file
from zhen.page.reader import open_page, page_blocks
from zhen.terms.checks import PAGE, PAIR, Selection, Subject, TextPiece, run_checks
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.terms.translations import check_translation, span_findings
from zhen.terms.vocabulary import add_glossary_words
from zhen.types import (
    Block,
    Finding,
    Language,
    Page,
    Severity,
    TermHit,
    TextDate,
    TranslatedSpan,
)

__all__ = ["CheckOptions", "CheckReport", "FoundTerm", "PageCheck", "check_inputs", "check_page",
           "check_pairs"]

_SUPPRESSION = re.compile(r"zhen:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?")
_RUN = 1 << 17  # characters of a page checked at once (a run's words weigh ~250 bytes each)


@dataclass(frozen=True)
class CheckOptions:
    selection: Selection = field(default_factory=Selection)
    threshold: float = DEFAULT_THRESHOLD
    as_of: str | None = None  # ISO date every input is judged at; None: each input's own date


@dataclass(frozen=True)
class FoundTerm:
    """A glossary term found in a checked file: the inventory behind the findings."""

    path: str
    hit: TermHit


@dataclass(frozen=True)
class _Checked:
    findings: list[Finding]
    terms: list[FoundTerm]
    date: TextDate
    warning: str | None = None  # a page read with damaged bytes replaced


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    checked: tuple[str, ...]  # inputs that were read and checked
    problems: tuple[ZhenError, ...]  # inputs that could not be checked, each naming its file
    terms: tuple[FoundTerm, ...] = ()  # every term found, preferred ones included
    dates: tuple[tuple[str, TextDate], ...] = ()  # (input, the date it was judged at)
    warnings: tuple[str, ...] = ()  # inputs checked with damaged bytes replaced (U+FFFD)

    def exit_code(self, fail_on: str = "error") -> int:
        """2 if an input could not be checked, 1 if a finding reaches `fail_on` ("never": none
        does), else 0."""
        if self.problems:
            return 2
        return int(Severity.fails((finding.severity for finding in self.findings), fail_on))


def check_inputs(paths: Sequence[str], glossary: Glossary, options: CheckOptions = CheckOptions(),
                 *, pairs: Sequence[str] = (), source: str | None = None,
                 target: str | None = None) -> CheckReport:
    """Check pages (files, folders, "-"), pairs files (TSV/JSONL) and one source/target pair."""
    if not glossary.concepts:
        raise GlossaryError("the glossary holds no concepts",
                            ", ".join(str(path) for path in glossary.files) or None)
    add_glossary_words(glossary)  # before any page is read: its terms must be cut whole
    findings: list[Finding] = []
    terms: list[FoundTerm] = []
    checked: list[str] = []
    dates: list[tuple[str, TextDate]] = []
    warnings: list[str] = []
    problems: list[ZhenError] = []
    jobs = [(path, _check_page_file) for path in _expand(paths, problems)]
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
            dates.append((path, result.date))
            if result.warning:
                warnings.append(result.warning)
    return CheckReport(tuple(findings), tuple(checked), tuple(problems), tuple(terms),
                       tuple(dates), tuple(warnings))


def _expand(paths: Sequence[str], problems: list[ZhenError]) -> Iterator[str]:
    """`page_files`, where a folder without page files is a problem, not the end: the other
    inputs are still checked."""
    for path in paths:
        try:
            yield from page_files([path])
        except InputError as problem:
            problems.append(problem)


def _check_page_file(path: str, glossary: Glossary, options: CheckOptions) -> _Checked:
    """A page checked run by run as its blocks are read: the same findings as `check_page` on
    the whole page, without holding every word of it."""
    page, blocks = open_page(path)
    date = judged_date(None if options.as_of else _dating_page(page), options.as_of)
    lines = LineIndex(page.text)
    findings: list[Finding] = []
    terms: list[FoundTerm] = []
    for run in _runs(page, blocks):
        found, hits = _check_blocks(page, run, glossary, options, date, lines)
        findings += found
        terms += (FoundTerm(page.source, hit) for hit in hits)
        run.clear()  # its words go now, not once the next run is built
    findings.sort(key=lambda finding: (finding.line, finding.column, finding.code))
    return _Checked(findings, terms, date, damage_warning(page))


def _dating_page(page: Page) -> Page:
    """The page with just the blocks its date can stand on (a quick pass without words)."""
    return replace(page, blocks=tuple(dating_blocks(page_blocks(page, spans=False))))


def _runs(page: Page, blocks: Iterable[Block]) -> Iterator[list[Block]]:
    """Consecutive blocks of about _RUN characters; on a text page a run ends at a blank line
    unless there is none for four times that."""
    run: list[Block] = []
    size = 0
    for block in blocks:
        if run and size >= _RUN and (page.format == "html" or block.line > run[-1].line + 1
                                     or size >= 4 * _RUN):
            yield run
            run, size = [], 0
        run.append(block)
        size += block.end - block.start
    if run:
        yield run


@dataclass(frozen=True)
class PageCheck:
    """The term-check step's result for one page."""

    findings: tuple[Finding, ...]  # page and translation findings, by line and column
    terms: tuple[TermHit, ...]  # in page order
    translations: tuple[TranslatedSpan, ...] = ()  # as given, each with its term check
    date: TextDate | None = None  # the date the page was judged at, and where it came from


def check_page(page: Page, glossary: Glossary, options: CheckOptions = CheckOptions(), *,
               translations: Sequence[TranslatedSpan] = ()) -> PageCheck:
    """Findings and term inventory of a page already read, and the term check of its
    translations (the pipeline's one term-check step). Chinese terms are listed when ZH005
    runs. Dated renderings are judged at `options.as_of`, else the page's own date, else today."""
    date = judged_date(page, options.as_of)
    findings, hits = _check_blocks(page, page.blocks, glossary, options, date,
                                   LineIndex(page.text))
    checked = tuple(
        TranslatedSpan(item.block, item.span,
                       check_translation(item.translation, glossary, threshold=options.threshold,
                                         tokens=item.span.tokens))
        for item in translations
    )
    findings += span_findings(page, checked)
    findings.sort(key=lambda finding: (finding.line, finding.column, finding.code))
    return PageCheck(tuple(findings), tuple(hits), checked, date)


def _check_blocks(page: Page, blocks: Sequence[Block], glossary: Glossary, options: CheckOptions,
                  date: TextDate, lines: LineIndex) -> tuple[list[Finding], list[TermHit]]:
    """Findings (unsuppressed, by line and column) and terms (in page order) of some
    consecutive blocks of a page; offsets, lines and columns are the page's."""
    if not blocks:
        return [], []
    english, chinese = _page_pieces(page, blocks)
    subject = Subject(glossary, page.text, english=english, chinese=chinese,
                      threshold=options.threshold, scope=PAGE, date=date, address=page.source,
                      _lines=lines)
    start, end = blocks[0].start, blocks[-1].end
    findings = _unsuppressed(run_checks(subject, options.selection, page.source), page.text,
                             lines, start, end)
    hits = subject.english_hits
    if options.selection.includes("ZH005"):
        hits = hits + subject.chinese_hits
    return findings, sorted(hits, key=lambda hit: (hit.start, hit.end))


def _page_pieces(page: Page, blocks: Sequence[Block]) -> tuple[list[TextPiece], list[TextPiece]]:
    """English and Chinese pieces of consecutive blocks of a page. On a text page the English
    is the text from the first block to the last (a term may wrap onto the next line); on an
    HTML page it goes block by block, through each block's map back into the markup. Chinese
    pieces carry their span's words, so nothing is segmented again."""
    chinese = []
    english = []
    if page.format != "html":
        start, end = blocks[0].start, blocks[-1].end
        english.append(TextPiece(page.text[start:end], start))
    for block in blocks:
        if page.format == "html":
            english.append(TextPiece(block.text, to_start=block.markup_start,
                                     to_end=block.markup_end))
        offset = 0
        for span in block.spans:
            if span.language is Language.ZH:
                chinese.append(_chinese_piece(block, span, offset))
            offset += len(span.text)
    return english, chinese


def _chinese_piece(block, span, offset: int) -> TextPiece:
    words = [token.text for token in span.tokens] or None
    if block.source_map is None:
        return TextPiece(span.text, span.start, words=words)
    return TextPiece(span.text, to_start=lambda i: block.markup_start(offset + i),
                     to_end=lambda i: block.markup_end(offset + i), words=words)


def _unsuppressed(findings: list[Finding], text: str, lines: LineIndex, start: int = 0,
                  end: int | None = None) -> list[Finding]:
    """Findings whose line does not carry a suppression marker for their code (`start`, `end`:
    the stretch of `text` the findings lie in; their lines are searched whole)."""
    first = lines.offset(lines.line_column(start)[0], 1)
    last = len(text) if end is None or text.find("\n", end) == -1 else text.find("\n", end)
    if text.find("zhen:", first, last) == -1:
        return findings
    kept = []
    for finding in findings:
        line_start = lines.offset(finding.line, 1)
        line_end = text.find("\n", line_start)
        marker = _SUPPRESSION.search(text, line_start, len(text) if line_end == -1 else line_end)
        if marker is None:
            kept.append(finding)
            continue
        codes = marker.group(1)
        if codes is not None:
            listed = [code.strip().upper() for code in codes.split(",") if code.strip()]
            if not any(finding.code.startswith(code) for code in listed):
                kept.append(finding)
    return kept


def check_pairs(pairs: Sequence[Pair], text: str, path: str, glossary: Glossary,
                options: CheckOptions = CheckOptions()) -> _Checked:
    """Findings of aligned pairs whose targets lie in `text` (the file the findings point into),
    judged at `options.as_of`, else the date in the file's name, else today."""
    date = judged_date(None, options.as_of, address=path)
    lines = LineIndex(text)
    findings = []
    terms = []
    for pair in pairs:
        subject = Subject(glossary, text, english=[TextPiece(pair.target, pair.target_start)],
                          source=pair.source, threshold=options.threshold, scope=PAIR,
                          date=date, address=path, _lines=lines)
        findings.extend(run_checks(subject, options.selection, path))
        terms.extend(FoundTerm(path, hit) for hit in subject.english_hits)
    return _Checked(_unsuppressed(findings, text, lines), terms, date)


def _check_pairs_file(path: str, glossary: Glossary, options: CheckOptions) -> _Checked:
    text = read_text_file(path)
    return check_pairs(read_pairs(text, path), text, path, glossary, options)


def _check_aligned_files(source: str, target: str, glossary: Glossary,
                         options: CheckOptions) -> _Checked:
    pairs, target_text = aligned_pairs(source, target)
    return check_pairs(pairs, target_text, target, glossary, options)
