"""Second and third passes over the spooled corpus: exact evidence for shortlisted candidates.

Pass 2 finds every occurrence of every shortlisted candidate (one Aho-Corasick automaton per
language) and tallies its exact frequency, the documents it is in, two contexts (from two
documents when it is in more than one) and its neighbours: the character before and after a
Chinese candidate, the word before and after an English one. A neighbour that is punctuation,
another script, the edge of the text or an English function word counts as a new neighbour
every time — a term is free to stand there — and neighbours are tallied for the first
`NEIGHBOUR_SAMPLE` occurrences.

Pass 3 looks only at passages with nearby English (see `zhen.suggest.corpus`) that hold one
of the final Chinese candidates, and collects the English phrases there: see `renderings`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from zhen.chinese.script import HAN
from zhen.suggest.corpus import EN, ZH, Run, Spool
from zhen.suggest.shapes import ENGLISH_STOP, ENGLISH_TOKEN, LONGEST_RENDERING, english_shape

NEIGHBOUR_SAMPLE = 20_000
CONTEXT_WIDTH = 14  # characters shown on each side of a candidate
NEARBY_SAMPLE = 500  # nearby-English passages looked at per candidate
MIN_RENDERING_COUNT = 2
MIN_LOG_LIKELIHOOD = 10.83  # G², one degree of freedom: p < 0.001
MAX_RENDERINGS = 5
BOUND_SHARE = 0.9  # a phrase this often next to one same word is part of a longer phrase

_WORD_CHAR = re.compile(r"[a-z0-9']")
_WORD_BEFORE = re.compile(r"([a-z0-9']+) ?$")
_WORD_AFTER = re.compile(r" ?([a-z0-9']+)")
_EDGE = None  # a free boundary: punctuation, another script, the edge of the text


@dataclass(frozen=True)
class Context:
    path: str
    line: int
    text: str  # the candidate with up to CONTEXT_WIDTH characters either side


@dataclass
class Tally:
    """What pass 2 learns about one candidate."""

    frequency: int = 0
    documents: int = 0
    last_document: int = -1
    left: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)
    written: Counter = field(default_factory=Counter)  # English: the forms as written

    def freedom(self) -> float:
        """Boundary entropy in bits: the smaller of the left and right neighbours' entropies."""
        return min(_entropy(self.left), _entropy(self.right))


def _entropy(neighbours: Counter) -> float:
    total = sum(neighbours.values())
    if total == 0:
        return 0.0
    edges = neighbours.get(_EDGE, 0)
    entropy = edges / total * math.log2(total)  # each free boundary a neighbour of its own
    for neighbour, count in neighbours.items():
        if neighbour is not _EDGE:
            entropy -= count / total * math.log2(count / total)
    return entropy


def _automaton(keys: Sequence[str]):
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for index, key in enumerate(keys):
        automaton.add_word(key, index)
    if keys:
        automaton.make_automaton()
    return automaton


class _Collector:
    """Pass 2's per-occurrence bookkeeping, shared by both languages."""

    def __init__(self, size: int, documents: list[str]):
        self.tallies = [Tally() for _ in range(size)]
        self.documents = documents

    def occurrence(self, index: int, document: int, run: Run, start: int, end: int,
                   neighbours: tuple[object, object]) -> Tally:
        tally = self.tallies[index]
        tally.frequency += 1
        if tally.last_document != document:
            tally.documents += 1
            tally.last_document = document
        if tally.frequency <= NEIGHBOUR_SAMPLE:
            tally.left[neighbours[0]] += 1
            tally.right[neighbours[1]] += 1
        contexts = tally.contexts
        if len(contexts) < 2 or (contexts[1].path == contexts[0].path
                                 and self.documents[document] != contexts[0].path):
            context = Context(self.documents[document], run.line, _window(run.text, start, end))
            if len(contexts) < 2:
                contexts.append(context)
            else:
                contexts[1] = context
        return tally


def _window(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_WIDTH):start]
    after = text[end:end + CONTEXT_WIDTH]
    prefix = "…" if start > CONTEXT_WIDTH else ""
    suffix = "…" if end + CONTEXT_WIDTH < len(text) else ""
    return " ".join(f"{prefix}{before}{text[start:end]}{after}{suffix}".split())


