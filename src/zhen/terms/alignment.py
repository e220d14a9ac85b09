"""One window of text against one rendering: which words match, what differs, what it costs.

The content words of the window are matched to the rendering's: the same word (either number, or
a verb form: "forging" for "forge"), the same stem ("modernized" for "modern"), another spelling
("modernisation", "&"), the word with or without "re-", or a near-synonym of the same group
("common" for "shared"; a listed wrong rendering is matched without near-synonyms). Each
difference costs, in content words: a near-synonym half; a content word added or dropped one; a
light modifier ("-style"), a spelling, an inflection, a fused head, each function word, comma or
quote mark that differs (`zhen.terms.gaps`) and each word moved a quarter (at most a half for
moves; "China's X" for "X of China" is no move). The score is 1 - cost / max(3, content words),
so the threshold 0.75 allows a quarter of a word per word, and three quarters for short terms.

Hard limits come first: the rendering's head noun is in the window (fused into the word before
it: "productive forces" → "productivity"; or left off when it is a classifier: "… Project") and
is the window's head (the word before its first preposition, else its last: "the future of
industries" is no "industries of the future"); a leading verb may be left off ("a new form of
human advancement"); no content word is dropped from a rendering of up to three, one from four to
seven, two from eight, and none where the text has its own word instead (a modifier before: "an
Asian community with a shared future"; a complement after: "… in cyberspace"); no unlisted
content word is added to a rendering of up to two, one to a longer one (to one of three only
inside it, between its words: "new economic development pattern").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from zhen.terms.gaps import SMALL, gap_cost
from zhen.terms.lexicon import Lexicon, WordForm
from zhen.terms.targets import Piece, Target, Verdict, drop_budget
from zhen.terms.tokens import COMMA, QUOTE, Token
from zhen.terms.wording import PREPOSITIONS, word_set

__all__ = ["judge"]

SYNONYM, ADDED, DROPPED = 0.5, 1.0, 1.0
INSERTED = 0.75  # a modifier inside a three-word rendering: "new economic development pattern"
_NOUN_SUFFIXES = ("ity", "ness", "tion", "sion", "ment", "ance", "ence", "ism", "ship", "acy")
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_NOUN_PHRASE_LINKS = word_set("of for the a an s and in on to with by at up")
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ish", "ly")
_ADJECTIVES = word_set("""
new high common modern old green open full whole strong great free first main key major big low
good fast deep broad wide young smart clean safe beautiful""")
_RANK = {"same": 0, "spelled": 1, "inflected": 2, "synonym": 3}


def _relation(form: WordForm, wanted: WordForm) -> str | None:
    respelled = bool(form.respelled) != bool(wanted.respelled)
    if form.lemma == wanted.lemma or _verb_form(form.lemma, wanted.lemma):
        return "spelled" if respelled else "same"
    if form.stem == wanted.stem:
        return "spelled" if respelled else "inflected"
    if _prefixed(form.lemma, wanted.lemma) or _within(form.lemma, wanted.lemma):
        return "inflected"  # "revitalization" for "vitalization"; "rural areas" for "rural"
    if form.groups & wanted.groups and not wanted.country:
        return "synonym"  # a rendering's "China" is not written "country"
    return None


def _other_noun(written: WordForm, wanted: WordForm) -> bool:
    """Two nouns of one stem with different noun endings name different things: "urbanism"
    (a movement) and "urbanization" (a process)."""
    ending = next((suffix for suffix in _NOUN_SUFFIXES if written.lemma.endswith(suffix)), None)
    other = next((suffix for suffix in _NOUN_SUFFIXES if wanted.lemma.endswith(suffix)), None)
    return ending is not None and other is not None and ending != other


def _prefixed(written: str, wanted: str) -> bool:
    """The same word with or without "re-": "revitalization" and "vitalization"."""
    return len(written) > 6 and len(wanted) > 6 and (
        written == "re" + wanted or wanted == "re" + written)


def _within(written: str, wanted: str) -> bool:
    """A phrase of the near-synonym table that holds the wanted word: "rural areas"."""
    return " " in written and wanted in written.split(" ")


def _verb_form(written: str, wanted: str) -> bool:
    """ "forging" for "forge", "deepened" for "deepen": the same word in a sentence's grammar."""
    if not written.startswith(wanted[:-1]) or len(written) <= len(wanted):
        return False
    for ending in ("ing", "ed", "es", "s", "d"):
        if written in (wanted + ending, wanted[:-1] + ending if wanted.endswith("e") else None):
            return True
    return False


