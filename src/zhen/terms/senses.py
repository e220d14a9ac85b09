"""When words that spell a term name something else: another body, organization or place, an
abbreviation the text defines otherwise, countable things, or a time before the term existed.

- A name is a run of capitalized words (with "of", "for", "and", "the" … between them) that holds
  a name head of `data/term-words.tsv`: "Leading Group for Western Region Development", "Tibet
  Policy Institute", "Qinghai-Tibet Plateau". The near-miss matcher leaves alone a wording inside
  a name whose head is not the term's; a listed rendering inside the name of an organization or
  a place is not the term either.
- An abbreviation that the text spells out as something else — "central counterparty clearing
  house (CCP)" — or uses as a common noun — "the role of a CCP is" — means that thing wherever
  the text uses it (one sense per text).
- The plural of a singular rendering after a quantifier counts things: "multiple emission peaks".
- A sentence that names only years before a superseded rendering gave way speaks of that time:
  "The Mongols conquered Tibet in 1244".
- A name that other states' bodies share ("Politburo", "Central Propaganda Department", where
  the glossary's own rendering names the CPC) is China's body only where the sentence, the rest
  of the page or its address speaks of China ("China", "CPC", "Beijing", "Xi", Chinese script):
  "The 18-member Politburo elected at the 13th Party Congress in January 2021" (Vietnam's).
- A quoted title of a speech, a book or an event ("his speech titled “Broad Vision, Shared
  Prosperity”") is its author's words: no near miss of a term.
- A place's superseded name taken by another state ("its occupation of Tibet", "invaded
  Tibet") names the land as it was then, not today's region.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from zhen.chinese.script import has_han
from zhen.glossary.normalize import normalize_english
from zhen.terms.lexicon import Lexicon
from zhen.terms.tokens import COMMA, QUOTE, WORD, Token, clauses
from zhen.terms.wording import FUNCTION_WORDS, key_words, other_number, strip_abbreviation, word_set
from zhen.types import TermHit

__all__ = ["Name", "names", "other_senses", "sentence_years", "speaks_of_china", "titles"]

_CONNECTORS = word_set("of for and the on de la del des du von")
_ABBREVIATION = re.compile(r"^[A-Z][A-Z&]{1,7}$")
_DEFINED = re.compile(r"([A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,5})\s*[(（]\s*([A-Z][A-Z&]{1,7})"
                      r"\s*[)）]")
_COMMON_NOUN_USE = re.compile(r"\b(?:a|an|each|every|any|another)\s+([A-Z][A-Z&]{1,7})"
                              r"(?=\s+(?:is|was|are|acts?|must|can|will|would|that|which|to|of)"
                              r"\b|\s*[,.;:])")
_ANY_ABBREVIATION = re.compile(r"\b(?:a|an|each|every|any|another)\s+[A-Z][A-Z&]")
_YEAR = re.compile(r"(?<![\d.,])(1[0-9]{3}|20[0-9]{2})(?![\d])")
_OPEN_PERIOD = re.compile(r"\b(?:since|so far|to date|until now|now|today|currently)\b", re.I)
_SENTENCE_ENDS = (". ", "! ", "? ", "。", "！", "？", "\n")
_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z]*\b")
_ADDRESS_WORD = re.compile(r"[a-z]+")


class Name(NamedTuple):
    start: int
    end: int
    heads: frozenset[str]  # the name-head words it holds ("group", "institute")
    kinds: frozenset[str]  # their kinds: body, organization, place


def names(clause: Sequence[Token], lexicon: Lexicon) -> list[Name]:
    """Runs of capitalized words in a clause that hold a name head."""
    found = []
    run: list[Token] = []

    def close() -> None:
        while run and not run[-1].capital:
            run.pop()
        heads = [token.text for token in run if token.text in lexicon.name_heads]
        if sum(token.capital for token in run) >= 2 and heads:
            found.append(Name(run[0].start, run[-1].end, frozenset(heads),
                              frozenset(lexicon.name_heads[head] for head in heads)))
        run.clear()

    for token in clause:
        if token.kind == WORD and (token.capital or (run and (
                token.joined or token.text in _CONNECTORS))):
            run.append(token)
        else:
            close()
    close()
    return found


def titles(clause: Sequence[Token], lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each quoted title in a clause: words in quotes, every content word
    capitalized, right after a word that announces a title ("titled", "speech", "book")."""
    found = []
    for number, token in enumerate(clause):
        if token.kind != QUOTE or not number:
            continue
        before = number - 1
        while before > 0 and clause[before].kind == COMMA:
            before -= 1
        if clause[before].kind != WORD or clause[before].text not in lexicon.title_cues:
            continue
        inside = []
        for later in clause[number + 1:]:
            if later.kind == QUOTE:
                break
            inside.append(later)
        words = [later for later in inside if later.kind == WORD]
        if len(words) >= 2 and all(word.capital for word in words
                                   if word.text not in FUNCTION_WORDS):
            found.append((words[0].start, words[-1].end))
    return found


