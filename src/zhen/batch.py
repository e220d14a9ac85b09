"""`zhen batch`: the page pipeline over many pages, in worker processes, resumable.

Each worker process loads the glossary and the translation engine once (the pool's initializer)
and then runs `zhen.pipeline.run_page` page after page. Outputs are written atomically next to
nothing else, under the output folder, mirroring the pages' paths; a page whose outputs are all
newer than the page and every glossary file is skipped, so an interrupted batch resumes where it
stopped. A page that cannot be read or translated is reported and skipped; the others go on.
One JSON line per page goes to the summary file as soon as the page is finished.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from zhen.errors import ZhenError
from zhen.files import remove_stale_temporaries, write_atomically
from zhen.glossary.model import Glossary
from zhen.glossary.store import load_glossary
from zhen.page.inputs import find_pages
from zhen.page.reader import page_from_text
from zhen.pipeline import run_page
from zhen.render.report import render_report
from zhen.render.translated import translated_bytes
from zhen.terms.run import check_page
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.memory import TranslationMemory
from zhen.translate.service import choose_translator

SUMMARY_NAME = "zhen-batch.jsonl"
#: Report output → suffix added to the page's file name ("page.txt" → "page.txt.json").
REPORT_SUFFIXES = {"text": ".report.txt", "markdown": ".md", "json": ".json", "html": ".html"}
DONE, SKIPPED, FAILED = "done", "skipped", "failed"
DIED = "a worker process died (killed, or out of memory); run the batch again to retry"


@dataclass(frozen=True)
class BatchOptions:
    outputs: tuple[str, ...] = ("json",)  # report outputs, any of REPORT_SUFFIXES
    translated: bool = False  # also write the page with its Chinese replaced ("page.en.txt")
    engine: str | None = None  # None: Argos if installed, else the built-in fallback
    memory: bool = True
    jobs: int | None = None  # None: one worker per core


@dataclass(frozen=True)
class PageTask:
    source: str  # the page's path as found
    outputs: tuple[tuple[str, str], ...]  # (output kind, path to write)


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


@dataclass(frozen=True)
class BatchResult:
    results: tuple[PageResult, ...]
    summary_path: Path
    notice: str | None = None  # the engine's fallback notice, once

    def with_status(self, status: str) -> list[PageResult]:
        return [result for result in self.results if result.status == status]

    @property
    def exit_code(self) -> int:
        return 1 if self.with_status(FAILED) else 0


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


def run_batch(
    inputs: Sequence[str],
    out_dir: Path,
    options: BatchOptions = BatchOptions(),
    *,
    glossary_paths: Sequence[Path] | None = None,
    summary_path: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[PageResult], None] | None = None,
) -> BatchResult:
    """Run the pipeline over every page; `on_start` learns how many pages there are (once the
    workers are running) and `on_result` sees each page's result as it comes."""

    glossary = load_glossary(glossary_paths)  # loaded here once to fail early with file:line
    newest_glossary = max((path.stat().st_mtime_ns for path in glossary.files), default=0)
    pages = find_pages(inputs, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary_path = summary_path or out_dir / SUMMARY_NAME
    results: list[PageResult] = []
    notice = None
    with open(summary_path, "w", encoding="utf-8") as summary:
        def record(result: PageResult) -> None:
            results.append(result)
            summary.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
            summary.flush()
            if on_result is not None:
                on_result(result)

        tasks = []
        for page, relative in pages:
            outputs = output_paths(relative, out_dir, options)
            if is_current(page, [path for _, path in outputs], newest_glossary):
                record(PageResult(page, SKIPPED, tuple(path for _, path in outputs)))
            else:
                tasks.append(PageTask(page, tuple(outputs)))
        if tasks:
            _remove_stale_temporaries(tasks)
            notice = _run_tasks(tasks, glossary, options, record, on_start, len(pages))
        elif on_start is not None:
            on_start(len(pages))
    return BatchResult(tuple(results), summary_path, notice)


def _remove_stale_temporaries(tasks: Sequence[PageTask]) -> None:
    """Temp files a killed batch left beside the outputs it is about to write again: one
    listing per output folder."""
    names_by_folder: dict[Path, set[str]] = {}
    for task in tasks:
        for _, path in task.outputs:
            target = Path(path)
            names_by_folder.setdefault(target.parent, set()).add(target.name)
    for folder, names in names_by_folder.items():
        remove_stale_temporaries(folder, names)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_tasks(tasks: list[PageTask], glossary: Glossary, options: BatchOptions,
               record: Callable[[PageResult], None],
               on_start: Callable[[int], None] | None, total: int) -> str | None:
    """Run tasks in a pool of worker processes; returns the engine's fallback notice, if any.

    Where fork is safe (Linux), the parent loads what every page needs once and forks its
    workers after that and before any thread starts, so no worker pays for jieba's dictionary
    again and none inherits a held lock. The engine itself is always loaded in the worker:
    CTranslate2's thread pool and SQLite connections must not cross a fork.
    """
    jobs = max(1, min(options.jobs or default_jobs(), len(tasks)))
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        _warm_up(glossary)
    notice = None
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_start_worker,
                             initargs=(glossary, options.engine, options.memory,
                                       max(1, default_jobs() // jobs))) as pool:
        pending: dict[Future, PageTask] = {}
        queue = deque(tasks)
        try:
            _top_up(pool, pending, queue, 2 * jobs)  # starts the workers
            if on_start is not None:
                on_start(total)
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    outcome = _outcome(future, task)
                    if isinstance(outcome, ZhenError):
                        raise outcome  # the engine could not be set up: no page can succeed
                    result, page_notice = outcome
                    notice = notice or page_notice
                    record(result)
                _top_up(pool, pending, queue, 2 * jobs)
        except BrokenProcessPool:  # a worker died: the pool takes no more pages
            for task in [*pending.values(), *queue]:
                record(PageResult(task.source, FAILED, error=f"{task.source}: not done: {DIED}"))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return notice


_WARM_UP_PAGE = (
    "Headline\n\nEditor: 林雨晨\n\n推动新质生产力发展 new quality productive forces\n\n繼續瀏覽\n"
)


def _warm_up(glossary: Glossary) -> None:
    """Read and check a small page: loads the segmenter, names, script conversion and the term
    matchers, everything a page needs besides the engine."""

    add_glossary_words(glossary)
    check_page(page_from_text(_WARM_UP_PAGE, name="<warm-up>"), glossary)


def _top_up(pool, pending: dict[Future, PageTask], queue: deque[PageTask], size: int) -> None:
    """Keep a few tasks queued per worker: enough to stay busy, few to cancel on Ctrl-C. A task
    leaves `queue` only once the pool has taken it."""
    while queue and len(pending) < size:
        pending[pool.submit(_run_task, queue[0])] = queue[0]
        queue.popleft()


def _outcome(future: Future, task: PageTask):
    try:
        return future.result()
    except BrokenProcessPool:
        return PageResult(task.source, FAILED, error=f"{task.source}: {DIED}"), None


# --- in the worker processes -------------------------------------------------------------------

_worker: dict = {}


def _start_worker(glossary: Glossary, engine: str | None, memory: bool, threads: int) -> None:
    """Pool initializer: one glossary and one engine (and memory) per worker process; an Argos
    model gets the worker's share of the cores, so workers do not fight over them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    _worker.clear()
    try:
        choice = choose_translator("zh", "en", engine, glossary=glossary, threads=threads)
        store = TranslationMemory() if memory and choice.translator.use_memory else False
    except ZhenError as error:
        _worker["error"] = error
        return
    _worker.update(glossary=glossary, translator=choice.translator, notice=choice.notice,
                   memory=store)


def _run_task(task: PageTask):
    """One page: pipeline, renderers, atomic writes. Returns (PageResult, notice) or the
    worker's set-up error."""
    if "error" in _worker:
        return _worker["error"]

    started = time.perf_counter()
    translator = _worker["translator"]
    try:
        report = run_page(task.source, glossary=_worker["glossary"], translator=translator,
                          memory=_worker["memory"])
        for kind, path in task.outputs:
            _write(path, _rendered(report, kind))
    except ZhenError as error:
        return PageResult(task.source, FAILED, error=error.message), None
    except Exception as error:  # a bug must cost one page, not the batch
        problem = f"{task.source}: internal error: {type(error).__name__}: {error}"
        return PageResult(task.source, FAILED, error=problem), None
    summary = report.summary
    result = PageResult(
        task.source, DONE, tuple(path for _, path in task.outputs), report.engine,
        summary.segments, summary.terms, summary.findings_by_severity,
        round(time.perf_counter() - started, 4),
    )
    return result, _worker["notice"]


def _rendered(report, kind: str) -> bytes:
    if kind == "translated":
        return translated_bytes(report)

    return render_report(report, kind).encode("utf-8")


def _write(path: str, data: bytes) -> None:
    """Whole and synced before the rename: after a crash a report is complete or absent, so a
    resumed batch can trust every report it finds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
