"""The one interface every translation engine implements.

A backend writes `translate_batch` only; where each sentence came from (`recall_batch`),
memory and glossary enforcement are layered on top, so an engine never needs to know about them.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from zhen.translate.split import split_sentences
from zhen.types import Token


@dataclass(frozen=True)
class Recalled:
    """One translated sentence and where it came from."""

    source: str
    target: str
    engine: str  # the engine that made it (for a memory hit: the one that made it then)
    memory_hit: bool


class Translator(ABC):
    """Translates whole batches: batching is what makes CTranslate2 fast."""

    #: Label shown in reports and part of the memory key, e.g. "argos:translate-zh_en-1.9".
    name: str = "translator"
    #: Part of the memory key: a new model version never reuses the old one's translations.
    model_version: str = ""
    #: False for engines whose output is not worth keeping (the dictionary fallback).
    use_memory: bool = True
    source_language: str = "zh"
    target_language: str = "en"

    @abstractmethod
    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """Translate every text; the result has one string per input, in order."""

    def translate(self, text: str) -> str:
        return self.translate_batch([text])[0]

    def recall_batch(self, texts: Sequence[str]) -> list[Recalled]:
        """`translate_batch` with where each translation came from; the memory overrides it."""
        targets = self.translate_batch(texts) if texts else []
        return [Recalled(s, t, self.name, False) for s, t in zip(texts, targets, strict=True)]

    def page_words(
        self, segments: Sequence[tuple[str, Sequence[Token]]]
    ) -> contextlib.AbstractContextManager:
        """While a page is translated: how the page already cut each of its texts into words.
        An engine that cuts words itself (the dictionary fallback) reuses them instead of
        cutting every sentence again; the others need nothing and ignore it."""
        return contextlib.nullcontext()

    def split_sentences(self, text: str) -> list[str]:
        """The sentences of `text`, stripped, line by line: the units the translation memory
        keeps and the service sends, all at once, to `translate_batch`."""
        return [s for line in text.split("\n") for s in split_sentences(line, self.source_language)]