# (form, target) → the relation of the word to each content word of the rendering. Forms and
# targets are shared objects (one per word of text, one per rendering), looked up by identity;
# each entry holds both, so neither identity can be reused while it is kept.
_rows: dict[tuple[int, int], tuple[WordForm, Target, tuple[str | None, ...]]] = {}
_ROWS_KEPT = 50_000  # ~12 MB at most; 2 MB of the benchmark's news text needs ~5,000


def _row(form: WordForm, target: Target) -> tuple[str | None, ...]:
    """The relation of `form` to each content word of `target`. A listed wrong rendering is
    matched without near-synonyms: "community of shared future" is part of a correct rendering,
    not a variant of the superseded "community of shared destiny"."""
    key = (id(form), id(target))
    found = _rows.get(key)
    if found is not None and found[0] is form and found[1] is target:
        return found[2]
    synonyms = target.status in ("preferred", "admitted")
    row = []
    for word in target.content:
        relation = _relation(form, target.words[word].form)
        row.append(None if relation == "synonym" and not synonyms else relation)
    if len(_rows) >= _ROWS_KEPT:
        _rows.clear()
    _rows[key] = (form, target, tuple(row))
    return _rows[key][2]


def _matches(window: Sequence[Piece], target: Target,
             rows: dict[int, tuple[str | None, ...]]) -> tuple[dict[int, tuple[int, str]],
                                                                list[int]]:
    """target content index → (window index, relation), and the window's unmatched words;
    `rows` holds the relations of each content word of the window (`_row`)."""
    used: dict[int, tuple[int, str]] = {}
    added = []
    last = -1
    for index, row in rows.items():
        best = None
        for k, relation in enumerate(row):
            if relation is not None and k not in used:
                key = (_RANK[relation], k <= last, k)
                if best is None or key < best[0]:
                    best = (key, k, relation)
        if best is None:
            added.append(index)
        else:
            used[best[1]] = (index, best[2])
            last = best[1]
    return used, added


