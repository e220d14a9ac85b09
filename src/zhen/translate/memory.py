"""The translation memory: a sentence is translated once per engine, model and glossary — ever.

One SQLite file in `paths.data_dir()`, in WAL mode so batch workers in several processes read and
write it at once. An entry is keyed by engine, model version, glossary digest, language pair and
the normalized source, so a new model or an edited glossary never reuses a stale translation.
Entries imported from someone else's TMX (no zhen key on them) are human translations: they are
recalled for every engine of their language pair, before the engine's own entries.
`MemoryTranslator` wraps any `Translator` with this.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zhen import paths
from zhen.errors import InputError
from zhen.translate.base import Recalled, Translator

SCHEMA_VERSION = 1
FILE_NAME = "memory.sqlite3"
#: Engine recorded for translations imported from a TMX that carries no zhen key.
IMPORTED_ENGINE = "tmx"
_BUSY_TIMEOUT_MS = 30_000
_CHUNK = 500  # bound parameters per query, well under SQLite's limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    engine TEXT NOT NULL,
    model_version TEXT NOT NULL,
    glossary_digest TEXT NOT NULL,
    source_language TEXT NOT NULL,
    target_language TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created TEXT NOT NULL,
    last_used TEXT NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_language, target_language, source_key,
                 engine, model_version, glossary_digest)
) WITHOUT ROWID;
"""
_WHITE_SPACE = re.compile(r"\s+")


def normalize_source(text: str) -> str:
    """Key under which two spellings of one source sentence are the same segment.

    NFKC folds full-width ASCII and compatibility forms (，→ ,), runs of white space become one
    space; case and everything else are kept, because they can change a translation.
    """
    return _WHITE_SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class MemoryKey:
    """Everything besides the source that decides a translation."""

    engine: str
    model_version: str = ""
    glossary_digest: str = ""
    source_language: str = "zh"
    target_language: str = "en"


@dataclass(frozen=True)
class Entry:
    key: MemoryKey
    source: str
    target: str
    created: str = ""  # ISO 8601 UTC; now when empty
    uses: int = 0


@dataclass(frozen=True)
class EngineCount:
    engine: str
    model_version: str
    glossary_digest: str
    source_language: str
    target_language: str
    entries: int
    uses: int


@dataclass(frozen=True)
class MemoryStats:
    path: Path
    size_bytes: int
    entries: int
    uses: int
    by_engine: tuple[EngineCount, ...]


