"""Terminology checks, each a small function registered with a stable code and a severity.

A check looks at a `Subject` — one page, or one aligned Chinese → English pair — and yields
`Issue`s with offsets into the subject's text. `run_checks` turns them into `Finding`s. The
subject finds terms lazily, so a run that selects only ZH001 never segments Chinese or looks
for near misses.

| code | name | severity | scope |
|---|---|---|---|
| ZH001 | deprecated-term | error | English text, pages and pair targets |
| ZH002 | admitted-term | info | English text, pages and pair targets |
| ZH003 | near-miss | warning | English text, pages and pair targets |
| ZH004 | key-term-mismatch | error | aligned pairs |
| ZH005 | chinese-term | info | Chinese text of pages (the term sheet) |
| ZH006 | historical-term | info | English text dated before a superseded rendering gave way |

Dated renderings are judged at the subject's `date` (`zhen.terms.dating`): a superseded rendering
in text written before its `since` date is historical (ZH006), an admitted one used after its
`until` date is no longer in use (ZH001).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from zhen.glossary.model import Glossary, Rendering, Status
from zhen.offsets import LineIndex
from zhen.terms.chinese import ChineseMatcher
from zhen.terms.dating import Standing, standing
from zhen.terms.english import EnglishMatcher
from zhen.terms.lexicon import lexicon
from zhen.terms.nearmiss import DEFAULT_THRESHOLD, NearMiss, NearMissDetector
from zhen.terms.senses import other_senses, sentence_years, speaks_of_china
from zhen.types import Finding, Severity, TermHit, TextDate

__all__ = ["CHECKS", "Check", "Issue", "Selection", "Subject", "TextPiece", "check_pair",
           "run_checks"]

PAGE = "page"
PAIR = "pair"


@dataclass(frozen=True)
class Issue:
    """What a check reports, in subject offsets; the runner adds path, line and column."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    concept_id: str | None = None


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    title: str  # the first line of the function's docstring
    scopes: frozenset[str]
    function: Callable[[Subject], Iterable[Issue]]


CHECKS: dict[str, Check] = {}


def check(code: str, name: str, severity: Severity, scopes: Sequence[str] = (PAGE, PAIR)):
    """Register the decorated function as check `code`."""

    def register(function: Callable[[Subject], Iterable[Issue]]):
        if code in CHECKS:
            raise ValueError(f"check code {code} registered twice")
        title = (function.__doc__ or name).strip().splitlines()[0]
        CHECKS[code] = Check(code, name, severity, title, frozenset(scopes), function)
        return function

    return register


@dataclass(frozen=True)
class TextPiece:
    """A stretch of the subject's text that is matched on its own, with a map back to the subject.

    `to_start(i)` / `to_end(i)` give the subject offsets where the piece's character i starts and
    where the character before i ends (they differ from `base + i` only for HTML blocks)."""

    text: str
    base: int = 0
    to_start: Callable[[int], int] | None = None
    to_end: Callable[[int], int] | None = None
    words: Sequence[str] | None = None  # Chinese pieces: their segmentation, when known

    def start(self, position: int) -> int:
        return self.to_start(position) if self.to_start else self.base + position

    def end(self, position: int) -> int:
        return self.to_end(position) if self.to_end else self.base + position


