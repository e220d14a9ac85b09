"""--color/--no-color and -q/--quiet: accepted by every command and group, kept in the context.

Imports nothing of zhen, so `zhen --help`, whose group takes them too, stays light.
"""

from __future__ import annotations

import os
import sys

import click

_COLOR = "zhen.color"
_QUIET = "zhen.quiet"


def _remember_color(ctx: click.Context, param: click.Parameter, value: bool | None):
    """The last --color/--no-color given wins, before the command or after it."""
    if value is not None:
        ctx.meta[_COLOR] = value


def _remember_quiet(ctx: click.Context, param: click.Parameter, value: bool):
    if value:
        ctx.meta[_QUIET] = True


def output_controls(command):
    """--color/--no-color and -q/--quiet, for every command (also accepted before it)."""
    command = click.option(
        "--color/--no-color", default=None, expose_value=False, callback=_remember_color,
        help="Colour the output. Default: on a terminal, unless NO_COLOR is set (FORCE_COLOR "
        "forces it).",
    )(command)
    return click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=_remember_quiet,
        help="Print only results and errors: no notices, progress or counts on stderr.",
    )(command)


def _meta(key: str):
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(key) if ctx is not None else None


def use_color(stream=None) -> bool:
    """--color/--no-color, else NO_COLOR (off), else FORCE_COLOR (on), else: is it a terminal?"""
    chosen = _meta(_COLOR)
    if chosen is not None:
        return chosen
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()


def quiet() -> bool:
    return bool(_meta(_QUIET))


def inform(message: str) -> None:
    """A notice or count for the person at the terminal, on stderr; nothing with --quiet."""
    if not quiet():
        click.echo(message, err=True)
