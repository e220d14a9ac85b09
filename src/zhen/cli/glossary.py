"""`zhen glossary …`: keep the policy-term glossary — list, search, edit, check, import, export."""

from __future__ import annotations

import os
from pathlib import Path

import click

from zhen.cli.options import comma_separated, glossary_paths
from zhen.errors import GlossaryError
from zhen.files import write_output
from zhen.glossary.changes import ConceptChanges, apply_changes, new_concept
from zhen.glossary.edit import (
    add_concept,
    edit_in_editor,
    find_entry,
    format_files,
    remove_concept,
    update_concept,
    write_target,
)
from zhen.glossary.exchange.formats import export_glossary, read_exchange
from zhen.glossary.exchange.merge import import_concepts
from zhen.glossary.fileformat import format_entry
from zhen.glossary.query import search as find
from zhen.glossary.query import stats as count
from zhen.glossary.store import glossary_files, load_glossary
from zhen.glossary.validate import validate_paths
from zhen.render.suggestions import OUTPUTS as SUGGEST_OUTPUTS
from zhen.render.suggestions import render as render_suggestions
from zhen.suggest.accept import accept
from zhen.suggest.candidates import SuggestOptions, suggest
from zhen.suggest.ngrams import DEFAULT_CAPACITY

_DELIMITERS = {"comma": ",", "tab": "\t"}
_FORMATS = ("tbx", "tbx-2008", "deepl", "google", "amazon", "omegat")


def _selection(paths: tuple[Path, ...]) -> list[Path] | None:
    return list(paths) or None


@click.group()
def glossary() -> None:
    """Maintain the policy-term glossary: list, search, edit, validate, import and export."""


@glossary.command("list")
@glossary_paths
@click.option("--domain", help="Only concepts of this domain.")
@click.option("--needs-review", is_flag=True, help="Only concepts without a preferred rendering.")
def list_concepts(glossary_paths, domain, needs_review):
    """List concepts as id, Chinese headword and preferred English (tab-separated)."""

    for concept in load_glossary(_selection(glossary_paths)):
        if domain is not None and concept.domain != domain:
            continue
        if concept.needs_review or not needs_review:
            click.echo(_summary(concept))


def _summary(concept) -> str:
    english = concept.preferred.text if concept.preferred else "(needs review)"
    return f"{concept.id}\t{concept.zh[0] if concept.zh else ''}\t{english}"


@glossary.command()
@glossary_paths
@click.argument("concept")
def show(glossary_paths, concept):
    """Show one concept (by id or Chinese form) as it is stored, with its file:line."""

    selection = _selection(glossary_paths)
    found = load_glossary(selection)
    match = found.get(concept) or found.by_chinese(concept)
    if match is None:
        raise GlossaryError(f"no concept {concept!r} (try zhen glossary search)")
    path, entry = find_entry(match.id, selection)
    click.echo(f"# {path}:{entry.line}")
    click.echo(format_entry(entry), nl=False)


@glossary.command()
@glossary_paths
@click.argument("query")
def search(glossary_paths, query):
    """Find concepts by Chinese (Simplified or Traditional), English, toneless pinyin or id."""

    hits = find(load_glossary(_selection(glossary_paths)), query)
    for hit in hits:
        click.echo(f"{_summary(hit.concept)}\t{hit.field}: {hit.text}")
    if not hits:
        click.echo(f"no concept matches {query!r}", err=True)


def _rendering_options(command):
    for name, help_text in [
        ("--deprecate", "Deprecated rendering, 'text | reason' (repeatable)."),
        ("--supersede", "Superseded rendering, 'text | reason' (repeatable)."),
        ("--admit", "Admitted rendering (repeatable)."),
    ]:
        command = click.option(name, multiple=True, help=help_text)(command)
    return command


@glossary.command()
@glossary_paths
@click.option("--zh", multiple=True, required=True, help="Simplified Chinese form (repeatable).")
@click.option("--preferred", help="Preferred English rendering (omit to mark needs-review).")
@_rendering_options
@click.option("--domain", default="", help="Domain; also picks <domain>.glossary as the file.")
@click.option("--source", "sources", multiple=True, help="Citation 'URL [DATE]' (repeatable).")
@click.option("--note", default="", help="Free-text note.")
@click.option("--id", "concept_id", help="Concept id (default: made from the preferred English).")
@click.option("--to", type=click.Path(path_type=Path), help="Glossary file to add to.")
def add(glossary_paths, zh, preferred, admit, supersede, deprecate, domain, sources, note,
        concept_id, to):
    """Add a concept; Traditional forms are derived, and an invalid result is refused."""

    selection = _selection(glossary_paths)
    concept = new_concept(zh=zh, preferred=preferred, admitted=admit, superseded=supersede,
                          deprecated=deprecate, domain=domain, sources=sources, note=note,
                          concept_id=concept_id)
    target = write_target(selection, to, domain)
    add_concept(concept, target, selection)
    click.echo(f"added [{concept.id}] to {target}")


