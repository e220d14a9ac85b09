"""`zhen translate` (text, stdin or a page's Chinese spans) and `zhen tm` (translation memory)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from zhen.cli import options
from zhen.errors import InputError


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
    from zhen.glossary.store import load_glossary
    from zhen.translate.service import choose_translator, translate_page, translate_texts

    if (text is None) == (page is None):
        raise click.UsageError("give either TEXT (or - for stdin) or --file PAGE")
    source = "en" if target == "zh" else "zh"
    if page is not None:
        from zhen.page.reader import read_page

        document = read_page(page, format=page_format, encoding=encoding)
    else:
        lines = _input_text(text, encoding).splitlines()
    glossary = load_glossary(list(glossary_paths) or None)
    translator = choose_translator(
        source, target, engine, glossary=glossary, prefer=preferences, **argos
    )
    if getattr(translator, "notice", None):
        click.echo(translator.notice, err=True)
    translation_options = {"glossary": glossary, "translator": translator, "memory": not no_memory}
    if page is not None:
        _show_page(translate_page(document, target=target, **translation_options), output)
    else:
        translations = translate_texts(lines, source=source, target=target, **translation_options)
        _show_lines(text if text != "-" else "<stdin>", translator.name, translations, output)


def _input_text(text: str, encoding: str | None) -> str:
    """TEXT itself, or stdin for "-" (decoded like a page); refused when empty or binary."""
    where = "TEXT"
    if text == "-":
        from zhen.page.decode import decode_bytes

        where = "<stdin>"
        text, _ = decode_bytes(sys.stdin.buffer.read(), source=where, encoding=encoding)
    if not text.strip():
        raise InputError("nothing to translate (empty)", where)
    return text


def _show_lines(where, engine, translations, output) -> None:
    from zhen.render.translation import segment_record, summary

    if output == "json":
        segments = [segment_record(t, line=n) for n, t in enumerate(translations, 1) if t.sentences]
        document = {
            "source": where,
            "engine": engine,
            "segments": segments,
            "summary": summary(translations),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for translation in translations:
        click.echo(translation.target)
    _warn([(n, t) for n, t in enumerate(translations, 1)])


def _show_page(result, output) -> None:
    from zhen.render.translation import replaced_text, segment_record, summary

    translations = [item.translation for item in result.spans]
    if output == "json":
        segments = [
            segment_record(
                item.translation, line=item.span.line, column=item.span.column, block=item.block
            )
            for item in result.spans
        ]
        document = {
            "source": result.page.source,
            "engine": result.engine,
            "notice": result.notice,
            "segments": segments,
            "summary": summary(translations),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    text = replaced_text(result)
    click.echo(text, nl=not text.endswith("\n"))
    _warn([(item.span.line, item.translation) for item in result.spans])


def _warn(numbered) -> None:
    for line, translation in numbered:
        for finding in translation.findings:
            hint = f" (use: {finding.suggestion})" if finding.suggestion else ""
            click.echo(f"warning: line {line}: {finding.message}{hint}", err=True)


@click.group("tm")
def tm() -> None:
    """The translation memory: every translated sentence, reused by engine, model and glossary."""


@tm.command("stats")
@click.option("--output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def tm_stats(output) -> None:
    """Where the memory is, how many entries it holds, and how often they were reused."""
    from dataclasses import asdict

    from zhen.translate.memory import TranslationMemory

    stats = TranslationMemory().stats()
    if output == "json":
        click.echo(json.dumps(asdict(stats), default=str, ensure_ascii=False, indent=2))
        return
    click.echo(f"memory: {stats.path} ({stats.size_bytes:,} bytes)")
    click.echo(f"entries: {stats.entries:,}, reused: {stats.uses:,} times")
    for group in stats.by_engine:
        model = f" {group.model_version}" if group.model_version else ""
        digest = f" glossary {group.glossary_digest[:12]}" if group.glossary_digest else ""
        click.echo(
            f"  {group.source_language}→{group.target_language} {group.engine}{model}{digest}:"
            f" {group.entries:,} entries, reused {group.uses:,} times"
        )


@tm.command("export")
@click.option("--tmx", "destination", required=True, help="TMX 1.4 file to write (- for stdout).")
def tm_export(destination) -> None:
    """Write the whole memory as TMX 1.4 (zhen's key kept in x-zhen-* props)."""
    from zhen.translate.memory import TranslationMemory
    from zhen.translate.tmx import export_tmx

    count = export_tmx(TranslationMemory().entries(), destination, sys.stdout)
    if destination != "-":
        click.echo(f"exported {count:,} entries to {destination}", err=True)


@tm.command("import")
@click.option(
    "--tmx", "path", required=True, type=click.Path(path_type=Path), help="TMX file to read."
)
def tm_import(path) -> None:
    """Add a TMX file's translation units; units from other tools count as human translations."""
    from zhen.translate.memory import TranslationMemory
    from zhen.translate.tmx import import_tmx

    result = import_tmx(TranslationMemory(), path)
    click.echo(
        f"imported {result.imported:,} entries from {path}"
        + (
            f" ({result.skipped:,} units without source and target skipped)"
            if result.skipped
            else ""
        )
    )


@tm.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def tm_clear(yes) -> None:
    """Delete every entry of the translation memory."""
    from zhen.translate.memory import TranslationMemory

    memory = TranslationMemory()
    if not yes:
        click.confirm(f"Delete every entry of {memory.path}?", abort=True)
    click.echo(f"deleted {memory.clear():,} entries")