def tally(spool: Spool, chinese: Sequence[str], english: Sequence[str],
          fold: Callable) -> tuple[list[Tally], list[Tally]]:
    """Pass 2: tallies of the Chinese (Simplified) and English (folded) candidates."""
    zh_automaton, en_automaton = _automaton(chinese), _automaton(english)
    zh = _Collector(len(chinese), spool.documents)
    en = _Collector(len(english), spool.documents)
    for document, passage in spool.passages():
        for run in passage.runs:
            if run.language == ZH and chinese:
                _chinese_occurrences(zh, zh_automaton, chinese, document, run)
            elif run.language == EN and english:
                _english_occurrences(en, en_automaton, english, document, run, fold)
    return zh.tallies, en.tallies


def _chinese_occurrences(collector: _Collector, automaton, keys: Sequence[str],
                         document: int, run: Run) -> None:
    text = run.simplified
    size = len(text)
    for last, index in automaton.iter(text):
        start, end = last - len(keys[index]) + 1, last + 1
        left = text[start - 1] if start > 0 else _EDGE
        right = text[end] if end < size else _EDGE
        if left is not _EDGE and not HAN.match(left):
            left = _EDGE
        if right is not _EDGE and not HAN.match(right):
            right = _EDGE
        collector.occurrence(index, document, run, start, end, (left, right))


def _english_occurrences(collector: _Collector, automaton, keys: Sequence[str],
                         document: int, run: Run, fold: Callable) -> None:
    folded = fold(run.text)
    text = folded.text
    size = len(text)
    for last, index in automaton.iter(text):
        start, end = last - len(keys[index]) + 1, last + 1
        if (start > 0 and _WORD_CHAR.match(text[start - 1])) or (
                end < size and _WORD_CHAR.match(text[end])):
            continue
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        after = _WORD_AFTER.match(text, end)
        neighbours = (_neighbour(before), _neighbour(after))
        original_start, original_end = folded.original_span(start, end)
        tally = collector.occurrence(index, document, run, original_start, original_end,
                                     neighbours)
        tally.written[run.text[original_start:original_end]] += 1


def _neighbour(match: re.Match | None) -> str | None:
    """The word beside an English candidate; a function word binds nothing (no term starts or
    ends with one), so like punctuation it counts as a free boundary."""
    if match is None or match.group(1) in ENGLISH_STOP:
        return _EDGE
    return match.group(1)


@dataclass(frozen=True)
class SeenRendering:
    """An English phrase seen near a Chinese candidate, in how many passages."""

    text: str  # as first written, e.g. "New Western Land-Sea Corridor"
    count: int
    concept_id: str | None = None  # the glossary concept it is a rendering of, if any
    status: str | None = None


def phrases(english: str, fold: Callable) -> dict[str, str]:
    """The distinct phrases of an English text, folded → as written: one to
    LONGEST_RENDERING + 1 words (the longest only to tell whether a shorter one is part of a
    longer one), content words at both ends."""
    folded = fold(english)
    matches = list(ENGLISH_TOKEN.finditer(folded.text))
    words = [match.group() for match in matches]
    found: dict[str, str] = {}
    for length in range(1, LONGEST_RENDERING + 2):
        for start in range(len(words) - length + 1):
            piece = tuple(words[start:start + length])
            if english_shape(piece, shortest=1, longest=LONGEST_RENDERING + 1):
                key = " ".join(piece)
                if key not in found:
                    first, last = matches[start].start(), matches[start + length - 1].end()
                    begin, end = folded.original_span(first, last)
                    found[key] = english[begin:end]
    return found


def renderings(spool: Spool, chinese: Sequence[str], fold: Callable,
               english_rate: Callable[[str], float]) -> list[list[tuple[str, str, int]]]:
    """Pass 3: for each Chinese candidate, the English phrases that keep appearing near it, as
    (folded, written, passages) — see `choose_renderings`. A phrase counts once per nearby-
    English passage of the candidate (the first NEARBY_SAMPLE passages)."""
    automaton = _automaton(chinese)
    near = [Counter() for _ in chinese]
    written: list[dict[str, str]] = [{} for _ in chinese]
    seen = [0] * len(chinese)
    if not chinese:
        return []
    passages = (passage for _, passage in spool.passages() if passage.nearby_english)
    for passage in passages:
        found = {index for run in passage.runs if run.language == ZH
                 for _, index in automaton.iter(run.simplified)}
        found = {index for index in found if seen[index] < NEARBY_SAMPLE}
        if not found:
            continue
        phrase_forms = phrases(passage.nearby_english, fold)
        for index in found:
            seen[index] += 1
            near[index].update(phrase_forms.keys())
            forms = written[index]
            for key, form in phrase_forms.items():
                forms.setdefault(key, form)
    return [[(phrase, forms[phrase], count)
             for phrase, count in choose_renderings(counts, passages, english_rate)]
            for counts, passages, forms in zip(near, seen, written, strict=True)]


