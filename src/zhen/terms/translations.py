"""The bilingual term check of translations: does each English sentence render its Chinese
source's glossary terms as approved?

Run by the pipeline on every translation, whatever the engine, so a remaining glossary
mismatch is always reported: on the sentence (`Translation.findings`, `mismatches`) and, for a
page, as a finding at the Chinese span it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import accumulate

from zhen.glossary.model import Glossary
from zhen.offsets import LineIndex
from zhen.terms.checks import PAIR, PAIR_PROBLEMS, Subject, TextPiece, run_checks
from zhen.terms.nearmiss import DEFAULT_THRESHOLD
from zhen.types import Finding, Page, Token, TranslatedSpan, Translation


def check_translation(translation: Translation, glossary: Glossary, *,
                      source_language: str = "zh", threshold: float = DEFAULT_THRESHOLD,
                      tokens: Sequence[Token] = ()) -> Translation:
    """The translation with each sentence checked, and the segment's results gathered.

    `tokens` are the source segment's words as the page's segmentation cut them: a sentence
    whose edges fall on them is matched with them instead of being cut again."""
    if not len(glossary):
        return translation
    parts = translation.sentences or (translation,)
    words = _sentence_words(translation.source, parts, tokens)
    sentences = tuple(_checked_sentence(sentence, glossary, source_language, threshold, cut)
                      for sentence, cut in zip(parts, words, strict=True))
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


def _sentence_words(source: str, sentences: Sequence[Translation],
                    tokens: Sequence[Token]) -> list[list[str] | None]:
    """Each sentence's words, taken from the segment's tokens where the sentence starts and ends
    on token edges (sentences are the segment's text in order); None where they do not."""
    texts = [token.text for token in tokens]
    if "".join(texts) != source:  # not this segment's cut
        return [None] * len(sentences)
    edges = {edge: index for index, edge in enumerate(accumulate(map(len, texts), initial=0))}
    words: list[list[str] | None] = []
    position = 0
    for sentence in sentences:
        start = source.find(sentence.source, position)
        first, last = edges.get(start), edges.get(start + len(sentence.source))
        if start < 0 or first is None or last is None:
            words.append(None)
            continue
        words.append(texts[first:last])
        position = start + len(sentence.source)
    return words


def _checked_sentence(sentence: Translation, glossary: Glossary, source_language: str,
                      threshold: float, words: list[str] | None) -> Translation:
    chinese, english = ((sentence.source, sentence.target) if source_language == "zh"
                        else (sentence.target, sentence.source))
    subject = Subject(glossary, english, english=[TextPiece(english)], source=chinese,
                      threshold=threshold, scope=PAIR, source_words=words)
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
