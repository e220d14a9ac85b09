"""`zhen page`: one page in, a checked bilingual report (or the translated page) out."""

from __future__ import annotations

import sys

import click

from zhen.cli import options
from zhen.cli.options import glossary_paths
from zhen.glossary.store import load_glossary
from zhen.page.damage import damage_warning
from zhen.pipeline import run_page
from zhen.render.report import OUTPUTS, report_chunks
from zhen.render.translated import translated_bytes, translated_page
from zhen.types import Severity


@click.command("page")
@click.argument("page", metavar="[PAGE]", required=False)
@options.output_format(
    OUTPUTS, "text",
    "text: for the terminal; markdown: side-by-side table for review; json: "
    "docs/schema/zhen.schema.json; html: one self-contained file.",
)
@click.option(
    "--translated",
    is_flag=True,
    help="Write the page itself with its Chinese replaced by English, instead of a report.",
)
@options.output_file
@options.engine
@options.device
@options.compute_type
@glossary_paths
@options.input_format
@options.page_encoding
@options.no_memory
@options.as_of
@options.fail_on("never")
@options.output_controls
def page_command(page, output_format, translated, output_file, engine, device, compute_type,
                 glossary_paths, input_format, encoding, no_memory, as_of, fail_on):
    """Read PAGE (a path; - or nothing: standard input), translate its Chinese, check its terms.

    The report lists every block in page order with its role and language, the words of each
    Chinese span, romanized names, the translation and the engine that made it; then the
    glossary terms found, the terminology findings with line:column, and a summary. Without an
    installed Argos model, zhen says so on stderr and uses its built-in fallback.

    Exit status 1 when a finding reaches --fail-on (default: never), 2 when PAGE cannot be read.
    """

    source = click.get_current_context().get_parameter_source("output_format")
    if translated and source.name != "DEFAULT":
        raise click.UsageError("--translated writes the page itself; leave out --output-format")
    page = options.input_or_stdin(page, "PAGE")
    glossary = load_glossary(options.selection(glossary_paths))
    report = run_page(
        page, glossary=glossary, engine=engine, memory=not no_memory, format=input_format,
        encoding=encoding, as_of=as_of, device=device, compute_type=compute_type,
    )
    if report.notice:
        options.inform(report.notice)
    warning = damage_warning(report.page)
    if warning:
        options.inform(warning)
    if translated:
        options.emit_bytes(output_file, lambda: translated_page(report),
                           lambda: translated_bytes(report))
    else:
        to_stdout = output_file in (None, options.STDIN)
        color = output_format == "text" and to_stdout and options.use_color()
        with options.Output(output_file, color=color) as write:
            for chunk in report_chunks(report, output_format, color=color):
                write(chunk)
    if Severity.fails((finding.severity for finding in report.findings), fail_on):
        sys.exit(1)
