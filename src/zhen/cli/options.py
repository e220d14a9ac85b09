"""Options shared by several commands, declared once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from zhen.page.reader import FORMATS


def comma_separated(values: tuple[str, ...]) -> tuple[str, ...]:
    """The items of a repeatable option that also takes comma-separated lists, blanks dropped."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


glossary_paths = click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Glossary file or folder (repeatable). Default: $ZHEN_GLOSSARY, else glossary/.",
)
page_format = click.option(
    "--format",
    "page_format",
    type=click.Choice(FORMATS),
    help="Force text or html (default: detected from the content).",
)
page_encoding = click.option(
    "--encoding",
    help="Force the page's encoding, e.g. gb18030 or big5 (default: detected).",
)
engine = click.option(
    "--engine",
    type=click.Choice(("argos", "fallback")),
    help="Force an engine. Default: an installed Argos model for the pair, else the built-in "
    "fallback.",
)
no_memory = click.option(
    "--no-memory", is_flag=True, help="Neither read nor write the translation memory."
)


def terminal_colors() -> bool:
    """Colour only for a person at a terminal who has not asked for none (NO_COLOR)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
