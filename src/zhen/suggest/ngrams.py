"""Word n-gram counts of a corpus in bounded memory, and how strongly an n-gram holds together.

Counting is vectorized with numpy, so it costs a small fraction of segmentation: each word gets
an integer id, an n-gram of two or more words is keyed by a 64-bit rolling hash of its ids
(h = h · M + id, wrapping), and `add` only appends a document's hashes to a batch. Every
BATCH_WORDS words the batch is sorted, counted and merged into one sorted key array and one
count array per order. Words themselves are counted exactly and never pruned. Two n-grams
sharing a hash would share a count; for the few million n-grams of a corpus that is about one
chance in 10^6.

Memory is bounded by lossy counting: when the longer n-grams exceed `capacity` entries
(16 bytes each), every one seen at most `floor` times is dropped and the floor rises by one,
until at most half the capacity is left. An n-gram dropped at a prune loses at most that
prune's floor, so a frequent one keeps (nearly) its true count; `zhen.suggest.evidence`
recounts the shortlisted candidates exactly anyway.

`Resolver` turns the hashes worth a look back into words, from the id arrays kept in the spool.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from zhen.lazy import LazyModule

np = LazyModule("numpy")  # vectorized counting, imported on first use
DEFAULT_CAPACITY = 4_000_000
BATCH_WORDS = 2_000_000
MULTIPLIER = 0x9E3779B97F4A7C15  # odd: the rolling hash is a bijection per step
_MASK = (1 << 64) - 1


def rolling_hashes(ids: np.ndarray, order: int) -> np.ndarray:
    """The hash of every run of `order` consecutive ids (rows of a 2-D array: of each row)."""
    if ids.ndim == 2:
        hashes = ids[:, 0].astype(np.uint64)
        for column in range(1, order):
            hashes = hashes * np.uint64(MULTIPLIER) + ids[:, column].astype(np.uint64)
        return hashes
    hashes = ids[:len(ids) - order + 1].astype(np.uint64)
    for offset in range(1, order):
        hashes = hashes * np.uint64(MULTIPLIER) + ids[offset:len(ids) - order + 1 + offset]
    return hashes


def _hash(ids: Sequence[int]) -> int:
    value = ids[0]
    for word_id in ids[1:]:
        value = (value * MULTIPLIER + word_id) & _MASK
    return value


class NgramTable:
    """Counts of 1- to `longest`-word n-grams of the word lists given to `add`."""

    def __init__(self, longest: int, capacity: int = DEFAULT_CAPACITY,
                 separator: str = "\n"):
        self.longest = longest
        self.separator = separator  # a word that only separates runs: never counted as one
        self.capacity = capacity
        self.ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        self.word_counts = np.zeros(0, np.int64)
        self.keys = [np.zeros(0, np.uint64) for _ in range(longest - 1)]  # orders 2, 3, …
        self.counts = [np.zeros(0, np.int64) for _ in range(longest - 1)]
        self._batch: list[np.ndarray] = []
        self._batched = 0
        self._added = 0  # words given to `add`, separators included
        self.floor = 0  # n-grams seen this often or less may have been dropped
        self.prunes = 0

    def add(self, words: list[str]) -> np.ndarray:
        """Count the n-grams of a word list; returns its word ids (uint32) for the spool. A
        separator word such as "\\n" or "|" makes n-grams that no candidate ever matches."""
        ids = np.fromiter(map(self.ids.__getitem__, words), np.uint32, len(words))
        if len(ids):
            self._batch.append(ids)
            self._batched += len(ids)
            self._added += len(ids)
            if self._batched >= BATCH_WORDS:
                self.flush()
        return ids

    def flush(self) -> None:
        """Count the batch into the sorted tables."""
        if not self._batch:
            return
        batch, self._batch, self._batched = self._batch, [], 0
        ids = np.concatenate(batch)
        counts = np.bincount(ids, minlength=len(self.ids))
        counts[:len(self.word_counts)] += self.word_counts
        self.word_counts = counts
        for index, order in enumerate(range(2, self.longest + 1)):
            hashes = np.concatenate([rolling_hashes(part, order) for part in batch
                                     if len(part) >= order] or [np.zeros(0, np.uint64)])
            keys, counts = np.unique(hashes, return_counts=True)
            self.keys[index], self.counts[index] = _merge(self.keys[index], self.counts[index],
                                                          keys, counts)
        if self.size() > self.capacity:
            self.prune()

    @property
    def total(self) -> int:
        """Words counted, not counting separators."""
        self.flush()
        separator = self.ids.get(self.separator)
        return self._added - (int(self.word_counts[separator]) if separator is not None else 0)

    def size(self) -> int:
        return sum(len(keys) for keys in self.keys)

    def prune(self) -> None:
        """Drop the rarest longer n-grams until at most half the capacity is left."""
        self.prunes += 1
        while self.size() > self.capacity // 2:
            self.floor += 1
            for index, counts in enumerate(self.counts):
                kept = counts > self.floor
                self.keys[index], self.counts[index] = self.keys[index][kept], counts[kept]

    def count(self, words: Sequence[str]) -> int:
        """How often `words` (one to `longest` of them) were counted."""
        self.flush()
        ids = [self.ids.get(word) for word in words]
        if None in ids:
            return 0
        if len(ids) == 1:
            return int(self.word_counts[ids[0]])
        return int(self.counts_of(len(ids), np.array([_hash(ids)], np.uint64))[0])

    def counts_of(self, order: int, hashes: np.ndarray) -> np.ndarray:
        """Counts of n-grams of `order` words given by their hashes (0 for unknown ones)."""
        keys, counts = self.keys[order - 2], self.counts[order - 2]
        if not len(keys):
            return np.zeros(len(hashes), np.int64)
        places = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
        return np.where(keys[places] == hashes, counts[places], 0)

    def frequent(self, minimum: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """(hashes, counts) per order 2, 3, … of the n-grams seen at least `minimum` times."""
        self.flush()
        return [(keys[counts >= minimum], counts[counts >= minimum])
                for keys, counts in zip(self.keys, self.counts, strict=True)]

    def cohesion(self, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """How much more often each n-gram's words (rows of `ids`) occur together than apart,
        in bits: the smallest pointwise mutual information over the ways of cutting it in two,
        log2(P(whole) / (P(left) · P(right))), each P a count over the words counted.

        A part's count is taken as at least the whole's (a part pruned and counted afresh
        would otherwise make the n-gram look more cohesive than it is)."""
        order, total = ids.shape[1], self.total
        weakest = np.full(len(ids), np.inf)
        for cut in range(1, order):
            left = np.maximum(self._part_counts(ids[:, :cut]), counts)
            right = np.maximum(self._part_counts(ids[:, cut:]), counts)
            weakest = np.minimum(weakest, np.log2(counts * total / (left * right)))
        return weakest

    def _part_counts(self, ids: np.ndarray) -> np.ndarray:
        if ids.shape[1] == 1:
            return self.word_counts[ids[:, 0]]
        return self.counts_of(ids.shape[1], rolling_hashes(ids, ids.shape[1]))

    def vocabulary(self) -> list[str]:
        """id → word."""
        words = [""] * len(self.ids)
        for word, word_id in self.ids.items():
            words[word_id] = word
        return words


def _merge(keys: np.ndarray, counts: np.ndarray, new_keys: np.ndarray,
           new_counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted tables of distinct keys as one: counts of shared keys added."""
    if not len(keys):
        return new_keys, new_counts
    places = np.searchsorted(keys, new_keys)
    bounded = np.minimum(places, len(keys) - 1)
    shared = keys[bounded] == new_keys
    counts = counts.copy()
    counts[bounded[shared]] += new_counts[shared]
    fresh = ~shared
    return (np.insert(keys, places[fresh], new_keys[fresh]),
            np.insert(counts, places[fresh], new_counts[fresh]))


