"""`zhen page`: one page in, a checked bilingual report (or the translated page) out."""

from __future__ import annotations

from pathlib import Path

import click

from zhen.cli import options
from zhen.cli.options import glossary_paths
from zhen.files import write_output
from zhen.glossary.store import load_glossary
from zhen.pipeline import run_page
from zhen.render.report import OUTPUTS, render_report
from zhen.render.translated import translated_bytes, translated_page


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
        _emit(out, lambda: translated_page(report), lambda: translated_bytes(report))
        return

    color = output == "text" and out is None and options.terminal_colors()
    text = render_report(report, output, color=color)
    _emit(out, lambda: text, lambda: text.encode("utf-8"))


def _emit(out: Path | None, as_text, as_bytes) -> None:
    """To standard output as text, or to FILE as bytes, written atomically."""
    if out is None:
        text = as_text()
        click.echo(text, nl=not text.endswith("\n"))
        return

    write_output(out, as_bytes())
