"""English text as the near-miss matcher reads it: words, commas and quotes, in clauses.

A clause ends at . ; : ! ? parentheses, brackets, a spaced or long dash and a blank line; a
comma and a quote mark stay inside it as pieces of their own. A word joined to the one before it
by a hyphen ("Chinese-style") is marked so. The phrases of the near-synonym table ("in all
respects", "all-round") become one word. Renderings are read the same way as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from zhen.terms.lexicon import Lexicon

__all__ = ["COMMA", "QUOTE", "WORD", "Token", "clauses"]

WORD, COMMA, QUOTE = "word", "comma", "quote"

_SCAN = re.compile(
    r"(?P<word>[0-9A-Za-z\u00c0-\u024f]+)"
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


def clauses(text: str, lexicon: Lexicon) -> Iterator[list[Token]]:
    """The clauses of `text`, each a list of tokens with offsets into `text`."""
    clause: list[Token] = []
    joined = False
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            word = match.group()
            clause.append(Token(WORD, match.start(), match.end(), word.lower(), word[0].isupper(),
                                joined))
        elif kind == "amp":
            clause.append(Token(WORD, match.start(), match.end(), "&", False, False))
        elif kind == "comma":
            clause.append(Token(COMMA, match.start(), match.end(), ",", False, False))
        elif kind == "quote":
            clause.append(Token(QUOTE, match.start(), match.end(), match.group(), False, False))
        elif kind == "clause":
            if clause:
                yield _phrased(clause, lexicon)
            clause = []
        joined = kind in ("hyphen", "apostrophe")
    if clause:
        yield _phrased(clause, lexicon)


def _phrased(clause: list[Token], lexicon: Lexicon) -> list[Token]:
    """The clause with each phrase of the near-synonym table merged into one word."""
    phrases = lexicon.phrases
    if not any(token.text in phrases for token in clause):
        return clause
    merged: list[Token] = []
    index = 0
    while index < len(clause):
        token = clause[index]
        for words in phrases.get(token.text, ()):
            end = index + len(words)
            pieces = clause[index:end]
            if len(pieces) == len(words) and all(piece.kind == WORD and piece.text == word
                                                 for piece, word in zip(pieces, words,
                                                                        strict=True)):
                merged.append(Token(WORD, token.start, pieces[-1].end, " ".join(words),
                                    token.capital, token.joined))
                index = end
                break
        else:
            merged.append(token)
            index += 1
    return merged
