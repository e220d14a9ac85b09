"""Translation for the rest of zhen: choose an engine, batch every sentence, remember, check terms.

All sentences of all segments go to the engine in one `translate_batch` call (batching is what
makes CTranslate2 fast), behind the translation memory; afterwards every sentence pair gets the
bilingual term check, so remaining glossary mismatches are always reported, whatever the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from zhen.errors import ModelError
from zhen.glossary.model import Glossary
from zhen.translate.base import Translator
from zhen.translate.memory import MemoryTranslator, Recalled, TranslationMemory
from zhen.types import Language, Page, PageTranslation, Span, TranslatedSpan, Translation

ENGINES = ("argos", "fallback")


def fallback_notice(source: str, target: str) -> str:
    return (
        f"zhen: no Argos {source}→{target} model installed, using the built-in fallback"
        " (boilerplate, glossary, names, dictionary gloss); for real translations: zhen models"
        f" install FILE.argosmodel, or zhen models install --from-index {source} {target}"
    )


def choose_translator(
    source: str = "zh",
    target: str = "en",
    engine: str | None = None,
    *,
    glossary: Glossary | None = None,
    prefer: Mapping[str, str] | None = None,
    **engine_options,
) -> Translator:
    """The Argos engine when a package for the pair is installed, else the built-in fallback.

    `engine` forces one ("argos" or "fallback"). Both impose the glossary's approved renderings;
    `prefer` (concept id or Chinese form → an approved English) picks another than the preferred.
    When zhen falls back on its own, the returned translator's `notice` is the one line a command
    prints on stderr.
    """
    from zhen.translate.fallback import FallbackTranslator
    from zhen.translate.packages import find_package

    if engine not in (None, *ENGINES):
        raise ModelError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine != "fallback":
        package = find_package(source, target)
        if package is not None:
            return _argos_translator(package, glossary, prefer, engine_options)
        if engine == "argos":
            raise ModelError(
                f"no Argos {source}→{target} package is installed;"
                " install one with: zhen models install FILE.argosmodel"
            )
    if (source, target) != ("zh", "en"):
        raise ModelError(
            f"no Argos {source}→{target} package is installed, and the built-in fallback translates"
            " Chinese to English only; install one with: zhen models install FILE.argosmodel"
        )
    translator = FallbackTranslator(glossary, prefer=prefer)
    translator.notice = None if engine == "fallback" else fallback_notice(source, target)
    return translator


def _argos_translator(package, glossary: Glossary | None, prefer, options: dict) -> Translator:
    from zhen.translate.argos import ArgosTranslator
    from zhen.translate.enforce import EnforcingTranslator

    translator = ArgosTranslator.from_package(package, **options)
    if glossary is None or not len(glossary):
        return translator
    return EnforcingTranslator(translator, glossary, prefer=prefer)


def translate_texts(
    texts: Sequence[str],
    *,
    glossary: Glossary | None = None,
    engine: str | None = None,
    source: str = "zh",
    target: str = "en",
    translator: Translator | None = None,
    memory: TranslationMemory | bool = True,
) -> list[Translation]:
    """One Translation per text (its `sentences` hold the detail), all sentences in one batch.

    `translator` overrides the engine choice; `memory` is True for the default memory file, an
    open TranslationMemory, or False for none (the fallback never uses one).
    """
    if translator is None:
        translator = choose_translator(source, target, engine, glossary=glossary)
    remembered = _with_memory(translator, glossary, memory)
    sentences = [[s for s in map(str.strip, translator.split_sentences(t)) if s] for t in texts]
    flat = [sentence for group in sentences for sentence in group]
    recalled = iter(_recall(remembered, flat))
    results = []
    for text, group in zip(texts, sentences, strict=True):
        parts = [_checked(next(recalled), glossary, source, target) for _ in group]
        results.append(_segment(text, parts, translator.name, target))
    return results


def _with_memory(translator: Translator, glossary: Glossary | None, memory) -> Translator:
    if memory is False or not translator.use_memory or isinstance(translator, MemoryTranslator):
        return translator
    store = TranslationMemory() if memory is True else memory
    return MemoryTranslator(translator, store, glossary.digest if glossary is not None else "")


def _recall(translator: Translator, sentences: list[str]) -> list[Recalled]:
    if isinstance(translator, MemoryTranslator):
        return translator.recall_batch(sentences)
    targets = translator.translate_batch(sentences) if sentences else []
    return [Recalled(s, t, translator.name, False) for s, t in zip(sentences, targets, strict=True)]


def _checked(
    recalled: Recalled, glossary: Glossary | None, source: str, target: str
) -> Translation:
    """A sentence's Translation with the bilingual term check run on the pair."""
    from zhen.translate.fallback import GLOSS_MARK

    translation = Translation(
        source=recalled.source,
        target=recalled.target,
        engine=recalled.engine,
        memory_hit=recalled.memory_hit,
        is_gloss=recalled.target.startswith(GLOSS_MARK),
    )
    if glossary is None or not len(glossary):
        return translation
    from zhen.terms.checks import check_pair
    from zhen.terms.match import ChineseMatcher

    chinese, english = (
        (recalled.source, recalled.target) if source == "zh" else (recalled.target, recalled.source)
    )
    findings = tuple(check_pair(chinese, english, glossary))
    mismatches = tuple(dict.fromkeys(f.concept_id for f in findings if f.concept_id))
    found = dict.fromkeys(hit.concept_id for hit in ChineseMatcher(glossary).find(chinese))
    enforced = tuple(concept for concept in found if concept not in mismatches)
    return replace(translation, terms_enforced=enforced, mismatches=mismatches, findings=findings)


