"""Translated pages and segments as a user sees them: the page with its spans replaced, or JSON.

Pure functions over the records from `zhen.translate.service`; `zhen translate` and `zhen page
--translated` share them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from zhen.render.records import SCHEMA_VERSION
from zhen.translate.fallback import GLOSS_MARK
from zhen.types import Block, Finding, PageTranslation, TranslatedSpan, Translation


def replaced_text(result: PageTranslation) -> str:
    """The page with every translated span replaced by its translation.

    A text page keeps its exact layout (offsets into `Page.text`); an HTML page gives one line
    per block, rebuilt from the block's spans. A space is added where an English translation
    would otherwise touch a letter or digit.
    """
    if result.page.format == "text":
        return _replace_by_offsets(result.page.text, result.spans)
    by_span = {(item.block, item.span.start): item.translation for item in result.spans}
    lines = ["".join(spaced_block(block, by_span)) for block in result.page.blocks]
    return "\n".join(lines) + ("\n" if lines else "")


def _replace_by_offsets(text: str, spans: tuple[TranslatedSpan, ...]) -> str:
    out, position = [], 0
    for item in sorted(spans, key=lambda item: item.span.start):
        start, end = item.span.start, item.span.end
        line_start = text.rfind("\n", 0, start) + 1
        if glossed_by_page(text[line_start:start], item.span.text, item.translation.target):
            out.append(text[position:start].removesuffix(" "))  # "forces (新质生产力)" → "forces"
        else:
            out.append(text[position:start])
            out.append(_padded(item.translation.target, text[start - 1 : start],
                               text[end : end + 1]))
        position = end
    out.append(text[position:])
    return "".join(out)


_PARENTHESIZED = re.compile(r"^\s*[(（](.+?)[)）]\s*$", re.S)
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def glossed_by_page(before: str, original: str, target: str) -> bool:
    """Whether a Chinese span in parentheses follows its own English on the page: in "new quality
    productive forces (新质生产力)" the translation would say the words twice, so it is left out
    (the page's English and its Chinese in parentheses become the English alone)."""
    if not _PARENTHESIZED.match(original):
        return False
    target = target.removeprefix(GLOSS_MARK).strip()
    inner = _PARENTHESIZED.match(target)
    english = _words(inner.group(1) if inner else target)
    return bool(english) and _words(before).endswith(english)


def _words(text: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", text).casefold().split())


def spaced_block(block: Block, by_span: Mapping[tuple[int, int], Translation]) -> list[str]:
    """The text of each span of `block` as the translated block shows it: joined, they are the
    block's line; `zhen page` marks them up one by one. `by_span` holds the translations by
    (block index, span start), as `Report.by_span` does."""
    pieces = []
    for span in block.spans:
        translation = by_span.get((block.index, span.start))
        pieces.append((span.text, None if translation is None else translation.target))
    return _spaced_pieces(pieces)


def _spaced_pieces(pieces: list[tuple[str, str | None]]) -> list[str]:
    texts = [original if translated is None else translated for original, translated in pieces]
    out: list[str] = []
    for index, (original, translated) in enumerate(pieces):
        if translated is None:
            out.append(texts[index])
            continue
        before = "".join(piece for piece, _ in pieces[:index])
        if glossed_by_page(before, original, translated):
            if out and out[-1].isspace():
                out[-1] = ""
            out.append("")
            texts[index] = ""
            continue
        before = texts[index - 1][-1:] if index else ""
        after = texts[index + 1][:1] if index + 1 < len(texts) else ""
        out.append(_padded(translated, before, after))
    return out


def _padded(target: str, before: str, after: str) -> str:
    if not target:
        return target
    if before.isalnum() and before.isascii() and target[0].isalnum():
        target = " " + target
    if after.isalnum() and after.isascii() and target[-1].isalnum():
        target = target + " "
    return target


def mismatch_record(finding: Finding) -> dict[str, Any]:
    """A term-check finding on one sentence pair (the schema's `mismatch`): no file position,
    the sentence is the place; `zhen check`'s full record is `render.findings.finding_record`."""
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "concept_id": finding.concept_id,
        "message": finding.message,
        "suggestion": finding.suggestion,
    }


def translation_record(translation: Translation) -> dict[str, Any]:
    """One sentence (or segment) as JSON: where its words came from and what the check found."""
    return {
        "source": translation.source,
        "target": translation.target,
        "engine": translation.engine,
        "memory_hit": translation.memory_hit,
        "is_gloss": translation.is_gloss,
        "terms_enforced": list(translation.terms_enforced),
        "mismatches": [mismatch_record(finding) for finding in translation.findings],
    }


def translation_segment(translation: Translation, **location: Any) -> dict[str, Any]:
    sentences = translation.sentences
    return {
        **location,
        **translation_record(translation),
        "sentences": [translation_record(sentence) for sentence in sentences],
    }


def summary(translations: list[Translation]) -> dict[str, int]:
    sentences = [s for t in translations for s in t.sentences]
    return {
        "segments": len(translations),
        "sentences": len(sentences),
        "memory_hits": sum(s.memory_hit for s in sentences),
        "glosses": sum(s.is_gloss for s in sentences),
        "mismatches": sum(len(s.findings) for s in sentences),
    }


def lines_document(where: str, engine: str, translations: list[Translation]) -> dict[str, Any]:
    """`zhen translate TEXT --output-format json`: a segment per line of TEXT."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "translate",
        "source": where,
        "engine": engine,
        "segments": [translation_segment(t, line=n)
                     for n, t in enumerate(translations, 1) if t.sentences],
        "summary": summary(translations),
    }


def page_translation_document(result: PageTranslation, notice: str | None) -> dict[str, Any]:
    """`zhen translate --file PAGE --output-format json`: a segment per translated span."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "translate",
        "source": result.page.source,
        "engine": result.engine,
        "notice": notice,
        "segments": [translation_segment(item.translation, line=item.span.line,
                                         column=item.span.column, block=item.block)
                     for item in result.spans],
        "summary": summary([item.translation for item in result.spans]),
    }
