"""`zhen translate`: Chinese text, standard input or a page's Chinese spans, to English."""

from __future__ import annotations

import json
import sys

import click

from zhen.cli import options
from zhen.errors import InputError
from zhen.glossary.store import load_glossary
from zhen.page.decode import decode_bytes
from zhen.page.reader import read_page
from zhen.pipeline import translate_page_spans, translate_texts
from zhen.render.translation import lines_document, page_translation_document, replaced_text
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.service import choose_translator


def _preferences(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    """--prefer's callback: TERM=ENGLISH pairs as a dict, refused when malformed."""
    chosen = {}
    for value in values:
        term, separator, english = value.partition("=")
        if not separator or not term.strip() or not english.strip():
            raise click.BadParameter(f"{value!r} is not TERM=ENGLISH", param_hint="--prefer")
        chosen[term.strip()] = english.strip()
    return chosen


@click.command("translate")
@click.argument("text", required=False)
@click.option(
    "--file",
    "page",
    metavar="PAGE",
    help="Translate the Chinese spans of this page (a path, or - for stdin).",
)
@click.option(
    "--to",
    "target",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Target language; zh needs an installed en→zh Argos package.",
)
@options.engine
@click.option("--output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@options.page_format
@options.page_encoding
@options.no_memory
@click.option("--beam-size", type=int, default=4, show_default=True, help="Argos: beam width.")
@click.option(
    "--compute-type", default="int8", show_default=True, help="Argos: CTranslate2 compute type."
)
@click.option(
    "--threads", type=int, default=0, show_default=True, help="Argos: threads (0: all cores)."
)
@click.option(
    "--prefer",
    "preferences",
    multiple=True,
    metavar="TERM=ENGLISH",
    callback=_preferences,
    help="Impose this approved rendering of a glossary term (Chinese form or concept id) instead"
    " of its preferred one (repeatable).",
)
@options.glossary_paths
def translate(
    text,
    page,
    target,
    engine,
    output,
    page_format,
    encoding,
    no_memory,
    preferences,
    glossary_paths,
    **argos,
):
    """Translate Chinese text (TEXT, or - for stdin) or a page's Chinese spans to English, offline.

    Uses an installed Argos model with the glossary's approved renderings enforced, else the
    built-in fallback (boilerplate memory, glossary, romanized names, marked dictionary gloss).
    Repeated sentences come from the translation memory. Remaining glossary mismatches are
    reported: as warnings on stderr, or in the JSON.
    """

    if (text is None) == (page is None):
        raise click.UsageError("give either TEXT (or - for stdin) or --file PAGE")
    source = "en" if target == "zh" else "zh"
    glossary = load_glossary(list(glossary_paths) or None)
    add_glossary_words(glossary)
    if page is not None:
        document = read_page(page, format=page_format, encoding=encoding)
    else:
        lines = _input_text(text, encoding).splitlines()
    choice = choose_translator(source, target, engine, glossary=glossary, prefer=preferences,
                               **argos)
    if choice.notice:
        click.echo(choice.notice, err=True)
    translation_options = {"glossary": glossary, "translator": choice.translator,
                           "source": source, "target": target, "memory": not no_memory}
    if page is not None:
        result, _ = translate_page_spans(document, **translation_options)
        _show_page(result, choice.notice, output)
    else:
        translations, _ = translate_texts(lines, **translation_options)
        _show_lines(text if text != "-" else "<stdin>", choice.translator.name, translations,
                    output)


def _input_text(text: str, encoding: str | None) -> str:
    """TEXT itself, or stdin for "-" (decoded like a page); refused when empty or binary."""
    where = "TEXT"
    if text == "-":
        where = "<stdin>"
        text, _ = decode_bytes(sys.stdin.buffer.read(), source=where, encoding=encoding)
    if not text.strip():
        raise InputError("nothing to translate (empty)", where)
    return text


def _show_lines(where, engine, translations, output) -> None:
    if output == "json":
        click.echo(json.dumps(lines_document(where, engine, translations), ensure_ascii=False,
                              indent=2))
        return
    for translation in translations:
        click.echo(translation.target)
    _warn([(n, t) for n, t in enumerate(translations, 1)])


def _show_page(result, notice, output) -> None:
    if output == "json":
        click.echo(json.dumps(page_translation_document(result, notice), ensure_ascii=False,
                              indent=2))
        return
    text = replaced_text(result)
    click.echo(text, nl=not text.endswith("\n"))
    _warn([(item.span.line, item.translation) for item in result.spans])


def _warn(numbered) -> None:
    for line, translation in numbered:
        for finding in translation.findings:
            hint = f" (use: {finding.suggestion})" if finding.suggestion else ""
            click.echo(f"warning: line {line}: {finding.message}{hint}", err=True)
