"""The translation memory: repeated segments reach the engine once, stale keys never match."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Sequence

import pytest

from zhen import paths
from zhen.errors import InputError
from zhen.translate.base import Translator
from zhen.translate.memory import (
    IMPORTED_ENGINE,
    Entry,
    MemoryKey,
    MemoryTranslator,
    TranslationMemory,
    normalize_source,
)

PAGE = ["继续浏览", "责任编辑：林雨晨", "上一篇", "下一篇", "继续浏览"]


class CountingTranslator(Translator):
    """Upper-cases nothing, just tags: 'EN(<source>)'; remembers every batch it was given."""

    def __init__(self, name: str = "counting", model_version: str = "1"):
        self.name = name
        self.model_version = model_version
        self.batches: list[list[str]] = []

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        self.batches.append(list(texts))
        return [f"EN({text})" for text in texts]

    @property
    def calls(self) -> int:
        return len(self.batches)


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path, monkeypatch):
    """The session shares one home; every memory test starts from an empty memory."""
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def memory():
    with TranslationMemory() as store:
        yield store


def test_repeated_page_needs_no_model_call_the_second_time(memory):
    engine = CountingTranslator()
    translator = MemoryTranslator(engine, memory, glossary_digest="g1")
    first = translator.recall_batch(PAGE)
    assert engine.calls == 1
    assert [r.memory_hit for r in first] == [False] * 5

    second = MemoryTranslator(engine, TranslationMemory(), glossary_digest="g1").recall_batch(PAGE)
    assert engine.calls == 1  # nothing new reached the engine
    assert [r.memory_hit for r in second] == [True] * 5
    assert [r.target for r in second] == [r.target for r in first]
    assert second[1].target == "EN(责任编辑：林雨晨)"


def test_one_batch_with_each_distinct_source_once(memory):
    engine = CountingTranslator()
    MemoryTranslator(engine, memory).translate_batch(PAGE)
    assert engine.batches == [["继续浏览", "责任编辑：林雨晨", "上一篇", "下一篇"]]


def test_only_unseen_sources_reach_the_engine(memory):
    engine = CountingTranslator()
    translator = MemoryTranslator(engine, memory)
    translator.translate_batch(["上一篇"])
    assert translator.translate_batch(["上一篇", "下一篇"]) == ["EN(上一篇)", "EN(下一篇)"]
    assert engine.batches == [["上一篇"], ["下一篇"]]


@pytest.mark.parametrize(
    "stored, asked",
    [
        ("责任编辑：林雨晨", "责任编辑:林雨晨"),  # full-width colon
        ("暂不升级,继续浏览", "暂不升级，继续浏览"),  # full-width comma
        ("继续浏览", "  继续浏览\n"),  # surrounding white space
        ("Editor:  Lin", "Editor: Lin"),  # runs of white space
    ],
)
def test_spellings_that_normalize_alike_share_an_entry(memory, stored, asked):
    engine = CountingTranslator()
    translator = MemoryTranslator(engine, memory)
    translator.translate_batch([stored])
    recalled = translator.recall_batch([asked])[0]
    assert recalled.memory_hit
    assert recalled.target == f"EN({stored})"
    assert recalled.source == asked
    assert engine.calls == 1


def test_case_is_part_of_the_source(memory):
    engine = CountingTranslator()
    MemoryTranslator(engine, memory).translate_batch(["Editor"])
    assert not MemoryTranslator(engine, memory).recall_batch(["editor"])[0].memory_hit


@pytest.mark.parametrize(
    "changed",
    [
        {"model_version": "2"},
        {"glossary_digest": "g2"},
        {"name": "other-engine"},
    ],
    ids=lambda changed: next(iter(changed)),
)
def test_a_new_model_version_glossary_or_engine_does_not_reuse_stale_entries(memory, changed):
    MemoryTranslator(CountingTranslator(), memory, glossary_digest="g1").translate_batch(PAGE)
    settings = {"name": "counting", "model_version": "1", "glossary_digest": "g1"} | changed
    engine = CountingTranslator(settings["name"], settings["model_version"])
    recalled = MemoryTranslator(engine, memory, settings["glossary_digest"]).recall_batch(PAGE)
    assert engine.calls == 1
    assert not any(r.memory_hit for r in recalled)


def test_language_pair_is_part_of_the_key(memory):
    memory.remember(MemoryKey("counting", "1", "", "en", "zh"), [("继续浏览", "wrong direction")])
    assert memory.recall(MemoryKey("counting", "1", "", "zh", "en"), ["继续浏览"]) == {}


def test_imported_human_translation_wins_for_every_engine(memory):
    engine = CountingTranslator()
    translator = MemoryTranslator(engine, memory)
    translator.translate_batch(["继续浏览"])
    memory.add_entries([Entry(MemoryKey(IMPORTED_ENGINE), "继续浏览", "Continue browsing")])
    for name in ("counting", "another-engine"):
        recalled = MemoryTranslator(CountingTranslator(name), memory).recall_batch(["继续浏览"])[0]
        assert (recalled.target, recalled.engine, recalled.memory_hit) == (
            "Continue browsing",
            "tmx",
            True,
        )


def test_white_space_only_texts_are_returned_untouched(memory):
    engine = CountingTranslator()
    assert MemoryTranslator(engine, memory).translate_batch(["  ", "上一篇"]) == [
        "  ",
        "EN(上一篇)",
    ]
    assert engine.batches == [["上一篇"]]


def test_memory_lives_in_the_data_dir_in_wal_mode(memory):
    memory.remember(MemoryKey("counting"), [("上一篇", "Previous")])
    assert memory.path == paths.data_dir() / "memory.sqlite3"
    with sqlite3.connect(memory.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_uses_are_counted_and_reported(memory):
    translator = MemoryTranslator(CountingTranslator(), memory)
    for _ in range(3):
        translator.translate_batch(["上一篇", "下一篇"])
    stats = memory.stats()
    assert (stats.entries, stats.uses) == (2, 4)
    assert [(group.engine, group.model_version, group.entries) for group in stats.by_engine] == [
        ("counting", "1", 2)
    ]
    assert stats.size_bytes > 0


def test_clear_empties_the_memory(memory):
    memory.remember(MemoryKey("counting"), [("上一篇", "Previous"), ("下一篇", "Next")])
    assert memory.clear() == 2
    assert memory.stats().entries == 0
    assert list(memory.entries()) == []


def test_reading_a_memory_that_does_not_exist_creates_nothing():
    store = TranslationMemory()
    assert store.recall(MemoryKey("counting"), ["上一篇"]) == {}
    assert store.stats().entries == 0
    assert not store.path.exists()


@pytest.mark.parametrize("content", [b"this is not sqlite at all, just text" * 40, b"\x00" * 4096])
def test_a_file_that_is_not_a_memory_is_a_one_line_error(content):
    store = TranslationMemory()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        store.remember(MemoryKey("counting"), [("上一篇", "Previous")])
    assert str(store.path) in caught.value.message
    assert "\n" not in caught.value.message


def test_a_memory_from_a_newer_zhen_is_refused(memory):
    memory.remember(MemoryKey("counting"), [("上一篇", "Previous")])
    memory.close()
    with sqlite3.connect(memory.path) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(InputError, match="newer zhen"):
        TranslationMemory().stats()


WRITER = """
import sys
from zhen.translate.memory import MemoryTranslator, TranslationMemory
from zhen.translate.base import Translator

class Echo(Translator):
    name = "echo"
    def translate_batch(self, texts):
        return [t.upper() for t in texts]

worker = int(sys.argv[1])
translator = MemoryTranslator(Echo(), TranslationMemory())
for round in range(40):
    # half the sources are shared by every worker, half are this worker's own
    shared = [f"shared {round} {i}" for i in range(5)]
    texts = shared + [f"own {worker} {round} {i}" for i in range(5)]
    assert translator.translate_batch(texts) == [t.upper() for t in texts]
"""


def test_concurrent_worker_processes_read_and_write_safely(subprocess_env):
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(n)], env=subprocess_env, stderr=subprocess.PIPE
        )
        for n in range(4)
    ]
    errors = [worker.communicate(timeout=120)[1].decode() for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 4, errors
    stats = TranslationMemory().stats()
    assert stats.entries == 40 * 5 + 4 * 40 * 5


@pytest.mark.parametrize(
    "text, key",
    [
        ("继续浏览", "继续浏览"),
        ("继续　浏览", "继续 浏览"),
        ("ＡＢＣ１２３", "ABC123"),
        ("\t a \n b ", "a b"),
    ],
)
def test_normalize_source(text, key):
    assert normalize_source(text) == key
