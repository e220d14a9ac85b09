"""Candidate new glossary terms from a corpus, ranked, each with its evidence.

Pass 1 reads the corpus once (`zhen.suggest.corpus`), cuts every Chinese span into jieba words
(the glossary-aware tokenizer of `chinese.segment`, glossary terms added as words) and counts the
1- to 4-word n-grams; it counts the 1- to 5-word n-grams of English spans too, with the
glossary's renderings (found by `zhen.terms.english.EnglishMatcher`) cut out. Both tables are
bounded (`zhen.suggest.ngrams`). The n-grams that are frequent enough, have a term's shape
(`zhen.suggest.shapes`) and are not in the glossary — not a glossary form and not holding a
glossary term as one of their words — are ranked by log2(1 + count) × cohesion, and the best
`shortlist` of each language go on. Pass 2 (`zhen.suggest.evidence`) recounts them exactly and
measures their boundary freedom; the final score is

    score = log2(1 + frequency) × cohesion × freedom

cohesion: the smallest pointwise mutual information (bits) over the ways of cutting the
candidate in two; freedom: the smaller of its left and right boundary entropies (bits). A phrase
that is part of a longer one has no freedom on one side and drops out. Pass 3 collects the
English seen near the best Chinese candidates.

Words added to the segmenter stay for the life of the process (jieba has no way to take one
back), so a term taken out of the glossary after an earlier run in the same process still comes
out as one word and cannot be proposed; every `zhen` command is a process of its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from zhen.chinese import segment
from zhen.chinese.cedict import dictionary
from zhen.chinese.pinyin import syllables
from zhen.chinese.segment import word_tag
from zhen.chinese.segment import words as cut
from zhen.errors import InputError
from zhen.glossary.model import Glossary
from zhen.glossary.normalize import normalize_english
from zhen.lazy import LazyModule
from zhen.offsets import LineIndex
from zhen.page.reader import read_page
from zhen.suggest.corpus import EN, ZH, Document, Passage, Spool, page_passages, pair_passages
from zhen.suggest.evidence import Context, SeenRendering, Tally, renderings, tally
from zhen.suggest.ngrams import DEFAULT_CAPACITY, NgramTable, Resolver
from zhen.suggest.shapes import (
    LONGEST_CHINESE,
    LONGEST_ENGLISH,
    chinese_shape,
    english_shape,
    english_words,
    is_person_name,
)
from zhen.terms.english import EnglishMatcher
from zhen.terms.folding import fold_text
from zhen.terms.run import page_files, read_pairs, read_text_file
from zhen.types import Language

np = LazyModule("numpy")  # vectorized counting, imported on first use

__all__ = ["Candidate", "SuggestOptions", "Suggestions", "suggest"]

CHUNK_CHARACTERS = 1_000_000  # text of a page counted and spooled at a time


@dataclass(frozen=True)
class SuggestOptions:
    top: int = 30  # candidates shown per language
    min_freq: int = 3
    capacity: int = DEFAULT_CAPACITY  # n-gram table entries per language before pruning

    @property
    def shortlist(self) -> int:
        return max(200, 8 * self.top)


@dataclass(frozen=True)
class Candidate:
    id: str  # also the concept id it gets when accepted
    language: Language
    text: str  # Chinese: Simplified; English: the form most often written
    words: tuple[str, ...]
    frequency: int
    documents: int
    score: float
    cohesion: float
    freedom: float
    contexts: tuple[Context, ...]
    gloss: tuple[tuple[str, str], ...] = ()  # Chinese: (word, CC-CEDICT gloss)
    renderings: tuple[SeenRendering, ...] = ()  # Chinese: English seen nearby
    related: tuple[str, ...] = ()  # concepts whose terms hold this one, or the other way round


@dataclass(frozen=True)
class Suggestions:
    candidates: tuple[Candidate, ...]
    documents: tuple[str, ...]
    chinese_words: int
    english_words: int
    pruned_below: int  # 0: every n-gram counted exactly; else pass 1 may have lost this many

    def find(self, key: str) -> Candidate | None:
        """A candidate by id or by its text."""
        return next((c for c in self.candidates if key in (c.id, c.text)), None)


def suggest(sources: Sequence[str], glossary: Glossary, options: SuggestOptions = SuggestOptions(),
            *, pairs: Sequence[str] = ()) -> Suggestions:
    """Rank candidate terms of the pages in `sources` (files, folders, "-") and of the aligned
    pairs files in `pairs` (TSV or JSONL, as `zhen check --pairs` reads them)."""

    segment.add_words(form for concept in glossary for form in concept.chinese_forms)
    matcher = EnglishMatcher(glossary)
    with Spool() as spool:
        chinese, english, english_runs = _count(spool, sources, pairs, matcher, options)
        if chinese.total == 0 and english.total == 0:
            raise InputError("the corpus holds no Chinese or English text",
                             ", ".join([*sources, *pairs]))
        zh_short, en_short = _shortlists(spool, chinese, english, glossary, options)
        zh_tallies, en_tallies = tally(spool, ["".join(w) for w, _ in zh_short],
                                       [" ".join(w) for w, _ in en_short], fold_text)
        zh_ranked = _rank(zh_short, zh_tallies, options)
        en_ranked = _rank(en_short, en_tallies, options, english=True)
        rate = _english_rate(english, english_runs)
        seen = renderings(spool, ["".join(entry[1]) for entry in zh_ranked], fold_text, rate)
        documents = tuple(spool.documents)
    ids = _IdMaker({concept.id for concept in glossary})
    candidates = [_chinese_candidate(entry, near, glossary, matcher, ids)
                  for entry, near in zip(zh_ranked, seen, strict=True)]
    rendering_keys = _rendering_keys(glossary)
    candidates += [_english_candidate(entry, rendering_keys, ids) for entry in en_ranked]
    return Suggestions(tuple(candidates), documents, chinese.total, english.total,
                       max(chinese.floor, english.floor))


def _count(spool: Spool, sources: Sequence[str], pairs: Sequence[str], matcher,
           options: SuggestOptions) -> tuple[NgramTable, NgramTable, int]:
    """Pass 1: read every page and pairs file, count its n-grams, spool it."""

    chinese = NgramTable(LONGEST_CHINESE, options.capacity)
    english = NgramTable(LONGEST_ENGLISH, options.capacity, separator="|")
    english_runs = 0
    jobs = [*((name, lambda n: page_passages(read_page(n, words=False)))
              for name in page_files(sources)),
            *((name, _pairs_file_passages) for name in pairs)]
    for name, passages_of in jobs:
        index = len(spool.documents)
        spool.documents.append("<stdin>" if name == "-" else name)
        no_ids = np.zeros(0, np.uint32)  # filled in by counting
        for chunk in _chunks(passages_of(name)):
            english_runs += _count_chunk(spool, Document(index, tuple(chunk), no_ids, no_ids),
                                         chinese, english, matcher)
    if not spool.documents:
        raise InputError("the corpus is empty: no page given")
    return chinese, english, english_runs


def _chunks(passages: list[Passage]) -> Iterator[list[Passage]]:
    """A page's passages, CHUNK_CHARACTERS of text at a time: a huge page's word lists never
    exist all at once."""
    chunk, size = [], 0
    for passage in passages:
        chunk.append(passage)
        size += sum(len(run.text) for run in passage.runs)
        if size >= CHUNK_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _count_chunk(spool: Spool, document: Document, chinese: NgramTable, english: NgramTable,
                 matcher) -> int:
    """Count and spool passages of one document; returns how many English runs they hold."""

    runs = [run for passage in document.passages for run in passage.runs]
    chinese_text = "\n".join(run.simplified for run in runs if run.language == ZH)
    english_texts = [run.text for run in runs if run.language == EN]
    chinese_ids = chinese.add(cut(chinese_text) if chinese_text else [])
    english_ids = english.add(_english_words(english_texts, matcher) if english_texts else [])
    spool.write(document._replace(chinese_ids=chinese_ids, english_ids=english_ids))
    return len(english_texts)


def _pairs_file_passages(path: str) -> list:
    text = read_text_file(path)
    lines = LineIndex(text)
    return pair_passages((pair.source, pair.target, lines.line_column(pair.target_start)[0])
                         for pair in read_pairs(text, path))


def _english_words(texts: list[str], matcher) -> list[str]:
    """The folded words of English runs, with every glossary rendering cut out; a "|" word
    stands between runs and where a rendering was."""

    folded = fold_text("\n|\n".join(texts))
    pieces, position = [], 0
    for start, end, _ in matcher.find_folded(folded):
        pieces.append(folded.text[position:start])
        position = end
    pieces.append(folded.text[position:])
    return english_words(" | ".join(pieces))


Shortlisted = tuple[tuple[str, ...], float]  # (words, cohesion)


def _shortlists(spool: Spool, chinese: NgramTable, english: NgramTable, glossary: Glossary,
                options: SuggestOptions) -> tuple[list[Shortlisted], list[Shortlisted]]:
    """The n-grams worth a closer look: frequent, term-shaped, not in the glossary, ranked by
    log2(1 + count) × cohesion; the best `options.shortlist` of each language."""

    known = {form for concept in glossary for form in concept.chinese_forms}
    tag = cache(word_tag)

    def chinese_term(words: tuple[str, ...]) -> bool:
        return (chinese_shape(words, tag) and "".join(words) not in known
                and not any(word in known for word in words))  # a known term with words around

    zh_frequent = chinese.frequent(options.min_freq)
    en_frequent = english.frequent(options.min_freq)
    zh_found = Resolver([hashes for hashes, _ in zh_frequent])
    en_found = Resolver([hashes for hashes, _ in en_frequent])
    for zh_ids, en_ids in spool.word_ids():
        if zh_found.done and en_found.done:
            break
        zh_found.feed(zh_ids)
        en_found.feed(en_ids)
    return (_best(chinese, zh_frequent, zh_found, chinese_term, options.shortlist),
            _best(english, en_frequent, en_found, english_shape, options.shortlist))


def _best(table: NgramTable, frequent: list[tuple[np.ndarray, np.ndarray]], found: Resolver,
          is_term: Callable[[tuple[str, ...]], bool], size: int) -> list[Shortlisted]:
    """Score every frequent n-gram at once (numpy), then take the best that look like terms."""
    scores, cohesions, rows = [], [], []
    for (hashes, counts), ids_of in zip(frequent, found.found, strict=True):
        known = [(ids_of[key], count) for key, count in zip(hashes.tolist(), counts.tolist(),
                                                            strict=True) if key in ids_of]
        if not known:
            continue
        ids = np.array([ids for ids, _ in known], np.int64)
        counts = np.array([count for _, count in known], np.int64)
        cohesion = table.cohesion(ids, counts)
        scores.append(np.log2(1 + counts) * cohesion)
        cohesions.append(cohesion)
        rows += [ids for ids, _ in known]
    if not rows:
        return []
    score, cohesion = np.concatenate(scores), np.concatenate(cohesions)
    vocabulary = table.vocabulary()
    best: list[Shortlisted] = []
    for index in np.argsort(-score, kind="stable").tolist():
        if score[index] <= 0 or len(best) == size:
            break
        words = tuple(vocabulary[word_id] for word_id in rows[index])
        if is_term(words):
            best.append((words, float(cohesion[index])))
    return best


Ranked = tuple[float, tuple[str, ...], float, Tally]  # (score, words, cohesion, tally)


def _rank(shortlist: list[Shortlisted], tallies: list[Tally], options: SuggestOptions,
          english: bool = False) -> list[Ranked]:
    ranked = []
    for (words, cohesion), found in zip(shortlist, tallies, strict=True):
        if found.frequency < options.min_freq:
            continue
        if english and is_person_name(found.written.most_common(1)[0][0]):
            continue
        score = math.log2(1 + found.frequency) * cohesion * found.freedom()
        if score > 0:
            ranked.append((score, words, cohesion, found))
    ranked.sort(key=lambda entry: (-entry[0], entry[1]))
    return ranked[:options.top]


def _english_rate(table: NgramTable, runs: int) -> Callable[[str], float]:
    """The share of English runs that hold a phrase, estimated from its count; a phrase longer
    than the table's n-grams by its rarest part (an upper bound)."""
    def rate(phrase: str) -> float:
        words = phrase.split(" ")
        size = min(len(words), table.longest)
        count = min(table.count(words[start:start + size])
                    for start in range(len(words) - size + 1))
        return min(1.0, count / runs) if runs else 0.0

    return rate


