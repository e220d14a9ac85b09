"""The renderings of a glossary as the near-miss matcher compares them, and how it finds them.

Every rendering of two or more content words is a `Target`: its words read by
`zhen.terms.tokens` and `zhen.terms.lexicon`, its head noun (the word before its first
preposition, else its last), whether the glossary writes it as a name, and the leading verb a text
may leave off ("create" in "create a new form of human advancement"). An abbreviation the
glossary spells out ("Communist Party of China (CPC)") reads as one word with its spelling-out.
The index keys each target by the stems and near-synonym groups of its words, and anchors it on
its rarest words: a clause is looked at for a target only when it holds an anchor. A key is a
string (a stem, or "group:" and the group), so its hash is computed once; each target keeps the
positions of its words under each key as a bit mask, so the words a clause covers are a few
integer ORs.
"""

from __future__ import annotations

import pickle
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from zhen.cache import cached, installed_version
from zhen.glossary.model import Glossary
from zhen.terms.lexicon import Lexicon, WordForm, lexicon
from zhen.terms.tokens import WORD, Token, clauses
from zhen.terms.wording import FUNCTION_WORDS, head_index, strip_abbreviation

__all__ = ["Piece", "Target", "TargetIndex", "Verdict", "drop_budget", "index_for",
           "word_keys"]

_FUSING = ("ive", "al", "ic", "ous", "ent", "ant")  # "productive forces" → "productivity"
_SPELLED_OUT = re.compile(r"^(.+?)\s*\(([A-Z][A-Za-z&]{1,7})\)$")


class Piece(NamedTuple):
    """A token of text or of a rendering; `form` is set for content words only."""

    token: Token
    form: WordForm | None
    barrier: int = -1  # the exact hit the token lies in, or -1
    keys: tuple[str, ...] = ()  # the content word's keys (`word_keys`)


@dataclass(frozen=True)
class Target:
    """A glossary rendering as the matcher compares it."""

    concept_id: str
    rendering: str
    suggestion: str  # the concept's preferred rendering
    status: str  # the rendering's status: preferred, admitted, deprecated or superseded
    words: tuple[Piece, ...]
    content: tuple[int, ...]  # indexes into `words` of the content words
    head: int  # index into `content` of the head noun
    proper: bool  # every content word capitalized in the glossary: a name
    lead: int = 0  # leading content words that may be left off ("create" in "create a new …")
    classified: bool = False  # the head is a classifier ("… Project"), which may be left off

    @property
    def size(self) -> int:
        return len(self.content)


class Verdict(NamedTuple):
    score: float
    explanation: str  # "" for the rendering itself: it holds its place but is no near miss


def drop_budget(content_words: int) -> int:
    """Content words that may be dropped: none up to three, one up to seven, then two."""
    return 0 if content_words <= 3 else 1 if content_words <= 7 else 2


