"""Near misses: English wordings the glossary does not list that are clearly one of its terms.

Every rendering of two or more content words is a target (a near miss of a deprecated one is
still wrong; the fix is the preferred rendering). Text is read clause by clause
(`zhen.terms.tokens`): a candidate never crosses a clause boundary, and a term already found
exactly is a unit — a window may hold it whole when all its words belong to the target (a term
nested in a longer one: "Rural Revitalization" in "Rural Revitalization Promotion Law"), never
a part of it. A target is tried on a clause only when the clause holds enough of its words (by
stem or near-synonym) and its head noun; then each window that starts and ends on its words is
judged by `zhen.terms.alignment`. A window inside the name of another body, organization or place
(`zhen.terms.senses`) does not count, nor one in a quoted title that puts words of its own for
the rendering's. Where candidates overlap, the best score wins, then the
longer, then the earlier.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from zhen.glossary.model import Glossary
from zhen.terms.alignment import judge
from zhen.terms.lexicon import Lexicon
from zhen.terms.senses import Name, names, titles
from zhen.terms.targets import Piece, Target, Verdict, drop_budget, index_for
from zhen.terms.tokens import WORD, clauses
from zhen.terms.wording import FUNCTION_WORDS
from zhen.types import TermHit

__all__ = ["DEFAULT_THRESHOLD", "NearMiss", "NearMissDetector", "drop_budget"]

DEFAULT_THRESHOLD = 0.75
EXTRA_WORDS = 4  # a window may hold this many more words than its target


@dataclass(frozen=True)
class NearMiss:
    """A wording that resembles a rendering; `explanation` says how it differs."""

    concept_id: str
    text: str
    start: int
    end: int
    resembles: str  # the rendering it is closest to
    suggestion: str  # the concept's preferred rendering
    score: float
    explanation: str
    resembles_status: str = "preferred"  # the status of the rendering it resembles


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_written_heads: dict[str, dict[tuple[str, str, str], tuple[str, bool]]] = {}  # by glossary


class NearMissDetector:
    """Wordings near a rendering; `threshold` (0–1) trades recall for precision."""

    def __init__(self, glossary: Glossary, threshold: float = DEFAULT_THRESHOLD):
        if not 0 <= threshold <= 1:
            raise ValueError(f"near-miss threshold must be between 0 and 1, not {threshold}")
        self.threshold = threshold
        self._index = index_for(glossary)
        self._written = _written_heads.setdefault(glossary.key, {})

    def find(self, text: str, exact: Sequence[TermHit] = ()) -> list[NearMiss]:
        """Near misses in `text`, in text order; `exact` hits (offsets into `text`) are units."""
        hits = sorted(exact, key=lambda hit: (hit.start, hit.end))
        starts = [hit.start for hit in hits]
        found = []
        for clause in clauses(text, self._index.lexicon):
            pieces = self._with_barriers(self._index.pieces(clause), hits, starts)
            candidates = list(self._in_clause(pieces, hits))
            if candidates:
                spans = names(clause, self._index.lexicon)
                quoted = titles(clause, self._index.lexicon)
                candidates = [(start, end, target, verdict)
                              for start, end, target, verdict, window in candidates
                              if not _inside_other_name(start, end, spans, target, window)
                              and not _titled(start, end, quoted, target, window)]
                found.extend(_best_disjoint(candidates))
        wrong = [(hit.start, hit.end, hit.concept_id) for hit in hits
                 if hit.status in ("deprecated", "superseded")]
        found = [candidate for candidate in found if not any(  # the error says it already
            candidate[0] <= start and end <= candidate[1] and concept == candidate[2].concept_id
            for start, end, concept in wrong)]
        found.extend(self._other_number(text, hits))
        found.sort(key=lambda candidate: candidate[0])
        return [NearMiss(target.concept_id, text[start:end], start, end, target.rendering,
                         target.suggestion, verdict.score, verdict.explanation, target.status)
                for start, end, target, verdict in found]

    def _other_number(self, text: str, hits: Sequence[TermHit]):
        """A name's head in the other number: "the Belt and Road Initiatives" (the glossary
        writes it as a name), "Comprehensively Deepening Reforms" (the text writes it as one)."""
        for hit in hits:
            target = self._index.by_rendering.get((hit.concept_id, hit.rendering))
            if target is None or hit.status not in ("preferred", "admitted"):
                continue
            head, capitalized = self._head_written(target, hit.text)
            named = target.proper or (capitalized and head != _singular(head)
                                      and not self._in_a_name(text, hit))
            if head and named:
                wanted = target.words[target.content[target.head]].token.text
                yield (hit.start, hit.end, target,
                       Verdict(round(1 - 0.25 / max(3, target.size), 3),
                               f"'{wanted}' written '{head}'"))

    def _head_written(self, target: Target, text: str) -> tuple[str, bool]:
        """The rendering's head as `text` writes it when that is another form of it ("" when it
        is not), and whether `text` is three or more words, each content word capitalized."""
        key = (target.concept_id, target.rendering, text)
        found = self._written.get(key)
        if found is None:
            written = [word for clause in clauses(text, self._index.lexicon)
                       for word in clause if word.kind == WORD]
            wanted = target.words[target.content[target.head]]
            heads = [word.text for word in written if word.text != wanted.token.text
                     and self._index.form(word.text) == wanted.form]
            capitalized = len(written) >= 3 and all(
                word.capital for word in written if word.text not in FUNCTION_WORDS)
            found = self._written[key] = (heads[0] if heads else "", capitalized)
        return found

    def _in_a_name(self, text: str, hit: TermHit) -> bool:
        """The hit lies in a longer name: "Central Leading Group for Comprehensively Deepening
        Reforms" names a body, whatever number its words are in."""
        start = text.rfind("\n", 0, hit.start) + 1
        end = text.find("\n", hit.end)
        line = text[start:end if end != -1 else len(text)]
        return any(name.start + start <= hit.start and hit.end <= name.end + start
                   and (name.start + start, name.end + start) != (hit.start, hit.end)
                   for clause in clauses(line, self._index.lexicon)
                   for name in names(clause, self._index.lexicon))

    @staticmethod
    def _with_barriers(pieces: list[Piece], hits: Sequence[TermHit],
                       starts: list[int]) -> list[Piece]:
        """The pieces, each marked with the exact hit it lies in (`starts`: the hits' starts)."""
        if not hits or not pieces:
            return pieces
        first = bisect_right(starts, pieces[0].token.start) - 1
        last = bisect_right(starts, pieces[-1].token.end)
        inside = [(hits[number].start, hits[number].end, number)
                  for number in range(max(0, first), last)
                  if hits[number].end > pieces[0].token.start]
        if not inside:
            return pieces
        marked = []
        lowest, highest = inside[0][0], max(end for _, end, _ in inside)
        for piece in pieces:
            position = piece.token.start
            if lowest <= position < highest:
                for start, end, number in inside:
                    if start <= position < end:
                        piece = tuple.__new__(Piece, (piece[0], piece[1], number, piece[3]))
                        break
            marked.append(piece)
        return marked

    def _in_clause(self, pieces: list[Piece], hits: Sequence[TermHit]):
        """Targets that have enough of their words in the clause, and their windows. A target
        is looked at only when the clause holds one of its anchor words (the rarest ones: of
        any near miss of it, at least one is there); the words it covers are the bits of the
        keys it shares with the clause."""
        index = self._index
        clause_keys: dict[str, list[int]] = {}
        for number, piece in enumerate(pieces):
            for key in piece.keys:
                places = clause_keys.get(key)
                if places is None:
                    clause_keys[key] = [number]
                else:
                    places.append(number)
        anchored = index.anchored
        candidates: set[int] = set()
        for key in clause_keys:
            found = anchored.get(key)
            if found:
                candidates.update(found)
        present = clause_keys.keys()
        key_bits, key_sets = index.key_bits, index.key_sets
        head_bits, least = index.head_bits, index.least
        layout = None
        for number in candidates:
            bits = key_bits[number]
            shared = present & key_sets[number]
            covered = 0
            for key in shared:
                covered |= bits[key]
            if not covered & head_bits[number] or covered.bit_count() < least[number]:
                continue
            by_piece: dict[int, int] = {}  # piece → the target's words it stands for
            for key in shared:
                bit = bits[key]
                for place in clause_keys[key]:
                    by_piece[place] = by_piece.get(place, 0) | bit
            if layout is None:
                layout = _Layout.of(pieces, index.lexicon)
            if not layout.light and _one_unit(pieces, by_piece):
                continue  # every window would be a part of an exact hit, or all of it
            yield from self._windows(pieces, number, by_piece, layout)

    def _windows(self, pieces: list[Piece], number: int, by_piece: dict[int, int],
                 layout: _Layout):
        """Windows that start and end on a word of the target (or a light modifier) and cover
        enough of its words, judged one by one."""
        index = self._index
        target = index.targets[number]
        least, head_bits = index.least[number], index.head_bits[number]
        words, units = layout.words, layout.units
        starts = sorted(by_piece.keys() | layout.light) if layout.light else sorted(by_piece)
        widest = len(target.words) + EXTRA_WORDS
        for a, first in enumerate(starts):
            covered = 0
            for last in starts[a:]:
                if words[last + 1] - words[first] > widest:
                    break
                covered |= by_piece.get(last, 0)
                if last == first or not covered & head_bits or covered.bit_count() < least:
                    continue
                if units and not _whole_units(pieces, first, last, units):
                    continue
                window = pieces[first:last + 1]
                around = (pieces[first - 1] if first else None,
                          pieces[last + 1] if last + 1 < len(pieces) else None)
                verdict = judge(window, target, around, index.lexicon, self.threshold)
                if verdict is None:
                    continue
                yield window[0].token.start, window[-1].token.end, target, verdict, window


