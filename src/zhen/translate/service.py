"""Translation for the rest of zhen: choose an engine, batch every sentence, remember.

All sentences of all segments go to the engine in one `translate_batch` call (batching is what
makes CTranslate2 fast), behind the translation memory. Checking the translations against the
glossary is the term-check step's (`zhen.terms.translations`), run by the pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from zhen.errors import ModelError
from zhen.glossary.model import Glossary
from zhen.translate.argos import ArgosTranslator
from zhen.translate.base import Recalled, Translator
from zhen.translate.enforce import EnforcingTranslator
from zhen.translate.fallback import GLOSS_MARK, FallbackTranslator
from zhen.translate.memory import MemoryTranslator, TranslationMemory
from zhen.translate.packages import find_package
from zhen.types import Language, Page, PageTranslation, Span, TranslatedSpan, Translation

ENGINES = ("argos", "fallback")
#: Engine label of a span that is one person's name, romanized by zhen whatever the engine.
ROMANIZED = "romanized"


@dataclass(frozen=True)
class EngineChoice:
    """The translator for a run, and the line to print when zhen fell back on its own."""

    translator: Translator
    notice: str | None = None


def fallback_notice(source: str, target: str) -> str:
    return (
        f"zhen: no Argos {source}→{target} model installed, using the built-in fallback"
        " (boilerplate, glossary, names, dictionary gloss); for real translations: zhen models"
        f" install FILE.argosmodel, or zhen models install --from-index {source} {target}"
    )


def engine_notice(source: str = "zh", target: str = "en",
                  engine: str | None = None) -> str | None:
    """The fallback notice a run with `engine` will have, known without loading a model."""
    if engine is not None or find_package(source, target) is not None:
        return None
    return fallback_notice(source, target)


def choose_translator(
    source: str = "zh",
    target: str = "en",
    engine: str | None = None,
    *,
    glossary: Glossary | None = None,
    prefer: Mapping[str, str] | None = None,
    **engine_options,
) -> EngineChoice:
    """The Argos engine when a package for the pair is installed, else the built-in fallback.

    `engine` forces one ("argos" or "fallback"). Both impose the glossary's approved renderings;
    `prefer` (concept id or Chinese form → an approved English) picks another than the preferred.
    """
    if engine not in (None, *ENGINES):
        raise ModelError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine != "fallback":
        package = find_package(source, target)
        if package is not None:
            translator = ArgosTranslator.from_package(package, **engine_options)
            if glossary is not None and len(glossary):
                translator = EnforcingTranslator(translator, glossary, prefer=prefer)
            return EngineChoice(translator)
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
    notice = None if engine == "fallback" else fallback_notice(source, target)
    return EngineChoice(FallbackTranslator(glossary, prefer=prefer), notice)


def remembering(
    translator: Translator, glossary: Glossary | None, memory: TranslationMemory | bool
) -> Translator:
    """`translator` behind the translation memory (True: the default file; False: none)."""
    if memory is False or not translator.use_memory:
        return translator
    store = TranslationMemory() if memory is True else memory
    return MemoryTranslator(translator, store, glossary.digest if glossary is not None else "")


def translate_texts(
    texts: Sequence[str],
    *,
    translator: Translator,
    glossary: Glossary | None = None,
    memory: TranslationMemory | bool = True,
) -> list[Translation]:
    """One Translation per text (its `sentences` hold the detail), all sentences in one batch."""
    remembered = remembering(translator, glossary, memory)
    sentences = [[s for s in map(str.strip, translator.split_sentences(t)) if s] for t in texts]
    flat = [sentence for group in sentences for sentence in group]
    recalled = iter(remembered.recall_batch(flat))
    joiner = "" if translator.target_language == "zh" else " "
    return [
        _segment(text, [_sentence(next(recalled)) for _ in group], translator.name, joiner)
        for text, group in zip(texts, sentences, strict=True)
    ]


def _sentence(recalled: Recalled) -> Translation:
    return Translation(
        source=recalled.source,
        target=recalled.target,
        engine=recalled.engine,
        memory_hit=recalled.memory_hit,
        is_gloss=recalled.target.startswith(GLOSS_MARK),
    )


def _segment(text: str, parts: list[Translation], engine: str, joiner: str) -> Translation:
    """A whole segment from its sentences (white space only: the text itself, untranslated)."""
    if not parts:
        return Translation(source=text, target=text, engine=engine)
    engines = {part.engine for part in parts}
    return Translation(
        source=text,
        target=joiner.join(part.target for part in parts),
        engine=engines.pop() if len(engines) == 1 else engine,
        memory_hit=all(part.memory_hit for part in parts),
        is_gloss=any(part.is_gloss for part in parts),
        sentences=tuple(parts),
    )


def translate_page(
    page: Page,
    *,
    translator: Translator,
    glossary: Glossary | None = None,
    memory: TranslationMemory | bool = True,
) -> PageTranslation:
    """Translate the page's spans in the translator's source language (Chinese, or English).

    A Chinese span that is one person's name as segmentation found it ("Editor: 欧阳晓敏") is
    romanized (Ouyang Xiaomin), not sent to an engine: a model knows no byline names.
    """
    from_chinese = translator.source_language == "zh"
    wanted = Language.ZH if from_chinese else Language.EN
    located = [
        (block.index, span)
        for block in page.blocks
        for span in block.spans
        if span.language is wanted
    ]
    names = [_romanized_name(span) if from_chinese else None for _, span in located]
    to_translate = [span for (_, span), name in zip(located, names, strict=True) if not name]
    with translator.page_words([(span.text, span.tokens) for span in to_translate]):
        translated = iter(translate_texts([span.text for span in to_translate],
                                          translator=translator, glossary=glossary,
                                          memory=memory))
    spans = tuple(
        TranslatedSpan(block, span, _named(span, name) if name else next(translated))
        for (block, span), name in zip(located, names, strict=True)
    )
    return PageTranslation(page, spans, translator.name)


def _romanized_name(span: Span) -> str | None:
    words = [token for token in span.tokens if token.text.strip()]
    if len(words) == 1 and words[0].romanized and words[0].text == span.text.strip():
        return words[0].romanized
    return None


def _named(span: Span, romanized: str) -> Translation:
    sentence = Translation(source=span.text, target=romanized, engine=ROMANIZED)
    return replace(sentence, sentences=(sentence,))