@dataclass
class Subject:
    """What the checks look at: English pieces, Chinese pieces and, for a pair, the source.

    Offsets of everything it finds point into `text`, the subject's whole text (the page as
    read, or the pair's target)."""

    glossary: Glossary
    text: str
    english: Sequence[TextPiece] = ()
    chinese: Sequence[TextPiece] = ()
    source: str | None = None  # the Chinese source segment of a pair
    source_words: Sequence[str] | None = None  # its segmentation, when already known
    threshold: float = DEFAULT_THRESHOLD
    scope: str = PAGE
    date: TextDate | None = None  # the date the text is judged at; None: renderings as listed
    address: str = ""  # the page's path or URL
    _lines: LineIndex | None = field(default=None, repr=False)

    @cached_property
    def _english_by_piece(self) -> list[tuple[TextPiece, list[TermHit]]]:
        """Each English piece with its hits, less those whose words name something else."""
        matcher = EnglishMatcher(self.glossary)
        words = lexicon()
        found = []
        for piece in self.english:
            hits = matcher.find(piece.text)
            found.append((piece, other_senses(piece.text, hits, words, lambda: self.of_china)
                          if hits else hits))
        return found

    @cached_property
    def of_china(self) -> bool:
        """The text, its Chinese source or its address speaks of China."""
        return speaks_of_china((self.text, self.source or ""), self.address, lexicon())

    @cached_property
    def english_hits(self) -> list[TermHit]:
        """Glossary renderings in the English text (nested approved ones included)."""
        return [self._moved(piece, hit) for piece, hits in self._english_by_piece for hit in hits]

    @cached_property
    def near_misses(self) -> list[NearMiss]:
        detector = NearMissDetector(self.glossary, self.threshold)
        found = []
        for piece, hits in self._english_by_piece:
            for miss in detector.find(piece.text, hits):
                found.append(replace(miss, start=piece.start(miss.start), end=piece.end(miss.end)))
        return found

    @cached_property
    def chinese_hits(self) -> list[TermHit]:
        matcher = ChineseMatcher(self.glossary)
        return [self._moved(piece, hit)
                for piece in self.chinese for hit in matcher.find(piece.text, piece.words)]

    @cached_property
    def source_hits(self) -> list[TermHit]:
        """Glossary terms in the Chinese source of a pair (offsets into the source)."""
        if not self.source:
            return []
        return ChineseMatcher(self.glossary).find(self.source, self.source_words)

    @cached_property
    def mismatched(self) -> dict[str, NearMiss | None]:
        """Source concepts the target renders neither as approved nor as deprecated: concept id →
        the near miss that stands for it in the target, if any."""
        approved = {hit.concept_id for hit in self.english_hits if Status(hit.status).approved}
        used = {hit.concept_id for hit in self.english_hits}
        misses = {miss.concept_id: miss for miss in reversed(self.near_misses)}
        mismatched: dict[str, NearMiss | None] = {}
        for hit in self.source_hits:
            if hit.concept_id in approved or not hit.approved:
                continue
            if hit.concept_id not in used:
                mismatched.setdefault(hit.concept_id, misses.get(hit.concept_id))
        return mismatched

    def _moved(self, piece: TextPiece, hit: TermHit) -> TermHit:
        """A hit found in a piece, with offsets, line and column in the subject's text (its
        `text` stays as the piece shows it: an HTML block's visible text, not the markup)."""
        start, end = piece.start(hit.start), piece.end(hit.end)
        line, column = self.lines.line_column(start)
        return replace(hit, start=start, end=end, line=line, column=column)

    @property
    def span(self) -> tuple[int, int]:
        """Where the English text of the subject starts and ends."""
        if not self.english:
            return 0, len(self.text)
        first, last = self.english[0], self.english[-1]
        return first.start(0), last.end(len(last.text))

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


def _rendering(glossary: Glossary, hit: TermHit) -> Rendering | None:
    concept = glossary.get(hit.concept_id)
    if concept is None:
        return None
    return next((r for r in concept.english if r.text == hit.rendering), None)


def _dated_hits(subject: Subject) -> Iterator[tuple[TermHit, Rendering | None, Standing]]:
    """Each English hit with its glossary rendering and its standing at the subject's date; a
    superseded rendering in a sentence that names only years before its change speaks of that
    time ("The Mongols conquered Tibet in 1244") and is historical too."""
    date = subject.date.date if subject.date else None
    for hit in subject.english_hits:
        rendering = _rendering(subject.glossary, hit)
        held = standing(rendering, date) if rendering else Standing.AS_LISTED
        if held is Standing.AS_LISTED and rendering is not None and rendering.since and \
                rendering.status is Status.SUPERSEDED:
            years = sentence_years(subject.text, hit.start)
            if years and max(years) < int(rendering.since[:4]):
                held = Standing.HISTORICAL
        yield hit, rendering, held


def _dated_by(subject: Subject) -> str:
    """"2020-08-29, from its dateline": the subject's date and where it came from."""
    date = subject.date
    return f"{date.date}, from {_DATE_SOURCES[date.source.value]}" if date else "undated"


_DATE_SOURCES = {"as-of": "--as-of", "dateline": "its dateline", "meta": "its <meta> date",
                 "address": "its address", "today": "today's date"}


@check("ZH001", "deprecated-term", Severity.ERROR)
def deprecated_term(subject: Subject) -> Iterator[Issue]:
    """Deprecated or superseded English rendering: replace it with the preferred one."""
    for hit, rendering, held in _dated_hits(subject):
        if held is Standing.EXPIRED:
            message = (f'{hit.status} rendering "{hit.text}" of {hit.concept_id} was in use '
                       f"until {rendering.until}; the text is dated {_dated_by(subject)}")
            yield Issue(hit.start, hit.end, message, hit.approved or None, hit.concept_id)
            continue
        if Status(hit.status).approved or held is Standing.HISTORICAL:
            continue
        since = ""
        if rendering and rendering.since:
            since = f" since {rendering.since} (the text is dated {_dated_by(subject)})"
        reason = f": {rendering.reason}" if rendering and rendering.reason else ""
        message = f'{hit.status} rendering "{hit.text}" of {hit.concept_id}{since}{reason}'
        yield Issue(hit.start, hit.end, message, hit.approved or None, hit.concept_id)


@check("ZH002", "admitted-term", Severity.INFO)
def admitted_term(subject: Subject) -> Iterator[Issue]:
    """Admitted English rendering: correct, though not the preferred one."""
    for hit, _, held in _dated_hits(subject):
        if hit.status == Status.ADMITTED.value and held is not Standing.EXPIRED:
            message = (f'admitted rendering "{hit.text}" of {hit.concept_id}; '
                       f'the preferred one is "{hit.approved}"')
            yield Issue(hit.start, hit.end, message, None, hit.concept_id)


