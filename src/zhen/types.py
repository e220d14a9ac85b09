"""The small frozen records that flow one way through the pipeline.

read → separate → segment → match/check → translate → render. Offsets are character offsets into
`Page.text`, the decoded document as read (for HTML: the markup itself), so every span, token, term
hit and finding can point a user at line:column of the file they gave. This module imports nothing
from zhen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

R = TypeVar("R")


class Language(StrEnum):
    EN = "en"
    ZH = "zh"
    NEUTRAL = "neutral"  # digits, punctuation and white space only


class Variant(StrEnum):
    """Which Chinese script a span is written in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    UNMARKED = "unmarked"  # only characters shared by both scripts, e.g. 林雨晨


class Role(StrEnum):
    """What a block does on the page; the rules that assign it live in `zhen.page.roles`."""

    NAVIGATION = "navigation"
    HEADLINE = "headline"
    DATELINE = "dateline"
    BODY = "body"
    BYLINE = "byline"
    RELATED = "related"
    NOTICE = "notice"
    FOOTER = "footer"
    OTHER = "other"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: lets `--fail-on` compare severities."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @staticmethod
    def fails(severities: Iterable[str], fail_on: str) -> bool:
        """Does any of `severities` reach `fail_on` (error, warning, info; never: none does)?"""
        if fail_on == "never":
            return False
        bar = Severity(fail_on).rank
        return any(Severity(severity).rank >= bar for severity in severities)


@dataclass(frozen=True)
class Token:
    """One jieba word of a Chinese span; `romanized` is set for person names (POS nr)."""

    text: str
    start: int
    end: int
    pos: str
    romanized: str | None = None


@dataclass(frozen=True)
class Span:
    """A run of one script inside a block; a block's spans concatenate to its text exactly."""

    text: str
    language: Language
    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    variant: Variant | None = None  # Chinese spans only
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class SourceMap:
    """An HTML block's text position → offset in the markup, as parallel lists of pieces.

    Piece k covers text [text_starts[k], next piece) and source [source_starts[k],
    source_ends[k]); a literal piece maps character by character, any other (an entity, a
    collapsed run of white space) as a whole.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    source_ends: tuple[int, ...]
    literal: tuple[bool, ...]

    def start(self, position: int) -> int:
        """Source offset where the character at `position` begins."""
        k = bisect_right(self.text_starts, position) - 1
        if self.literal[k]:
            return self.source_starts[k] + position - self.text_starts[k]
        return self.source_starts[k]

    def end(self, position: int) -> int:
        """Source offset where the character before `position` ends."""
        k = bisect_right(self.text_starts, position - 1) - 1
        if self.literal[k]:
            return self.source_starts[k] + position - self.text_starts[k]
        return self.source_ends[k]


#: Languages a block can have: one script, both, or neither (digits, punctuation).
BLOCK_LANGUAGES = ("en", "zh", "mixed", "neutral")


@dataclass(frozen=True)
class Block:
    """A line of a text page, or a block-level element's visible text on an HTML page."""

    index: int
    text: str
    role: Role
    start: int
    end: int
    line: int
    column: int
    spans: tuple[Span, ...] = ()
    tag: str | None = None  # the HTML element that holds the block, if any
    #: HTML blocks: block text → markup offsets, kept so no later step parses the page again.
    source_map: SourceMap | None = field(default=None, compare=False, repr=False)

    @property
    def language(self) -> str:
        """One of BLOCK_LANGUAGES: "en", "zh", "mixed" (both scripts) or "neutral" (neither)."""
        languages = {span.language for span in self.spans} - {Language.NEUTRAL}
        if len(languages) > 1:
            return "mixed"
        return languages.pop().value if languages else "neutral"

    def markup_start(self, position: int) -> int:
        """Offset in `Page.text` of the block text's character at `position`."""
        if self.source_map is None:
            return self.start + position
        return self.source_map.start(position)

    def markup_end(self, position: int) -> int:
        """Offset in `Page.text` where the block text's character before `position` ends."""
        if self.source_map is None:
            return self.start + position
        return self.source_map.end(position)


@dataclass(frozen=True)
class Damage:
    """Bytes of a page its encoding cannot read: replaced by one U+FFFD at `start` of the text."""

    byte_offset: int  # in the file
    length: int  # bytes
    start: int  # offset in `Page.text` of the replacement character


@dataclass(frozen=True)
class Page:
    source: str  # the path as given, or "<stdin>"
    text: str  # the decoded document: offsets everywhere point into it
    format: str  # "text" or "html"
    encoding: str
    blocks: tuple[Block, ...] = ()
    #: why `encoding` was chosen ("valid UTF-8", "byte order mark", …): how, not what, was read
    encoding_reason: str = field(default="", compare=False)
    damage: tuple[Damage, ...] = ()  # bytes the encoding could not read, in file order


class DateSource(StrEnum):
    """Where the date a text is judged at came from, in the order they are tried."""

    AS_OF = "as-of"  # given by the user (--as-of)
    DATELINE = "dateline"  # a dateline or "Updated:" line near the top of the page
    META = "meta"  # an HTML <meta> publish date or JSON-LD datePublished
    ADDRESS = "address"  # a date in the page's URL or file name, e.g. /202010/17/
    TODAY = "today"  # nothing else said when the text was written


