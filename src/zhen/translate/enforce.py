"""Glossary-enforced translation with an Argos model that knows nothing of the glossary.

For every glossary term found in a Chinese source sentence, the output carries the concept's
preferred English rendering (or the one chosen with `prefer`) in place of the model's own words:

1. Placeholders, when the package's SentencePiece model has ⟦T1⟧…⟦T9⟧ as user symbols (atomic
   pieces a model can be trained to copy): each term is masked as ⟦Tk⟧, the masked sentence is
   translated, and ⟦Tk⟧ in the output is replaced by the approved rendering. A sentence whose
   output lost or repeated a placeholder is translated again unmasked and handled as in 2.
2. Otherwise (real Argos models have no such symbols) the sentence is translated as it is, with
   CTranslate2's alignment attention (`return_attention=True`), and each term is placed, in order:
   where the approved rendering already stands (kept as written); else over a rendering the
   glossary lists for the concept (deprecated, superseded, admitted); else over the output words
   whose pieces attend most to the term's source pieces (the model's own rendering, widened to
   whole words). Attention alignment is as good as the model's alignment head: models trained with
   guided alignment (as the toy test models are) align word for word.

All sentences of all texts go to the model in one call (a second only for lost placeholders).
Terms that could not be placed are simply not listed in `terms_enforced`; the service's
bilingual check then reports them. Only Chinese sources are enforced.

Interface used by `zhen.translate.service`:
    EnforcingTranslator(translator, glossary, prefer=None)   # a Translator: translate_batch
    translate_enforced(translator, texts, glossary, prefer={concept id or 中文: English})
        -> list[Translation]                                   # with terms_enforced per text
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from zhen.errors import InputError
from zhen.glossary.model import Glossary
from zhen.glossary.normalize import normalize_english
from zhen.glossary.query import find_concept
from zhen.terms.chinese import ChineseMatcher
from zhen.translate.argos import ArgosTranslator, SentenceTranslation, assemble
from zhen.translate.base import Translator
from zhen.types import Translation

# Pieces made only of these end a rendering: widening to whole words never swallows them.
_CLOSING = set(".,;:!?\"')]}»”’…")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True)
class TermSpan:
    """A glossary term in a source sentence: which concept, where (character offsets)."""

    concept_id: str
    start: int
    end: int


@dataclass(frozen=True)
class _Placement:
    start: int
    end: int
    rendering: str
    concept_id: str


TermFinder = Callable[[str], Iterable[TermSpan]]


def chinese_term_finder(glossary: Glossary) -> TermFinder:
    """Terms on word boundaries, longest first: the check step's ChineseMatcher."""

    matcher = ChineseMatcher(glossary)
    return lambda text: [TermSpan(m.concept_id, m.start, m.end) for m in matcher.find(text)]


def approved_renderings(
    glossary: Glossary, prefer: Mapping[str, str] | None = None
) -> dict[str, str]:
    """concept id → the English to impose: the preferred rendering, or the `prefer` choice.

    `prefer` maps a concept (id, any Chinese form or its preferred English) to one of its approved
    (preferred or admitted) renderings; anything else is an InputError naming the entry.
    """
    chosen = dict(glossary.preferred_renderings)
    for key, english in (prefer or {}).items():
        concept = find_concept(glossary, key)
        if concept is None:
            raise InputError(f"--prefer {key}: no such glossary term")
        approved = [r.text for r in concept.english if r.status.approved]
        match = [r for r in approved if normalize_english(r) == normalize_english(english)]
        if not match:
            raise InputError(
                f"--prefer {key}: {english!r} is not an approved rendering of "
                f"{concept.zh[0]} (approved: {'; '.join(approved) or 'none'})"
            )
        chosen[concept.id] = match[0]
    return chosen


def translate_enforced(
    translator: ArgosTranslator,
    texts: Sequence[str],
    glossary: Glossary,
    *,
    prefer: Mapping[str, str] | None = None,
    find_terms: TermFinder | None = None,
) -> list[Translation]:
    """Translate `texts` so every glossary term comes out as its approved English rendering."""
    if translator.source_language != "zh" or not len(glossary):
        return _translate_enforced(translator, texts, glossary, {}, None)
    renderings = approved_renderings(glossary, prefer)
    finder = find_terms or chinese_term_finder(glossary)
    return _translate_enforced(translator, texts, glossary, renderings, finder)


