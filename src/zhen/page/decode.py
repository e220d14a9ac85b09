"""Bytes → text: BOMs, UTF-8, the Chinese encodings, Windows-1252 for English — nothing else.

Big5 bytes usually decode *without error* as GB18030 (into nonsense) and GB18030 bytes often
decode as Big5, so both are tried and the more plausible text wins: the share of its Chinese
characters that are among the few thousand most frequent ones of either script. The frequency
set is derived from jieba's dictionary (word frequencies summed per character; the Traditional
set through OpenCC) and cached in zhen's cache dir.

A page cut in the middle of a character, or with a few bad bytes, is still read in its own
encoding: the bad bytes become U+FFFD and each stretch is reported (`Damage`) with its offset.
UTF-8 is tried that way before anything else, because GB18030 decodes almost any bytes: a cut
UTF-8 page once came out as GB18030, its no-break spaces turned into 聽. Generic detectors were
dropped for the same reason (they named cp1257, cp1125 or cp932 for cut Chinese pages): bytes
that are none of the encodings above are refused, naming the first byte that is not UTF-8.
"""

from __future__ import annotations

import codecs
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from zhen.cache import cached_bytes
from zhen.chinese.convert import to_traditional
from zhen.errors import InputError
from zhen.types import Damage

_BOMS = [  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
]
_CHINESE_ENCODINGS = ["gb18030", "big5"]
_FREQUENT_CHARACTERS = 4000
_PLAUSIBLE = 0.5  # share of frequent characters for text that decoded without error
_PLAUSIBLE_DAMAGED = 0.8  # … and for text that needed repairs
_VALID_PER_DAMAGED_BYTE = 8  # UTF-8 with damage: valid multi-byte characters per bad byte
_ENGLISH_HIGH_BYTES = 0.1  # at most this share of bytes above ASCII in a Windows-1252 page
_HIGH = bytes(range(0x80, 0x100))
_REPAIR = "zhen-repair"


