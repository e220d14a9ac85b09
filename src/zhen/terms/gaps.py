"""The function words, commas and quote marks between the matched words of a window.

Compared gap by gap with the rendering's, as an edit distance, each edit a quarter of a content
word. A word that never stands inside a noun phrase ("is", "which", "will" …), a comma the
rendering does not have (another clause, or a list) or "and" between words the rendering joins
directly ("industries and innovation") ends the candidate; "in" for "of" ("development in the
western region") makes it a place, not the term. A serial comma costs nothing, whether the text or
the rendering has it; a comma before a word the rendering has there a quarter; "in accordance
with" reads as "according to"; function words next to an added light modifier belong to it ("new
type of urbanization").
"""

from __future__ import annotations

from zhen.terms.lexicon import Lexicon
from zhen.terms.targets import Target
from zhen.terms.tokens import QUOTE
from zhen.terms.wording import word_set

__all__ = ["SMALL", "gap_cost"]

SMALL = 0.25  # a light modifier, an inflection, a spelling, a function word, a comma, a quote,
# a moved word, a fusion
_BREAKING = word_set("""
is are was were be been being am do does did has have had will would shall should can could may
might must which who whom whose that this these those it its they them he she his her we our us
you your i me my if because though although while when where how why whether but yet so nor than
then not no also very only just unless until since upon during""")
_PLACES = word_set("in at on across within throughout")
# Function words that may come into a rendering: an article, a preposition, "and", "all".
_INSERTABLE = word_set("a an the of for with in on to and s by at from into all")


def gap_cost(window, target, matched, light, lexicon, notes) -> float | None:
    """Cost of the function words, commas and quotes between matched words, in order. Function
    words next to an added light word belong to it ("type of", "of the People's Republic of
    China"); a comma before a word the rendering has there costs a quarter."""
    cost = 0.0
    for (k1, (i1, _)), (k2, (i2, _)) in zip(matched, matched[1:], strict=False):
        wanted = _wanted_gap(target, k1, k2, {k for k, _ in matched})
        between = window[i1 + 1:i2]
        written: list[tuple[int, str]] = []
        for offset, piece in enumerate(between):
            if piece.form is not None or (piece.token.joined and piece.token.text in ("up", "out")):
                continue  # a content word, or the particle of "opening-up"
            text = piece.token.text
            if piece.token.kind == QUOTE:
                cost += SMALL
                notes.append("quotes inside the term")
                continue
            if text in _BREAKING and text not in wanted:
                return None
            spelled = lexicon.spellings.get(text)
            if spelled:
                cost += SMALL
                notes.append(f"'{spelled}' written '{text}'")
            written.append((i1 + 1 + offset, spelled or text))
        words = [text for _, text in written]
        for n, text in enumerate(words):
            if text == "," and "," not in wanted and n + 1 < len(words) and \
                    words[n + 1] in wanted:
                if words[n + 1] not in ("and", "or"):
                    cost += SMALL  # "…as the mainstay, while …"
                words[n] = ""
        words = _standard_phrases([text for text in words if text], lexicon)
        if "," not in words:
            wanted = _without_serial_comma(wanted)  # "agriculture, rural areas and farmers"
        if k1 < target.lead and "of" in words and "of" not in wanted:
            words.remove("of")  # "the building of a moderately prosperous society"
        if words.count(",") > wanted.count(","):
            return None  # a comma the rendering does not have: another clause or a list
        if any(text not in _INSERTABLE and text != "," and text not in wanted for text in words):
            return None  # "beautiful as China" is no "Beautiful China"
        if "and" in words and "and" not in wanted:
            if words.count("and") != 1 or wanted.count(",") != 1 or "," in words:
                return None  # "industries and innovation": two things, no "industrial
                # innovation"
            words = ["," if text == "and" else text for text in words]  # one list, joined
            cost += SMALL  # by "and" where the rendering has a comma
            notes.append("'and' for ','")
        if "of" in wanted and "of" not in words and any(text in _PLACES for text in words):
            return None  # "development in the western region": a place, not the term's "of"
        edits = min(_edit_distance(_standard_phrases(kept, lexicon), wanted)
                    for kept in _without_light_links(written, words, light))
        if edits:
            cost += SMALL * edits
            notes.append(f"'{' '.join(wanted)}' left out" if not words else
                         f"'{' '.join(words)}' added" if not wanted else
                         f"'{' '.join(words)}' for '{' '.join(wanted)}'")
    return cost


def _wanted_gap(target: Target, k1: int, k2: int, matched: set[int]) -> list[str]:
    """The rendering's function words and commas between two of its content words, less the
    possessive "s" of a content word the window left out ("whole-process democracy")."""
    wanted = []
    dropped = False
    for piece in target.words[target.content[k1] + 1:target.content[k2]]:
        if piece.form is not None:
            dropped = True
            continue
        if not (dropped and piece.token.text == "s" and piece.token.joined):
            wanted.append(piece.token.text)
        dropped = False
    return wanted


def _without_serial_comma(wanted: list[str]) -> list[str]:
    """The rendering's gap less a comma before its "and" or "or": a serial comma is a matter of
    style, in the rendering as in the text."""
    return [text for number, text in enumerate(wanted)
            if not (text == "," and wanted[number + 1:number + 2] in (["and"], ["or"]))]


def _standard_phrases(words: list[str], lexicon: Lexicon) -> list[str]:
    """ "in accordance with" read as "according to"."""
    for variant, standard in lexicon.function_phrases:
        size = len(variant)
        for start in range(len(words) - size + 1):
            if tuple(words[start:start + size]) == variant:
                return _standard_phrases(words[:start] + list(standard) + words[start + size:],
                                         lexicon)
    return words


def _without_light_links(written, words, light):
    """The gap's words as written, and without the function words just before or just after
    an added light word."""
    yield words
    if not light:
        return
    positions = [index for index, _ in written]
    for side in (-1, 1):
        linked = set()
        for word in light:
            step = word + side
            while step in positions and written[positions.index(step)][1] not in (",",):
                linked.add(step)
                step += side
        if linked:
            yield [text for index, text in written if index not in linked and text in words]


def _edit_distance(first: list[str], second: list[str]) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
