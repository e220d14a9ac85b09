"""`run_batch`: find the pages, skip the ones already done, run the rest, keep the summary."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from zhen.batch import local
from zhen.batch.tasks import (
    FAILED,
    SKIPPED,
    SUMMARY_NAME,
    BatchOptions,
    PageResult,
    PageTask,
    is_current,
    output_paths,
)
from zhen.files import remove_stale_temporaries
from zhen.glossary.store import load_glossary
from zhen.page.inputs import find_pages


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
) -> BatchResult:
    """Run the pipeline over every page; `on_start` learns how many pages there are (once the
    workers are running) and `on_result` sees each page's result as it comes."""

    options = options or BatchOptions()
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
            notice = local.run_tasks(tasks, glossary, options, record, on_start, len(pages))
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
