"""The one interface every translation engine implements.

A backend writes `translate_batch` only; single calls, memory and glossary enforcement are
layered on top, so an engine never needs to know about them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence


class Translator(ABC):
    """Translates whole batches: batching is what makes CTranslate2 fast."""

    #: Label shown in reports and used to key the translation memory, e.g. "argos:translate-zh_en-1.9".
    name: str = "translator"
    source_language: str = "zh"
    target_language: str = "en"

    @abstractmethod
    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """Translate every text; the result has one string per input, in order."""

    def translate(self, text: str) -> str:
        return self.translate_batch([text])[0]