@glossary.command()
@glossary_paths
@click.argument("concept_id")
@click.option("--preferred", help="New preferred rendering (the old one becomes admitted).")
@_rendering_options
@click.option("--drop", multiple=True, help="Remove a rendering (repeatable).")
@click.option("--add-zh", multiple=True, help="Add a Simplified Chinese form (repeatable).")
@click.option("--drop-zh", multiple=True, help="Remove a Chinese form (repeatable).")
@click.option("--domain", help="Set the domain.")
@click.option("--note", help="Set the note.")
@click.option("--add-source", multiple=True, help="Add a citation 'URL [DATE]' (repeatable).")
@click.option("--drop-source", multiple=True, help="Remove the citation with this URL.")
def edit(glossary_paths, concept_id, preferred, admit, supersede, deprecate, drop, add_zh,
         drop_zh, domain, note, add_source, drop_source):
    """Change a concept with options, or without options in $VISUAL/$EDITOR."""

    selection = _selection(glossary_paths)
    changes = ConceptChanges(preferred=preferred, admit=admit, supersede=supersede,
                             deprecate=deprecate, drop=drop, add_zh=add_zh, drop_zh=drop_zh,
                             domain=domain, note=note, add_sources=add_source,
                             drop_sources=drop_source)
    if changes.is_empty():
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        edited = edit_in_editor(concept_id, editor, selection)
        click.echo(f"updated [{edited.id}]" if edited else "no change")
        return
    update_concept(concept_id, lambda concept: apply_changes(concept, changes), selection)
    click.echo(f"updated [{concept_id}]")


@glossary.command()
@glossary_paths
@click.argument("concept_id")
def remove(glossary_paths, concept_id):
    """Remove a concept."""

    path = remove_concept(concept_id, _selection(glossary_paths))
    click.echo(f"removed [{concept_id}] from {path}")


@glossary.command()
@glossary_paths
@click.pass_context
def validate(ctx, glossary_paths):
    """Report every problem with file:line; exit status 0 only when the glossary is clean."""

    selection = _selection(glossary_paths)
    problems = validate_paths(selection)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problems", err=True)
        ctx.exit(1)
    click.echo(f"valid: {len(glossary_files(selection))} files", err=True)


@glossary.command()
@glossary_paths
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
@click.pass_context
def fmt(ctx, glossary_paths, check):
    """Rewrite glossary files canonically (sorted blocks, fixed key order, Traditional forms)."""

    changed = format_files(_selection(glossary_paths), check=check)
    for path in changed:
        click.echo(f"{'not canonical' if check else 'reformatted'}: {path}")
    if check and changed:
        ctx.exit(1)


@glossary.command("import")
@glossary_paths
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(_FORMATS), help="Default: guessed.")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@click.option("--into", type=click.Path(path_type=Path), help="Glossary file to merge into.")
@click.option("--source", help="Citation 'URL [DATE]' for imported concepts that have none.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--skip-conflicts", is_flag=True, help="Merge the rest when some entries conflict.")
@click.pass_context
def import_file(ctx, glossary_paths, file, format_, delimiter, into, source, dry_run,
                skip_conflicts):
    """Merge a TBX, DeepL, Google, Amazon or OmegaT glossary into a glossary file, with a report."""

    selection = _selection(glossary_paths)
    imported = read_exchange(file, format_, _DELIMITERS.get(delimiter))
    target = write_target(selection, into, "", option="--into")
    report = import_concepts(imported, target, selection, dry_run=dry_run, source=source,
                             skip_conflicts=skip_conflicts)
    for label, ids in (("added", report.added), ("updated", report.updated)):
        for concept_id in ids:
            click.echo(f"{label}\t[{concept_id}]")
    for conflict in report.conflicts:
        click.echo(f"conflict\t[{conflict.concept_id}]\t{conflict.reason}")
    for note in report.notes:
        click.echo(f"note\t{note}")
    click.echo(f"{len(report.added)} added, {len(report.updated)} updated, "
               f"{len(report.unchanged)} unchanged, {len(report.conflicts)} conflicts; "
               f"{'written to ' + str(target) if report.written else 'nothing written'}"
               f"{' (dry run)' if dry_run else ''}", err=True)
    if report.conflicts and not report.written and not dry_run:
        ctx.exit(1)


