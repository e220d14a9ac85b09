"""How an English rendering is worded: its key words, its head noun, the head's other number.

Shared by the matcher (which also finds a rendering under its head noun's other number and
without a trailing "(ABBR)") and the near-miss detector (which needs the head noun).
"""

from __future__ import annotations

import re

from zhen.glossary.normalize import normalize_english

__all__ = ["FUNCTION_WORDS", "PREPOSITIONS", "head_index", "key_words", "other_number",
           "rendering_keys", "strip_abbreviation", "word_set"]


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words after which the head noun of a rendering has ended ("members | of the Standing Committee").
PREPOSITIONS = word_set("""
of for with in on to at by from along between among according as into toward towards through
under over within without across around via per against about before after""")
# Words that carry no content of a rendering: near misses are judged without them.
FUNCTION_WORDS = word_set("""
a an the of for with in on to at by from along between among according accordance as into
toward towards through under over within without across around via per against about before
after and or but nor so yet both either neither not no is are was were be been being am do does
did has have had it its this that these those which who whom whose what there their they them
he she his her we our us you your i me my s all each every some any such than then also very
more most other another same own only just up out off upon while during since until unless
whether if because though although where when how why will would shall should can could may
might must
""")

_INVARIABLE = word_set("news series species means headquarters people mankind humankind")
_ABBREVIATION = re.compile(r"\s*\([^()]*\)\s*$")


def strip_abbreviation(rendering: str) -> str:
    """"Communist Party of China (CPC)" → "Communist Party of China"; others unchanged."""
    stripped = _ABBREVIATION.sub("", rendering)
    return stripped if stripped.strip() else rendering


def other_number(word: str) -> str | None:
    """The plural of a singular noun or the singular of a plural one, by the regular rules."""
    if not word.isalpha() or len(word) < 3 or word in _INVARIABLE or word.isupper():
        return None
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def head_index(words: list[str]) -> int:
    """Index of the head noun: the word before the first preposition, else the last word."""
    for index, word in enumerate(words[1:], 1):
        if word in PREPOSITIONS:
            return index - 1
    return len(words) - 1


def key_words(rendering: str) -> tuple[list[str], int, bool]:
    """The words of a rendering's key (`normalize_english`, split at spaces), the index of the
    head noun's last word, and whether the head is written as an abbreviation ("BRI").

    The head is found among words as written, so "west-to-east" is one word, not a preposition."""
    written = rendering.split()
    head = head_index([word.lower() for word in written]) if written else 0
    words: list[str] = []
    head_word = 0
    for index, word in enumerate(written):
        parts = normalize_english(word).split(" ")
        words.extend(part for part in parts if part)
        if index == head:
            head_word = len(words) - 1
    return words, max(head_word, 0), bool(written) and written[head].isupper()


def rendering_keys(text: str) -> list[str]:
    """The keys one rendering is found under: as normalized, without "(ABBR)", other number."""
    keys = [normalize_english(text)]
    for written in dict.fromkeys((text, strip_abbreviation(text))):
        words, head, is_abbreviation = key_words(written)
        if " ".join(words) not in keys:
            keys.append(" ".join(words))
        swapped = None if is_abbreviation or not words else other_number(words[head])
        if swapped:
            keys.append(" ".join(words[:head] + [swapped] + words[head + 1:]))
    return keys
