"""Near misses: English wordings the glossary does not list that are clearly one of its terms.

The rule, in the order it is applied to a window of text (one sentence, never across a glossary
term already found exactly) and an approved rendering with n distinct content words:

1. Words are compared by Snowball stem ("productive" = "productivity") after dropping function
   words ("of", "the", "and"…); a window starts and ends on a word of the rendering.
2. The rendering's head noun (the word before its first preposition, else its last word) is in the
   window as a noun — same word in either number, or a noun derived from it ("opening-up" →
   "openness") — or it has fused into the word before it ("productive forces" → "productivity").
3. At most `edit_budget(n)` content words are dropped or added: none for n ≤ 3, one for n = 4–7.
4. Something differs besides function words (reordered, inflected, dropped or added): a window
   that equals a listed rendering up to "the"/"of" is that rendering, not a near miss.
5. Dropping a leading word alone is not a near miss: "carbon dioxide emissions" is ordinary prose,
   not a mangled "peak carbon dioxide emissions".
6. Score = rarity of the shared words / (rarity of all the rendering's words + of the added
   words) ≥ threshold, where rarity is ln(1 + N/df) over the glossary's N concepts: a shared
   "productive" counts for more than a shared "development".
"""

from __future__ import annotations

import math
import pickle
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from zhen.cache import cached, installed_version
from zhen.glossary.model import Glossary
from zhen.terms.wording import FUNCTION_WORDS, key_words, other_number, strip_abbreviation
from zhen.types import TermHit

__all__ = ["DEFAULT_THRESHOLD", "NearMiss", "NearMissDetector", "edit_budget"]

DEFAULT_THRESHOLD = 0.6
MAX_EXTRA_FUNCTION_WORDS = 3  # a window may hold this many more words than the rendering

_NOUN_SUFFIXES = ("ity", "ness", "tion", "sion", "ment", "ance", "ence", "ism", "ship", "acy")
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
_SENTENCE_BREAK = re.compile(r"[.;:!?]|\n[ \t\r]*\n")


def edit_budget(content_words: int) -> int:
    """Content words that may be dropped or added: 0 up to three words, then one per four."""
    return 0 if content_words <= 3 else 1 + (content_words - 4) // 4


@dataclass(frozen=True)
class NearMiss:
    """A wording that resembles an approved rendering; `explanation` says how it differs."""

    concept_id: str
    text: str
    start: int
    end: int
    resembles: str  # the approved rendering it is closest to
    suggestion: str  # the concept's preferred rendering
    score: float
    explanation: str


def _lemma(word: str) -> str:
    """A word's singular: the only inflection that leaves a noun the same noun."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return other_number(word) or word
    return word


def _is_noun_form(lemma: str) -> bool:
    return lemma.endswith(_NOUN_SUFFIXES)


@dataclass(frozen=True)
class _Target:
    """An approved rendering reduced to what the rule compares."""

    concept_id: str
    rendering: str
    suggestion: str
    stems: tuple[str, ...]  # distinct content stems in order
    lemmas: tuple[str, ...]  # the rendering's word for each stem, in the singular
    words: tuple[str, ...]  # the rendering's word for each stem, as written (lower case)
    weights: tuple[float, ...]
    head: int  # index into stems
    word_count: int  # content and function words

    @cached_property
    def stem_set(self) -> frozenset[str]:
        return frozenset(self.stems)

    @cached_property
    def least_shared(self) -> int:
        """Distinct words a window must share: all but the droppable ones, and at least two."""
        return max(2, len(self.stems) - edit_budget(len(self.stems)))

    @cached_property
    def head_before(self) -> str | None:
        """The word before the head, which the head may fuse into."""
        return self.stems[self.head - 1] if self.head else None

    @cached_property
    def total_weight(self) -> float:
        return sum(self.weights)

    @cached_property
    def mean_weight(self) -> float:
        return self.total_weight / len(self.weights)


class _Word(NamedTuple):
    """A content word of the text (a tuple: there is one per word scanned)."""

    position: int  # index among all words of the text
    start: int
    end: int
    stem: str
    lemma: str
    surface: str  # lower case


class _Words:
    """Lower-case word → (stem, lemma), cached: the stemmer is the costly part of scanning."""

    def __init__(self) -> None:
        import Stemmer

        self._stem = Stemmer.Stemmer("english").stemWord
        self._cache: dict[str, tuple[str, str]] = {}

    def analyse(self, word: str) -> tuple[str, str]:
        """(stem, lemma) of a lower-case word."""
        known = self._cache.get(word)
        if known is None:
            lemma = _lemma(word)
            known = self._cache[word] = (self._stem(lemma), lemma)
        return known


class _Index:
    """Targets of a glossary, the stems they share, and the listed wordings to leave alone."""

    def __init__(self, glossary: Glossary, words: _Words):
        raw: list[tuple[str, str, str, list[tuple[str, str]], int, int]] = []
        self.listed: set[tuple[str, ...]] = set()
        for concept in glossary.concepts:
            preferred = concept.preferred
            for rendering in concept.english:
                if preferred is None or not rendering.status.approved:
                    continue
                content, head, word_count = _content_words(rendering.text, words)
                self.listed.add(tuple(lemma for _, lemma, _ in content))
                raw.append((concept.id, rendering.text, preferred.text, content, head, word_count))
        concepts_with = {}
        for concept_id, _, _, content, _, _ in raw:
            for stem, _, _ in content:
                concepts_with.setdefault(stem, set()).add(concept_id)
        total = len({entry[0] for entry in raw}) or 1
        self.rarity = {stem: math.log(1 + total / len(ids)) for stem, ids in concepts_with.items()}
        self.targets: list[_Target] = []
        self.by_stem: dict[str, list[int]] = {}
        for concept_id, rendering, suggestion, content, head, word_count in raw:
            target = self._target(concept_id, rendering, suggestion, content, head, word_count)
            if target is None:
                continue
            for stem in target.stems:
                self.by_stem.setdefault(stem, []).append(len(self.targets))
            self.targets.append(target)

    def _target(self, concept_id, rendering, suggestion, content, head, word_count):
        stems: list[str] = []
        lemmas: list[str] = []
        surfaces: list[str] = []
        for stem, lemma, surface in content:
            if stem not in stems:
                stems.append(stem)
                lemmas.append(lemma)
                surfaces.append(surface)
        if len(stems) < 2:
            return None
        head_stem = content[head][0]
        return _Target(concept_id, rendering, suggestion, tuple(stems), tuple(lemmas),
                       tuple(surfaces), tuple(self.rarity[s] for s in stems),
                       stems.index(head_stem), word_count)


def _content_words(rendering: str, words: _Words) -> tuple[list[tuple[str, str, str]], int, int]:
    """(stem, lemma, word) of each content word, the head's index among them, the word count."""
    key, head_word, _ = key_words(strip_abbreviation(rendering))
    content: list[tuple[str, str, str]] = []
    head = 0
    count = 0
    for index, word in enumerate(key):
        for token in _WORD.findall(word):
            count += 1
            if token in FUNCTION_WORDS:
                continue
            if index <= head_word:
                head = len(content)
            content.append((*words.analyse(token), token))
    return content, head, count