class TargetIndex:
    """A glossary's targets and the keys (stems, near-synonym groups) that find them."""

    def __init__(self, glossary: Glossary, words: Lexicon):
        self.lexicon = words
        self.known_stems = frozenset(
            words.stem(token.text) for concept in glossary.concepts for rendering in
            concept.english for clause in clauses(rendering.text, words) for token in clause
            if token.kind == WORD)
        self._words: dict[str, tuple[WordForm | None, tuple[str, ...]]] = {}
        self.abbreviations = _abbreviations(glossary, words)
        self.expansions: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.reordered: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = \
            defaultdict(list)
        for expansion in self.abbreviations.values():
            self.expansions[expansion[0]].append(expansion)
            if len(expansion) > 2 and expansion[-2] == "of":  # "China Communist Party"
                written = (expansion[-1], *expansion[:-2])
                self.reordered[written[0]].append((written, expansion))
        self.targets: list[Target] = []
        self.keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.by_rendering: dict[tuple[str, str], Target] = {}
        for concept in glossary.concepts:
            if concept.preferred is None:
                continue
            for rendering in concept.english:
                target = self._target(concept.id, rendering.text, concept.preferred.text,
                                      rendering.status.value)
                if target is None:
                    continue
                for k, word in enumerate(target.content):
                    for key in word_keys(target.words[word].form):
                        self.keys[key].append((len(self.targets), k))
                self.targets.append(target)
                self.by_rendering[(concept.id, rendering.text)] = target
        self._anchor()

    def _anchor(self) -> None:
        """Per target: the positions of its words under each key (a bit mask), how many words a
        near miss covers at least, the bits of its head and the word before it (one of them is
        in every near miss), and its anchor keys — the keys of its rarest words, enough that a
        near miss has one."""
        frequency = Counter({key: len(places) for key, places in self.keys.items()})
        position_keys = [[word_keys(target.words[word].form) for word in target.content]
                         for target in self.targets]
        self.least = [max(2, target.size - drop_budget(target.size) - target.lead
                          - _may_lose_head(target, self.lexicon)) for target in self.targets]
        self.head_bits = [(1 << target.head) | ((1 << target.head - 1) if target.head else 0)
                          for target in self.targets]
        self.key_bits: list[dict[str, int]] = []
        self.anchored: dict[str, list[int]] = defaultdict(list)
        for number, keys in enumerate(position_keys):
            bits: dict[str, int] = defaultdict(int)
            for k, word in enumerate(keys):
                for key in word:
                    bits[key] |= 1 << k
            self.key_bits.append(dict(bits))
            ranked = sorted(range(len(keys)), key=lambda k: sum(frequency[key] for key in keys[k]))
            for k in ranked[:len(keys) - self.least[number] + 1]:
                for key in keys[k]:
                    self.anchored[key].append(number)
        self.key_sets = [frozenset(bits) for bits in self.key_bits]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["lexicon"]
        state["_words"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.lexicon = lexicon()

    def word(self, word: str) -> tuple[WordForm | None, tuple[str, ...]]:
        """The word's form and keys; (None, ()) for a function word."""
        found = self._words.get(word)
        if found is None:
            if word in FUNCTION_WORDS or word in ("&",):
                found = (None, ())
            else:
                form = self.lexicon.form(word, self.known_stems)
                found = (form, tuple(word_keys(form)))
            self._words[word] = found  # one assignment: safe without a lock
        return found

    def form(self, word: str) -> WordForm | None:
        """The content word's form, or None for a function word."""
        return self.word(word)[0]

    def pieces(self, clause: Sequence[Token]) -> list[Piece]:
        """The clause's tokens with their forms; an abbreviation the glossary spells out ("CPC"
        for "Communist Party of China") and its spelling-out read as one and the same word, and
        so does the spelling-out with its last name put first ("China Communist Party"), as
        another spelling of it."""
        pieces = []
        append = pieces.append
        new = tuple.__new__  # a piece a word: skip the named tuple's own __new__
        words, abbreviations, expansions = self._words, self.abbreviations, self.expansions
        index = 0
        while index < len(clause):
            token = clause[index]
            index += 1
            if token.kind != WORD:
                append(new(Piece, (token, None, -1, ())))
                continue
            text = token.text
            expansion = abbreviations.get(text) if token.capital else None
            if expansion is None and text in expansions:
                for spelled in expansions[text]:
                    found = clause[index - 1:index - 1 + len(spelled)]
                    if tuple(part.text for part in found) == spelled and \
                            all(part.kind == WORD for part in found):
                        token = token._replace(end=found[-1].end)
                        expansion = spelled
                        index += len(spelled) - 1
                        break
            respelled = ""
            if expansion is None and text in self.reordered:
                for written, spelled in self.reordered[text]:
                    found = clause[index - 1:index - 1 + len(written)]
                    if tuple(part.text for part in found) == written and \
                            all(part.kind == WORD for part in found):
                        token = token._replace(end=found[-1].end, text=" ".join(written))
                        expansion, respelled = spelled, " ".join(spelled)
                        index += len(written) - 1
                        break
            if expansion is None:
                form, keys = words.get(text) or self.word(text)
                append(new(Piece, (token, form, -1, keys)))
            else:
                form = _spelled_out(" ".join(expansion), respelled)
                append(new(Piece, (token, form, -1, tuple(word_keys(form)))))
        return pieces

    def _target(self, concept_id, text, suggestion, status) -> Target | None:
        tokens = [token for clause in clauses(strip_abbreviation(text), self.lexicon)
                  for token in clause]
        words = tuple(self.pieces(tokens))
        content = tuple(index for index, piece in enumerate(words) if piece.form is not None)
        if len(content) < 2 or len({words[index].form.lemma for index in content}) < 2:
            return None
        written = strip_abbreviation(text).split()  # "South-to-North" is one word here
        head_word = written[head_index([word.lower() for word in written])]
        head_end = sum(len(word) + 1 for word in written[:written.index(head_word) + 1]) - 1
        head = max((k for k, index in enumerate(content) if words[index].token.start < head_end),
                   default=0)
        proper = all(words[index].token.capital for index in content)
        classified = words[content[head]].token.text in self.lexicon.classifiers
        return Target(concept_id, text, suggestion, status, words, content, head, proper,
                      _lead(words), classified)


def _abbreviations(glossary: Glossary, words: Lexicon) -> dict[str, tuple[str, ...]]:
    """Names the glossary abbreviates: "Communist Party of China (CPC)" → cpc."""
    found = {}
    for concept in glossary.concepts:
        for rendering in concept.english:
            match = _SPELLED_OUT.match(rendering.text)
            if match:
                tokens = [token for clause in clauses(match.group(1), words)
                          for token in clause if token.kind == WORD]
                if len(tokens) > 1 and all(token.capital or token.text in FUNCTION_WORDS
                                           for token in tokens):
                    found.setdefault(match.group(2).lower(), tuple(t.text for t in tokens))
    return found


def _lead(words: Sequence[Piece]) -> int:
    """Content words before the rendering's first article when nothing else comes before it:
    the verb of "create a new form of human advancement", which a text may leave off."""
    for index, piece in enumerate(words):
        if piece.form is None:
            return index if piece.token.text in ("a", "an", "the") else 0
    return 0


def _may_lose_head(target: Target, words: Lexicon) -> int:
    """1 if a near miss may lack the head: fused into an adjective before it ("productive
    forces" → "productivity") or a classifier left off ("… Project"), else 0."""
    head = target.words[target.content[target.head]].token.text
    before = target.words[target.content[target.head - 1]].token.text if target.head else ""
    return int(head in words.classifiers or before.endswith(_FUSING))


def word_keys(form: WordForm) -> list[str]:
    """The keys a word is found under: its stem and its near-synonym groups ("group:共同")."""
    return [form.stem, *(f"group:{group}" for group in sorted(form.groups))]


@lru_cache(maxsize=256)
def _spelled_out(name: str, respelled: str = "") -> WordForm:
    """An abbreviation the glossary spells out, and its spelling-out: one word; `respelled`
    when the text puts the name after "of" first ("China Communist Party")."""
    return WordForm(name, name, frozenset(), respelled)


_LAYOUT = 6  # bump when TargetIndex or Target changes: the cached index's name carries it
_lock = threading.Lock()
_indexes: dict[str, TargetIndex] = {}


def index_for(glossary: Glossary) -> TargetIndex:
    """The glossary's index, built once per glossary and cached on disk (~0.2 s to build for
    the shipped glossary) under its content, the word tables' and the stemmer's version."""
    with _lock:
        index = _indexes.get(glossary.key)
        if index is None:
            words = lexicon()
            name = (f"nearmiss-{glossary.key}-{words.digest}-"
                    f"stemmer{installed_version('PyStemmer')}-layout{_LAYOUT}.pickle")
            index = _indexes[glossary.key] = cached(
                name, lambda: TargetIndex(glossary, words), dump=pickle.dumps,
                load=_unpickled)
    return index


def _unpickled(data: bytes) -> TargetIndex:
    index = pickle.loads(data)
    if not isinstance(index, TargetIndex):
        raise TypeError(f"not a near-miss index: {type(index).__name__}")
    return index


