"""`zhen page` (one page → a checked bilingual report) and `zhen batch` (many pages, resumable)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zhen.cli import options
from zhen.cli.options import glossary_paths

OUTPUTS = ("text", "markdown", "json", "html")


@click.command("page")
@click.argument("page", metavar="PAGE")
@click.option(
    "--output",
    type=click.Choice(OUTPUTS),
    default="text",
    show_default=True,
    help="text: for the terminal; markdown: side-by-side table for review; json: "
    "docs/schema/zhen.schema.json; html: one self-contained file.",
)
@click.option(
    "--translated",
    is_flag=True,
    help="Write the page itself with its Chinese replaced by English, instead of a report.",
)
@click.option(
    "-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
@options.engine
@glossary_paths
@options.page_format
@options.page_encoding
@options.no_memory
def page_command(
    page, output, translated, out, engine, glossary_paths, page_format, encoding, no_memory
):
    """Read PAGE (a path, or - for standard input), translate its Chinese and check its terms.

    The report lists every block in page order with its role and language, the words of each
    Chinese span, romanized names, the translation and the engine that made it; then the
    glossary terms found, the terminology findings with line:column, and a summary. Without an
    installed Argos model, zhen says so on stderr and uses its built-in fallback.
    """
    from zhen.glossary.store import load_glossary
    from zhen.pipeline import run_page

    if translated and click.get_current_context().get_parameter_source("output").name != "DEFAULT":
        raise click.UsageError("--translated writes the page itself; leave out --output")
    glossary = load_glossary(list(glossary_paths) or None)
    report = run_page(
        page, glossary=glossary, engine=engine, memory=not no_memory, format=page_format,
        encoding=encoding,
    )
    if report.notice:
        click.echo(report.notice, err=True)
    if translated:
        from zhen.render.translated import translated_bytes, translated_page

        _emit(out, lambda: translated_page(report), lambda: translated_bytes(report))
        return
    from zhen.render.page import render

    color = output == "text" and out is None and options.terminal_colors()
    text = render(report, output, color=color)
    _emit(out, lambda: text, lambda: text.encode("utf-8"))


def _emit(out: Path | None, as_text, as_bytes) -> None:
    """To standard output as text, or to FILE as bytes, written atomically."""
    if out is None:
        text = as_text()
        click.echo(text, nl=not text.endswith("\n"))
        return
    from zhen.errors import InputError
    from zhen.glossary.store import write_atomically

    try:
        write_atomically(out, as_bytes())
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", out) from None


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="DIR|FILES...")
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the outputs; it mirrors the input folders.",
)
@click.option(
    "--output", "outputs", multiple=True, type=click.Choice(OUTPUTS),
    help="Report(s) to write per page (repeatable). Default: json.",
)
@click.option("--translated", is_flag=True, help="Also write each page translated (page.en.txt).")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: one per core)."
)
@click.option(
    "--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL summary file (default: OUT/zhen-batch.jsonl).",
)
@options.engine
@glossary_paths
@options.no_memory
def batch_command(inputs, out_dir, outputs, translated, jobs, summary_path, engine,
                  glossary_paths, no_memory):
    """Run `zhen page` over every page in DIRs and FILES, writing reports under --out.

    Each worker process loads the glossary and the model once. Pages whose outputs are newer than
    the page and the glossary are skipped, so an interrupted batch resumes where it stopped. A
    page that fails is reported and skipped; the exit status is then 1.
    """
    from zhen.batch import BatchOptions, run_batch
    from zhen.cli.progress import BatchProgress, report_batch

    options = BatchOptions(outputs or ("json",), translated, engine, not no_memory, jobs)
    with BatchProgress(enabled=sys.stderr.isatty()) as progress:
        try:
            result = run_batch(
                inputs, out_dir, options, glossary_paths=list(glossary_paths) or None,
                summary_path=summary_path, on_start=progress.start, on_result=progress.advance,
            )
        except KeyboardInterrupt:
            progress.stop()
            click.echo(f"interrupted after {progress.finished} pages; run the same command again"
                       " to resume", err=True)
            sys.exit(130)
    report_batch(result)
    sys.exit(result.exit_code)
