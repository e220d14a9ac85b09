"""English text as the near-miss matcher reads it: words, commas and quotes, in clauses.

A clause ends at . ; : ! ? parentheses, brackets, a spaced or long dash and a blank line; a
comma and a quote mark stay inside it as pieces of their own. A word joined to the one before it
by a hyphen ("Chinese-style") is marked so; "No. 1" is one word ("no 1"), whose period ends no
clause. The phrases of the near-synonym table ("in all respects", "all-round") become one word.
Renderings are read the same way as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple

from zhen.terms.lexicon import Lexicon

__all__ = ["COMMA", "QUOTE", "WORD", "Token", "clauses"]

WORD, COMMA, QUOTE = "word", "comma", "quote"

_SCAN = re.compile(
    r"(?P<numero>\b[Nn][Oo]\.[ \t]?[0-9]+\b)"  # "No. 1": one word, its period ends nothing
    r"|(?P<word>[0-9A-Za-z\u00c0-\u024f]+)"
    r"|(?P<amp>&)"
    r"|(?P<comma>[,，])"
    r"|(?P<abbreviation>\s*[(（]\s*[A-Z][A-Za-z&]{1,7}\s*[)）])"  # "(CPC)" stays in its clause
    r"|(?P<apostrophe>(?<=[0-9A-Za-z])['’](?=[A-Za-z]))"
    r"|(?P<quote>[\"“”‘’'`«»「」『』])"
    r"|(?P<hyphen>(?<=\S)[-\u2010-\u2013\u00ad\u2212](?=\S))"
    r"|(?P<clause>[.;:!?()\[\]{}…|/。；：！？（）]|\s[-\u2012-\u2015]+\s|[\u2014\u2015]"
    r"|\n[ \t\r]*\n)")


class Token(NamedTuple):
    kind: str  # WORD, COMMA or QUOTE
    start: int
    end: int
    text: str  # a word in lower case ("&" reads "and"), "," or the quote mark
    capital: bool  # a word written with a capital first letter
    joined: bool  # a word joined to the word before it by a hyphen


_TEXT = itemgetter(3)  # a token's text


def clauses(text: str, lexicon: Lexicon) -> Iterator[list[Token]]:
    """The clauses of `text`, each a list of tokens with offsets into `text`."""
    clause: list[Token] = []
    append = clause.append
    joined = False
    new = tuple.__new__  # a token a word: skip the named tuple's own __new__
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            word = match.group()
            start, end = match.span()
            append(new(Token, (WORD, start, end, word.lower(), word[0].isupper(), joined)))
            joined = False
            continue
        if kind == "numero":
            number = match.group().split(".")[1].strip()
            append(Token(WORD, match.start(), match.end(), "no " + number, True, joined))
        elif kind == "amp":
            append(Token(WORD, match.start(), match.end(), "&", False, False))
        elif kind == "comma":
            append(Token(COMMA, match.start(), match.end(), ",", False, False))
        elif kind == "quote":
            append(Token(QUOTE, match.start(), match.end(), match.group(), False, False))
        elif kind == "clause" and clause:
            yield _phrased(clause, lexicon)
            clause = []
            append = clause.append
        joined = kind in ("hyphen", "apostrophe")
    if clause:
        yield _phrased(clause, lexicon)


def _phrased(clause: list[Token], lexicon: Lexicon) -> list[Token]:
    """The clause with each phrase of the near-synonym table merged into one word, from the
    left ("in all respects" is one word; most clauses hold an "in" that starts none)."""
    phrases = lexicon.phrases
    texts = list(map(_TEXT, clause))
    first = phrases.keys() & set(texts)
    if not first:
        return clause
    merged: list[Token] = []
    done = 0  # tokens before this are in `merged`
    for index, text in enumerate(texts):
        if index < done or text not in first:
            continue
        for words in phrases[text]:
            end = index + len(words)
            if tuple(texts[index:end]) == words and all(
                    token.kind == WORD for token in clause[index:end]):
                token = clause[index]
                merged.extend(clause[done:index])
                merged.append(Token(WORD, token.start, clause[end - 1].end, " ".join(words),
                                    token.capital, token.joined))
                done = end
                break
    if not done:
        return clause
    merged.extend(clause[done:])
    return merged