def other_senses(text: str, hits: Sequence[TermHit], lexicon: Lexicon,
                 china: Callable[[], bool] = lambda: True) -> list[TermHit]:
    """`hits` without those whose words name something else in this text; `china()` says
    whether the page around `text` speaks of China (asked only of a name others share)."""
    elsewhere = _defined_otherwise(text, hits) | _used_as_common_nouns(text)
    places = None
    kept = []
    for hit in hits:
        if hit.text in elsewhere:
            continue
        if hit.status in ("deprecated", "superseded"):
            if _another_states_office(text, hit, lexicon):
                continue
            if _shared_name(hit, lexicon) and not china():
                continue
            if hit.status == "superseded" and _taken(text, hit, lexicon):
                continue
            if places is None:
                places = [name for clause in clauses(text, lexicon)
                          for name in names(clause, lexicon)
                          if name.kinds & {"organization", "place"}]
            if any(name.start <= hit.start and hit.end < name.end
                   and not _holds_head(hit, name) for name in places):
                continue
            if _counted(text, hit, lexicon):
                continue
        kept.append(hit)
    return kept


def _another_states_office(text: str, hit: TermHit, lexicon: Lexicon) -> bool:
    """The hit names a body or an office (its concept's preferred rendering has a body or
    title head) in a sentence that names another state or party and nothing Chinese: "The men
    who run the Soviet Union - the members of the Politburo"."""
    words = normalize_english(hit.approved).split()
    if not any(lexicon.name_heads.get(word) == "body" or word in lexicon.titles
               for word in words):
        return False
    start, end = _sentence(text, hit.start)
    tokens = [token.text for clause in clauses(text[start:end], lexicon) for token in clause]
    return (any(token in lexicon.other_states for token in tokens)
            and not any(token in lexicon.china for token in tokens))


def _shared_name(hit: TermHit, lexicon: Lexicon) -> bool:
    """The hit names a body or an office whose rendering in the glossary names China, in words
    that do not: "Politburo" for "Political Bureau of the CPC Central Committee"."""
    approved = normalize_english(hit.approved).split()
    return (any(lexicon.name_heads.get(word) == "body" or word in lexicon.titles
                for word in approved)
            and any(word in lexicon.china for word in approved)
            and not any(word in lexicon.china for word in normalize_english(hit.text).split()))


def speaks_of_china(texts: Iterable[str], address: str, lexicon: Lexicon) -> bool:
    """Chinese script or a capitalized word that names China ("China", "CPC", "Beijing", "Xi")
    in `texts` (a page's text, a pair's source), or such a word in the page's `address`, where
    a longer one may start a word ("chinascope.org"). "XI" is a Roman numeral (a congress of
    the Communist Party of Vietnam), not Xi."""
    for text in texts:
        if has_han(text) or any(word != "XI" and word.lower() in lexicon.china
                                for word in _CAPITALIZED.findall(text)):
            return True
    return any(word in lexicon.china or word.startswith(lexicon.china_prefixes)
               for word in _ADDRESS_WORD.findall(address.lower()))


def _taken(text: str, hit: TermHit, lexicon: Lexicon) -> bool:
    """The word before the hit (past "of" and "the") says the place was taken: "the occupation
    of Tibet", "invaded Tibet"."""
    before = [word.lower() for word in re.findall(r"[A-Za-z]+", text[max(0, hit.start - 40):
                                                                    hit.start])]
    while before and before[-1] in ("of", "the"):
        before.pop()
    return bool(before) and before[-1] in lexicon.takings


def _holds_head(hit: TermHit, name: Name) -> bool:
    words = set(normalize_english(hit.text).split())
    return bool(words & name.heads)


def _defined_otherwise(text: str, hits: Sequence[TermHit]) -> set[str]:
    """Abbreviations the text spells out as words that are not a rendering of their concept."""
    abbreviations = {hit.text for hit in hits if _ABBREVIATION.match(hit.text)}
    if not abbreviations or "(" not in text and "（" not in text:
        return set()
    ends = {(hit.concept_id, hit.end) for hit in hits}
    concept_of = {hit.text: hit.concept_id for hit in hits if hit.text in abbreviations}
    found = set()
    for match in _DEFINED.finditer(text):
        abbreviation = match.group(2)
        if abbreviation in abbreviations and \
                (concept_of[abbreviation], match.end(1)) not in ends:
            found.add(abbreviation)
    return found


def _used_as_common_nouns(text: str) -> set[str]:
    """Abbreviations after "a"/"an"/"every" and before a verb or punctuation: "a CCP is"."""
    if not _ANY_ABBREVIATION.search(text):
        return set()
    return {match.group(1) for match in _COMMON_NOUN_USE.finditer(text)}


def _counted(text: str, hit: TermHit, lexicon: Lexicon) -> bool:
    """The plural of a singular rendering after a quantifier: "multiple emission peaks"."""
    written = normalize_english(hit.text).split()
    words, head, _ = key_words(strip_abbreviation(hit.rendering))
    if len(written) != len(words) or not written or written[head] == words[head] or \
            other_number(words[head]) != written[head]:
        return False
    before = text[max(0, hit.start - 30):hit.start].split()
    return bool(before) and before[-1].lower() in lexicon.quantifiers


def _sentence(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind(mark, 0, position) for mark in _SENTENCE_ENDS) + 1
    ends = [found for mark in _SENTENCE_ENDS if (found := text.find(mark, position)) != -1]
    return start, min(ends, default=len(text))


def sentence_years(text: str, position: int) -> list[int]:
    """The years (1000–2099) written in the sentence of `text` around `position`; none when the
    sentence runs a period on to its own time ("since 2012")."""
    start, end = _sentence(text, position)
    sentence = text[start:end]
    if _OPEN_PERIOD.search(sentence):
        return []
    return [int(year) for year in _YEAR.findall(sentence)]
