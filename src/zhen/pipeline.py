"""The main job in one call: read → separate → segment → translate the Chinese → check the terms.

This is the one module that knows every step; each is called through its owner's interface
(`zhen.page.reader.read_page`, `zhen.translate.service.translate_page`,
`zhen.terms.run.check_page`) and the result is one frozen `Report` that `zhen.render.report`
turns into text, Markdown, JSON or HTML.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from zhen.glossary.model import Glossary
from zhen.glossary.store import load_glossary
from zhen.page.pairs import Pair
from zhen.page.reader import page_from_text, read_page
from zhen.terms.run import CheckOptions, PageCheck, check_page
from zhen.terms.run import check_pairs as check_aligned_pairs
from zhen.terms.translations import check_translations
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.base import Translator
from zhen.translate.memory import TranslationMemory
from zhen.translate.service import EngineChoice, choose_translator, translate_page
from zhen.translate.service import translate_texts as translate_only
from zhen.types import (
    BLOCK_LANGUAGES,
    Finding,
    Language,
    Page,
    PageTranslation,
    Report,
    Role,
    Severity,
    Summary,
    TermHit,
    TranslatedSpan,
    Translation,
)


def run_page(
    source: str | Path,
    *,
    glossary: Glossary | None = None,
    translator: Translator | None = None,
    engine: str | None = None,
    memory: TranslationMemory | bool = True,
    format: str | None = None,
    encoding: str | None = None,
    as_of: str | None = None,
    **engine_options,
) -> Report:
    """Read the page at `source` (a path or "-") and run every step on it.

    `glossary` None loads the default glossary; `translator` None lets the translation service
    choose the engine (`engine` forces "argos" or "fallback"; `engine_options` such as `device`
    and `compute_type` go to an Argos engine); `as_of` (ISO date) is the date its renderings are
    judged at, else the page's own date, else today. Raises ZhenError subclasses only.
    """
    started = time.perf_counter()
    if glossary is None:
        glossary = load_glossary()
    add_glossary_words(glossary)  # before reading: the page's terms must come out whole
    page = read_page(source, format=format, encoding=encoding)
    return report_page(page, glossary=glossary, translator=translator, engine=engine,
                       memory=memory, started=started, as_of=as_of, **engine_options)


def report_page(
    page: Page,
    *,
    glossary: Glossary,
    translator: Translator | None = None,
    engine: str | None = None,
    memory: TranslationMemory | bool = True,
    started: float | None = None,
    as_of: str | None = None,
    **engine_options,
) -> Report:
    """Translate and check a page already read (read with the glossary's words added);
    `started` is when reading began (perf_counter), for the summary's time."""
    started = time.perf_counter() if started is None else started
    choice = _engine(translator, engine, glossary, "zh", "en", **engine_options)
    translated = translate_page(page, translator=choice.translator, glossary=glossary,
                                memory=memory)
    checked = check_page(page, glossary, CheckOptions(as_of=as_of), translations=translated.spans)
    summary = _summarize(page, checked.translations, checked.terms, checked.findings,
                         time.perf_counter() - started)
    return Report(
        page=page,
        translations=checked.translations,
        engine=translated.engine,
        notice=choice.notice if translated.spans else None,  # nothing translated: no notice
        terms=checked.terms,
        findings=checked.findings,
        summary=summary,
        date=checked.date,
    )


def translate_texts(
    texts: Sequence[str],
    *,
    glossary: Glossary | None = None,
    translator: Translator | None = None,
    engine: str | None = None,
    source: str = "zh",
    target: str = "en",
    memory: TranslationMemory | bool = True,
) -> tuple[list[Translation], str | None]:
    """Translate texts and check every sentence pair against the glossary: the translations,
    and the notice to print when zhen fell back to its built-in engine on its own."""
    choice = _engine(translator, engine, glossary, source, target)
    translations = translate_only(texts, translator=choice.translator, glossary=glossary,
                                  memory=memory)
    if glossary is not None:
        translations = check_translations(translations, glossary, source_language=source)
    return translations, choice.notice


def translate_page_spans(
    page: Page,
    *,
    glossary: Glossary | None = None,
    translator: Translator | None = None,
    engine: str | None = None,
    source: str = "zh",
    target: str = "en",
    memory: TranslationMemory | bool = True,
) -> tuple[PageTranslation, str | None]:
    """`zhen translate --file`: a page's spans in `source` translated and checked, without the
    page checks of `report_page`; and the fallback notice, if any."""
    choice = _engine(translator, engine, glossary, source, target)
    translated = translate_page(page, translator=choice.translator, glossary=glossary,
                                memory=memory)
    if glossary is not None:
        checked = check_translations([item.translation for item in translated.spans], glossary,
                                     source_language=source)
        spans = tuple(replace(item, translation=translation)
                      for item, translation in zip(translated.spans, checked, strict=True))
        translated = replace(translated, spans=spans)
    return translated, choice.notice


def _engine(translator: Translator | None, engine: str | None, glossary: Glossary | None,
            source: str, target: str, **engine_options) -> EngineChoice:
    """The translator given, else the engine the service chooses for the pair."""
    if translator is not None:
        return EngineChoice(translator)
    return choose_translator(source, target, engine, glossary=glossary, **engine_options)


def check_text(
    text: str, *, glossary: Glossary | None = None, name: str = "<text>",
    format: str | None = None, options: CheckOptions | None = None,
) -> PageCheck:
    """The findings and terms of a text (a page's text or HTML) given as a string."""
    glossary = load_glossary() if glossary is None else glossary
    add_glossary_words(glossary)
    page = page_from_text(text, name=name, format=format)
    return check_page(page, glossary, options or CheckOptions())


def check_pairs(
    pairs: Iterable[tuple[str, str]], *, glossary: Glossary | None = None,
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Findings of (Chinese source, English target) pairs; positions point into each target."""
    glossary = load_glossary() if glossary is None else glossary
    findings: list[Finding] = []
    for number, (source, target) in enumerate(pairs, 1):
        checked = check_aligned_pairs([Pair(source, target, 0)], target, f"<pair {number}>",
                                      glossary, options or CheckOptions())
        findings.extend(checked.findings)
    return findings


def _summarize(
    page: Page,
    spans: Sequence[TranslatedSpan],
    terms: Sequence[TermHit],
    findings: Sequence[Finding],
    seconds: float,
) -> Summary:
    blocks_by_language = Counter(block.language for block in page.blocks)
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
