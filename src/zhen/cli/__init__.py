"""The `zhen` command: a thin layer that parses options, calls the library and renders.

Subcommands are imported only when invoked or listed, and none imports a heavy library at
module level, so `zhen --help` stays instant.
"""

from __future__ import annotations

import importlib
import sys

import click

from zhen import __version__
from zhen.cli.controls import output_controls
from zhen.errors import ZhenError
from zhen.gcpause import fewer_collections
from zhen.stdout import check_stdout

# name → ("module:attribute", the line `zhen --help` shows for it). The line is kept here so that
# listing the commands imports none of them (tests/cli/test_cli.py holds it to the command's own
# first help sentence).
_COMMANDS: dict[str, tuple[str, str]] = {
    "batch": ("zhen.cli.batch:batch_command",
              "Run `zhen page` over every page in DIRs, FILES and WARC files, writing reports "
              "under --output-dir."),
    "check": ("zhen.cli.check:check_command",
              "Check PATHs (files, folders; - or nothing: standard input) against the glossary."),
    "glossary": ("zhen.cli.glossary:glossary",
                 "Maintain the policy-term glossary: list, search, edit, validate, import and "
                 "export."),
    "models": ("zhen.cli.models:models",
               "List, install, verify and remove offline translation packages (.argosmodel)."),
    "page": ("zhen.cli.page:page_command",
             "Read PAGE (a path; - or nothing: standard input), translate its Chinese, check its "
             "terms."),
    "separate": ("zhen.cli.separate:separate_command",
                 "Split PAGE (a path; - or nothing: standard input) into English, Chinese and "
                 "neutral spans."),
    "tm": ("zhen.cli.tm:tm",
           "The translation memory: every translated sentence, reused by engine, model and "
           "glossary."),
    "translate": ("zhen.cli.translate:translate",
                  "Translate Chinese text (TEXT; - or nothing: standard input) or a page's "
                  "Chinese spans."),
}


class _ReportedError(click.ClickException):
    """A ZhenError as click shows it: `Error: <file>: <problem>` on stderr, no traceback."""

    def __init__(self, error: ZhenError):
        super().__init__(error.message)
        self.exit_code = error.exit_code


class ZhenGroup(click.Group):
    """Loads subcommands lazily and turns every ZhenError into a one-line error."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        module_name, attribute = _COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table: `zhen --help` imports no command."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, line) for name, (_, line) in sorted(_COMMANDS.items())])

    def main(self, *args, **kwargs):
        """Every write to standard output is checked (`zhen.stdout.CheckedStdout`): a full disk or
        a file-size limit ends the command with one error line and a failing exit status."""
        with fewer_collections():
            return self._checked_main(*args, **kwargs)

    def _checked_main(self, *args, **kwargs):
        if check_stdout() is None:  # not the real standard output (a test runner's buffer)
            return super().main(*args, **kwargs)
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # what is still buffered must reach the file, or fail here
        except ZhenError as error:  # a write that failed while help or a final flush was written
            click.echo(f"Error: {error.message}", err=True)
            sys.exit(error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ZhenError as error:
            raise _ReportedError(error) from None
        except BrokenPipeError:
            # `zhen … | head`: the reader left; stop quietly like other Unix tools.
            sys.stderr.close()
            raise SystemExit(1) from None


@click.group(cls=ZhenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zhen")
@output_controls
def main() -> None:
    """Separate, segment, translate and terminology-check mixed Chinese/English pages, offline."""