def choose_renderings(counts: Counter, passages: int, english_rate: Callable[[str], float]
                      ) -> list[tuple[str, int]]:
    """The phrases of `counts` (phrase → passages it is in, of `passages`) that render the
    candidate, most frequent first. A phrase qualifies when it is in at least
    MIN_RENDERING_COUNT passages; far more of them than its rate in English text overall
    predicts (Dunning's log-likelihood G² ≥ MIN_LOG_LIKELIHOOD, p < 0.001), so a site's stock
    phrases drop out; it is not part of a longer phrase (one word on its left or right in
    BOUND_SHARE of its passages: "quality productive forces" has "new" before it); and it is
    not mostly inside a longer qualified phrase ("productive forces", 15 passages, inside "new
    quality productive forces", 12). A phrase holding a shown one or running on from one
    ("productive forces and digital services") is not shown, and one inside a shown one only
    with the passages where it stands on its own — so the list reads "new quality productive
    forces ×12, new productive forces ×3"."""
    extension = _longest_extension(counts)
    qualified: dict[str, int] = {}
    inside_qualified: dict[str, int] = {}
    by_length = sorted(counts.items(), key=lambda item: -len(item[0].split(" ")))
    for phrase, count in by_length:
        words = phrase.split(" ")
        if (count < MIN_RENDERING_COUNT or len(words) > LONGEST_RENDERING
                or extension.get(phrase, 0) >= BOUND_SHARE * count
                or inside_qualified.get(phrase, 0) * 2 >= count
                or _log_likelihood(count, passages, english_rate(phrase)) < MIN_LOG_LIKELIHOOD):
            continue
        qualified[phrase] = count
        for inner in _sub_phrases(words):
            inside_qualified[inner] = max(inside_qualified.get(inner, 0), count)
    chosen: list[tuple[str, int]] = []
    for phrase, count in sorted(qualified.items(), key=lambda item: (-item[1], item[0])):
        padded = f" {phrase} "
        if any(f" {kept} " in padded or _overlap(kept, phrase) for kept, _ in chosen):
            continue  # a shown phrase with words around it, or running on from one
        inside = sum(kept_count for kept, kept_count in chosen if padded in f" {kept} ")
        if count - inside >= MIN_RENDERING_COUNT:
            chosen.append((phrase, count))
        if len(chosen) == MAX_RENDERINGS:
            break
    return chosen


def _overlap(kept: str, phrase: str) -> bool:
    """Whether `phrase` starts with the end of `kept` or ends with its start ("productive forces
    and digital services" runs on from "new quality productive forces")."""
    first, second = kept.split(" "), phrase.split(" ")
    for size in range(1, min(len(first), len(second))):
        if first[-size:] == second[:size] or second[-size:] == first[:size]:
            return True
    return False


def _sub_phrases(words: list[str]) -> Iterator[str]:
    for length in range(1, len(words)):
        for start in range(len(words) - length + 1):
            yield " ".join(words[start:start + length])


def _log_likelihood(count: int, passages: int, rate: float) -> float:
    """Dunning's G² of seeing a phrase in `count` of `passages` when its rate is `rate`;
    0 when it is seen no more often than the rate predicts."""
    expected = passages * rate
    if count <= expected:
        return 0.0
    if rate <= 0:
        return math.inf
    g2 = count * math.log(count / expected)
    if count < passages:
        g2 += (passages - count) * math.log((passages - count) / (passages - expected))
    return 2 * g2


def _longest_extension(counts: Counter) -> dict[str, int]:
    """phrase → the count of its most frequent one-word-longer extension, on either side."""
    best: dict[str, int] = {}
    for phrase, count in counts.items():
        words = phrase.split(" ")
        if len(words) > 1:
            for inner in (" ".join(words[1:]), " ".join(words[:-1])):
                if best.get(inner, 0) < count:
                    best[inner] = count
    return best