class _Layout(NamedTuple):
    """What windows of a clause need, whatever the target: its light modifiers, the words
    before each piece, the content pieces each exact hit spans."""

    light: set[int]
    words: list[int]
    units: dict[int, tuple[int, int]]  # exact hit → its first and last content piece

    @classmethod
    def of(cls, pieces: list[Piece], lexicon: Lexicon) -> _Layout:
        light, units = set(), {}
        words = [0]
        for number, piece in enumerate(pieces):
            token = piece.token
            if token.text in lexicon.light or (token.joined and
                                               token.text in lexicon.light_suffixes):
                light.add(number)
            words.append(words[-1] + (token.kind == WORD))
            if piece.barrier >= 0 and piece.form is not None:
                first, _ = units.get(piece.barrier, (number, number))
                units[piece.barrier] = (first, number)
        return cls(light, words, units)


def _one_unit(pieces: list[Piece], by_piece: dict[int, int]) -> bool:
    """The target's words in the clause all lie in one exact hit."""
    barriers = {pieces[place].barrier for place in by_piece}
    return len(barriers) == 1 and -1 not in barriers


def _whole_units(pieces: list[Piece], first: int, last: int,
                 units: dict[int, tuple[int, int]]) -> bool:
    """Every exact hit the window touches has all its content words inside it ("the Belt and
    Road" in "the Belt and Road program"), and is not all the window."""
    for number in range(first, last + 1):
        barrier = pieces[number].barrier
        if barrier >= 0 and barrier in units:
            start, end = units[barrier]
            if start < first or end > last or (start == first and end == last):
                return False
    return True


