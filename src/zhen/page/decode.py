"""Bytes → text: BOMs, strict UTF-8, the Chinese encodings, and only then a generic detector.

Big5 bytes usually decode *without error* as GB18030 (into nonsense) and GB18030 bytes often
decode as Big5, so both are tried and the more plausible text wins: the share of its Chinese
characters that are among the few thousand most frequent ones of either script. The frequency
set is derived from jieba's dictionary (word frequencies summed per character; the Traditional
set through OpenCC) and cached in zhen's cache dir. Generic detectors guess cp949 for short
GB18030 text, which is why charset-normalizer only gets what nothing above could read.
"""

from __future__ import annotations

import codecs
import importlib.util
import threading
from pathlib import Path

from zhen.cache import cached_bytes
from zhen.chinese.convert import to_traditional
from zhen.errors import InputError

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
_PLAUSIBLE = 0.5


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` and the name of the encoding it was read with.

    Raises InputError naming `source` for binary data, a forced encoding the bytes do not
    follow (with the line of the first bad byte), or bytes no known encoding explains.
    """
    if encoding is not None:
        return _decode_forced(data, source, encoding), encoding
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), codec
            except UnicodeDecodeError as error:
                raise _undecodable(data, source, codec, len(bom) + error.start) from None
    _refuse_binary(data, source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _most_plausible_chinese(data)
    if best is not None:
        return best
    return _detect(data, source)


def _decode_forced(data: bytes, source: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", source) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _undecodable(data, source, encoding, error.start) from None


def _undecodable(data: bytes, source: str, encoding: str, offset: int) -> InputError:
    """Names the first bad byte, its offset in the file and its line (counted in LF bytes)."""
    line = data.count(b"\n", 0, offset) + 1
    byte = data[offset : offset + 1].hex()
    return InputError(f"byte 0x{byte} at offset {offset} is not valid {encoding}", source, line)


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {kind}, not a text or HTML page", source)
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary file (NUL byte), not a text or HTML page", source, line)


def _most_plausible_chinese(data: bytes) -> tuple[str, str] | None:
    candidates = []
    for name in _CHINESE_ENCODINGS:
        try:
            candidates.append((data.decode(name), name))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return None
    frequent = frequent_characters()
    scored = [(_plausibility(text, frequent), text, name) for text, name in candidates]
    score, text, name = max(scored, key=lambda item: item[0])
    return (text, name) if score >= _PLAUSIBLE else None


def _plausibility(text: str, frequent: frozenset[str]) -> float:
    """Share of the non-ASCII characters that are frequent Chinese characters or punctuation."""
    wide = [character for character in text[:200_000] if character >= "\x80"]
    if not wide:
        return 1.0
    return sum(character in frequent for character in wide) / len(wide)


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None or match.encoding is None:
        raise InputError("cannot tell the encoding; give it with --encoding", source)
    return str(match), match.encoding


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