class Resolver:
    """The word ids of wanted n-gram hashes, found by hashing the spooled id arrays again until
    every one has been seen; vectorized, with Python work only per hash found."""

    def __init__(self, wanted: list[np.ndarray]):
        self.pending = [np.sort(hashes) for hashes in wanted]  # per order 2, 3, …
        self.open = [np.ones(len(hashes), bool) for hashes in wanted]
        self.remaining = sum(len(hashes) for hashes in wanted)
        self.found: list[dict[int, tuple[int, ...]]] = [{} for _ in wanted]

    @property
    def done(self) -> bool:
        return self.remaining == 0

    def feed(self, ids: np.ndarray) -> None:
        for index, pending in enumerate(self.pending):
            order = index + 2
            if not len(pending) or len(ids) < order:
                continue
            hashes = rolling_hashes(ids, order)
            places = np.minimum(np.searchsorted(pending, hashes), len(pending) - 1)
            hits = np.flatnonzero((pending[places] == hashes) & self.open[index][places])
            if not len(hits):
                continue
            keys, first = np.unique(hashes[hits], return_index=True)
            found = self.found[index]
            for key, start in zip(keys.tolist(), hits[first].tolist(), strict=True):
                found[key] = tuple(ids[start:start + order].tolist())
            self.open[index][np.searchsorted(pending, keys)] = False
            self.remaining -= len(keys)
