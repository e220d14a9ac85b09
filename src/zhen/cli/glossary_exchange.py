"""`zhen glossary import/export`: TBX and the CSV/TSV glossaries of translation tools."""

from __future__ import annotations

from pathlib import Path

import click

from zhen.cli import options
from zhen.cli.options import glossary_in_use, glossary_paths
from zhen.glossary.edit import write_target
from zhen.glossary.exchange.formats import FORMATS, export_glossary, read_exchange
from zhen.glossary.exchange.merge import import_concepts
from zhen.glossary.store import load_glossary
from zhen.render import listings
from zhen.render.words import plural

_DELIMITERS = {"comma": ",", "tab": "\t"}


@click.command("import")
@glossary_paths
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--input-format", "input_format", type=click.Choice(FORMATS),
              help="The file's format (default: guessed from its name and first line).")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@options.into
@options.cite
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--skip-conflicts", is_flag=True, help="Merge the rest when some entries conflict.")
@options.output_format(("text", "json"), "text",
                       "text: a line per added, updated or conflicting concept; json "
                       "(docs/schema/zhen.schema.json).")
@options.output_controls
@click.pass_context
def import_file(ctx, glossary_paths, file, input_format, delimiter, into, cite, dry_run,
                skip_conflicts, output_format):
    """Merge a TBX, DeepL, Google, Amazon or OmegaT glossary into a glossary file, with a report."""

    chosen = glossary_in_use(glossary_paths)
    imported = read_exchange(file, input_format, _DELIMITERS.get(delimiter))
    target = write_target(chosen, into, "")
    report = import_concepts(imported, target, chosen, dry_run=dry_run, source=cite,
                             skip_conflicts=skip_conflicts)
    if output_format == "json":
        click.echo(listings.dumps(listings.import_document(target, report, dry_run)), nl=False)
    else:
        for label, ids in (("added", report.added), ("updated", report.updated)):
            for concept_id in ids:
                click.echo(f"{label}\t[{concept_id}]")
        for conflict in report.conflicts:
            click.echo(f"conflict\t[{conflict.concept_id}]\t{conflict.reason}")
        for note in report.notes:
            click.echo(f"note\t{note}")
    options.inform(f"{len(report.added)} added, {len(report.updated)} updated, "
                   f"{len(report.unchanged)} unchanged, "
                   f"{plural(len(report.conflicts), 'conflict')}; "
                   f"{'written to ' + str(target) if report.written else 'nothing written'}"
                   f"{' (dry run)' if dry_run else ''}")
    if report.conflicts and not report.written and not dry_run:
        ctx.exit(1)


@click.command()
@glossary_paths
@options.output_format(FORMATS, "tbx", "tbx is TBX-Basic 2019; tbx-2008 is the martif dialect; "
                       "deepl, google, amazon and omegat are their CSV/TSV glossaries.")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@options.output_file
@options.output_controls
def export(glossary_paths, output_format, delimiter, output_file):
    """Write the glossary as TBX or as a DeepL, Google, Amazon or OmegaT glossary."""

    named = None if output_file in (None, options.STDIN) else Path(output_file)
    text = export_glossary(load_glossary(glossary_in_use(glossary_paths)), output_format,
                           _DELIMITERS.get(delimiter), named)
    options.emit(output_file, text)


COMMANDS = (import_file, export)