_LAYOUT = 1  # bump when _Index or _Target changes: the cached index's name carries it
_lock = threading.Lock()
_words: _Words | None = None
_indexes: dict[str, _Index] = {}


def _index_for(glossary: Glossary) -> tuple[_Index, _Words]:
    global _words
    with _lock:
        if _words is None:
            _words = _Words()
        key, words = glossary.key, _words
        if key not in _indexes:  # cached: ~40 ms to build for the shipped glossary
            _indexes[key] = cached(
                f"nearmiss-{key}-stemmer{installed_version('PyStemmer')}-layout{_LAYOUT}.pickle",
                lambda: _Index(glossary, words), dump=pickle.dumps, load=pickle.loads)
        index = _indexes[key]
    return index, _words


class NearMissDetector:
    """Wordings near an approved rendering; `threshold` (0–1) trades recall for precision."""

    def __init__(self, glossary: Glossary, threshold: float = DEFAULT_THRESHOLD):
        if not 0 <= threshold <= 1:
            raise ValueError(f"near-miss threshold must be between 0 and 1, not {threshold}")
        self.threshold = threshold
        self._index, self._words = _index_for(glossary)

    def find(self, text: str, exact: Sequence[TermHit] = ()) -> list[NearMiss]:
        """Near misses in `text`, in text order; `exact` hits (offsets into `text`) stay alone."""
        found: list[tuple[float, int, int, _Target, str]] = []
        for chunk in self._chunks(text, exact):
            candidates = list(self._in_chunk(chunk))
            found.extend(_best_disjoint(candidates) if len(candidates) > 1 else candidates)
        return [NearMiss(target.concept_id, text[start:end], start, end, target.rendering,
                         target.suggestion, round(score, 3), explanation)
                for score, start, end, target, explanation in found]

    def _chunks(self, text: str, exact: Sequence[TermHit]) -> Iterable[list[tuple[_Word, int]]]:
        """Runs of content words inside one sentence and outside every exact hit."""
        barriers = sorted((hit.start, hit.end) for hit in exact)
        breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
        analyse = self._words.analyse
        by_stem = self._index.by_stem
        chunk: list[tuple[_Word, int]] = []
        position = 0
        next_break = 0
        next_barrier = 0
        for match in _WORD.finditer(text):
            start, end = match.span()
            broken = False
            while next_break < len(breaks) and breaks[next_break] < start:
                next_break += 1
                broken = True
            while next_barrier < len(barriers) and barriers[next_barrier][1] <= start:
                next_barrier += 1
                broken = True
            inside = next_barrier < len(barriers) and barriers[next_barrier][0] < end
            if broken or inside:
                if len(chunk) > 1:
                    yield chunk
                chunk = []
                if inside:
                    continue
            position += 1
            lower = match.group().lower()
            if lower in FUNCTION_WORDS:
                continue
            stem, lemma = analyse(lower)
            chunk.append((_Word(position, start, end, stem, lemma, lower),
                          len(by_stem.get(stem, ()))))
        if len(chunk) > 1:
            yield chunk

    def _in_chunk(self, chunk: list[tuple[_Word, int]]):
        words = [word for word, _ in chunk]
        index = self._index
        present = {word.stem for word, known in chunk if known}
        if len(present) < 2:
            return
        shared = Counter(chain.from_iterable(index.by_stem[stem] for stem in present))
        for target_id, count in shared.items():
            target = index.targets[target_id]
            if count >= target.least_shared and (
                    target.stems[target.head] in present or target.head_before in present):
                yield from self._windows(words, target)

    def _windows(self, words: list[_Word], target: _Target):
        """Windows that start and end on a word of the target and share enough of its words."""
        stems = target.stem_set
        longest = len(target.stems) + edit_budget(len(target.stems))
        least = target.least_shared
        widest = target.word_count + MAX_EXTRA_FUNCTION_WORDS
        for first, word in enumerate(words):
            if word.stem not in stems:
                continue
            seen = {word.stem}
            for last in range(first + 1, min(first + longest, len(words))):
                stem = words[last].stem
                if stem not in stems:
                    continue
                if words[last].position - word.position + 1 > widest:
                    break
                seen.add(stem)
                if len(seen) < least:
                    continue
                window = words[first:last + 1]
                judged = self._judge(window, target)
                if judged is not None:
                    score, explanation = judged
                    yield score, window[0].start, window[-1].end, target, explanation

    def _judge(self, window: list[_Word], target: _Target) -> tuple[float, str] | None:
        """(score, explanation) if the window is a near miss of the target, else None."""
        order = {stem: index for index, stem in enumerate(target.stems)}
        seen: dict[str, _Word] = {}
        added = [word for word in window if word.stem not in order]
        for word in window:
            if word.stem in order:
                seen.setdefault(word.stem, word)
        dropped = [index for index, stem in enumerate(target.stems) if stem not in seen]
        head_stem = target.stems[target.head]
        fused = False
        if head_stem in seen:
            head_word = seen[head_stem]
            if head_word.lemma != target.lemmas[target.head] and not _is_noun_form(head_word.lemma):
                return None
        else:
            fused = self._fused(window, target)
            if not fused:
                return None
        if len(dropped) + len(added) > edit_budget(len(target.stems)):
            return None
        if tuple(word.lemma for word in window) in self._index.listed:
            return None
        positions = [order[stem] for stem in seen]
        reordered = positions != sorted(positions)
        inflected = [stem for stem, word in seen.items()
                     if word.lemma != target.lemmas[order[stem]]]
        if not (reordered or inflected or dropped or added):
            return None
        if dropped and not (reordered or inflected or added) and _contiguous(sorted(positions)):
            return None
        rarity = self._index.rarity
        shared = sum(target.weights[order[stem]] for stem in seen)
        extra = sum(rarity.get(word.stem, target.mean_weight) for word in added)
        score = shared / (target.total_weight + extra)
        if score < self.threshold:
            return None
        return score, _explain(target, seen, dropped, added, reordered, inflected, fused)

    @staticmethod
    def _fused(window: list[_Word], target: _Target) -> bool:
        """The head merged into the word before it: "productive forces" → "productivity"."""
        if target.head == 0:
            return False
        before = target.head - 1
        last = window[-1]
        return (last.stem == target.stems[before] and last.lemma != target.lemmas[before]
                and _is_noun_form(last.lemma))


def _contiguous(positions: list[int]) -> bool:
    return positions == list(range(positions[0], positions[0] + len(positions)))


def _explain(target, seen, dropped, added, reordered, inflected, fused) -> str:
    parts = []
    if reordered:
        parts.append("words reordered")
    for index in dropped:
        if fused and index == target.head:
            merged = seen[target.stems[index - 1]].surface
            parts.append(f"'{target.words[index - 1]} {target.words[index]}' fused into '{merged}'")
        else:
            parts.append(f"'{target.words[index]}' dropped")
    for stem in inflected:
        index = target.stems.index(stem)
        if not (fused and index == target.head - 1):
            parts.append(f"'{target.words[index]}' written '{seen[stem].surface}'")
    parts.extend(f"'{word.surface}' added" for word in added)
    return "; ".join(parts)


def _best_disjoint(found: list[tuple[float, int, int, _Target, str]]):
    """Overlapping candidates: the best score wins, then the longer, then the earlier."""
    chosen: list[tuple[float, int, int, _Target, str]] = []
    for candidate in sorted(found, key=lambda c: (-c[0], c[1] - c[2], c[1])):
        if all(candidate[2] <= other[1] or candidate[1] >= other[2] for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[1])