def _segment(text: str, parts: list[Translation], engine: str, target: str) -> Translation:
    """A whole segment from its sentences (white space only: the text itself, untranslated)."""
    if not parts:
        return Translation(source=text, target=text, engine=engine)
    engines = {part.engine for part in parts}
    return Translation(
        source=text,
        target=("" if target == "zh" else " ").join(part.target for part in parts),
        engine=engines.pop() if len(engines) == 1 else engine,
        terms_enforced=tuple(dict.fromkeys(c for part in parts for c in part.terms_enforced)),
        memory_hit=all(part.memory_hit for part in parts),
        is_gloss=any(part.is_gloss for part in parts),
        mismatches=tuple(dict.fromkeys(c for part in parts for c in part.mismatches)),
        findings=tuple(f for part in parts for f in part.findings),
        sentences=tuple(parts),
    )


#: Engine label of a span that is one person's name, romanized by zhen whatever the engine.
ROMANIZED = "romanized"


def translate_page(
    page: Page,
    *,
    glossary: Glossary | None = None,
    engine: str | None = None,
    target: str = "en",
    translator: Translator | None = None,
    memory: TranslationMemory | bool = True,
) -> PageTranslation:
    """Translate the page's Chinese spans to English (or, `target="zh"`, its English spans).

    A Chinese span that is one person's name as segmentation found it ("Editor: 欧阳晓敏") is
    romanized (Ouyang Xiaomin), not sent to an engine: a model knows no byline names.
    """
    source = "en" if target == "zh" else "zh"
    wanted = Language.EN if source == "en" else Language.ZH
    if translator is None:
        translator = choose_translator(source, target, engine, glossary=glossary)
    located = [
        (block.index, span)
        for block in page.blocks
        for span in block.spans
        if span.language is wanted
    ]
    names = [_romanized_name(span) if source == "zh" else None for _, span in located]
    to_translate = [span.text for (_, span), name in zip(located, names, strict=True) if not name]
    translated = iter(
        translate_texts(
            to_translate,
            glossary=glossary,
            source=source,
            target=target,
            translator=translator,
            memory=memory,
        )
    )
    spans = tuple(
        TranslatedSpan(block, span, _named(span, name) if name else next(translated))
        for (block, span), name in zip(located, names, strict=True)
    )
    return PageTranslation(page, spans, translator.name, getattr(translator, "notice", None))


def _romanized_name(span: Span) -> str | None:
    words = [token for token in span.tokens if token.text.strip()]
    if len(words) == 1 and words[0].romanized and words[0].text == span.text.strip():
        return words[0].romanized
    return None


def _named(span: Span, romanized: str) -> Translation:
    sentence = Translation(source=span.text, target=romanized, engine=ROMANIZED)
    return replace(sentence, sentences=(sentence,))
