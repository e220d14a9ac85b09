"""`zhen check`: terminology QA of pages and translations against the glossary, like a linter."""

from __future__ import annotations

import sys

import click

from zhen.cli import options
from zhen.cli.options import comma_separated, glossary_paths
from zhen.glossary.store import load_glossary
from zhen.render.findings import OUTPUTS, render
from zhen.terms.checks import Selection
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.terms.run import CheckOptions, check_inputs

FAIL_ON = ("error", "warning", "info", "never")


@click.command("check")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--source", metavar="ZH_FILE",
              help="Chinese source, aligned line by line with --target.")
@click.option("--target", metavar="EN_FILE", help="English translation of --source, line by line.")
@click.option("--pairs", "pairs", multiple=True, metavar="FILE",
              help="Aligned pairs: TSV (source<TAB>target) or JSONL "
                   '({"source": …, "target": …}); repeatable.')
@glossary_paths
@options.output_format(OUTPUTS, "lint",
                       "lint: PATH:LINE:COL lines and a summary; json "
                       "(docs/schema/zhen.schema.json); sarif (2.1.0); github (workflow "
                       "annotations).")
@options.output_file
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these codes or prefixes, e.g. ZH001,ZH003 (repeatable).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD,
              show_default=True, help="Near-miss score needed for a warning (higher: fewer).")
@options.as_of
@options.output_controls
def check_command(paths, source, target, pairs, glossary_paths, output_format, output_file,
                  fail_on, select, ignore, threshold, as_of) -> None:
    """Check PATHs (files, folders; - or nothing: standard input) against the glossary.

    Reports deprecated renderings (ZH001, error), admitted ones (ZH002, info), near misses of a
    term (ZH003, warning), key terms of a Chinese source missing from its translation (ZH004,
    error, with --source/--target or --pairs), Chinese terms with their English (ZH005, info) and
    superseded renderings in text written before they gave way (ZH006, info: historical).
    A line holding `zhen: ignore` or `zhen: ignore[ZH002]` is not reported.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for bad usage or input.
    """

    if not (paths or pairs or source or target):
        if not options.stdin_is_piped():
            raise click.UsageError(
                "nothing to check: give a PATH, --pairs FILE or --source/--target, or pipe a "
                "page into standard input")
        paths = (options.STDIN,)
    if (source is None) != (target is None):
        raise click.UsageError("--source and --target go together")
    try:
        selection = Selection(comma_separated(select), comma_separated(ignore))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--select/--ignore") from None
    glossary = load_glossary(list(glossary_paths) or None)
    report = check_inputs(paths, glossary, CheckOptions(selection, threshold, as_of), pairs=pairs,
                          source=source, target=target)
    color = output_format == "lint" and output_file in (None, options.STDIN) and \
        options.use_color()
    options.emit(output_file, render(report, output_format, color=color), color=color)
    for problem in report.problems:
        click.echo(f"Error: {problem.message}", err=True)
    sys.exit(report.exit_code(fail_on))