@dataclass(frozen=True)
class Decoded:
    """A page's text, the encoding it was read with, why that one, and what had to be repaired."""

    text: str
    encoding: str
    reason: str
    damage: tuple[Damage, ...] = ()


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> Decoded:
    """The text of `data`, the encoding it was read with and why.

    Raises InputError naming `source` for binary data, a forced encoding the bytes do not
    follow (with the line of the first bad byte), or bytes none of zhen's encodings explains.
    """
    if encoding is not None:
        return Decoded(_decode_forced(data, source, encoding), encoding, "given with --encoding")
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(data, len(bom), name, codec, source)
    _refuse_binary(data, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "valid UTF-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired
    return (_most_plausible_chinese(data) or _damaged_chinese(data) or _english(data)
            or _refuse(data, source, first_bad))


def _decode_forced(data: bytes, source: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", source) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _undecodable(data, source, encoding, error.start) from None


def _decode_after_bom(data: bytes, skip: int, name: str, codec: str, source: str) -> Decoded:
    """A BOM settles the encoding: a cut last character or a few bad bytes are repaired; a page
    whose bytes mostly do not follow it is refused at the first bad byte."""
    text, damage = _repaired(data, name, skip)
    if not damage:
        return Decoded(text, codec, "byte order mark")
    bad = sum(item.length for item in damage)
    if _is_cut_tail(data, damage) or bad * 100 <= len(data):
        return Decoded(text, codec, f"byte order mark, {_damaged(bad)}", damage)
    raise _undecodable(data, source, codec, damage[0].byte_offset)


def _undecodable(data: bytes, source: str, encoding: str, offset: int) -> InputError:
    """Names the first bad byte, its offset in the file and its line (counted in LF bytes)."""
    line = data.count(b"\n", 0, offset) + 1
    byte = data[offset : offset + 1].hex()
    return InputError(f"byte 0x{byte} at offset {offset} is not valid {encoding}", source, line)


def _refuse(data: bytes, source: str, first_bad: int) -> NoReturn:
    line = data.count(b"\n", 0, first_bad) + 1
    byte = data[first_bad : first_bad + 1].hex()
    raise InputError(f"not UTF-8 (byte 0x{byte} at offset {first_bad}), GB18030, Big5 or "
                     "English text; give the encoding with --encoding", source, line)


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {kind}, not a text or HTML page", source)
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary file (NUL byte), not a text or HTML page", source, line)


# --- repairs: bad bytes → U+FFFD, each stretch recorded ----------------------------------------

_repairs = threading.local()


def _record_repair(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _repairs.ranges.append((error.start, error.end))
    return "\ufffd", error.end


def _repaired(data: bytes, encoding: str, skip: int = 0) -> tuple[str, tuple[Damage, ...]]:
    """`data[skip:]` decoded with every undecodable stretch replaced by one U+FFFD."""
    try:
        return data[skip:].decode(encoding), ()
    except UnicodeDecodeError:
        pass
    try:
        codecs.lookup_error(_REPAIR)
    except LookupError:
        codecs.register_error(_REPAIR, _record_repair)
    _repairs.ranges = []
    try:
        text = data[skip:].decode(encoding, _REPAIR)
        ranges = _merged(_repairs.ranges)
    finally:
        del _repairs.ranges
    damage, position, characters = [], 0, 0
    for start, end in ranges:
        characters += len(data[skip + position : skip + start].decode(encoding, "replace"))
        damage.append(Damage(skip + start, end - start, characters))
        characters += 1
        position = end
    return text, tuple(damage)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent bad stretches are one: a decoder reports each maximal bad subpart."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_cut_tail(data: bytes, damage: tuple[Damage, ...]) -> bool:
    """The only damage is the last few bytes: a page cut in the middle of a character."""
    return len(damage) == 1 and damage[0].byte_offset + damage[0].length == len(data) \
        and damage[0].length <= 3


def _high_bytes(data: bytes) -> int:
    """How many bytes are above ASCII."""
    return len(data) - len(data.translate(None, _HIGH))


def _bytes(count: int) -> str:
    return "1 byte" if count == 1 else f"{count} bytes"


def _damaged(count: int) -> str:
    return "1 damaged byte replaced" if count == 1 else f"{count} damaged bytes replaced"


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a cut last character or a few bad bytes among many good multi-byte ones.

    Text in another encoding read as UTF-8 is mostly bad bytes (a GB18030 character forms a
    valid UTF-8 sequence about one time in ten), so the two cannot be mistaken."""
    text, damage = _repaired(data, "utf-8")
    bad = sum(item.length for item in damage)
    valid_wide = len(text) - (len(data) - _high_bytes(data)) - len(damage)
    if valid_wide < 1:
        return None
    if not (_is_cut_tail(data, damage) or valid_wide >= _VALID_PER_DAMAGED_BYTE * bad):
        return None
    return Decoded(text, "utf-8", f"UTF-8, {_damaged(bad)}", damage)


# --- Chinese encodings ---------------------------------------------------------------------------


def _most_plausible_chinese(data: bytes) -> Decoded | None:
    candidates = []
    for name in _CHINESE_ENCODINGS:
        try:
            candidates.append((data.decode(name), name))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return None
    frequent = frequent_characters()
    scored = [(_plausibility(text, frequent, no_chinese=_PLAUSIBLE), text, name)
              for text, name in candidates]
    score, text, name = max(scored, key=lambda item: item[0])
    if score < _PLAUSIBLE:
        return None
    others = [other for _, _, other in scored if other != name]
    reason = f"valid {name}" + (f", more plausible Chinese than {others[0]}" if others else
                                f", not valid {'big5' if name == 'gb18030' else 'gb18030'}")
    return Decoded(text, name, reason)


def _damaged_chinese(data: bytes) -> Decoded | None:
    """GB18030 or Big5 with a cut last character or a few bad bytes, if the rest reads as
    frequent Chinese characters."""
    frequent = frequent_characters()
    wide_bytes = _high_bytes(data)
    best = None
    for name in _CHINESE_ENCODINGS:
        text, damage = _repaired(data, name)
        bad = sum(item.length for item in damage)
        if not (_is_cut_tail(data, damage) or bad * 100 <= wide_bytes):
            continue
        score = _plausibility(text, frequent, no_chinese=0.0)
        if score >= _PLAUSIBLE_DAMAGED and (best is None or score > best[0]):
            best = (score, Decoded(text, name, f"{name}, {_damaged(bad)}",
                                   damage))
    return best[1] if best else None


def _plausibility(text: str, frequent: frozenset[str], *, no_chinese: float) -> float:
    """Share of the CJK characters (U+2E80 on: Han, kana, CJK punctuation, private use …) that
    are frequent Chinese characters or punctuation (“ ” — … count as well); `no_chinese` when
    there are none. Other letters and symbols (ñ, •) are left out: a GB18030 page may hold any."""
    wide = [character for character in text[:200_000]
            if (character >= "\u2e80" and character != "\ufffd") or
            (character >= "\x80" and character in frequent)]
    if not wide:
        return no_chinese
    return sum(character in frequent for character in wide) / len(wide)


def _english(data: bytes) -> Decoded | None:
    """An English page with a few Windows-1252 (or Latin-1) characters: curly quotes, é."""
    high = _high_bytes(data)
    if high > _ENGLISH_HIGH_BYTES * len(data):
        return None
    reason = f"{_bytes(high)} above ASCII, too few for Chinese"
    try:
        return Decoded(data.decode("cp1252"), "cp1252", reason)
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1", reason)


_frequent_lock = threading.Lock()
_frequent: frozenset[str] | None = None


def frequent_characters() -> frozenset[str]:
    """The most frequent Chinese characters (both scripts) plus CJK punctuation."""
    global _frequent
    with _frequent_lock:
        if _frequent is None:
            _frequent = _load_frequent_characters()
        return _frequent


def _load_frequent_characters() -> frozenset[str]:
    data = cached_bytes(f"frequent-han-{_FREQUENT_CHARACTERS}.txt", _build_frequent_characters)
    return frozenset(data.decode("utf-8"))


def _build_frequent_characters() -> bytes:
    simplified = _characters_by_frequency(_jieba_dictionary())[:_FREQUENT_CHARACTERS]
    traditional = to_traditional("".join(simplified))
    punctuation = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·　"
    return "".join(sorted(set(simplified) | set(traditional) | set(punctuation))).encode("utf-8")


def _jieba_dictionary() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("jieba is not installed; cannot tell GB18030 from Big5")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _characters_by_frequency(dictionary: Path) -> list[str]:
    counts: dict[str, int] = {}
    with open(dictionary, encoding="utf-8") as lines:
        for line in lines:
            word, frequency, *_ = line.split()
            weight = int(frequency)
            for character in word:
                if character >= "\u3400":
                    counts[character] = counts.get(character, 0) + weight
    return sorted(counts, key=counts.__getitem__, reverse=True)
