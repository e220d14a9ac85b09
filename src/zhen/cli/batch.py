"""`zhen batch`: `zhen page` over many pages, resumable, with a progress bar on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zhen.batch import FAILED, SKIPPED, BatchOptions, BatchResult, PageResult, run_batch
from zhen.cli import options
from zhen.cli.options import glossary_paths
from zhen.render.report import OUTPUTS
from zhen.render.words import plural
from zhen.types import Severity


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="DIR|FILES|WARCS...")
@click.option(
    "--output-dir", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the outputs; it mirrors the input folders.",
)
@click.option(
    "--output-format", "outputs", multiple=True, type=click.Choice(OUTPUTS),
    help="Report(s) to write per page (repeatable). Default: json.",
)
@click.option("--translated", is_flag=True, help="Also write each page translated (page.en.txt).")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1),
    help="Worker processes (default: one per core); on Ray, actors (default: one per CPU).",
)
@click.option(
    "--ray", "ray_address", metavar="auto|ADDRESS",
    help="Run on Ray (pip install 'zhen[ray]'): auto joins this machine's cluster or starts "
    "one; ADDRESS (ray://head:10001) joins that cluster.",
)
@click.option(
    "--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL summary file (default: OUT/zhen-batch.jsonl).",
)
@options.engine
@options.device
@options.compute_type
@glossary_paths
@options.no_memory
@options.as_of
@options.fail_on("never")
@options.output_controls
def batch_command(inputs, out_dir, outputs, translated, jobs, ray_address, summary_path, engine,
                  device, compute_type, glossary_paths, no_memory, as_of, fail_on):
    """Run `zhen page` over every page in DIRs, FILES and WARC files, writing reports under
    --output-dir.

    Each worker process (or Ray actor) loads the glossary and the model once. Pages whose outputs
    are newer than the page and the glossary are skipped, so an interrupted batch resumes where
    it stopped. A page that fails is reported and skipped; the exit status is then 1, as it is
    when a page's findings reach --fail-on (default: never; skipped pages count with the
    findings of the run that made their outputs).
    """

    settings = BatchOptions(outputs or ("json",), translated, engine, not no_memory, jobs,
                            as_of, ray_address, device, compute_type)
    with BatchProgress(enabled=sys.stderr.isatty() and not options.quiet()) as progress:
        try:
            result = run_batch(
                inputs, out_dir, settings, glossary_paths=options.selection(glossary_paths),
                summary_path=summary_path, on_start=progress.start, on_result=progress.advance,
                on_notice=progress.notice,
            )
        except KeyboardInterrupt:
            progress.stop()
            options.inform(f"interrupted after {plural(progress.finished, 'page')}; run the same "
                           "command again to resume")
            sys.exit(130)
    report_batch(result)
    findings = (severity for page in result.results for severity, count in page.findings.items()
                if count)
    sys.exit(result.exit_code or int(Severity.fails(findings, fail_on)))


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

    def notice(self, message: str) -> None:
        """A line for the person, above the bar while it runs; nothing with --quiet."""
        if options.quiet():
            return
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(message, err=True)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def report_batch(result: BatchResult) -> None:
    """Counts on stdout, every failed page on stderr (the fallback notice came as it arose)."""
    failed = result.with_status(FAILED)
    skipped = result.with_status(SKIPPED)
    done = len(result.results) - len(failed) - len(skipped)
    click.echo(
        f"{plural(len(result.results), 'page')}: {done} done, {len(skipped)} skipped (up to date), "
        f"{len(failed)} failed; summary: {result.summary_path}"
    )
    for page in failed:
        click.echo(f"failed: {page.error}", err=True)
