"""Term suggestions → readable text, JSON (docs/schema/zhen.schema.json) or TSV: pure
functions of a `Suggestions`."""

from __future__ import annotations

import json
from typing import Any

from zhen.render.records import SCHEMA_VERSION
from zhen.render.words import plural
from zhen.suggest.candidates import Candidate, Suggestions
from zhen.types import Language

__all__ = ["OUTPUTS", "render"]

OUTPUTS = ("text", "json", "tsv")
TSV_COLUMNS = ("id", "language", "text", "frequency", "documents", "score", "cohesion",
               "freedom", "words", "english_nearby", "related", "context_1", "context_2")


def render(suggestions: Suggestions, output: str) -> str:
    """The suggestions in one of OUTPUTS, ending with a newline."""
    if output == "text":
        return text(suggestions)
    if output == "json":
        return json.dumps(json_record(suggestions), ensure_ascii=False, indent=2) + "\n"
    if output == "tsv":
        return tsv(suggestions)
    raise ValueError(f"unknown output {output!r}; use one of {', '.join(OUTPUTS)}")


def text(suggestions: Suggestions) -> str:
    lines = [f"{plural(len(suggestions.documents), 'document')}, "
             f"{plural(suggestions.chinese_words, 'Chinese word')}, "
             f"{plural(suggestions.english_words, 'English word')}"]
    if suggestions.pruned_below:
        lines.append(f"(n-gram table pruned: a phrase seen {suggestions.pruned_below} times or "
                     "less between prunes may be missing; raise --capacity to count more)")
    for language, title in ((Language.ZH, "Chinese"), (Language.EN, "English")):
        candidates = [c for c in suggestions.candidates if c.language is language]
        lines += ["", f"{title} candidates" + ("" if candidates else ": none")]
        for rank, candidate in enumerate(candidates, 1):
            lines += _text_block(rank, candidate)
    return "\n".join(lines) + "\n"


def _text_block(rank: int, candidate: Candidate) -> list[str]:
    documents = "document" if candidate.documents == 1 else "documents"
    lines = [f"{rank:>3}. {candidate.text}  [{candidate.id}]  ×{candidate.frequency} in "
             f"{candidate.documents} {documents}  score {candidate.score:g} (cohesion "
             f"{candidate.cohesion:g} × freedom {candidate.freedom:g} bits)"]
    if candidate.gloss:
        lines.append("     words: " + " + ".join(f"{word} ({gloss})"
                                                 for word, gloss in candidate.gloss))
    if candidate.renderings:
        lines.append("     English nearby: " + _renderings(candidate))
    if candidate.related:
        lines.append("     related glossary concepts: " + ", ".join(candidate.related))
    lines += [f"     {context.path}:{context.line}: {context.text}"
              for context in candidate.contexts]
    return lines


def _renderings(candidate: Candidate) -> str:
    shown = []
    for seen in candidate.renderings:
        note = f" [{seen.status} in {seen.concept_id}]" if seen.concept_id else ""
        shown.append(f"{seen.text} ×{seen.count}{note}")
    return ", ".join(shown)


def json_record(suggestions: Suggestions) -> dict[str, Any]:
    """The `suggest_output` document of docs/schema/zhen.schema.json."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "suggest",
        "documents": len(suggestions.documents),
        "chinese_words": suggestions.chinese_words,
        "english_words": suggestions.english_words,
        "pruned_below": suggestions.pruned_below,
        "candidates": [_candidate_record(c) for c in suggestions.candidates],
    }


def _candidate_record(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.id,
        "language": candidate.language.value,
        "text": candidate.text,
        "words": list(candidate.words),
        "frequency": candidate.frequency,
        "documents": candidate.documents,
        "score": candidate.score,
        "cohesion": candidate.cohesion,
        "freedom": candidate.freedom,
        "gloss": [{"word": word, "gloss": gloss} for word, gloss in candidate.gloss],
        "english_nearby": [{"text": seen.text, "count": seen.count,
                            "concept_id": seen.concept_id, "status": seen.status}
                           for seen in candidate.renderings],
        "related": list(candidate.related),
        "contexts": [{"path": c.path, "line": c.line, "text": c.text}
                     for c in candidate.contexts],
    }


def tsv(suggestions: Suggestions) -> str:
    rows = ["\t".join(TSV_COLUMNS)]
    for candidate in suggestions.candidates:
        contexts = [f"{c.path}:{c.line}: {c.text}" for c in candidate.contexts]
        contexts += [""] * (2 - len(contexts))
        fields = [candidate.id, candidate.language.value, candidate.text,
                  str(candidate.frequency), str(candidate.documents), f"{candidate.score:g}",
                  f"{candidate.cohesion:g}", f"{candidate.freedom:g}",
                  "; ".join(f"{word}={gloss}" for word, gloss in candidate.gloss),
                  "; ".join(f"{seen.text} ×{seen.count}" for seen in candidate.renderings),
                  ", ".join(candidate.related), *contexts[:2]]
        rows.append("\t".join(" ".join(field.split()) for field in fields))
    return "\n".join(rows) + "\n"
