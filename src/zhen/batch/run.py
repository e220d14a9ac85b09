"""`run_batch`: find the pages, skip the ones already done, run the rest, keep the summary."""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from zhen.batch import distributed, local
from zhen.batch.tasks import (
    DONE,
    FAILED,
    REPORT_SUFFIXES,
    SKIPPED,
    SUMMARY_NAME,
    BatchOptions,
    PageResult,
    PageTask,
    is_current,
    output_paths,
)
from zhen.batch.warc import records
from zhen.errors import OutputError, ZhenError
from zhen.files import remove_stale_temporaries, write_output
from zhen.glossary.store import load_glossary
from zhen.page.inputs import find_pages, is_archive
from zhen.render.batch_index import IndexEntry, counts_of_report, index_html
from zhen.translate.service import engine_notice


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


def run_batch(
    inputs: Sequence[str],
    out_dir: Path,
    options: BatchOptions | None = None,
    *,
    glossary_paths: Sequence[Path] | None = None,
    summary_path: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[PageResult], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> BatchResult:
    """Run the pipeline over every page; `on_start` learns how many pages there are (once the
    workers are running), `on_result` sees each page's result as it comes, and `on_notice` the
    fallback notice, once, when the first page has something to translate.

    A page skipped as up to date keeps the numbers of the run that made its outputs (read back
    from the summary file that run wrote)."""

    options = options or BatchOptions()
    glossary = load_glossary(glossary_paths)  # loaded here once to fail early with file:line
    newest_glossary = max((path.stat().st_mtime_ns for path in glossary.files), default=0)
    pages = find_pages(inputs, out_dir, archives=True)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot be the output folder: {error.strerror}", out_dir) from None
    summary_path = summary_path or out_dir / SUMMARY_NAME
    earlier = _earlier_rows(summary_path)
    engine_note = engine_notice("zh", "en", options.engine)
    results: list[PageResult] = []
    notice = None
    with contextlib.ExitStack() as stack:
        on_ray = None
        if options.ray is not None:  # its actors start loading while the batch is planned
            on_ray = distributed.RayBatch(glossary, options)
            stack.callback(on_ray.close)
        summary = stack.enter_context(_SummaryFile(summary_path))

        def record(result: PageResult) -> None:
            nonlocal notice
            if result.segments and engine_note and notice is None and result.status == DONE:
                notice = engine_note
                if on_notice is not None:
                    on_notice(notice)
            results.append(result)
            summary.append(json.dumps(asdict(result), ensure_ascii=False) + "\n")
            if on_result is not None:
                on_result(result)

        tasks = []
        for task in _page_tasks(pages, out_dir, options):
            if isinstance(task, PageResult):  # an archive that cannot be read
                record(task)
            elif is_current(task.archive or task.source, [path for _, path in task.outputs],
                            newest_glossary):
                record(_skipped(task, earlier.get(task.source)))
            else:
                tasks.append(task)
        total = len(results) + len(tasks)
        if tasks:
            _remove_stale_temporaries(tasks)
            if on_ray is None:
                local.run_tasks(tasks, glossary, options, record, on_start, total)
            else:
                on_ray.run(tasks, record, on_start, total)
        elif on_start is not None:
            on_start(total)
    if "html" in options.outputs:
        _write_index(results, out_dir)
    return BatchResult(tuple(results), summary_path, notice)


def _earlier_rows(summary_path: Path) -> dict[str, dict]:
    """The rows of the summary an earlier run wrote, by page (a cut or foreign line is left out)."""
    rows: dict[str, dict] = {}
    try:
        lines = summary_path.read_bytes().splitlines()
    except OSError:
        return rows
    for line in lines:
        with contextlib.suppress(ValueError):
            row = json.loads(line)
            if isinstance(row, dict) and isinstance(row.get("page"), str):
                rows[row["page"]] = row
    return rows


def _skipped(task: PageTask, earlier: dict | None) -> PageResult:
    """An up-to-date page's line: what the run that made its outputs found, marked skipped."""
    outputs = tuple(path for _, path in task.outputs)
    if not earlier or earlier.get("status") not in (DONE, SKIPPED):
        return PageResult(task.source, SKIPPED, outputs)
    with contextlib.suppress(TypeError, ValueError):
        return PageResult(task.source, SKIPPED, outputs, earlier.get("engine"),
                          int(earlier.get("segments", 0)), int(earlier.get("terms", 0)),
                          {str(k): int(v) for k, v in (earlier.get("findings") or {}).items()},
                          float(earlier.get("seconds", 0.0)))
    return PageResult(task.source, SKIPPED, outputs)


INDEX_NAME = "index.html"


def _write_index(results: Sequence[PageResult], out_dir: Path) -> None:
    """OUT/index.html: every page's HTML report with its counts (a skipped page's from the
    earlier run's summary line, else from its report)."""
    suffix = REPORT_SUFFIXES["html"]
    entries = []
    for result in results:
        report = next((path for path in result.outputs if path.endswith(suffix)), None)
        if report is None or result.status == FAILED:
            entries.append(IndexEntry(result.page, None, result.status, error=result.error))
            continue
        counts = {"segments": result.segments, "terms": result.terms, **result.findings}
        if result.status == SKIPPED and not result.findings:  # no earlier summary line
            with (contextlib.suppress(OSError, UnicodeDecodeError),
                  open(report, encoding="utf-8") as head):  # the counts are in its <head>
                counts = counts_of_report(head.read(4096))
        relative = os.path.relpath(report, out_dir).replace(os.sep, "/")
        entries.append(IndexEntry(result.page, relative, result.status, counts))
    write_output(out_dir / INDEX_NAME, index_html(entries).encode("utf-8"))


def _page_tasks(pages: Sequence[tuple[str, Path]], out_dir: Path,
                options: BatchOptions) -> Iterator[PageTask | PageResult]:
    """A task per page file, and per page record of each WARC file (or, for a WARC file that
    cannot be read, its failed result)."""
    for page, relative in pages:
        if not is_archive(page):
            yield PageTask(page, tuple(output_paths(relative, out_dir, options)))
            continue
        try:
            found = list(records(page))
        except ZhenError as error:
            yield PageResult(page, FAILED, error=error.message)
            continue
        for record in found:
            outputs = output_paths(Path(relative, record.relative_name()), out_dir, options)
            yield PageTask(f"{page}#{record.record_id}", tuple(outputs), name=record.uri,
                           archive=page, offset=record.offset, format=record.format)


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


class _SummaryFile:
    """The summary, one line per page as it finishes (a log, so not written atomically). A line
    that cannot be written whole is cut away again and ends the batch with one error line."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.stream = open(path, "wb", buffering=0)  # noqa: SIM115 - closed in __exit__
        except OSError as error:
            raise OutputError(f"cannot write: {error.strerror}", path) from None

    def __enter__(self) -> _SummaryFile:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stream.close()

    def append(self, line: str) -> None:
        end = self.stream.tell()
        unwritten = memoryview(line.encode("utf-8"))
        try:
            while unwritten:
                count = self.stream.write(unwritten)
                if not count:
                    raise OSError(errno.ENOSPC, "the write fell short")
                unwritten = unwritten[count:]
        except OSError as error:
            with contextlib.suppress(OSError):
                self.stream.truncate(end)
            raise OutputError(f"cannot write: {error.strerror}", self.path) from None
