"""The bilingual term check of translations: does each English sentence render its Chinese
source's glossary terms as approved?

Run by the pipeline on every translation, whatever the engine, so a remaining glossary
mismatch is always reported: on the sentence (`Translation.findings`, `mismatches`) and, for a
page, as a finding at the Chinese span it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from zhen.glossary.model import Glossary
from zhen.offsets import LineIndex
from zhen.terms.checks import PAIR, PAIR_PROBLEMS, Subject, TextPiece, run_checks
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.types import Finding, Page, TranslatedSpan, Translation


def check_translation(translation: Translation, glossary: Glossary, *,
                      source_language: str = "zh",
                      threshold: float = DEFAULT_THRESHOLD) -> Translation:
    """The translation with each sentence checked, and the segment's results gathered."""
    if not len(glossary):
        return translation
    sentences = tuple(_checked_sentence(sentence, glossary, source_language, threshold)
                      for sentence in translation.sentences or (translation,))
    if not translation.sentences:
        return sentences[0]
    return replace(
        translation,
        sentences=sentences,
        terms_enforced=_union(s.terms_enforced for s in sentences),
        mismatches=_union(s.mismatches for s in sentences),
        findings=tuple(f for s in sentences for f in s.findings),
    )


def check_translations(translations: Sequence[Translation], glossary: Glossary, *,
                       source_language: str = "zh") -> list[Translation]:
    return [check_translation(t, glossary, source_language=source_language) for t in translations]


def _checked_sentence(sentence: Translation, glossary: Glossary, source_language: str,
                      threshold: float) -> Translation:
    chinese, english = ((sentence.source, sentence.target) if source_language == "zh"
                        else (sentence.target, sentence.source))
    subject = Subject(glossary, english, english=[TextPiece(english)], source=chinese,
                      threshold=threshold, scope=PAIR)
    findings = tuple(run_checks(subject, PAIR_PROBLEMS))
    mismatches = _union([f.concept_id] for f in findings if f.concept_id)
    found = dict.fromkeys(hit.concept_id for hit in subject.source_hits)
    enforced = tuple(concept for concept in found if concept not in mismatches)
    return replace(sentence, terms_enforced=enforced, mismatches=mismatches, findings=findings)


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def span_findings(page: Page, spans: Iterable[TranslatedSpan]) -> list[Finding]:
    """The term check of each translated span, moved from its sentences onto the span."""
    lines = LineIndex(page.text)
    moved = []
    for item in spans:
        span = item.span
        end_line, end_column = lines.line_column(span.end)
        for finding in item.translation.findings:
            moved.append(replace(
                finding, path=page.source, line=span.line, column=span.column, start=span.start,
                end=span.end, end_line=end_line, end_column=end_column,
                message=f"translation of {span.text}: {finding.message}",
            ))
    return moved
