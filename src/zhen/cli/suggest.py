"""`zhen glossary suggest`: candidate new terms from a corpus, with evidence; --accept adds them."""

from __future__ import annotations

import click

from zhen.cli import options
from zhen.cli.options import comma_separated, glossary_in_use, glossary_paths
from zhen.glossary.store import load_glossary
from zhen.render.suggestions import OUTPUTS
from zhen.render.suggestions import render as render_suggestions
from zhen.suggest.accept import accept
from zhen.suggest.candidates import SuggestOptions, suggest
from zhen.suggest.ngrams import DEFAULT_CAPACITY


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
@options.output_format(OUTPUTS, "text",
                       "text: ranked list with evidence; json; tsv: one row per candidate.")
@options.output_file
@click.option("--accept", "accept_keys", multiple=True, metavar="ID",
              help="Add these candidates (ids or texts, comma-separated or repeated) to the "
                   "glossary, marked needs-review.")
@options.into
@click.option("--domain", default="", help="Domain of accepted concepts.")
@click.option("--cite", metavar="'URL [DATE]'",
              help="Citation of accepted concepts (default: file:// of the first page).")
@options.output_controls
def suggest_command(corpus, glossary_paths, pairs, top, min_freq, capacity, output_format,
                    output_file, accept_keys, into, domain, cite) -> None:
    """Propose new glossary terms found in a corpus of pages (files, folders; - or nothing: stdin).

    Chinese candidates are runs of two to four jieba words that recur, hold together and stand
    free of their neighbours; English ones are recurring phrases that are not glossary
    renderings. Each comes with its frequency, documents, two contexts (file:line), CC-CEDICT
    glosses of its words and the English seen near it on bilingual pages or in --pairs.
    Nothing already in the glossary is proposed.
    """

    if not (corpus or pairs):
        if not options.stdin_is_piped():
            raise click.UsageError("no corpus: give pages, folders, - or --pairs FILE, or pipe "
                                   "a page into standard input")
        corpus = (options.STDIN,)
    chosen = glossary_in_use(glossary_paths)
    glossary = load_glossary(chosen)
    settings = SuggestOptions(top=top, min_freq=min_freq, capacity=capacity)
    suggestions = suggest(corpus, glossary, settings, pairs=pairs)
    keys = comma_separated(accept_keys)
    if keys:
        target, concepts = accept(suggestions, keys, chosen, to=into,
                                  domain=domain, source=cite)
        for concept in concepts:
            options.inform(f"added [{concept.id}] {concept.zh[0]} to {target} (needs review)")
    options.emit(output_file, render_suggestions(suggestions, output_format))
