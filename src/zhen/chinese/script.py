"""Script spans inside a block: English (Latin letters), Chinese (Han) and neutral runs.

A *run* starts and ends on a letter of one script and absorbs every digit, punctuation mark,
space or symbol between letters of that same script, so "Source: | 2024-04-24 | Author:" is one
English span and "3.暂不升级,继续浏览" one Chinese span. What lies *between* two runs of different
scripts (or before the first and after the last run) is split like this:

- characters touching a run with no white space in between belong to that run
  ("Editor:" keeps its colon, "1.将…" keeps its number, "(习近平)" keeps its brackets);
- the stretch from the first to the last white space of such a gap is its own neutral span, so
  "Editor: 林雨晨" is "Editor:" + " " + "林雨晨" and every English or Chinese span starts and ends
  on a visible character — a translation can replace it in place and keep the page's spacing;
- a gap with no white space between an English and a Chinese run goes to the Chinese run, except
  closing punctuation right after the English ("Editor:林雨晨" → "Editor:" + "林雨晨");
- white space at the very start or end of the text is neutral; the rest of a leading or
  trailing gap belongs to the neighbouring run ("2024年", "…autumn.").

Text without any letter of either script is one neutral span. Letters of other scripts
(Cyrillic, kana, …) are treated like digits. Spans always concatenate to the text exactly.
"""

from __future__ import annotations

import re
import threading
from typing import NamedTuple

from zhen.cache import cached_bytes
from zhen.chinese.convert import to_simplified, to_traditional
from zhen.offsets import LineIndex
from zhen.types import Language, Span, Variant

#: Han ideographs (CJK Unified, Extension A and the supplementary planes, compatibility).
HAN_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: What counts as Chinese script in a span: the ideographs plus the iteration and numeral marks
#: (々〇〡…) and bopomofo, which only occur in Chinese text.
_HAN = "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3100-\u312f\u31a0-\u31bf" + HAN_IDEOGRAPHS
HAN = re.compile(f"[{HAN_IDEOGRAPHS}]")
HAN_WORD = re.compile(f"[{HAN_IDEOGRAPHS}]+")
_LATIN = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1dbf\u1e00-\u1eff"
    "\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
)
# A run is a letter, then anything but letters of the other script, back to its last own letter:
# one character-class repeat (no per-character group) that backtracks only over the run's tail.
_RUNS = re.compile(
    f"(?P<zh>[{_HAN}](?:[^{_LATIN}]*[{_HAN}])?)|(?P<en>[{_LATIN}](?:[^{_HAN}]*[{_LATIN}])?)"
)
_SPACE = re.compile(r"\s")
_LEADING_SPACE = re.compile(r"\s*")
_CLOSING_PUNCTUATION = frozenset(".,:;!?)]}'\"\u2019\u201d%")


class Piece(NamedTuple):
    """A span before it becomes a record: [start, end) of the text and its language."""

    start: int
    end: int
    language: Language


def script_pieces(text: str) -> list[Piece]:
    """The spans of `text` as offsets only: the fast core that page reading builds on."""
    runs = [
        (match.start(), match.end(), Language.ZH if match.lastgroup == "zh" else Language.EN)
        for match in _RUNS.finditer(text)
    ]
    if not runs:
        return [Piece(0, len(text), Language.NEUTRAL)] if text else []
    pieces: list[Piece] = []
    first_start = _LEADING_SPACE.match(text).end()
    if first_start:
        pieces.append(Piece(0, first_start, Language.NEUTRAL))
    run_start, run_end, language = first_start, runs[0][1], runs[0][2]
    for next_start, next_end, next_language in runs[1:]:
        gap = text[run_end:next_start]
        spaces = [match.start() for match in _SPACE.finditer(gap)]
        if spaces:
            middle_start, middle_end = run_end + spaces[0], run_end + spaces[-1] + 1
            pieces.append(Piece(run_start, middle_start, language))
            pieces.append(Piece(middle_start, middle_end, Language.NEUTRAL))
            run_start = middle_end
        else:
            split = run_end
            if language is Language.EN:
                while split < next_start and text[split] in _CLOSING_PUNCTUATION:
                    split += 1
            else:
                split = next_start
            pieces.append(Piece(run_start, split, language))
            run_start = split
        run_end, language = next_end, next_language
    tail = text[run_end:]
    last_end = run_end + len(tail.rstrip())
    pieces.append(Piece(run_start, last_end, language))
    if last_end < len(text):
        pieces.append(Piece(last_end, len(text), Language.NEUTRAL))
    return pieces


