"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path

import click

glossary_paths = click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Glossary file or folder (repeatable). Default: $ZHEN_GLOSSARY, else glossary/.",
)