def _translate_enforced(
    translator: ArgosTranslator,
    texts: Sequence[str],
    glossary: Glossary,
    renderings: dict[str, str],
    find_terms: TermFinder | None,
) -> list[Translation]:
    """translate_enforced with the renderings and the finder made once by the caller; no finder
    means nothing to enforce (not a Chinese source, or an empty glossary)."""
    layout, sentences = translator.layout(texts)
    if find_terms is None:
        outputs = translator.translate_sentences(sentences)
        rendered = [(o.target, o.starts_word, ()) for o in outputs]
    else:
        terms = [[t for t in find_terms(s) if t.concept_id in renderings] for s in sentences]
        rendered = _Enforcer(translator, glossary, renderings).run(sentences, terms)
    texts_out = assemble(layout, [(text, starts_word) for text, starts_word, _ in rendered])
    results, position = [], 0
    for source, target, paragraphs in zip(texts, texts_out, layout, strict=True):
        count = sum(len(p) for p in paragraphs)
        enforced = [c for _, _, ids in rendered[position : position + count] for c in ids]
        position += count
        results.append(Translation(source, target, translator.name, tuple(dict.fromkeys(enforced))))
    return results


class EnforcingTranslator(Translator):
    """An Argos engine whose every batch is glossary-enforced; same name, so memory keys match.

    The `prefer` choice is part of `model_version`, so the translation memory never returns a
    sentence enforced with another choice.
    """

    def __init__(
        self,
        translator: ArgosTranslator,
        glossary: Glossary,
        *,
        prefer: Mapping[str, str] | None = None,
    ):
        self.translator = translator
        self.glossary = glossary
        self.prefer = dict(prefer or {})
        # Made once, not per batch; a bad --prefer fails here, before any translation.
        self._renderings = approved_renderings(glossary, self.prefer)
        enforced = translator.source_language == "zh" and len(glossary) > 0
        self._find_terms = chinese_term_finder(glossary) if enforced else None
        self.name = translator.name
        choice = ";".join(f"{k}={v}" for k, v in sorted(self.prefer.items()))
        self.model_version = translator.model_version + (f"+prefer:{choice}" if choice else "")
        self.source_language = translator.source_language
        self.target_language = translator.target_language

    @property
    def model_calls(self) -> int:
        return self.translator.model_calls

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        results = _translate_enforced(
            self.translator, texts, self.glossary, self._renderings, self._find_terms
        )
        return [r.target for r in results]


class _Enforcer:
    """One enforcement run: masks or aligns each sentence, then places the approved renderings."""

    def __init__(self, translator: ArgosTranslator, glossary: Glossary, renderings: dict[str, str]):
        self.translator = translator
        self.glossary = glossary
        self.renderings = renderings

    def run(self, sentences: list[str], terms: list[list[TermSpan]]):
        symbols = self.translator.placeholders
        masked = [bool(symbols) and 0 < len(t) <= len(symbols) for t in terms]
        inputs = [
            _mask(s, t, symbols) if m else s
            for s, t, m in zip(sentences, terms, masked, strict=True)
        ]
        needs_attention = any(t and not m for t, m in zip(terms, masked, strict=True))
        outputs = self.translator.translate_sentences(inputs, attention=needs_attention)
        lost = [
            i
            for i, m in enumerate(masked)
            if m and not _unmask_ok(outputs[i].target, len(terms[i]), symbols)
        ]
        if lost:
            retried = self.translator.translate_sentences(
                [sentences[i] for i in lost], attention=True
            )
            for i, output in zip(lost, retried, strict=True):
                outputs[i], masked[i] = output, False
        rendered = []
        for output, sentence_terms, was_masked in zip(outputs, terms, masked, strict=True):
            if was_masked:
                placements = self._unmask(output, sentence_terms, symbols)
            else:
                placements = self._align(output, sentence_terms)
            target = _apply(output.target, placements)
            rendered.append((target, output.starts_word, tuple(p.concept_id for p in placements)))
        return rendered

    def _unmask(
        self, output: SentenceTranslation, terms: list[TermSpan], symbols
    ) -> list[_Placement]:
        placements = []
        for term, symbol in zip(sorted(terms, key=lambda t: t.start), symbols, strict=False):
            start = output.target.index(symbol)
            placements.append(
                _Placement(
                    start, start + len(symbol), self.renderings[term.concept_id], term.concept_id
                )
            )
        return placements

    def _align(self, output: SentenceTranslation, terms: list[TermSpan]) -> list[_Placement]:
        """Place each term: where the approved rendering already is, else over a rendering the
        glossary lists for the concept, else over the words aligned to the term by attention."""
        if not terms:
            return []
        spans = None
        placements: list[_Placement] = []
        taken: list[tuple[int, int]] = []
        for term in sorted(terms, key=lambda t: t.start):
            approved = self.renderings[term.concept_id]
            concept = self.glossary.get(term.concept_id)
            others = [r.text for r in concept.english] if concept else []
            others = [r for r in others if normalize_english(r) != normalize_english(approved)]
            span = _find(output.target, [approved], taken)
            if span is not None:
                rendering = output.target[span[0] : span[1]]  # already right: keep it as written
            else:
                rendering = approved
                span = _find(output.target, others, taken)
                if span is None:
                    spans = spans or (
                        self.translator.source_spans(output.source),
                        self.translator.target_spans(output.target_tokens),
                    )
                    span = _aligned_span(output, *spans, term)
                    if span is not None and any(_overlaps(span, t) for t in taken):
                        span = None
            if span is not None:
                taken.append(span)
                placements.append(_Placement(*span, rendering, term.concept_id))
        return placements


