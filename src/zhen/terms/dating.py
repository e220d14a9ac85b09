"""Dated renderings judged at a text's date: historical, current, or no longer in use.

Dates are ISO strings as precise as known (`2023`, `2023-11`, `2023-11-02`). A text is before a
date only if all of it is (a text of "2023" is not before "2023-11"), and after one only if all
of it is, so an imprecise date never turns a correct rendering into an error.
"""

from __future__ import annotations

import calendar
import datetime
from enum import Enum

from zhen.glossary.model import Rendering, Status

__all__ = ["Standing", "is_after", "is_before", "standing"]


class Standing(Enum):
    """A rendering's standing in a text of a given date."""

    AS_LISTED = "as listed"  # its status applies as the glossary gives it
    HISTORICAL = "historical"  # superseded, but the text was written before the change
    EXPIRED = "expired"  # admitted or preferred until a date the text is after


def _first_day(iso: str) -> datetime.date:
    parts = [int(part) for part in iso.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1,
                         parts[2] if len(parts) > 2 else 1)


def _last_day(iso: str) -> datetime.date:
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return datetime.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def is_before(text_date: str, change: str) -> bool:
    """All of `text_date` lies before `change`."""
    return _last_day(text_date) < _first_day(change)


def is_after(text_date: str, end: str) -> bool:
    """All of `text_date` lies after `end`."""
    return _first_day(text_date) > _last_day(end)


def standing(rendering: Rendering, text_date: str | None) -> Standing:
    """How a rendering stands in a text of `text_date` (None: undated, as listed)."""
    if not text_date:
        return Standing.AS_LISTED
    if rendering.status is Status.SUPERSEDED and rendering.since:
        return Standing.HISTORICAL if is_before(text_date, rendering.since) else Standing.AS_LISTED
    if rendering.status.approved and rendering.until and is_after(text_date, rendering.until):
        return Standing.EXPIRED
    return Standing.AS_LISTED
