"""The `zhen` command: a thin layer that parses options, calls the library and renders.

Subcommands are imported only when invoked or listed, and none imports a heavy library at
module level, so `zhen --help` stays instant.
"""

from __future__ import annotations

import importlib
import sys

import click

from zhen import __version__
from zhen.errors import ZhenError

# name → "module:attribute"; one line per command group, in the order `--help` does not care about.
_COMMANDS: dict[str, str] = {
    "check": "zhen.cli.check:check_command",
    "batch": "zhen.cli.batch:batch_command",
    "glossary": "zhen.cli.glossary:glossary",
    "models": "zhen.cli.models:models",
    "page": "zhen.cli.page:page_command",
    "separate": "zhen.cli.separate:separate_command",
    "translate": "zhen.cli.translate:translate",
    "tm": "zhen.cli.tm:tm",
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
        target = _COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

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
def main() -> None:
    """Separate, segment, translate and terminology-check mixed Chinese/English pages, offline."""
