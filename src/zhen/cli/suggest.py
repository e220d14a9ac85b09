"""`zhen glossary suggest`: candidate new terms from a corpus, ranked, with evidence."""

from __future__ import annotations

from pathlib import Path

import click

from zhen.cli.options import comma_separated, glossary_paths
from zhen.render.suggestions import OUTPUTS, render

DEFAULT_CAPACITY = 4_000_000  # zhen.suggest.ngrams.DEFAULT_CAPACITY; here, --help stays light


@click.command("suggest")
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
@click.option("--output", type=click.Choice(OUTPUTS), default="text", show_default=True,
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
    from zhen.glossary.store import load_glossary
    from zhen.suggest.candidates import SuggestOptions, suggest

    if not (corpus or pairs):
        raise click.UsageError("no corpus: give pages, folders, - or --pairs FILE")
    selection = list(glossary_paths) or None
    glossary = load_glossary(selection)
    options = SuggestOptions(top=top, min_freq=min_freq, capacity=capacity)
    suggestions = suggest(corpus, glossary, options, pairs=pairs)
    keys = comma_separated(accept_keys)
    if keys:
        from zhen.suggest.accept import accept

        target, concepts = accept(suggestions, keys, selection, to=to, domain=domain,
                                  source=cite)
        for concept in concepts:
            click.echo(f"added [{concept.id}] {concept.zh[0]} to {target} (needs review)",
                       err=True)
    click.echo(render(suggestions, output), nl=False)
