"""The small frozen records that flow one way through the pipeline.

read → separate → segment → match/check → translate → render. Offsets are character offsets into
`Page.text`, the decoded document as read (for HTML: the markup itself), so every span, token, term
hit and finding can point a user at line:column of the file they gave. This module imports nothing
from zhen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class Page:
    source: str  # the path as given, or "<stdin>"
    text: str  # the decoded document: offsets everywhere point into it
    format: str  # "text" or "html"
    encoding: str
    blocks: tuple[Block, ...] = ()


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
    notice: str | None = None  # one line for stderr when zhen fell back to the built-in engine
