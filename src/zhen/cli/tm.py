"""`zhen tm`: the translation memory — statistics, TMX export and import, clearing."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from zhen.translate.memory import TranslationMemory
from zhen.translate.tmx import export_tmx, import_tmx


@click.group("tm")
def tm() -> None:
    """The translation memory: every translated sentence, reused by engine, model and glossary."""


@tm.command("stats")
@click.option("--output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def tm_stats(output) -> None:
    """Where the memory is, how many entries it holds, and how often they were reused."""
    stats = TranslationMemory().stats()
    if output == "json":
        click.echo(json.dumps(asdict(stats), default=str, ensure_ascii=False, indent=2))
        return
    click.echo(f"memory: {stats.path} ({stats.size_bytes:,} bytes)")
    click.echo(f"entries: {stats.entries:,}, reused: {stats.uses:,} times")
    for group in stats.by_engine:
        model = f" {group.model_version}" if group.model_version else ""
        digest = f" glossary {group.glossary_digest[:12]}" if group.glossary_digest else ""
        click.echo(
            f"  {group.source_language}→{group.target_language} {group.engine}{model}{digest}:"
            f" {group.entries:,} entries, reused {group.uses:,} times"
        )


@tm.command("export")
@click.option("--tmx", "destination", required=True, help="TMX 1.4 file to write (- for stdout).")
def tm_export(destination) -> None:
    """Write the whole memory as TMX 1.4 (zhen's key kept in x-zhen-* props)."""

    count = export_tmx(TranslationMemory().entries(), destination, sys.stdout)
    if destination != "-":
        click.echo(f"exported {count:,} entries to {destination}", err=True)


@tm.command("import")
@click.option(
    "--tmx", "path", required=True, type=click.Path(path_type=Path), help="TMX file to read."
)
def tm_import(path) -> None:
    """Add a TMX file's translation units; units from other tools count as human translations."""

    result = import_tmx(TranslationMemory(), path)
    click.echo(
        f"imported {result.imported:,} entries from {path}"
        + (
            f" ({result.skipped:,} units without source and target skipped)"
            if result.skipped
            else ""
        )
    )


@tm.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def tm_clear(yes) -> None:
    """Delete every entry of the translation memory."""

    memory = TranslationMemory()
    if not yes:
        click.confirm(f"Delete every entry of {memory.path}?", abort=True)
    click.echo(f"deleted {memory.clear():,} entries")