def _chinese_candidate(entry: Ranked, near: list[tuple[str, str, int]], glossary: Glossary,
                       matcher, ids: _IdMaker) -> Candidate:
    score, words, cohesion, found = entry
    text = "".join(words)
    related = tuple(concept.id for concept in glossary
                    if any(text in form or form in text for form in concept.chinese_forms))
    return Candidate(ids.chinese(text), Language.ZH, text, words, found.frequency,
                     found.documents, round(score, 2), round(cohesion, 2),
                     round(found.freedom(), 2), tuple(found.contexts), _gloss(words),
                     tuple(_seen(phrase, form, count, matcher) for phrase, form, count in near),
                     related)


RenderingKeys = list[tuple[str, list[str]]]  # (concept id, its renderings as " normalized ")


def _rendering_keys(glossary: Glossary) -> RenderingKeys:
    """Each concept's English renderings, normalized and padded with spaces (a comparison then
    matches whole words): made once, not once per English candidate."""

    return [(concept.id, [f" {normalize_english(r.text)} " for r in concept.english])
            for concept in glossary]


def _english_candidate(entry: Ranked, rendering_keys: RenderingKeys, ids: _IdMaker) -> Candidate:
    score, words, cohesion, found = entry
    text = found.written.most_common(1)[0][0]
    key = f" {' '.join(words)} "
    related = tuple(concept_id for concept_id, keys in rendering_keys
                    if any(key in rendering or rendering in key for rendering in keys))
    return Candidate(ids.english(" ".join(words)), Language.EN, text, words, found.frequency,
                     found.documents, round(score, 2), round(cohesion, 2),
                     round(found.freedom(), 2), tuple(found.contexts), related=related)


