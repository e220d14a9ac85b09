"""`zhen glossary import/export`: TBX and the CSV/TSV glossaries of translation tools."""

from __future__ import annotations

from pathlib import Path

import click

from zhen.cli import options
from zhen.cli.options import glossary_in_use, glossary_paths
from zhen.errors import GlossaryError
from zhen.glossary.exchange.formats import FORMATS, export_glossary, read_exchange
from zhen.glossary.exchange.merge import import_concepts
from zhen.glossary.store import load_glossary
from zhen.page.decode import decode_bytes
from zhen.render import listings
from zhen.render.words import plural

_DELIMITERS = {"comma": ",", "tab": "\t"}


@click.command("import")
@glossary_paths
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--input-format", "input_format", type=click.Choice(FORMATS),
              help="The file's format (default: guessed from its name and first line).")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@options.page_encoding
@options.into
@click.option("--domain", default="",
              help="Domain of imported concepts that bring none; new concepts go to "
              "<domain>.glossary (created for a new domain).")
@options.cite
@click.option("--dry-run", is_flag=True,
              help="Report what would change and fail where the import would; write nothing.")
@click.option("--skip-conflicts", is_flag=True, help="Merge the rest when some entries conflict.")
@options.output_format(("text", "json"), "text",
                       "text: a line per added, updated or conflicting concept; json "
                       "(docs/schema/zhen.schema.json).")
@options.output_controls
@click.pass_context
def import_file(ctx, glossary_paths, file, input_format, delimiter, encoding, into, domain, cite,
                dry_run, skip_conflicts, output_format):
    """Merge a TBX, DeepL, Google, Amazon or OmegaT glossary into the glossary, with a report.

    Format and column order are detected; CSV/TSV files are decoded as pages are (UTF-8,
    GB18030/GBK, Big5). A concept the glossary has is merged where it is stored; a new one goes
    to --into FILE, else to its domain's file. Exit status 1 when there are conflicts (nothing
    is written unless --skip-conflicts), 2 when the file cannot be imported.
    """

    chosen = glossary_in_use(glossary_paths)

    def decode(data: bytes, path: Path) -> str:
        decoded = decode_bytes(data, source=str(path), encoding=encoding)
        if decoded.damage:  # a glossary takes no replacement characters
            first = decoded.damage[0]
            line = data.count(b"\n", 0, first.byte_offset) + 1
            raise GlossaryError(f"byte 0x{data[first.byte_offset]:02x} at offset "
                                f"{first.byte_offset} is not valid {decoded.encoding}", path, line)
        return decoded.text

    imported = read_exchange(file, input_format, _DELIMITERS.get(delimiter), decode)
    report = import_concepts(imported, into, chosen, dry_run=dry_run, source=cite,
                             skip_conflicts=skip_conflicts, domain=domain)
    if output_format == "json":
        click.echo(listings.dumps(listings.import_document(report, dry_run)), nl=False)
    else:
        for label, ids in (("added", report.added), ("updated", report.updated)):
            for concept_id in ids:
                click.echo(f"{label}\t[{concept_id}]")
        for conflict in report.conflicts:
            click.echo(f"conflict\t[{conflict.concept_id}]\t{conflict.reason}")
        for note in report.notes:
            click.echo(f"note\t{note}")
    files = ", ".join(str(path) for path in report.targets)
    if report.conflicts and not skip_conflicts:
        outcome = "nothing written: settle the conflicts, or merge the rest with --skip-conflicts"
    elif report.changes:
        outcome = ("would write " if dry_run else "written to ") + files
    else:
        outcome = "nothing to write"
    options.inform(f"{len(report.added)} added, {len(report.updated)} updated, "
                   f"{len(report.unchanged)} unchanged, "
                   f"{plural(len(report.conflicts), 'conflict')}; {outcome}"
                   f"{' (dry run)' if dry_run else ''}")
    if report.conflicts and not (skip_conflicts and report.changes):
        ctx.exit(1)


@click.command()
@glossary_paths
@options.output_format(FORMATS, "tbx", "tbx is TBX-Basic 2019; tbx-2008 is the martif dialect; "
                       "deepl, google, amazon and omegat are their CSV/TSV glossaries.")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@click.option("--deprecated", type=click.Choice(("keep", "omit")),
              help="Deprecated and superseded renderings: keep them (TBX marks their status, "
              "OmegaT's comment says it) or omit them. Default: omit for omegat, which shows "
              "every row as a suggestion; keep for tbx. deepl, google and amazon hold only "
              "preferred renderings.")
@options.output_file
@options.output_controls
def export(glossary_paths, output_format, delimiter, deprecated, output_file):
    """Write the glossary as TBX or as a DeepL, Google, Amazon or OmegaT glossary."""

    named = None if output_file in (None, options.STDIN) else Path(output_file)
    deprecated = deprecated or ("omit" if output_format == "omegat" else "keep")
    text = export_glossary(load_glossary(glossary_in_use(glossary_paths)), output_format,
                           _DELIMITERS.get(delimiter), named, deprecated=deprecated)
    options.emit(output_file, text)


COMMANDS = (import_file, export)