@glossary.command()
@glossary_paths
@click.option("--format", "format_", type=click.Choice(_FORMATS), default="tbx",
              show_default=True, help="tbx is TBX-Basic 2019; tbx-2008 is the martif dialect.")
@click.option("--delimiter", type=click.Choice(sorted(_DELIMITERS)), help="CSV/TSV delimiter.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
def export(glossary_paths, format_, delimiter, output):
    """Write the glossary as TBX or as a DeepL, Google, Amazon or OmegaT glossary."""

    text = export_glossary(load_glossary(_selection(glossary_paths)), format_,
                           _DELIMITERS.get(delimiter), output)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text.encode())


@glossary.command()
@glossary_paths
def stats(glossary_paths):
    """Count concepts by domain and renderings by status; list concepts without sources."""

    numbers = count(load_glossary(_selection(glossary_paths)))
    click.echo(f"{numbers.concepts} concepts in {numbers.files} files")
    click.echo("by domain:")
    for domain, total in numbers.by_domain.items():
        click.echo(f"  {domain}\t{total}")
    click.echo("renderings by status:")
    for status, total in numbers.renderings_by_status.items():
        click.echo(f"  {status}\t{total}")
    click.echo(f"without source: {len(numbers.without_source)}")
    for concept_id in numbers.without_source:
        click.echo(f"  [{concept_id}]")
    click.echo(f"needs review: {len(numbers.needs_review)}")
    click.echo(f"with non-preferred renderings seen in real text: "
               f"{len(numbers.with_seen_variants)}")
    click.echo(f"superseded renderings without a 'since' date: "
               f"{len(numbers.superseded_undated)}")



@glossary.command("suggest")
@click.argument("corpus", nargs=-1, metavar="[PAGE|FOLDER|-]...")
@glossary_paths
@click.option("--pairs", multiple=True, metavar="FILE",
              help="Aligned pairs: TSV (source<TAB>target) or JSONL "
                   '({"source": …, "target": …}); repeatable.')
@click.option("--top", type=click.IntRange(min=1), default=30, show_default=True,
              help="Candidates shown per language.")
@click.option("--min-freq", type=click.IntRange(min=1), default=3, show_default=True,
              help="Occurrences a candidate needs.")
@click.option("--capacity", type=click.IntRange(min=1000), default=DEFAULT_CAPACITY,
              show_default=True,
              help="N-gram table entries per language before rare ones are pruned "
                   "(16 bytes each).")
@click.option("--output", type=click.Choice(SUGGEST_OUTPUTS), default="text", show_default=True,
              help="text: ranked list with evidence; json; tsv: one row per candidate.")
@click.option("--accept", "accept_keys", multiple=True, metavar="ID",
              help="Add these candidates (ids or texts, comma-separated or repeated) to the "
                   "glossary, marked needs-review.")
@click.option("--to", type=click.Path(path_type=Path),
              help="Glossary file for --accept (default: as zhen glossary add chooses).")
@click.option("--domain", default="", help="Domain of accepted concepts.")
@click.option("--source", "cite", metavar="URL",
              help="Source cited by accepted concepts (default: file:// of the first page).")
def suggest_command(corpus, glossary_paths, pairs, top, min_freq, capacity, output,
                    accept_keys, to, domain, cite) -> None:
    """Propose new glossary terms found in a corpus of pages (files, folders, - for stdin).

    Chinese candidates are runs of two to four jieba words that recur, hold together and stand
    free of their neighbours; English ones are recurring phrases that are not glossary
    renderings. Each comes with its frequency, documents, two contexts (file:line), CC-CEDICT
    glosses of its words and the English seen near it on bilingual pages or in --pairs.
    Nothing already in the glossary is proposed.
    """

    if not (corpus or pairs):
        raise click.UsageError("no corpus: give pages, folders, - or --pairs FILE")
    selection = list(glossary_paths) or None
    glossary = load_glossary(selection)
    options = SuggestOptions(top=top, min_freq=min_freq, capacity=capacity)
    suggestions = suggest(corpus, glossary, options, pairs=pairs)
    keys = comma_separated(accept_keys)
    if keys:
        target, concepts = accept(suggestions, keys, selection, to=to, domain=domain,
                                  source=cite)
        for concept in concepts:
            click.echo(f"added [{concept.id}] {concept.zh[0]} to {target} (needs review)",
                       err=True)
    click.echo(render_suggestions(suggestions, output), nl=False)
