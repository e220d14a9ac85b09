"""`zhen glossary …`: keep the policy-term glossary — list, search, edit, check, import, export.

This module holds the group and the commands that only read; the writing commands live in
`glossary_edit`, the exchange formats in `glossary_exchange`, and `suggest` in `suggest`.
"""

from __future__ import annotations

import click

from zhen.cli import glossary_edit, glossary_exchange, options, suggest
from zhen.cli.listing import emit_listing
from zhen.cli.options import glossary_in_use, glossary_paths
from zhen.errors import GlossaryError
from zhen.glossary.edit import find_entry
from zhen.glossary.fileformat import format_entry
from zhen.glossary.query import named_concept
from zhen.glossary.query import search as find
from zhen.glossary.query import stats as count
from zhen.glossary.store import glossary_files, load_glossary
from zhen.glossary.validate import validate_paths
from zhen.render import listings
from zhen.render.words import plural


@click.group()
@options.output_controls
def glossary() -> None:
    """Maintain the policy-term glossary: list, search, edit, validate, import and export.

    A concept is named the same way in every command: by its id, any of its Chinese forms
    (Simplified or Traditional) or its preferred English.
    """


def _listing(forms: tuple[str, ...]):
    """--output-format FORM and -o FILE of a listing."""
    def decorate(command):
        command = options.output_file(command)
        return options.output_format(forms, "text", "text: for reading; json "
                                     "(docs/schema/zhen.schema.json)"
                                     + ("; csv/tsv: one row per item." if "csv" in forms
                                        else "."))(command)
    return decorate


TABLE_FORMS = ("text", "json", "csv", "tsv")


@glossary.command("list")
@glossary_paths
@click.option("--domain", help="Only concepts of this domain.")
@click.option("--needs-review", is_flag=True, help="Only concepts without a preferred rendering.")
@_listing(TABLE_FORMS)
@options.output_controls
def list_concepts(glossary_paths, domain, needs_review, output_format, output_file):
    """List concepts: id, Chinese headword and preferred English (tab-separated), or JSON/CSV."""

    found = load_glossary(glossary_in_use(glossary_paths))
    domains = sorted({concept.domain for concept in found})
    if domain is not None and domain not in domains:
        raise GlossaryError(f"no domain {domain!r} in the glossary (domains: "
                            f"{', '.join(d or '(none)' for d in domains)})")
    concepts = [c for c in found if (domain is None or c.domain == domain)
                and (c.needs_review or not needs_review)]
    emit_listing(
        output_file, output_format,
        document=lambda: listings.list_document(options.glossary_choice(glossary_paths), concepts),
        rows=lambda: listings.list_rows(concepts),
        text=lambda: "".join(f"{summary(concept)}\n" for concept in concepts))


def summary(concept) -> str:
    english = concept.preferred.text if concept.preferred else "(needs review)"
    return f"{concept.id}\t{concept.zh[0] if concept.zh else ''}\t{english}"


@glossary.command()
@glossary_paths
@click.argument("concept")
@_listing(("text", "json"))
@options.output_controls
def show(glossary_paths, concept, output_format, output_file):
    """Show one CONCEPT (id, Chinese form or preferred English) as stored, with its file:line."""

    chosen = glossary_in_use(glossary_paths)
    match = named_concept(load_glossary(chosen), concept)
    def stored() -> str:
        path, entry = find_entry(match.id, chosen)
        return f"# {path}:{entry.line}\n{format_entry(entry)}"

    emit_listing(
        output_file, output_format, text=stored,
        document=lambda: listings.show_document(options.glossary_choice(glossary_paths), match))


@glossary.command()
@glossary_paths
@click.argument("query")
@_listing(TABLE_FORMS)
@options.output_controls
@click.pass_context
def search(ctx, glossary_paths, query, output_format, output_file):
    """Find concepts by Chinese (Simplified or Traditional), English, pinyin or id.

    Exit status 1 when nothing matches, like grep.
    """

    hits = find(load_glossary(glossary_in_use(glossary_paths)), query)
    emit_listing(
        output_file, output_format,
        document=lambda: listings.search_document(options.glossary_choice(glossary_paths),
                                                  query, hits),
        rows=lambda: listings.search_rows(hits),
        text=lambda: "".join(f"{summary(hit.concept)}\t{hit.field}: {hit.text}\n"
                             for hit in hits))
    if not hits:
        options.inform(f"no concept matches {query!r}")
        ctx.exit(1)


@glossary.command()
@glossary_paths
@_listing(TABLE_FORMS)
@options.output_controls
@click.pass_context
def validate(ctx, glossary_paths, output_format, output_file):
    """Report every problem with file:line; exit status 0 only when the glossary is clean."""

    chosen = glossary_in_use(glossary_paths)
    problems = validate_paths(chosen)
    files = len(glossary_files(chosen))
    emit_listing(
        output_file, output_format,
        document=lambda: listings.validate_document(options.glossary_choice(glossary_paths), files,
                                                    problems),
        rows=lambda: listings.validate_rows(problems),
        text=lambda: "".join(f"{problem}\n" for problem in problems))
    if problems:
        options.inform(plural(len(problems), "problem"))
        ctx.exit(1)
    options.inform(f"valid: {plural(files, 'file')}")


@glossary.command()
@glossary_paths
@_listing(("text", "json"))
@options.output_controls
def stats(glossary_paths, output_format, output_file):
    """Count concepts by domain and renderings by status; list concepts without sources."""

    numbers = count(load_glossary(glossary_in_use(glossary_paths)))

    def text() -> str:
        lines = [f"{plural(numbers.concepts, 'concept')} in {plural(numbers.files, 'file')}",
                 "by domain:",
                 *(f"  {domain}\t{total}" for domain, total in numbers.by_domain.items()),
                 "renderings by status:",
                 *(f"  {status}\t{total}"
                   for status, total in numbers.renderings_by_status.items()),
                 f"without source: {len(numbers.without_source)}",
                 *(f"  [{concept_id}]" for concept_id in numbers.without_source),
                 f"needs review: {len(numbers.needs_review)}",
                 f"with non-preferred renderings seen in real text: "
                 f"{len(numbers.with_seen_variants)}",
                 f"superseded renderings without a 'since' date: {len(numbers.superseded_undated)}"]
        return "".join(f"{line}\n" for line in lines)

    emit_listing(output_file, output_format, text=text,
                 document=lambda: listings.stats_document(
                     options.glossary_choice(glossary_paths), numbers))


for _command in (*glossary_edit.COMMANDS, *glossary_exchange.COMMANDS, suggest.suggest_command):
    glossary.add_command(_command)