def _mask(sentence: str, terms: list[TermSpan], symbols: Sequence[str]) -> str:
    """Each term occurrence, in order, becomes ⟦T1⟧, ⟦T2⟧…"""
    pieces, position = [], 0
    for term, symbol in zip(sorted(terms, key=lambda t: t.start), symbols, strict=False):
        pieces += [sentence[position : term.start], symbol]
        position = term.end
    return "".join(pieces) + sentence[position:]


def _unmask_ok(target: str, count: int, symbols: Sequence[str]) -> bool:
    return all(target.count(symbol) == 1 for symbol in symbols[:count])


def _has_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _aligned_span(output: SentenceTranslation, source_spans, target_spans, term: TermSpan):
    """Character span in the output of the words whose pieces attend most to the term."""
    # A piece is the term's when at least half of it is (Chinese pieces can straddle words), or
    # when it is empty just before it (the ▁ that starts a sentence).
    term_pieces = {
        i
        for i, (s, e) in enumerate(source_spans)
        if (2 * (min(e, term.end) - max(s, term.start)) >= e - s if e > s else s == term.start)
    }
    tokens = output.target_tokens
    aligned = [
        k
        for k, row in enumerate(output.attention)
        if row and _has_word(tokens[k]) and max(range(len(row)), key=row.__getitem__) in term_pieces
    ]
    if not aligned:
        return None
    first, last = aligned[0], aligned[-1]
    while first > 0 and not tokens[first].startswith("▁") and _has_word(tokens[first - 1]):
        first -= 1
    while (
        last + 1 < len(tokens)
        and not tokens[last + 1].startswith("▁")
        and not set(tokens[last + 1]) <= _CLOSING
    ):
        last += 1
    return target_spans[first][0], target_spans[last][1]


@functools.lru_cache(maxsize=4096)
def _rendering_pattern(rendering: str) -> re.Pattern[str]:
    """A rendering as written in running text: any case, hyphens or spaces, either apostrophe."""
    words = [
        "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word)
        for word in _SEPARATORS.split(rendering.strip())
        if word
    ]
    return re.compile(r"(?<!\w)" + _SEPARATORS.pattern.join(words) + r"(?!\w)", re.IGNORECASE)


def _find(target: str, renderings: Sequence[str], taken: list[tuple[int, int]]):
    """The first occurrence of any rendering (longest first) that no placed term holds yet."""
    for rendering in sorted(renderings, key=len, reverse=True):
        for found in _rendering_pattern(rendering).finditer(target):
            if not any(_overlaps(found.span(), t) for t in taken):
                return found.span()
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _apply(target: str, placements: list[_Placement]) -> str:
    """Replace each placed span, right to left; a sentence-initial capital stays a capital."""
    for p in sorted(placements, key=lambda p: p.start, reverse=True):
        rendering = p.rendering
        if p.start == 0 and target[:1].isupper():
            rendering = rendering[:1].upper() + rendering[1:]
        target = target[: p.start] + rendering + target[p.end :]
    return target