def _seen(phrase: str, written: str, count: int, matcher) -> SeenRendering:
    """A nearby phrase, marked with the concept whose rendering it is (the whole phrase)."""
    hits = [hit for hit in matcher.find(phrase) if hit.end - hit.start == len(phrase)]
    if hits:
        return SeenRendering(written, count, hits[0].concept_id, hits[0].status)
    return SeenRendering(written, count)


def _gloss(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """CC-CEDICT's gloss of each word; a word it lacks is glossed through its longest pieces."""

    cedict = dictionary()
    found = cedict.lookup(words)
    glossed = []
    for word in words:
        gloss = found.get(word)
        if gloss is None:
            pieces = cedict.split(word)
            piece_glosses = cedict.lookup(pieces)
            gloss = " ".join(piece_glosses.get(piece, "?") for piece in pieces)
        glossed.append((word, gloss or "—"))
    return tuple(glossed)


class _IdMaker:
    """Readable ids that are valid concept ids, unique among themselves and in the glossary."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def chinese(self, text: str) -> str:
        readings = [syllable.replace("ü", "v") for syllable in syllables(text)]
        return self._unique("-".join(re.sub(r"[^a-z0-9]", "", s.lower()) for s in readings))

    def english(self, phrase: str) -> str:
        return self._unique("en-" + "-".join(re.findall(r"[a-z0-9]+", phrase.lower())[:8]))

    def _unique(self, base: str) -> str:
        base = re.sub(r"-+", "-", base).strip("-") or "term"
        if not base[0].isalpha():
            base = f"term-{base}"
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate
