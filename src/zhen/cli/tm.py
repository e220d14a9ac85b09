"""`zhen tm`: the translation memory — statistics, TMX export and import, clearing."""

from __future__ import annotations

import sys

import click

from zhen.cli import options
from zhen.cli.listing import emit_listing
from zhen.render import listings
from zhen.render.words import plural
from zhen.translate.memory import TranslationMemory
from zhen.translate.tmx import export_tmx, import_tmx


@click.group("tm")
@options.output_controls
def tm() -> None:
    """The translation memory: every translated sentence, reused by engine, model and glossary."""


@tm.command("stats")
@options.output_format(["text", "json"], "text",
                       "text: for reading; json (docs/schema/zhen.schema.json).")
@options.output_file
@options.output_controls
def tm_stats(output_format, output_file) -> None:
    """Where the memory is, how many entries it holds, and how often they were reused."""
    stats = TranslationMemory().stats()

    def text() -> str:
        lines = [f"memory: {stats.path} ({plural(stats.size_bytes, 'byte')})",
                 f"entries: {stats.entries:,}, reused: {plural(stats.uses, 'time')}"]
        for group in stats.by_engine:
            model = f" {group.model_version}" if group.model_version else ""
            digest = f" glossary {group.glossary_digest[:12]}" if group.glossary_digest else ""
            lines.append(f"  {group.source_language}→{group.target_language} {group.engine}{model}"
                         f"{digest}: {plural(group.entries, 'entry')}, reused "
                         f"{plural(group.uses, 'time')}")
        return "".join(f"{line}\n" for line in lines)

    emit_listing(output_file, output_format, text=text,
                 document=lambda: listings.memory_document(stats))


@tm.command("export")
@options.output_file
@options.output_controls
def tm_export(output_file) -> None:
    """Write the whole memory as TMX 1.4 (zhen's key kept in x-zhen-* props)."""

    destination = output_file or options.STDIN
    count = export_tmx(TranslationMemory().entries(), destination, sys.stdout)
    if destination != options.STDIN:
        options.inform(f"exported {plural(count, 'entry')} to {destination}")


@tm.command("import")
@click.argument("file", metavar="[FILE.tmx]", required=False)
@options.output_controls
def tm_import(file) -> None:
    """Add a TMX file's units (- or nothing: standard input); other tools' count as human."""

    result = import_tmx(TranslationMemory(), options.input_or_stdin(file, "FILE.tmx"))
    skipped = (f" ({plural(result.skipped, 'unit')} without source and target skipped)"
               if result.skipped else "")
    click.echo(f"imported {plural(result.imported, 'entry')} from {file or '<stdin>'}{skipped}")


@tm.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@options.output_controls
def tm_clear(yes) -> None:
    """Delete every entry of the translation memory."""

    memory = TranslationMemory()
    if not yes:
        click.confirm(f"Delete every entry of {memory.path}?", abort=True)
    click.echo(f"deleted {plural(memory.clear(), 'entry')}")
