"""What `zhen batch` shows while it runs (a progress bar on a terminal) and when it is done."""

from __future__ import annotations

import click

from zhen.batch import FAILED, SKIPPED, BatchResult, PageResult


class BatchProgress:
    """Pages done of all, Chinese segments translated so far, and the time left, on stderr."""

    def __init__(self, enabled: bool, console=None):
        self.enabled = enabled
        self.console = console  # a rich Console; None: standard error
        self.finished = 0
        self.segments = 0
        self._progress = None
        self._task = None

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self, total: int) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("pages"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("· {task.fields[segments]} segments · ETA"),
            TimeRemainingColumn(),
            console=self.console or Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task(
            "pages", total=total, completed=self.finished, segments=self.segments
        )
        self._progress.start()

    def advance(self, result: PageResult) -> None:
        self.finished += 1
        self.segments += result.segments
        if self._progress is not None:
            self._progress.update(self._task, advance=1, segments=self.segments)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def report_batch(result: BatchResult) -> None:
    """Counts on stdout; the fallback notice and every failed page on stderr."""
    failed = result.with_status(FAILED)
    skipped = result.with_status(SKIPPED)
    done = len(result.results) - len(failed) - len(skipped)
    if result.notice:
        click.echo(result.notice, err=True)
    click.echo(
        f"{len(result.results)} pages: {done} done, {len(skipped)} skipped (up to date), "
        f"{len(failed)} failed; summary: {result.summary_path}"
    )
    for page in failed:
        click.echo(f"failed: {page.error}", err=True)
