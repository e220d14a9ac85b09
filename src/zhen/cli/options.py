"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path

import click

from zhen.page import FORMATS

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