def judge(window: Sequence[Piece], target: Target, around: tuple[Piece | None, Piece | None],
          lexicon: Lexicon, threshold: float) -> Verdict | None:
    """The verdict on `window` (starting and ending on content words) as a near miss of
    `target`, or None; `around` holds the pieces before and after the window in its clause."""
    before, after = around
    rows = {index: _row(piece.form, target) for index, piece in enumerate(window)
            if piece.form is not None}
    head = target.head
    if not (any(row[head] is not None for row in rows.values())
            or (head and rows.get(len(window) - 1, ())[head - 1:head] == ("inflected",))
            or (head == target.size - 1 and head and (target.classified or _long_name(target))
                and any(row[head - 1] is not None for row in rows.values()))):
        return None  # neither the head nor a head fused or left off can be in the window
    used, added = _matches(window, target, rows)
    fused = head not in used and _fused(window, target, used)
    classifier = truncated = False
    if head not in used and not fused and head == target.size - 1 and head - 1 in used:
        classifier = target.classified
        truncated = (not classifier and _long_name(target) and used[head - 1][1] == "same"
                     and (after is None or after.form is None))  # cut short, not another head
    if classifier or truncated:
        head -= 1  # "South-to-North Water Transfer" without "Project"; "China-Europe railway"
    elif head not in used and not fused:
        return None
    head_at = used[head][0] if head in used else len(window) - 1
    if head in used and used[head][1] == "inflected" and (
            not window[head_at].form.lemma.endswith(_NOUN_SUFFIXES)
            or _other_noun(window[head_at].form, target.words[target.content[head]].form)):
        return None  # "open" is not a form of the noun "opening", nor "urbanism" of
        # "urbanization"
    contents = [index for index, piece in enumerate(window) if piece.form is not None]
    light = [index for index in added if _light(window[index].token, lexicon)]
    permuted = len(window) == len(used) == target.size  # "Peak Emission" for "emission peak"
    window_head = _window_head(window, contents, light)
    if head_at != window_head and not permuted and not (
            window[window_head].token.text.endswith("ing") and window_head not in added):
        return None  # "the future of industries" is no "industries of the future"
    dropped = [k for k in range(target.size)
               if k not in used and not (fused and k == head)
               and not ((classifier or truncated) and k > head)]
    left_off = 0  # "a new form of human advancement" without "create"
    while left_off < target.lead and left_off < len(dropped) and dropped[left_off] == left_off:
        left_off += 1
    dropped = dropped[left_off:]
    size = target.size - left_off - classifier
    if size < 2:
        return None  # too little of the rendering left to tell it from ordinary words
    if dropped and (_modifier(before) or (dropped[-1] == target.size - 1
                                          and _own_complement(before, after))):
        return None  # "a community with a shared future in cyberspace": another community;
        # "the integrated development of Beijing, Tianjin, and Hebei": another development
    heavy = [index for index in added if index not in light]
    inserted = _inserted(heavy, used, size, dropped, head)
    if (len(dropped) > drop_budget(size) or len(heavy) > (size >= 4 or inserted)
            or any(window[index].barrier >= 0 for index in added)):
        return None
    order = [k for k, _ in sorted(used.items(), key=lambda item: item[1][0])]
    # words moved: "deepen reform in an all-round way" moves one word of "comprehensively
    # deepen reform"
    moved = len(order) - _longest_increasing(order)
    notes: list[str] = []
    cost = 0.0 if _possessive(window, target) else min(2 * SMALL, SMALL * moved)
    if moved:
        if not _noun_phrase(window, contents, after):
            return None
        notes.append("words reordered")
    else:
        gaps = gap_cost(window, target, sorted(used.items()), set(light), lexicon, notes)
        if gaps is None:
            return None
        cost += gaps
    for k in sorted(used):
        index, relation = used[k]
        wanted, written = target.words[target.content[k]].token.text, window[index].token.text
        if relation == "synonym":
            cost += SYNONYM
            notes.append(f"'{written}' for '{wanted}'")
        elif fused and k == head - 1:
            cost += SMALL
            notes.append(f"'{wanted} {target.words[target.content[head]].token.text}' fused "
                         f"into '{written}'")
        elif relation != "same" or (target.proper and written != wanted
                                    and (k == head or _verb_form(written, wanted))):
            cost += SMALL
            spelled = window[index].form.respelled  # a name spelled out in another order
            notes.append(f"'{spelled if ' ' in spelled else wanted}' written '{written}'")
    if truncated:
        cost += DROPPED
        notes.append(f"'{target.words[target.content[-1]].token.text}' left off the name")
    for k in dropped:
        cost += DROPPED
        notes.append(f"'{target.words[target.content[k]].token.text}' dropped")
    for index in added:
        if _NUMBER.match(window[index].token.text):
            continue  # "the 20th CPC Central Committee"
        cost += (INSERTED if inserted else ADDED) if index in heavy else SMALL
        notes.append(f"'{window[index].token.text}' added")
    if cost == 0:
        return Verdict(1.0, "")  # the rendering itself, as a sentence's grammar has it
    if dropped and len(notes) == len(dropped) and dropped == list(
            range(left_off, left_off + len(dropped))):
        return None  # a leading word left off: ordinary prose
    score = 1 - cost / max(3, size)
    if score < threshold:
        return None
    return Verdict(round(score, 3), "; ".join(notes))


def _long_name(target: Target) -> bool:
    """A name of four or more words ending on its head, which a text may cut short by the head
    ("China-Europe railway" for "China-Europe Railway Express"), at the cost of a word."""
    return target.proper and target.size >= 4 and target.head == target.size - 1