@dataclass(frozen=True)
class TextDate:
    """The date a text is judged at: dated renderings are right or wrong as of this date."""

    date: str  # ISO 8601, as precise as known: 2020, 2020-08 or 2020-08-29
    source: DateSource
    evidence: str = ""  # what the date was read from: the dateline, the meta tag, the address


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a page, in either language."""

    concept_id: str
    text: str  # as written on the page
    start: int
    end: int
    line: int
    column: int
    language: Language
    status: str  # the matched form's glossary status: preferred, admitted, deprecated, superseded
    approved: str  # the concept's preferred English rendering
    rendering: str = ""  # the glossary form that matched, as written in the glossary


@dataclass(frozen=True)
class Finding:
    """One linter line: PATH:LINE:COL: SEVERITY CODE message [suggestion]."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    suggestion: str | None = None
    concept_id: str | None = None
    start: int | None = None
    end: int | None = None
    end_line: int | None = None
    end_column: int | None = None  # of the character after the finding, like SARIF's endColumn


@dataclass(frozen=True)
class Translation:
    """One translated source segment, with where its words came from."""

    source: str
    target: str
    engine: str  # e.g. "argos:translate-zh_en-1.9", "tmx" (imported), "fallback"
    terms_enforced: tuple[str, ...] = ()  # concept ids whose approved rendering was imposed
    memory_hit: bool = False  # every sentence came from the translation memory
    is_gloss: bool = False  # a word-by-word dictionary gloss, not a translation
    mismatches: tuple[str, ...] = field(default=())  # concept ids still not rendered as approved
    findings: tuple[Finding, ...] = ()  # the bilingual term check's findings behind `mismatches`
    sentences: tuple[Translation, ...] = ()  # a segment's sentences, as translated one by one


@dataclass(frozen=True)
class TranslatedSpan:
    """A span of a page and its translation; `block` is the index of the block that holds it."""

    block: int
    span: Span
    translation: Translation


@dataclass(frozen=True)
class PageTranslation:
    page: Page
    spans: tuple[TranslatedSpan, ...]
    engine: str  # the engine chosen for the page


@dataclass(frozen=True)
class Summary:
    """Counts a reader checks first; every mapping lists all its keys, zeros included."""

    blocks_by_language: dict[str, int]
    blocks_by_role: dict[str, int]
    spans_by_language: dict[str, int]
    segments: int  # Chinese spans translated
    glosses: int  # of them, segments that needed the dictionary gloss
    memory_hits: int  # of them, segments recalled whole from the translation memory
    terms: int  # glossary terms found, in either language
    findings_by_severity: dict[str, int]
    # Wall time of the whole pipeline, reading included; None in a batch's reports, whose bytes
    # depend on the page alone (the time is in the batch summary).
    seconds: float | None


@dataclass(frozen=True)
class Report:
    """One page, translated and checked: what `zhen page` renders."""

    page: Page
    translations: tuple[TranslatedSpan, ...]  # the page's Chinese spans, in page order
    engine: str  # the engine chosen for the page, e.g. "fallback" or "argos:translate-zh_en-1.9"
    notice: str | None  # set when zhen fell back to its built-in engine on its own
    terms: tuple[TermHit, ...]  # in page order; offsets into `page.text`
    findings: tuple[Finding, ...]  # page checks and translation checks, by line and column
    summary: Summary
    date: TextDate | None = None  # the date the page's renderings were judged at

    @cached_property
    def by_span(self) -> dict[tuple[int, int], Translation]:
        """The translations by (block index, span start)."""
        return {(item.block, item.span.start): item.translation for item in self.translations}

    def translation_of(self, block: Block, span: Span) -> Translation | None:
        """The translation of one span of the page, or None (English and neutral spans)."""
        return self.by_span.get((block.index, span.start))

    @property
    def errors(self) -> int:
        return self.summary.findings_by_severity[Severity.ERROR.value]


def fast_constructor(cls: type[R]) -> Callable[..., R]:
    """A positional constructor of the frozen dataclass `cls` that skips its `__init__`.

    A frozen dataclass sets each field through `object.__setattr__` (~2 µs a record); records
    made by the hundred thousand — tokens, term hits — are built with one `__dict__` instead.
    The function is generated from the class's fields, so it always sets every field; it takes
    them all, in declaration order.
    """
    names = [f.name for f in fields(cls)]
    arguments = ", ".join(names)
    items = ", ".join(f"{name!r}: {name}" for name in names)
    source = (f"def make({arguments}):\n"
              f"    record = new(cls)\n"
              f"    set_attribute(record, '__dict__', {{{items}}})\n"
              f"    return record\n")
    namespace: dict[str, Any] = {"new": object.__new__, "set_attribute": object.__setattr__,
                                 "cls": cls}
    exec(source, namespace)  # noqa: S102 - generated from field names, as dataclasses does
    make = namespace["make"]
    make.__doc__ = f"{cls.__name__}({arguments}), built without __init__"
    return make
