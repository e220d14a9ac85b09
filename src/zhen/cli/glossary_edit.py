"""`zhen glossary add/edit/remove/fmt`: changes to the glossary, each locked, validated, atomic."""

from __future__ import annotations

import os
from pathlib import Path

import click

from zhen.cli import options
from zhen.cli.options import glossary_in_use, glossary_paths
from zhen.errors import GlossaryError
from zhen.glossary.changes import ConceptChanges, apply_changes, new_concept
from zhen.glossary.edit import (
    add_concept,
    format_files,
    init_glossary,
    remove_concept,
    update_concept,
    write_target,
)
from zhen.glossary.editor import RefusedEdit, edit_in_editor, keep_draft, read_draft
from zhen.glossary.query import named_concept
from zhen.glossary.store import load_glossary


def _rendering_options(command):
    for name, help_text in [
        ("--deprecate", "Deprecated rendering, 'text | reason' (repeatable)."),
        ("--supersede", "Superseded rendering, 'text | reason' (repeatable)."),
        ("--admit", "Admitted rendering (repeatable)."),
    ]:
        command = click.option(name, multiple=True, help=help_text)(command)
    return command


def concept_id(chosen, name: str) -> str:
    """The id of the concept NAME names (id, Chinese form or preferred English)."""
    return named_concept(load_glossary(chosen), name).id


@click.command()
@glossary_paths
@click.option("--zh", multiple=True, required=True, help="Simplified Chinese form (repeatable).")
@click.option("--preferred", help="Preferred English rendering (omit to mark needs-review).")
@_rendering_options
@click.option("--domain", default="", help="Domain; also picks <domain>.glossary as the file.")
@click.option("--cite", multiple=True, metavar="'URL [DATE]'",
              help="Citation: URL, optionally a date (repeatable).")
@click.option("--note", default="", help="Free-text note.")
@click.option("--id", "new_id", help="Concept id (default: made from the preferred English).")
@options.into
@options.output_controls
def add(glossary_paths, zh, preferred, admit, supersede, deprecate, domain, cite, note,
        new_id, into):
    """Add a concept; Traditional forms are derived, and an invalid result is refused."""

    chosen = glossary_in_use(glossary_paths)
    concept = new_concept(zh=zh, preferred=preferred, admitted=admit, superseded=supersede,
                          deprecated=deprecate, domain=domain, sources=cite, note=note,
                          concept_id=new_id)
    target = write_target(chosen, into, domain)
    add_concept(concept, target, chosen)
    click.echo(f"added [{concept.id}] to {target}")


@click.command()
@glossary_paths
@click.argument("concept")
@click.option("--preferred", help="New preferred rendering (the old one becomes admitted).")
@_rendering_options
@click.option("--drop", multiple=True, help="Remove a rendering (repeatable).")
@click.option("--add-zh", multiple=True, help="Add a Simplified Chinese form (repeatable).")
@click.option("--drop-zh", multiple=True, help="Remove a Chinese form (repeatable).")
@click.option("--domain", help="Set the domain.")
@click.option("--note", help="Set the note.")
@click.option("--cite", multiple=True, metavar="'URL [DATE]'",
              help="Add a citation (repeatable).")
@click.option("--drop-cite", multiple=True, metavar="URL",
              help="Remove the citation with this URL (repeatable).")
@click.option("--draft", type=click.Path(dir_okay=False, path_type=Path),
              help="Re-open a refused edit that zhen kept (it says where) in the editor.")
@options.output_controls
def edit(glossary_paths, concept, preferred, admit, supersede, deprecate, drop, add_zh,
         drop_zh, domain, note, cite, drop_cite, draft):
    """Change a CONCEPT with options, or without options in $VISUAL/$EDITOR.

    An edit the glossary refuses is not lost: at a terminal zhen offers to re-open it, and
    otherwise keeps it as a draft file that --draft re-opens.
    """

    chosen = glossary_in_use(glossary_paths)
    changes = ConceptChanges(preferred=preferred, admit=admit, supersede=supersede,
                             deprecate=deprecate, drop=drop, add_zh=add_zh, drop_zh=drop_zh,
                             domain=domain, note=note, add_sources=cite,
                             drop_sources=drop_cite)
    named = concept_id(chosen, concept)
    if changes.is_empty():
        edited = _edit_in_editor(named, chosen, draft)
        click.echo(f"updated [{edited.id}]" if edited else "no change")
        return
    if draft is not None:
        raise click.UsageError("--draft re-opens the editor; give it without other changes")
    update_concept(named, lambda found: apply_changes(found, changes), chosen)
    click.echo(f"updated [{named}]")


def _edit_in_editor(named: str, chosen, draft_path: Path | None):
    """The editor session, again and again while the person wants to fix a refused edit."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    draft = read_draft(draft_path) if draft_path is not None else None
    base = None
    while True:
        try:
            edited = edit_in_editor(named, editor, chosen, draft=draft, base=base)
        except RefusedEdit as refused:
            draft, base = refused.draft, refused.base
            if not options.stdin_is_piped():  # a person at a terminal: ask, as crontab -e does
                click.echo(f"Error: {refused.message}", err=True)
                if click.confirm("Edit it again?", default=True, err=True):
                    continue
            kept = keep_draft(named, draft, refused.message)
            raise GlossaryError(f"{refused.message}; your edit is kept in {kept}: re-open it "
                                f"with `zhen glossary edit {named} --draft {kept}`") from None
        if draft_path is not None and edited is not None:
            draft_path.unlink(missing_ok=True)  # the draft is in the glossary now
        return edited


@click.command()
@glossary_paths
@click.argument("concept")
@options.output_controls
def remove(glossary_paths, concept):
    """Remove a CONCEPT (id, Chinese form or preferred English)."""

    chosen = glossary_in_use(glossary_paths)
    named = concept_id(chosen, concept)
    path = remove_concept(named, chosen)
    click.echo(f"removed [{named}] from {path}")


@click.command()
@glossary_paths
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
@options.output_controls
@click.pass_context
def fmt(ctx, glossary_paths, check):
    """Rewrite glossary files canonically (sorted blocks, fixed key order, Traditional forms)."""

    changed = format_files(glossary_in_use(glossary_paths), check=check)
    for path in changed:
        click.echo(f"{'not canonical' if check else 'reformatted'}: {path}")
    if check and changed:
        ctx.exit(1)


@click.command()
@click.argument("folder", default="glossary", type=click.Path(file_okay=False, path_type=Path))
@options.output_controls
def init(folder):
    """Copy the glossary shipped with zhen into FOLDER (default: ./glossary) to make it your own.

    zhen then reads ./glossary by itself when run from FOLDER's parent; otherwise pass
    --glossary FOLDER or set ZHEN_GLOSSARY.
    """

    copied = init_glossary(folder)
    concepts = len(load_glossary([folder]))
    click.echo(f"copied the shipped glossary ({concepts} concepts, {len(copied)} files) to "
               f"{folder}")


COMMANDS = (add, edit, remove, fmt, init)
