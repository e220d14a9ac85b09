"""The corpus `zhen glossary suggest` reads — pages (files, folders, "-") and aligned pairs — as
a stream of passages, kept in a spool so that later passes can read them again.

A passage is one block of a page (a line of a text page, a block-level element of an HTML page)
or one aligned pair. Blocks that a site repeats on every page — navigation, notices, footers,
bylines, datelines, related links — are left out, so boilerplate never becomes a candidate.
Pages are read by `zhen.page.reader.read_page` without words: suggest cuts the Chinese itself with
`chinese.segment.words`, the same tokenizer at raw jieba speed. A passage's `nearby_english` is the
English that may translate its Chinese: the English of the same block; for a block without
English, that of the next (else the previous) block that holds English and no Chinese — the
paragraph-by-paragraph layout of bilingual pages; for a pair, its English side.

The spool is a temporary file of marshalled tuples, one per document with its passages and its
jieba words: memory holds one document at a time, never the corpus; standard input can be read
twice; later passes need no decoding, HTML parsing, script separation or segmentation.
"""

from __future__ import annotations

import contextlib
import marshal
import tempfile
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from zhen.chinese.convert import to_simplified
from zhen.errors import OutputError
from zhen.lazy import LazyModule
from zhen.types import Block, Language, Page, Role

np = LazyModule("numpy")  # vectorized counting, imported on first use

SKIPPED_ROLES = frozenset({Role.NAVIGATION, Role.NOTICE, Role.FOOTER, Role.BYLINE,
                           Role.DATELINE, Role.RELATED})
ZH = Language.ZH.value
EN = Language.EN.value


class Run(NamedTuple):
    """A Chinese or English span of a passage. A NamedTuple, not a dataclass: there is one per
    span of the corpus, and the spool stores it as a plain tuple."""

    language: str  # "zh" or "en"
    text: str  # as written
    line: int
    column: int
    simplified: str = ""  # Chinese: the Simplified form, same length as `text`


class Passage(NamedTuple):
    runs: tuple[Run, ...]
    nearby_english: str = ""


class Document(NamedTuple):
    """One page or pairs file: its passages and the ids (`zhen.suggest.ngrams`) of the words
    counted in it — the jieba words of its Chinese (runs' Simplified text, a "\n" word
    between runs) and its English words (folded, glossary renderings cut out, a "|" word
    between pieces)."""

    index: int  # into Spool.documents
    passages: tuple[Passage, ...]
    chinese_ids: np.ndarray
    english_ids: np.ndarray


class _Records:
    """Marshalled records in a temporary file, each behind its length: one read and one
    `marshal.loads` per record (`marshal.load` on a file reads object by object, slowly)."""

    def __init__(self) -> None:
        # Closed by close(): the spool that owns it outlives any one with-block.
        self._file = tempfile.TemporaryFile(prefix="zhen-suggest-")  # noqa: SIM115
        self._count = 0

    def write(self, record: object) -> None:
        data = marshal.dumps(record)
        try:
            self._file.write(len(data).to_bytes(8, "little"))
            self._file.write(data)
        except OSError as error:
            raise _cannot_spool(error) from None
        self._count += 1

    def __iter__(self) -> Iterator:
        try:
            self._file.flush()
        except OSError as error:
            raise _cannot_spool(error) from None
        self._file.seek(0)
        read = self._file.read
        for _ in range(self._count):
            yield marshal.loads(read(int.from_bytes(read(8), "little")))

    def close(self) -> None:
        # Every pass flushed what it read, so a failing flush here loses only a failed run's
        # records; its error must not hide the one that ended the run.
        with contextlib.suppress(OSError):
            self._file.close()


def _cannot_spool(error: OSError) -> OutputError:
    """A full temp folder or a file-size limit: one line naming the folder."""
    return OutputError(f"cannot write the corpus's scratch file: {error.strerror or error}",
                       tempfile.gettempdir())


class Spool:
    """Documents written once and read back any number of times: passages and words in two
    temporary files, so a pass reads only what it needs."""

    def __init__(self) -> None:
        self.documents: list[str] = []
        self._passages = _Records()
        self._words = _Records()

    def write(self, document: Document) -> None:
        self._passages.write((document.index, tuple(
            (tuple(map(tuple, passage.runs)), passage.nearby_english)
            for passage in document.passages)))
        self._words.write((document.chinese_ids.tobytes(), document.english_ids.tobytes()))

    def passages(self) -> Iterator[tuple[int, Passage]]:
        """(document index, passage) of every passage, in corpus order."""
        make_run = Run._make
        for index, passages in self._passages:
            for runs, nearby in passages:
                yield index, Passage(tuple(map(make_run, runs)), nearby)

    def word_ids(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(Chinese word ids, English word ids) of every document."""
        for chinese, english in self._words:
            yield np.frombuffer(chinese, np.uint32), np.frombuffer(english, np.uint32)

    def close(self) -> None:
        self._passages.close()
        self._words.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def page_passages(page: Page) -> list[Passage]:
    """The passages of a page: its kept blocks with their Chinese and English spans."""
    kept = [block for block in page.blocks if block.role not in SKIPPED_ROLES]
    chinese = [span.text for block in kept for span in block.spans
               if span.language is Language.ZH]
    simplified = iter(simplified_texts(chinese))
    english = [_english_of(block) for block in kept]
    passages = []
    for index, block in enumerate(kept):
        runs = []
        for span in block.spans:
            if span.language is Language.ZH:
                runs.append(Run(ZH, span.text, span.line, span.column, next(simplified)))
            elif span.language is Language.EN:
                runs.append(Run(EN, span.text, span.line, span.column))
        if not runs:
            continue
        nearby = english[index]
        if not nearby and any(run.language == ZH for run in runs):
            nearby = _neighbour_english(kept, english, index)
        passages.append(Passage(tuple(runs), nearby))
    return passages


def simplified_texts(texts: list[str]) -> list[str]:
    """Each text in Simplified characters (one OpenCC call for all); a text whose conversion
    changes its length stays as written, so offsets into either form agree."""

    if not texts:
        return []
    converted = to_simplified("\n".join(texts)).split("\n")
    if len(converted) != len(texts):
        converted = [to_simplified(text) for text in texts]
    return [new if len(new) == len(old) else old
            for old, new in zip(texts, converted, strict=True)]


def _english_of(block: Block) -> str:
    return " ".join(span.text.strip() for span in block.spans
                    if span.language is Language.EN and span.text.strip())


def _neighbour_english(blocks: list[Block], english: list[str], index: int) -> str:
    """The English of the next, else the previous, block when it holds no Chinese."""
    for other in (index + 1, index - 1):
        if 0 <= other < len(blocks) and english[other] and not any(
                span.language is Language.ZH for span in blocks[other].spans):
            return english[other]
    return ""


def pair_passages(pairs: Iterable[tuple[str, str, int]]) -> list[Passage]:
    """Passages of aligned (Chinese, English, line) pairs: each pair's English is nearby."""
    rows = list(pairs)
    simplified = simplified_texts([source for source, _, _ in rows])
    return [Passage((Run(ZH, source, line, 1, chinese), Run(EN, target, line, len(source) + 2)),
                    target)
            for (source, target, line), chinese in zip(rows, simplified, strict=True)]
