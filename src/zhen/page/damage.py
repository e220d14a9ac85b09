"""How a page was decoded, in one phrase every output shares: encoding, why, what was damaged."""

from __future__ import annotations

from zhen.offsets import LineIndex
from zhen.types import Page

_SHOWN = 3  # damaged places named in the phrase; JSON lists them all


def encoding_note(page: Page) -> str:
    """ "utf-8 (valid UTF-8)"; for a damaged page, where: "utf-8 (UTF-8, 1 damaged byte
    replaced: byte 5426 at 57:9)". """
    if not page.encoding_reason:
        return page.encoding
    note = f"{page.encoding} ({page.encoding_reason}"
    if page.damage:
        lines = LineIndex(page.text)
        places = []
        for damage in page.damage[:_SHOWN]:
            line, column = lines.line_column(damage.start)
            places.append(f"byte {damage.byte_offset} at {line}:{column}")
        more = f" and {len(page.damage) - _SHOWN} more" if len(page.damage) > _SHOWN else ""
        note += ": " + ", ".join(places) + more
    return note + ")"


def damage_warning(page: Page) -> str | None:
    """One line for standard error when the page had to be repaired; None when it was intact."""
    if not page.damage:
        return None
    return f"Warning: {page.source}: read as {encoding_note(page)}; U+FFFD marks the damage"