def _inserted(heavy: list[int], used: dict[int, tuple[int, str]], size: int,
              dropped: list[int], head: int) -> bool:
    """One content word added inside a rendering of three, between two of its words, with all
    of them there: a modifier put into the term ("new economic development pattern"). It costs
    three quarters of a word, so nothing else may differ. Not right before the head: that
    qualifies the head noun ("high-quality economic development" is high-quality development
    of the economy)."""
    if size != 3 or len(heavy) != 1 or dropped or len(used) != 3 or head not in used:
        return False
    places = sorted(index for index, _ in used.values())
    after = min((place for place in places if place > heavy[0]), default=None)
    return places[0] < heavy[0] < places[-1] and after != used[head][0]


def _light(token: Token, lexicon: Lexicon) -> bool:
    return (token.text in lexicon.light or _NUMBER.match(token.text) is not None
            or (token.joined and token.text in lexicon.light_suffixes))


def _own_complement(before: Piece | None, after: Piece | None) -> bool:
    """The window lacks the rendering's last words and has words of its own there instead: a
    modifier before it ("an Asian community …") or a complement after it ("… in cyberspace")."""
    return (before is not None and before.form is not None) or (
        after is not None and after.form is None and after.token.text in PREPOSITIONS)


def _modifier(piece: Piece | None) -> bool:
    """A content word that reads as an adjective: it would stand where a dropped word stood."""
    if piece is None or piece.form is None:
        return False
    word = piece.token.text
    return word in _ADJECTIVES or word.endswith(_ADJECTIVE_ENDINGS + ("ed",))


def _possessive(window: Sequence[Piece], target: Target) -> bool:
    """ "China's modernization" for "modernization of China": the same phrase in English."""
    written = {piece.token.text for piece in window if piece.form is None}
    wanted = {piece.token.text for piece in target.words if piece.form is None}
    return written == {"s"} and "of" in wanted and wanted <= {"of", "the"}


def _longest_increasing(order: list[int]) -> int:
    """Length of the longest increasing run (not necessarily contiguous) in `order`."""
    tails: list[int] = []
    for value in order:
        place = bisect_left(tails, value)
        tails[place:place + 1] = [value]
    return len(tails)


def _fused(window: Sequence[Piece], target: Target, used: dict[int, tuple[int, str]]) -> bool:
    """The head merged into the word before it, the window's last: "productivity"."""
    before = target.head - 1
    if before < 0 or before not in used:
        return False
    index, relation = used[before]
    return (relation == "inflected" and index == len(window) - 1
            and window[index].form.lemma.endswith(_NOUN_SUFFIXES))


def _window_head(window: Sequence[Piece], contents: list[int], light: list[int]) -> int:
    """The window's head: the content word before its first preposition ("Administration for
    Rural Revitalization", "opening up at the institutional level"), else its last one. A
    preposition inside a hyphenated word or a term found exactly, or after a light modifier
    ("new type of urbanization"), does not count; nor is a light modifier the head."""
    heads = [index for index in contents if index not in light]
    for index in range(contents[0] + 1, contents[-1] + 1):
        piece = window[index]
        if piece.token.text.split(" ")[0] in PREPOSITIONS and piece.barrier < 0 and \
                not piece.token.joined and not (index + 1 < len(window)
                                                and window[index + 1].token.joined) \
                and index - 1 not in light:
            before = [content for content in heads if content < index]
            return before[-1] if before else -1
    return heads[-1] if heads else -1


def _noun_phrase(window: Sequence[Piece], contents: list[int], after: Piece | None) -> bool:
    """A reordered window holds only noun-phrase links, and does not end on a modifier of a
    noun that follows ("the era of new energy" is no "new era")."""
    inside = window[contents[0]:contents[-1] + 1]
    for number, piece in enumerate(inside):
        if piece.form is None and (piece.token.kind == QUOTE or (
                piece.token.kind == COMMA and not any(
                    later.token.text == "and" for later in inside[number + 1:]))
                or (piece.token.kind != COMMA and piece.token.text not in _NOUN_PHRASE_LINKS)):
            return False  # a comma only in a list: "… of Guangdong, Hong Kong and Macao"
    last = window[contents[-1]].token.text
    modifier = last in _ADJECTIVES or last.endswith(_ADJECTIVE_ENDINGS)
    return not (modifier and after is not None and after.form is not None)


