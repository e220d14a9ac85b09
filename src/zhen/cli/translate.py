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
    "--from",
    "source",
    type=click.Choice(["zh", "en"]),
    help="Source language (default: the other one of --to).",
)
@click.option(
    "--to",
    "target",
    type=click.Choice(["en", "zh"]),
    help="Target language (default: en); zh needs an installed en→zh Argos package.",
)
@options.engine
@options.output_format(["text", "json"], "text",
                       "text: the translation; json: per segment and sentence, with engine, "
                       "terms and mismatches.")
@options.output_file
@options.input_format
@options.page_encoding
@options.no_memory
@click.option("--beam-size", type=int, default=4, show_default=True, help="Argos: beam width.")
@options.compute_type
@options.device
@click.option(
    "--threads", type=click.IntRange(min=0), default=0, show_default=True,
    help="Argos: CPU threads (0: CTranslate2's default, 4 unless OMP_NUM_THREADS says otherwise).",
)
@click.option(
    "--prefer",
    "preferences",
    multiple=True,
    metavar="TERM=ENGLISH",
    callback=_preferences,
    help="Impose this approved rendering of a glossary term (Chinese form, concept id or "
    "preferred English) instead of its preferred one (repeatable).",
)
@options.glossary_paths
@options.output_controls
def translate(
    text,
    page,
    source,
    target,
    engine,
    output_format,
    output_file,
    input_format,
    encoding,
    no_memory,
    preferences,
    glossary_paths,
    **argos,
):
    """Translate Chinese text (TEXT; - or nothing: standard input) or a page's Chinese spans.

    Uses an installed Argos model with the glossary's approved renderings enforced, else the
    built-in fallback (boilerplate memory, glossary, romanized names, marked dictionary gloss).
    Repeated sentences come from the translation memory. Remaining glossary mismatches are
    reported: as warnings on stderr, or in the JSON.
    """

    if text is not None and page is not None:
        raise click.UsageError("give either TEXT (or - for stdin) or --file PAGE, not both")
    if page is None:
        text = options.input_or_stdin(text, "TEXT or --file PAGE")
    source, target = _languages(source, target)
    glossary = load_glossary(options.selection(glossary_paths))
    add_glossary_words(glossary)
    if page is not None:
        document = read_page(page, format=input_format, encoding=encoding)
    else:
        lines = _input_text(text, encoding).splitlines()
    choice = choose_translator(source, target, engine, glossary=glossary, prefer=preferences,
                               **argos)
    if choice.notice:
        options.inform(choice.notice)
    translation_options = {"glossary": glossary, "translator": choice.translator,
                           "source": source, "target": target, "memory": not no_memory}
    if page is not None:
        result, _ = translate_page_spans(document, **translation_options)
        _show_page(result, choice.notice, output_format, output_file)
    else:
        translations, _ = translate_texts(lines, **translation_options)
        _show_lines(text if text != "-" else "<stdin>", choice.translator.name, translations,
                    output_format, output_file)


def _languages(source: str | None, target: str | None) -> tuple[str, str]:
    """--from/--to: zh→en or en→zh; one given implies the other."""
    pairs = {("zh", "en"), ("en", "zh")}
    other = {"zh": "en", "en": "zh"}
    source = source or other[target or "en"]
    target = target or other[source]
    if (source, target) not in pairs:
        raise click.UsageError(f"zhen translates zh→en and en→zh, not {source}→{target}")
    return source, target


def _input_text(text: str, encoding: str | None) -> str:
    """TEXT itself, or stdin for "-" (decoded like a page); refused when empty or binary."""
    where = "TEXT"
    if text == "-":
        where = "<stdin>"
        text = decode_bytes(sys.stdin.buffer.read(), source=where, encoding=encoding).text
    if not text.strip():
        raise InputError("nothing to translate (empty)", where)
    return text


def _show_lines(where, engine, translations, output_format, output_file) -> None:
    if output_format == "json":
        options.emit(output_file, _json(lines_document(where, engine, translations)))
        return
    options.emit(output_file, "".join(f"{t.target}\n" for t in translations))
    _warn([(n, t) for n, t in enumerate(translations, 1)])


def _show_page(result, notice, output_format, output_file) -> None:
    if output_format == "json":
        options.emit(output_file, _json(page_translation_document(result, notice)))
        return
    text = replaced_text(result)
    options.emit(output_file, text if text.endswith("\n") else text + "\n")
    _warn([(item.span.line, item.translation) for item in result.spans])


def _json(document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _warn(numbered) -> None:
    for line, translation in numbered:
        for finding in translation.findings:
            hint = f" (use: {finding.suggestion})" if finding.suggestion else ""
            click.echo(f"warning: line {line}: {finding.message}{hint}", err=True)
