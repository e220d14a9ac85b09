"""Counts in words: "1 concept", "2 concepts", "1 entry", "3 entries"."""

from __future__ import annotations

_IRREGULAR = {"entry": "entries", "info": "info", "gloss": "glosses", "glossary": "glossaries",
              "summary": "summaries", "directory": "directories"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, the plural form when the count is not one (`many` if it is odd)."""
    if count == 1:
        return f"{count:,} {word}"
    last = word.rsplit(" ", 1)[-1]  # "dictionary gloss" → "dictionary glosses"
    return f"{count:,} {many or word[:len(word) - len(last)] + _IRREGULAR.get(last, last + 's')}"
