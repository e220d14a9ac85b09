"""Overlapping matches settled the way a reader reads them: the longest wins.

Both matchers (`zhen.terms.english`, `zhen.terms.chinese`) collect candidates as
(start, end, value) and keep the longest of each overlapping cluster.
"""

from __future__ import annotations

from collections.abc import Callable

Candidate = tuple[int, int, int]  # (start, end, value)


def longest_first(candidates: list[Candidate],
                   keep_nested: Callable[[int, int], bool] | None = None) -> list[Candidate]:
    """Non-overlapping candidates in text order; where some overlap, the longest wins (then the
    leftmost). A candidate inside a winner is kept too when `keep_nested(inner, outer)` says so
    ("new quality productive forces" inside a longer admitted phrase is still a correct use).
    Overlaps are rare, so they are settled cluster by cluster."""
    candidates.sort()
    kept: list[Candidate] = []

    def flush(cluster: list[Candidate]) -> None:
        kept.extend(cluster if len(cluster) < 2 else _settle(cluster, keep_nested))

    cluster: list[Candidate] = []
    cluster_end = -1
    for candidate in candidates:
        if candidate[0] >= cluster_end:
            flush(cluster)
            cluster = [candidate]
            cluster_end = candidate[1]
        else:
            cluster.append(candidate)
            if candidate[1] > cluster_end:
                cluster_end = candidate[1]
    flush(cluster)
    return kept


def _settle(cluster: list[Candidate],
            keep_nested: Callable[[int, int], bool] | None) -> list[Candidate]:
    if len(cluster) < 2:
        return cluster
    chosen: list[Candidate] = []
    nested: list[Candidate] = []
    for candidate in sorted(cluster, key=lambda c: (c[0] - c[1], c[0])):
        if not any(_overlap(candidate, other) for other in chosen):
            chosen.append(candidate)
        elif (keep_nested is not None
              and any(_inside(candidate, other) and keep_nested(candidate[2], other[2])
                      for other in chosen)
              and not any(_overlap(candidate, other) for other in nested)):
            nested.append(candidate)
    return sorted(chosen + nested)


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
