"""One page of a batch: its task, the worker that runs it, and its line of the summary.

The same `PageWorker` runs a page wherever the batch runs — in a local worker process or in a
Ray actor — so a page's outputs are the same bytes either way: the page is read from its bytes,
run through the pipeline and rendered; only who reads the page and who writes the files differ.
A report written by a batch leaves out the time it took (that is in the summary line), so its
bytes depend on the page, the glossary and the engine alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from zhen.batch.warc import read_record
from zhen.errors import ZhenError
from zhen.files import write_atomically
from zhen.glossary.model import Glossary
from zhen.page.reader import page_from_bytes, read_source
from zhen.pipeline import report_page
from zhen.render.report import render_report
from zhen.render.translated import translated_bytes
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.memory import TranslationMemory
from zhen.translate.service import choose_translator
from zhen.types import Report

SUMMARY_NAME = "zhen-batch.jsonl"
#: Report output → suffix added to the page's file name ("page.txt" → "page.txt.json",
#: "page.html" → "page.html.report.html").
REPORT_SUFFIXES = {"text": ".report.txt", "markdown": ".report.md", "json": ".json",
                   "html": ".report.html"}
DONE, SKIPPED, FAILED = "done", "skipped", "failed"


@dataclass(frozen=True)
class BatchOptions:
    outputs: tuple[str, ...] = ("json",)  # report outputs, any of REPORT_SUFFIXES
    translated: bool = False  # also write the page with its Chinese replaced ("page.en.txt")
    engine: str | None = None  # None: Argos if installed, else the built-in fallback
    memory: bool = True
    jobs: int | None = None  # None: one worker per core (on Ray: per CPU of the cluster)
    as_of: str | None = None  # ISO date every page is judged at; None: each page's own date
    ray: str | None = None  # None: this machine's cores; "auto" or an address: on Ray
    device: str = "auto"  # where an Argos model runs: auto, cpu or cuda
    compute_type: str = "int8"  # CTranslate2's compute type for an Argos model


@dataclass(frozen=True)
class PageTask:
    source: str  # the page as the summary names it: its path, or "crawl.warc#<record id>"
    outputs: tuple[tuple[str, str], ...]  # (output kind, path to write)
    name: str | None = None  # the page's name in its reports, when not `source`: a URI
    archive: str | None = None  # the WARC file holding the page
    offset: int = 0  # where the page's record starts in `archive`
    format: str | None = None  # "html" or "text" when known (a record's Content-Type)

    def load(self) -> bytes:
        """The page's bytes; raises InputError naming the page."""
        if self.archive is not None:
            return read_record(self.archive, self.offset)
        return read_source(self.source)[1]


@dataclass(frozen=True)
class PageResult:
    """One line of the summary file."""

    page: str
    status: str  # DONE, SKIPPED or FAILED
    outputs: tuple[str, ...] = ()
    engine: str | None = None
    segments: int = 0
    terms: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None


def output_paths(relative: Path, out_dir: Path, options: BatchOptions) -> list[tuple[str, str]]:
    paths = [(kind, str(out_dir / relative.with_name(relative.name + REPORT_SUFFIXES[kind])))
             for kind in options.outputs]
    if options.translated:
        translated = relative.with_name(f"{relative.stem}.en{relative.suffix}")
        paths.append(("translated", str(out_dir / translated)))
    return paths


def is_current(page: str, outputs: Sequence[str], newest_input: int) -> bool:
    """Every output exists and is newer than the page and the glossary (`newest_input`, ns)."""
    try:
        page_time = os.stat(page).st_mtime_ns
        return all(os.stat(path).st_mtime_ns > max(page_time, newest_input) for path in outputs)
    except OSError:
        return False


def failed(task: PageTask, problem: str) -> PageResult:
    return PageResult(task.source, FAILED, error=problem)


class PageWorker:
    """One glossary and one engine (and memory), loaded once; then page after page.

    Raises ZhenError when the engine cannot be set up: then no page can succeed.
    """

    def __init__(self, glossary: Glossary, options: BatchOptions, threads: int):
        choice = choose_translator("zh", "en", options.engine, glossary=glossary,
                                   threads=threads, device=options.device,
                                   compute_type=options.compute_type)
        self.glossary = glossary
        self.translator = choice.translator
        self.as_of = options.as_of
        self.memory = (TranslationMemory() if options.memory and choice.translator.use_memory
                       else False)
        add_glossary_words(glossary)  # before any page is read: its terms must come out whole

    def render(self, task: PageTask, data: bytes) -> tuple[PageResult, dict[str, bytes]]:
        """The page's summary line and its outputs' bytes (by path), not written anywhere."""
        started = time.perf_counter()
        try:
            page = page_from_bytes(data, name=task.name or task.source, format=task.format)
            report = report_page(page, glossary=self.glossary, translator=self.translator,
                                 memory=self.memory, as_of=self.as_of)
            report = replace(report, summary=replace(report.summary, seconds=None))
            outputs = {path: _rendered(report, kind) for kind, path in task.outputs}
        except ZhenError as error:
            return failed(task, error.message), {}
        except Exception as error:  # a bug must cost one page, not the batch
            return failed(task, f"{task.source}: internal error: {type(error).__name__}: "
                                f"{error}"), {}
        summary = report.summary
        result = PageResult(
            task.source, DONE, tuple(path for _, path in task.outputs), report.engine,
            summary.segments, summary.terms, summary.findings_by_severity,
            round(time.perf_counter() - started, 4),
        )
        return result, outputs

    def run(self, task: PageTask) -> PageResult:
        """Read the page, run it, write its outputs."""
        try:
            data = task.load()
        except ZhenError as error:
            return failed(task, error.message)
        result, outputs = self.render(task, data)
        return write_outputs(task, result, outputs)


def write_outputs(task: PageTask, result: PageResult, outputs: dict[str, bytes]) -> PageResult:
    """Each output whole and synced before its rename: after a crash a report is complete or
    absent, so a resumed batch can trust every report it finds."""
    try:
        for path, data in outputs.items():
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
    except OSError as error:
        return failed(task, f"{error.filename or task.source}: cannot be written: "
                            f"{error.strerror or error}")
    return result


def _rendered(report: Report, kind: str) -> bytes:
    if kind == "translated":
        return translated_bytes(report)

    return render_report(report, kind).encode("utf-8")