def _inside_other_name(start: int, end: int, spans: list[Name], target: Target,
                       window: list[Piece]) -> bool:
    """The window lies in a name whose head the target does not have: another body's name."""
    target_words = {piece.form.lemma for piece in target.words if piece.form is not None}
    target_groups = {group for piece in target.words if piece.form is not None
                     for group in piece.form.groups}
    for name in spans:
        if name.start <= start and end <= name.end:
            for head in name.heads:
                form = next((piece.form for piece in window if piece.token.text == head
                             and piece.form is not None), None)
                if head in target_words or (form and form.groups & target_groups):
                    continue
                return True
    return False


def _titled(start: int, end: int, quoted: list[tuple[int, int]], target: Target,
            window: list[Piece]) -> bool:
    """The window lies in a quoted title and words of its own stand for the rendering's: "Shared
    Prosperity" in a speech's title is its author's phrase, not "common prosperity". A title
    that holds every content word of the rendering ("… to Build a Community with Shared Future
    for Mankind") still writes the term."""
    if not any(first <= start and end <= last for first, last in quoted):
        return False
    return {piece.form.stem for piece in window if piece.form is not None} != \
        {piece.form.stem for piece in target.words if piece.form is not None}


def _best_disjoint(found: list[tuple[int, int, Target, Verdict]]):
    """Overlapping candidates: the best score wins, then the longer, then the earlier. A window
    that is a rendering as a sentence's grammar has it ("forging …" for "forge …") is no near
    miss, and a near miss inside it is none either."""
    same = [(start, end) for start, end, _, verdict in found if not verdict.explanation]
    chosen: list[tuple[int, int, Target, Verdict]] = []
    for candidate in sorted(found, key=lambda c: (-c[3].score, c[0] - c[1], c[0])):
        start, end, _, verdict = candidate
        if not verdict.explanation or any(outer <= start and end <= last
                                          for outer, last in same):
            continue
        if all(end <= other[0] or start >= other[1] for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])
