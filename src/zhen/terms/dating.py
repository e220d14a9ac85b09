"""Dated renderings judged at a text's date: historical, current, or no longer in use.

Dates are ISO strings as precise as known (`2023`, `2023-11`, `2023-11-02`) and are compared at
the coarser of the two precisions: a text of 2 March 2024 may predate a change "since 2024-03",
and a text of "2023" may predate one "since 2023-11". Where the dates leave it open, the text is
given the benefit of the doubt: a superseded rendering is historical (info), not an error.
"""

from __future__ import annotations

from enum import Enum

from zhen.glossary.model import Rendering, Status

__all__ = ["Standing", "is_after", "is_before", "standing"]


class Standing(Enum):
    """A rendering's standing in a text of a given date."""

    AS_LISTED = "as listed"  # its status applies as the glossary gives it
    HISTORICAL = "historical"  # superseded, but the text was written before the change
    EXPIRED = "expired"  # admitted or preferred until a date the text is after


def _at_common_precision(first: str, second: str) -> tuple[str, str]:
    size = min(len(first), len(second))
    return first[:size], second[:size]


def is_before(text_date: str, change: str) -> bool:
    """The text may have been written before `change`: it is not after it at the coarser
    precision of the two dates."""
    text, changed = _at_common_precision(text_date, change)
    return text <= changed


def is_after(text_date: str, end: str) -> bool:
    """The text was written after `end`, at the coarser precision of the two dates."""
    text, ended = _at_common_precision(text_date, end)
    return text > ended


def standing(rendering: Rendering, text_date: str | None) -> Standing:
    """How a rendering stands in a text of `text_date` (None: undated, as listed)."""
    if not text_date:
        return Standing.AS_LISTED
    if rendering.status is Status.SUPERSEDED and rendering.since:
        return Standing.HISTORICAL if is_before(text_date, rendering.since) else Standing.AS_LISTED
    if rendering.status.approved and rendering.until and is_after(text_date, rendering.until):
        return Standing.EXPIRED
    return Standing.AS_LISTED
