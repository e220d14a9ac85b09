"""The main job in one call: read → separate → segment → translate the Chinese → check the terms.

This is the one module that knows every step; each step is called through its owner's interface
(`zhen.page.reader.read_page`, `translate.service.translate_page`, `zhen.terms.run.check_page`) and
the result is one frozen `Report` that the renderers (`zhen.render.page`) turn into text,
Markdown, JSON or HTML.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from zhen.glossary.model import Glossary
from zhen.offsets import LineIndex
from zhen.translate.base import Translator
from zhen.types import (
    Block,
    Finding,
    Language,
    Page,
    Role,
    Severity,
    Span,
    TermHit,
    TranslatedSpan,
    Translation,
)

#: Languages a block can have: one script, both, or neither (digits, punctuation).
BLOCK_LANGUAGES = ("en", "zh", "mixed", "neutral")


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
    seconds: float  # wall time of the whole pipeline, reading included


@dataclass(frozen=True)
class Report:
    """One page, translated and checked."""

    page: Page
    translations: tuple[TranslatedSpan, ...]  # the page's Chinese spans, in page order
    engine: str  # the engine chosen for the page, e.g. "fallback" or "argos:translate-zh_en-1.9"
    notice: str | None  # set when zhen fell back to its built-in engine on its own
    terms: tuple[TermHit, ...]  # in page order; offsets into `page.text`
    findings: tuple[Finding, ...]  # page checks and translation checks, by line and column
    summary: Summary

    @cached_property
    def by_span(self) -> dict[tuple[int, int], Translation]:
        """The translations by (block index, span start), as `spaced_block` looks them up."""
        return {(item.block, item.span.start): item.translation for item in self.translations}

    def translation_of(self, block: Block, span: Span) -> Translation | None:
        """The translation of one span of the page, or None (English and neutral spans)."""
        return self.by_span.get((block.index, span.start))

    @property
    def errors(self) -> int:
        return self.summary.findings_by_severity[Severity.ERROR.value]


def run_page(
    source: str | Path,
    *,
    glossary: Glossary | None = None,
    translator: Translator | None = None,
    engine: str | None = None,
    memory: bool = True,
    format: str | None = None,
    encoding: str | None = None,
) -> Report:
    """Read the page at `source` (a path or "-") and run every step on it.

    `glossary` None loads the default glossary; `translator` None lets the translation service
    choose the engine (`engine` forces "argos" or "fallback"). Raises ZhenError subclasses only.
    """
    from zhen.chinese.segment import add_words
    from zhen.glossary.store import load_glossary
    from zhen.page.reader import read_page

    started = time.perf_counter()
    if glossary is None:
        glossary = load_glossary()
    add_words(form for concept in glossary for form in concept.chinese_forms)  # terms: one word
    page = read_page(source, format=format, encoding=encoding)
    return report_page(
        page, glossary=glossary, translator=translator, engine=engine, memory=memory,
        started=started,
    )


def report_page(
    page: Page,
    *,
    glossary: Glossary,
    translator: Translator | None = None,
    engine: str | None = None,
    memory: bool = True,
    started: float,
) -> Report:
    """Translate and check a page already read; `started` is when reading began (perf_counter)."""
    from zhen.terms.run import check_page
    from zhen.translate.service import translate_page

    translated = translate_page(
        page, glossary=glossary, engine=engine, translator=translator, memory=memory
    )
    page_findings, hits = check_page(page, glossary)
    findings = sorted(
        [*page_findings, *_translation_findings(page, translated.spans)],
        key=lambda finding: (finding.line, finding.column, finding.code),
    )
    terms = tuple(sorted(hits, key=lambda hit: (hit.start, hit.end)))
    summary = _summarize(page, translated.spans, terms, findings, time.perf_counter() - started)
    return Report(
        page=page,
        translations=translated.spans,
        engine=translated.engine,
        notice=translated.notice,
        terms=terms,
        findings=tuple(findings),
        summary=summary,
    )


def _translation_findings(page: Page, spans: Iterable[TranslatedSpan]) -> list[Finding]:
    """The term check of each translation, moved from the translation onto its Chinese span."""
    lines = LineIndex(page.text)
    moved = []
    for item in spans:
        span = item.span
        end_line, end_column = lines.line_column(span.end)
        for finding in item.translation.findings:
            moved.append(
                replace(
                    finding,
                    path=page.source,
                    line=span.line,
                    column=span.column,
                    start=span.start,
                    end=span.end,
                    end_line=end_line,
                    end_column=end_column,
                    message=f"translation of {span.text}: {finding.message}",
                )
            )
    return moved


def block_language(block: Block) -> str:
    """"en", "zh", "mixed" (both scripts) or "neutral" (neither)."""
    languages = {span.language for span in block.spans} - {Language.NEUTRAL}
    if len(languages) > 1:
        return "mixed"
    return languages.pop().value if languages else "neutral"


def _summarize(
    page: Page,
    spans: tuple[TranslatedSpan, ...],
    terms: tuple[TermHit, ...],
    findings: list[Finding],
    seconds: float,
) -> Summary:
    blocks_by_language = Counter(block_language(block) for block in page.blocks)
    roles = Counter(block.role.value for block in page.blocks)
    span_languages = Counter(span.language.value for block in page.blocks for span in block.spans)
    severities = Counter(finding.severity.value for finding in findings)
    return Summary(
        blocks_by_language={language: blocks_by_language[language] for language in BLOCK_LANGUAGES},
        blocks_by_role={role.value: roles[role.value] for role in Role},
        spans_by_language={language.value: span_languages[language.value] for language in Language},
        segments=len(spans),
        glosses=sum(item.translation.is_gloss for item in spans),
        memory_hits=sum(item.translation.memory_hit for item in spans),
        terms=len(terms),
        findings_by_severity={severity.value: severities[severity.value] for severity in Severity},
        seconds=seconds,
    )
