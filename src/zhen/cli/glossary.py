"""`zhen glossary …`: keep the policy-term glossary — list, search, edit, check, import, export.

This module holds the group and the commands that only read; the writing commands live in
`glossary_edit`, the exchange formats in `glossary_exchange`, and `suggest` in `suggest`.
"""

from __future__ import annotations

import click

from zhen.cli import glossary_edit, glossary_exchange, options, suggest
from zhen.cli.options import glossary_in_use, glossary_paths
from zhen.glossary.edit import find_entry
from zhen.glossary.fileformat import format_entry
from zhen.glossary.query import named_concept
from zhen.glossary.query import search as find
from zhen.glossary.query import stats as count
from zhen.glossary.store import glossary_files, load_glossary
from zhen.glossary.validate import validate_paths


@click.group()
@options.output_controls
def glossary() -> None:
    """Maintain the policy-term glossary: list, search, edit, validate, import and export.

    A concept is named the same way in every command: by its id, any of its Chinese forms
    (Simplified or Traditional) or its preferred English.
    """


@glossary.command("list")
@glossary_paths
@click.option("--domain", help="Only concepts of this domain.")
@click.option("--needs-review", is_flag=True, help="Only concepts without a preferred rendering.")
@options.output_controls
def list_concepts(glossary_paths, domain, needs_review):
    """List concepts as id, Chinese headword and preferred English (tab-separated)."""

    for concept in load_glossary(glossary_in_use(glossary_paths)):
        if domain is not None and concept.domain != domain:
            continue
        if concept.needs_review or not needs_review:
            click.echo(summary(concept))


def summary(concept) -> str:
    english = concept.preferred.text if concept.preferred else "(needs review)"
    return f"{concept.id}\t{concept.zh[0] if concept.zh else ''}\t{english}"


@glossary.command()
@glossary_paths
@click.argument("concept")
@options.output_controls
def show(glossary_paths, concept):
    """Show one CONCEPT (id, Chinese form or preferred English) as stored, with its file:line."""

    chosen = glossary_in_use(glossary_paths)
    match = named_concept(load_glossary(chosen), concept)
    path, entry = find_entry(match.id, chosen)
    click.echo(f"# {path}:{entry.line}")
    click.echo(format_entry(entry), nl=False)


@glossary.command()
@glossary_paths
@click.argument("query")
@options.output_controls
def search(glossary_paths, query):
    """Find concepts by Chinese (Simplified or Traditional), English, toneless pinyin or id."""

    hits = find(load_glossary(glossary_in_use(glossary_paths)), query)
    for hit in hits:
        click.echo(f"{summary(hit.concept)}\t{hit.field}: {hit.text}")
    if not hits:
        click.echo(f"no concept matches {query!r}", err=True)


@glossary.command()
@glossary_paths
@options.output_controls
@click.pass_context
def validate(ctx, glossary_paths):
    """Report every problem with file:line; exit status 0 only when the glossary is clean."""

    chosen = glossary_in_use(glossary_paths)
    problems = validate_paths(chosen)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        options.inform(f"{len(problems)} problems")
        ctx.exit(1)
    options.inform(f"valid: {len(glossary_files(chosen))} files")


@glossary.command()
@glossary_paths
@options.output_controls
def stats(glossary_paths):
    """Count concepts by domain and renderings by status; list concepts without sources."""

    numbers = count(load_glossary(glossary_in_use(glossary_paths)))
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


for _command in (*glossary_edit.COMMANDS, *glossary_exchange.COMMANDS, suggest.suggest_command):
    glossary.add_command(_command)