def split_spans(text: str, start: int = 0, *, lines: LineIndex | None = None) -> list[Span]:
    """Script spans of `text`, which begins at offset `start` of its document.

    Offsets are `start` + position in `text`. Line and column come from `lines`, the document's
    LineIndex, when given; otherwise they count within `text` itself. Chinese spans carry their
    Simplified/Traditional variant; tokens are added by segmentation (`zhen.chinese.segment`).
    """
    local = LineIndex(text) if lines is None else None
    spans = []
    for piece in script_pieces(text):
        if lines is not None:
            line, column = lines.line_column(start + piece.start)
        else:
            line, column = local.line_column(piece.start)
        piece_text = text[piece.start : piece.end]
        spans.append(
            Span(
                text=piece_text,
                language=piece.language,
                start=start + piece.start,
                end=start + piece.end,
                line=line,
                column=column,
                variant=mark_variant(piece_text) if piece.language is Language.ZH else None,
            )
        )
    return spans


def has_han(text: str) -> bool:
    """Whether `text` holds at least one Han ideograph."""
    return HAN.search(text) is not None


def mark_variant(text: str) -> Variant:
    """Simplified, Traditional, or unmarked when every character is shared by both scripts.

    A character is Traditional-only when OpenCC's t2s changes it and s2t does not (瀏, 發),
    Simplified-only the other way round (浏, 发). A span with characters of one kind only is
    that kind; a mix takes the kind with more characters (ties count as Simplified).
    """
    traditional_only, simplified_only = _script_only_characters()
    traditional = traditional_only.search(text) is not None
    simplified = simplified_only.search(text) is not None
    if traditional and simplified:
        traditional = len(traditional_only.findall(text)) > len(simplified_only.findall(text))
        simplified = not traditional
    if traditional:
        return Variant.TRADITIONAL
    return Variant.SIMPLIFIED if simplified else Variant.UNMARKED


_script_lock = threading.Lock()
_script_patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def _script_only_characters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the Traditional-only and Simplified-only characters, built once;
    locked only while they may still need building: this runs for every Chinese span."""
    global _script_patterns
    if _script_patterns is not None:
        return _script_patterns
    with _script_lock:
        if _script_patterns is None:
            lines = cached_bytes("script-only-characters.txt", _build_script_only_characters)
            traditional, simplified = lines.decode("utf-8").split("\n")[:2]
            _script_patterns = (
                re.compile(f"[{re.escape(traditional)}]"),
                re.compile(f"[{re.escape(simplified)}]"),
            )
        return _script_patterns


def _build_script_only_characters() -> bytes:
    """Two lines: the Traditional-only, then the Simplified-only characters (CJK and Ext. A)."""
    characters = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]]
    joined = "\n".join(characters)  # one character per line: OpenCC converts each on its own
    as_simplified = to_simplified(joined).split("\n")
    as_traditional = to_traditional(joined).split("\n")
    rows = zip(characters, as_simplified, as_traditional, strict=True)
    traditional, simplified = [], []
    for character, simplified_form, traditional_form in rows:
        if simplified_form != character and traditional_form == character:
            traditional.append(character)
        elif traditional_form != character and simplified_form == character:
            simplified.append(character)
    return f"{''.join(traditional)}\n{''.join(simplified)}\n".encode()
