"""The words near misses are judged by: stems, spellings, near-synonyms and kinds of words.

Two declared tables in zhen's data files drive it, none of it written for one term:
`data/near-synonyms.tsv` (words that render the same Chinese morpheme: "shared"/"common",
"pattern"/"paradigm"/"model") and `data/term-words.tsv` (light modifiers such as "-style",
the head words of names of bodies, organizations and places, quantifiers, spelling variants).
Regular British spellings (-ise, -isation, -our, -tre) are folded by rule.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from importlib.resources import files

from zhen.terms.wording import other_number

__all__ = ["Lexicon", "WordForm", "lexicon"]

_BRITISH = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations)$", r"\1iz\2"),
    (r"^(\w{2,})our(s|ed|ing|able)?$", r"\1or\2"),
    (r"^(\w{2,})tre(s)?$", r"\1ter\2"),
)]


@dataclass(frozen=True)
class WordForm:
    """A lower-case word as the matcher compares it."""

    lemma: str  # the singular, in the standard spelling
    stem: str  # Snowball stem of the lemma: "productive" = "productivity"
    groups: frozenset[str]  # near-synonym groups ("共同" for "shared" and "common")
    respelled: str  # the standard spelling when the word was written otherwise, else ""
    country: bool = False  # a country's name, which may stand for "country" (`Lexicon.form`)


_TABLES = ("near-synonyms.tsv", "term-words.tsv")


def _text(name: str) -> str:
    return files("zhen").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _table(name: str) -> list[tuple[str, list[str]]]:
    """(key, items) of each line of a data table: key, a tab, comma-separated items."""
    text = _text(name)
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, items = line.partition("\t")
            rows.append((key.strip(), [item.strip() for item in items.split(",") if item.strip()]))
    return rows


class Lexicon:
    """The tables, loaded once per process."""

    def __init__(self) -> None:
        import Stemmer

        self._stem = Stemmer.Stemmer("english").stemWord
        self.digest = hashlib.sha256("\0".join(_text(name) for name in _TABLES).encode())\
            .hexdigest()[:16]  # caches built from the tables carry it
        self.groups: dict[str, set[str]] = {}  # word → groups
        self.phrases: dict[str, list[tuple[str, ...]]] = {}  # first word → phrases, longest first
        for group, words in _table("near-synonyms.tsv"):
            for word in words:
                self.groups.setdefault(self._phrase(word), set()).add(group)
        kinds = dict(_table("term-words.tsv"))
        self.light = frozenset(self._phrase(word) for word in kinds.get("light", ()))
        self.light_suffixes = frozenset(kinds.get("light-suffix", ()))
        self.classifiers = frozenset(kinds.get("classifier", ()))
        self.titles = frozenset(kinds.get("title", ()))
        self.other_states = frozenset(self._phrase(word) for word in kinds.get("other-state", ()))
        self.china = frozenset(kinds.get("china", ()))
        self.country_names = frozenset(kinds.get("country-name", ()))
        self._country_groups = frozenset().union(*(self.groups.get(word, set())
                                                   for word in kinds.get("country-head", ())))
        self.china_prefixes = tuple(word for word in self.china if len(word) >= 5)
        self.takings = frozenset(kinds.get("taking", ()))
        self.title_cues = frozenset(kinds.get("title-cue", ()))
        for phrases in self.phrases.values():
            phrases.sort(key=lambda phrase: -len(phrase))
        self.quantifiers = frozenset(kinds.get("quantifier", ()))
        self.name_heads = {self._phrase(word): kind
                           for kind in ("body", "organization", "place", "document")
                           for word in kinds.get(kind, ())}
        self.spellings = dict(item.split("=", 1) for item in kinds.get("spelling", ()))
        self.function_phrases = [(tuple(variant.split()), tuple(standard.split()))
                                 for variant, standard in (item.split("=", 1) for item in
                                                           kinds.get("function-phrase", ()))]

    def _phrase(self, words: str) -> str:
        """A table entry as the tokenizer writes it; a phrase is also listed for merging."""
        parts = tuple(re.findall(r"[a-z0-9]+", words.lower()))
        if len(parts) > 1 and parts not in self.phrases.get(parts[0], ()):
            self.phrases.setdefault(parts[0], []).append(parts)
        return " ".join(parts)

    def stem(self, word: str) -> str:
        return self._stem(word)

    def form(self, word: str, known_stems: frozenset[str] = frozenset()) -> WordForm:
        """The word's form; a British or other spelling is folded when the table lists it or
        when the folded word's stem is one of `known_stems` (the glossary's words)."""
        respelled = self._respelled(word, known_stems)
        lemma = _lemma(respelled or word)
        groups = self.groups.get(lemma, set()) | self.groups.get(respelled or word, set())
        stem = self._stem(lemma[:-3] + "ism" if lemma.endswith("ist") else lemma)
        country = lemma in self.country_names
        if country:  # "modern socialist China" for "modern socialist country"
            groups |= self._country_groups
        return WordForm(lemma, stem, frozenset(groups), respelled, country)

    def _respelled(self, word: str, known_stems: frozenset[str]) -> str:
        listed = self.spellings.get(word)
        if listed is not None:
            return listed
        for pattern, replacement in _BRITISH:
            folded = pattern.sub(replacement, word)
            if folded != word and self._stem(_lemma(folded)) in known_stems:
                return folded
        return ""


def _lemma(word: str) -> str:
    """A word's singular: the only inflection that leaves a noun the same noun."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return other_number(word) or word
    return word


_lexicon: Lexicon | None = None
_lexicon_lock = threading.Lock()


def lexicon() -> Lexicon:
    global _lexicon
    with _lexicon_lock:
        if _lexicon is None:
            _lexicon = Lexicon()
    return _lexicon
