"""`zhen tm`: the translation memory — statistics, TMX export and import, clearing."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from zhen.cli import options
from zhen.translate.memory import TranslationMemory
from zhen.translate.tmx import export_tmx, import_tmx


@click.group("tm")
@options.output_controls
def tm() -> None:
    """The translation memory: every translated sentence, reused by engine, model and glossary."""


@tm.command("stats")
@options.output_format(["text", "json"], "text", "text: for reading; json: for scripts.")
@options.output_controls
def tm_stats(output_format) -> None:
    """Where the memory is, how many entries it holds, and how often they were reused."""
    stats = TranslationMemory().stats()
    if output_format == "json":
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
@options.output_file
@options.output_controls
def tm_export(output_file) -> None:
    """Write the whole memory as TMX 1.4 (zhen's key kept in x-zhen-* props)."""

    destination = output_file or options.STDIN
    count = export_tmx(TranslationMemory().entries(), destination, sys.stdout)
    if destination != options.STDIN:
        options.inform(f"exported {count:,} entries to {destination}")


@tm.command("import")
@click.argument("file", metavar="[FILE.tmx]", required=False)
@options.output_controls
def tm_import(file) -> None:
    """Add a TMX file's units (- or nothing: standard input); other tools' count as human."""

    result = import_tmx(TranslationMemory(), options.input_or_stdin(file, "FILE.tmx"))
    skipped = (f" ({result.skipped:,} units without source and target skipped)"
               if result.skipped else "")
    click.echo(f"imported {result.imported:,} entries from {file or '<stdin>'}{skipped}")


@tm.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@options.output_controls
def tm_clear(yes) -> None:
    """Delete every entry of the translation memory."""

    memory = TranslationMemory()
    if not yes:
        click.confirm(f"Delete every entry of {memory.path}?", abort=True)
    click.echo(f"deleted {memory.clear():,} entries")
