"""`zhen check`: terminology QA of pages and translations against the glossary, like a linter."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import click

from zhen.cli import options
from zhen.cli.config import find_config
from zhen.cli.options import comma_separated, glossary_paths
from zhen.glossary.store import load_glossary
from zhen.render.findings import OUTPUTS, render
from zhen.render.words import plural
from zhen.terms.checks import Selection
from zhen.terms.fix import apply, diff, plan_fixes
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.terms.run import CheckOptions, check_inputs


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
@options.fail_on("error")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these codes or prefixes, e.g. ZH001,ZH003 (repeatable).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD,
              show_default=True, help="Near-miss score needed for a warning (higher: fewer).")
@options.as_of
@click.option("--fix", is_flag=True,
              help="Put the suggested rendering in place of each fixable finding (errors and "
              "warnings with a suggestion) in the files checked; report what is left.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the changes --fix would make as a unified diff; change nothing. Exit "
              "1 when there are any.")
@options.output_controls
def check_command(paths, source, target, pairs, glossary_paths, output_format, output_file,
                  fail_on, select, ignore, threshold, as_of, fix, show_diff) -> None:
    """Check PATHs (files, folders; - or nothing: standard input) against the glossary.

    Reports deprecated renderings (ZH001, error), admitted ones (ZH002, info), near misses of a
    term (ZH003, warning), key terms of a Chinese source missing from its translation (ZH004,
    error, with --source/--target or --pairs), Chinese terms with their English (ZH005, info) and
    superseded renderings in text written before they gave way (ZH006, info: historical).
    A line holding `zhen: ignore` or `zhen: ignore[ZH002]` is not reported.

    Settings may come from the project's `[tool.zhen]` (pyproject.toml) or zhen.toml: glossary,
    select, ignore, threshold, fail-on; options given here win.

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
    settings = _settings(select, ignore, threshold, fail_on)
    glossary = load_glossary(options.selection(glossary_paths))

    def run_check():
        return check_inputs(paths, glossary, CheckOptions(settings.selection, settings.threshold,
                                                          as_of),
                            pairs=pairs, source=source, target=target)

    report = run_check()
    if fix or show_diff:
        files = set(report.checked) - set(pairs) - {options.STDIN, "<stdin>"}
        fixes = plan_fixes(report.findings, files)
        for file_fix in fixes:
            for finding, why in file_fix.left:
                options.inform(f"not fixed: {finding.path}:{finding.line}:{finding.column}: "
                               f"{why}")
        if show_diff:
            options.emit(output_file, "".join(diff(file_fix) for file_fix in fixes))
            _problems(report)
            sys.exit(2 if report.problems else int(any(f.changed for f in fixes)))
        for file_fix in fixes:
            apply(file_fix)
        fixed = [file_fix for file_fix in fixes if file_fix.changed]
        options.inform(f"fixed {plural(sum(len(f.fixed) for f in fixed), 'finding')} in "
                       f"{plural(len(fixed), 'file')}")
        if fixed:
            report = run_check()  # what is left
    color = output_format == "lint" and output_file in (None, options.STDIN) and \
        options.use_color()
    options.emit(output_file, render(report, output_format, color=color), color=color)
    _problems(report)
    sys.exit(report.exit_code(settings.fail_on))


@dataclass(frozen=True)
class _Settings:
    selection: Selection
    threshold: float
    fail_on: str


def _settings(select, ignore, threshold, fail_on) -> _Settings:
    """The options given, else the project configuration's, else the defaults."""
    ctx = click.get_current_context()
    config = find_config()

    def given(name: str) -> bool:
        return ctx.get_parameter_source(name).name not in ("DEFAULT", "DEFAULT_MAP")

    try:
        selection = Selection(comma_separated(select) if select else config.select,
                              comma_separated(ignore) if ignore else config.ignore)
    except ValueError as error:
        where = "--select/--ignore" if select or ignore else f"{config.path}"
        raise click.BadParameter(str(error), param_hint=where) from None
    if not given("threshold") and config.threshold is not None:
        threshold = config.threshold
    if not given("fail_on") and config.fail_on is not None:
        fail_on = config.fail_on
    return _Settings(selection, threshold, fail_on)


def _problems(report) -> None:
    for warning in report.warnings:
        options.inform(warning)
    for problem in report.problems:
        click.echo(f"Error: {problem.message}", err=True)