@check("ZH003", "near-miss", Severity.WARNING)
def near_miss(subject: Subject) -> Iterator[Issue]:
    """Unlisted wording that is clearly a glossary term: use the preferred rendering."""
    stand_ins = set()
    if subject.scope == PAIR:
        stand_ins = {(m.start, m.end) for m in subject.mismatched.values() if m is not None}
    for miss in subject.near_misses:
        if (miss.start, miss.end) in stand_ins:
            continue  # reported as a key term mismatch, an error in a pair
        listed = "" if miss.resembles_status == "preferred" else f"the {miss.resembles_status} "
        message = (f'"{miss.text}" looks like {listed}"{miss.resembles}" of {miss.concept_id} '
                   f"({miss.explanation}; score {miss.score:.2f})")
        yield Issue(miss.start, miss.end, message, miss.suggestion, miss.concept_id)


@check("ZH004", "key-term-mismatch", Severity.ERROR, scopes=(PAIR,))
def key_term_mismatch(subject: Subject) -> Iterator[Issue]:
    """A glossary term of the Chinese source has no approved rendering in the English target."""
    forms = {}
    for hit in subject.source_hits:
        forms.setdefault(hit.concept_id, hit)
    for concept_id, miss in subject.mismatched.items():
        hit = forms[concept_id]
        if miss is None:
            message = f'{hit.text} in the source is not rendered as "{hit.approved}" here'
            yield Issue(*subject.span, message, hit.approved, concept_id)
        else:
            message = (f'{hit.text} in the source is rendered as "{miss.text}", '
                       f'not as "{hit.approved}"')
            yield Issue(miss.start, miss.end, message, hit.approved, concept_id)


@check("ZH005", "chinese-term", Severity.INFO, scopes=(PAGE,))
def chinese_term(subject: Subject) -> Iterator[Issue]:
    """Chinese glossary term, with its approved English rendering (a term sheet)."""
    for hit in subject.chinese_hits:
        english = f'"{hit.approved}"' if hit.approved else "no approved English yet"
        yield Issue(hit.start, hit.end, f"{hit.text}: {english}", None, hit.concept_id)


@check("ZH006", "historical-term", Severity.INFO)
def historical_term(subject: Subject) -> Iterator[Issue]:
    """Superseded rendering in text written before it gave way: correct when published."""
    for hit, rendering, held in _dated_hits(subject):
        if held is Standing.HISTORICAL:
            today = f'; write "{hit.approved}" in new text' if hit.approved else ""
            message = (f'historical rendering "{hit.text}" of {hit.concept_id}, correct when '
                       f"published: superseded since {rendering.since}, the text is dated "
                       f"{_dated_by(subject)}{today}")
            yield Issue(hit.start, hit.end, message, None, hit.concept_id)


@dataclass(frozen=True)
class Selection:
    """Which codes run: `select` and `ignore` hold codes or code prefixes ("ZH00")."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for code in (*self.select, *self.ignore):
            if not any(known.startswith(code.upper()) for known in CHECKS):
                known = ", ".join(CHECKS)
                raise ValueError(f"unknown finding code {code!r}; the codes are {known}")

    def includes(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(s.upper()) for s in self.select)
        return selected and not any(code.startswith(i.upper()) for i in self.ignore)


def run_checks(subject: Subject, selection: Selection = Selection(),
               path: str = "") -> list[Finding]:
    """Every selected check that applies to the subject's scope, as findings in text order."""
    findings = []
    for check_ in CHECKS.values():
        if subject.scope not in check_.scopes or not selection.includes(check_.code):
            continue
        for issue in check_.function(subject):
            line, column = subject.lines.line_column(issue.start)
            end_line, end_column = subject.lines.line_column(issue.end)
            findings.append(Finding(path, line, column, check_.severity, check_.code,
                                    issue.message, issue.suggestion, issue.concept_id,
                                    issue.start, issue.end, end_line, end_column))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


PAIR_PROBLEMS = Selection(ignore=("ZH002", "ZH006"))


def check_pair(source_zh: str, target_en: str, glossary: Glossary, *,
               selection: Selection = PAIR_PROBLEMS,
               threshold: float = DEFAULT_THRESHOLD,
               date: TextDate | None = None) -> list[Finding]:
    """Bilingual key-term check of one segment and its translation: what still needs fixing
    (admitted and historical renderings are correct, so ZH002 and ZH006 are left out unless
    `selection` asks for them). Lines and columns point into `target_en`; `path` is empty."""
    subject = Subject(glossary, target_en, english=[TextPiece(target_en)], source=source_zh,
                      threshold=threshold, scope=PAIR, date=date)
    return run_checks(subject, selection)