class TranslationMemory:
    """One memory file; connects lazily, once per process (a forked worker reconnects)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.data_dir() / FILE_NAME
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    # -- reading -------------------------------------------------------------------------------

    def recall(self, key: MemoryKey, sources: Iterable[str]) -> dict[str, Entry]:
        """Entries for these sources, by normalized source; imported human entries win."""
        wanted = list(dict.fromkeys(normalize_source(text) for text in sources))
        found: dict[str, Entry] = {}
        if not wanted or not self.path.exists():
            return found
        query = (
            "SELECT source_key, source, target, created, uses,"
            " engine, model_version, glossary_digest"
            " FROM entries WHERE source_language = ? AND target_language = ?"
            " AND ((engine = ? AND model_version = ? AND glossary_digest = ?) OR engine = ?)"
            " AND source_key IN ({marks})"
        )
        with self._reading() as connection:
            for chunk in _chunks(wanted):
                rows = connection.execute(
                    query.format(marks=",".join("?" * len(chunk))),
                    (
                        key.source_language,
                        key.target_language,
                        key.engine,
                        key.model_version,
                        key.glossary_digest,
                        IMPORTED_ENGINE,
                        *chunk,
                    ),
                )
                for source_key, source, target, created, uses, engine, version, digest in rows:
                    if source_key in found and engine != IMPORTED_ENGINE:
                        continue
                    entry_key = MemoryKey(
                        engine, version, digest, key.source_language, key.target_language
                    )
                    found[source_key] = Entry(entry_key, source, target, created, uses)
        return found

    def entries(self) -> Iterator[Entry]:
        """Every entry, in a stable order (language pair, engine, source)."""
        if not self.path.exists():
            return
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT engine, model_version, glossary_digest, source_language, target_language,"
                " source, target, created, uses FROM entries"
                " ORDER BY source_language, target_language, engine, model_version,"
                " glossary_digest, source_key"
            )
            for row in rows:  # the key's five columns, then source, target, created, uses
                yield Entry(MemoryKey(*row[:5]), *row[5:])

    def stats(self) -> MemoryStats:
        groups: list[EngineCount] = []
        if self.path.exists():
            with self._reading() as connection:
                rows = connection.execute(
                    "SELECT engine, model_version, glossary_digest,"
                    " source_language, target_language,"
                    " COUNT(*), SUM(uses) FROM entries GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC, 1"
                ).fetchall()
            groups = [EngineCount(*row[:6], uses=row[6] or 0) for row in rows]
        size = sum(_file_size(Path(f"{self.path}{suffix}")) for suffix in ("", "-wal"))
        return MemoryStats(
            path=self.path,
            size_bytes=size,
            entries=sum(group.entries for group in groups),
            uses=sum(group.uses for group in groups),
            by_engine=tuple(groups),
        )

    # -- writing -------------------------------------------------------------------------------

    def remember(self, key: MemoryKey, pairs: Iterable[tuple[str, str]]) -> int:
        """Store (source, target) pairs under one key in one transaction; returns how many."""
        stamp = now_iso()
        return self.add_entries(Entry(key, source, target, stamp) for source, target in pairs)

    def add_entries(self, entries: Iterable[Entry]) -> int:
        """Insert or replace entries (TMX import, `remember`) in one transaction."""
        rows = [
            (
                entry.key.engine,
                entry.key.model_version,
                entry.key.glossary_digest,
                entry.key.source_language,
                entry.key.target_language,
                normalize_source(entry.source),
                entry.source,
                entry.target,
                entry.created or now_iso(),
                entry.created or now_iso(),
                entry.uses,
            )
            for entry in entries
            if normalize_source(entry.source)
        ]
        if not rows:
            return 0
        with self._writing() as connection:
            connection.executemany(
                "INSERT INTO entries (engine, model_version, glossary_digest, source_language,"
                " target_language, source_key, source, target, created, last_used, uses)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (source_language, target_language, source_key, engine, model_version,"
                " glossary_digest) DO UPDATE SET target = excluded.target,"
                " source = excluded.source,"
                " last_used = excluded.last_used",
                rows,
            )
        return len(rows)

    def count_uses(self, entries: Iterable[Entry]) -> None:
        """Record that these entries were just reused (one transaction)."""
        stamp = now_iso()
        rows = [
            (
                stamp,
                entry.key.source_language,
                entry.key.target_language,
                normalize_source(entry.source),
                entry.key.engine,
                entry.key.model_version,
                entry.key.glossary_digest,
            )
            for entry in entries
        ]
        if not rows:
            return
        with self._writing() as connection:
            connection.executemany(
                "UPDATE entries SET uses = uses + 1, last_used = ? WHERE source_language = ?"
                " AND target_language = ? AND source_key = ? AND engine = ? AND model_version = ?"
                " AND glossary_digest = ?",
                rows,
            )

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        if not self.path.exists():
            return 0
        with self._writing() as connection:
            return connection.execute("DELETE FROM entries").rowcount

    # -- connection ----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"translation memory made by a newer zhen (schema {version})", self.path
                )
            if version < SCHEMA_VERSION:
                connection.execute("BEGIN IMMEDIATE")  # one creator at a time; the rest wait
                connection.execute(_SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
                connection.execute("PRAGMA journal_mode = WAL")  # kept by the file from now on
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as error:
            raise InputError(
                f"not a usable translation memory ({error}); move it away, or use --no-memory",
                self.path,
            ) from None
        self._connection, self._pid = connection, os.getpid()
        return connection

    def _reading(self) -> _Transaction:
        return _Transaction(self, "BEGIN")

    def _writing(self) -> _Transaction:
        return _Transaction(self, "BEGIN IMMEDIATE")


class _Transaction:
    """BEGIN … COMMIT (ROLLBACK on error); SQLite errors become a one-line InputError."""

    def __init__(self, memory: TranslationMemory, begin: str):
        self.memory, self.begin = memory, begin

    def __enter__(self) -> sqlite3.Connection:
        self.connection = self.memory._connect()
        self._run(self.begin)
        return self.connection

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self._run("COMMIT")
        else:
            self.connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise InputError(f"translation memory failed: {exc}", self.memory.path) from None

    def _run(self, statement: str) -> None:
        try:
            self.connection.execute(statement)
        except sqlite3.DatabaseError as error:
            raise InputError(f"translation memory failed: {error}", self.memory.path) from None


class MemoryTranslator(Translator):
    """Any Translator behind the memory: only sources never seen under this key reach it,
    all in one `translate_batch` call, each distinct source once."""

    use_memory = False  # it is the memory: wrapping it again would look everything up twice

    def __init__(self, inner: Translator, memory: TranslationMemory, glossary_digest: str = ""):
        self.inner = inner
        self.memory = memory
        self.name = inner.name
        self.source_language = inner.source_language
        self.target_language = inner.target_language
        self.model_version = getattr(inner, "model_version", "")
        self.key = MemoryKey(
            inner.name,
            self.model_version,
            glossary_digest,
            inner.source_language,
            inner.target_language,
        )

    def split_sentences(self, text: str) -> list[str]:
        return self.inner.split_sentences(text)

    def recall_batch(self, texts: Sequence[str]) -> list[Recalled]:
        known = self.memory.recall(self.key, texts)
        first_spelling: dict[str, str] = {}
        for text in texts:
            first_spelling.setdefault(normalize_source(text), text)
        missing = [key for key in first_spelling if key and key not in known]
        fresh: dict[str, str] = {}
        if missing:
            targets = self.inner.translate_batch([first_spelling[key] for key in missing])
            fresh = dict(zip(missing, targets, strict=True))
            self.memory.remember(self.key, ((first_spelling[key], fresh[key]) for key in missing))
        self.memory.count_uses(known.values())
        return [self._recalled(text, known, fresh) for text in texts]

    def _recalled(self, text: str, known: dict[str, Entry], fresh: dict[str, str]) -> Recalled:
        source_key = normalize_source(text)
        if source_key in known:
            entry = known[source_key]
            return Recalled(text, entry.target, entry.key.engine, memory_hit=True)
        if not source_key:  # white space only: nothing to translate
            return Recalled(text, text, self.name, memory_hit=False)
        return Recalled(text, fresh[source_key], self.name, memory_hit=False)

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        return [recalled.target for recalled in self.recall_batch(texts)]


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
