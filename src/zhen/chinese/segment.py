"""Chinese words with offsets and part-of-speech tags, and person names in pinyin.

zhen owns a private `jieba.Tokenizer` (never jieba's global one), built lazily once under a lock,
over zhen's memory-mapped dictionary (`zhen.chinese.lexicon`), read a character at a time. Words
are cut with the HMM on, so unknown names such as 林雨晨 come out whole. Tags come from jieba's own
dictionary (the table jieba.posseg reads) instead of running posseg, which is several times
slower than cutting:

- a dictionary word gets its dictionary tag (浏览器 → n, 习近平 → nrfg);
- a glossary term added with `add_words` gets `nz`;
- a word the HMM found (not in the dictionary) gets `nr` when it looks like a name — a common
  surname and one or two more characters, or a two-character surname and one or two more —
  otherwise the tag of its last character (过低 → a), since Chinese compounds are head-final;
- digits get `m`, Latin letters `eng`, anything else `x`, as jieba.posseg does.

Person names carry a romanization in the Chinese convention (`romanize_name`) — only words the
text gives evidence for (`zhen.chinese.persons`); jieba's other name tags become `n`.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import threading
from collections.abc import Iterable

from zhen.cache import cached
from zhen.chinese.convert import to_simplified
from zhen.chinese.lexicon import WORDS, lexicon
from zhen.chinese.lexicon import key as lexicon_key
from zhen.chinese.names import COMMON_SURNAMES, COMPOUND_SURNAMES, romanize_name
from zhen.chinese.people import WordKind, people, word_kinds
from zhen.chinese.persons import (
    PERSON_TAG,
    Word,
    find_names,
    mark_names,
    titled,
    worth_looking,
)
from zhen.chinese.script import HAN_WORD
from zhen.chinese.wordcut import make_cutter
from zhen.types import Token, fast_constructor

__all__ = ["add_words", "has_words", "is_word", "name_token", "romanize_name", "segment",
           "tokens_at", "word_tag", "words"]

_GLOSSARY_TAG = "nz"
_NAMES_REMEMBERED = 20_000  # spans whose names are kept; then the memory starts again
_DIGITS = re.compile(r"[0-9０-９]+")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")

_token = fast_constructor(Token)  # ~0.8 µs a token instead of ~2.2 µs: the hot loop of zhen


class _Segmenter:
    """The tokenizer over the lexicon's words, loaded a character's bucket at a time; the tag
    table; the words added so far. One per process.

    jieba's cutter only ever looks up words that start with a character of the text it cuts, so
    `load` brings in the buckets of a text's characters before it is cut, and the result is
    jieba's own cut over its whole dictionary. A glossary's words, which jieba adds one by one
    (each word's count depends on the words before it), come from a small cached overlay per
    list of words, applied to each bucket as it loads.
    """

    def __init__(self) -> None:
        import jieba

        self.lexicon = lexicon()
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.total = self.lexicon.meta["total"]
        self.tokenizer.initialized = True
        self.freq = self.tokenizer.FREQ  # the live dictionary: buckets and added words
        self.tags: dict[str, str] = {}
        self.loaded: set[str] = set()  # characters whose bucket is in `freq` and `tags`
        self.pending: dict[str, tuple[dict[str, int], dict[str, str]]] = {}  # overlay
        self._cut = make_cutter(jieba, self.tokenizer)
        self.added: set[str] = set()
        self.added_sets: set[str] = set()  # keys of word sets added whole (glossaries)
        self.lock = threading.RLock()
        self.names: dict[tuple[str, bool], tuple] = {}  # (span, after a title) → its names

    def load(self, text: str) -> None:
        """Bring in the buckets of `text`'s characters (and their overlay entries)."""
        if self.loaded.issuperset(text):  # the common case: no set built
            return
        missing = set(text).difference(self.loaded)
        with self.lock:
            for character in missing:
                if character in self.loaded:
                    continue
                bucket = self.lexicon.bucket(WORDS, character)
                if bucket is not None:
                    self.freq.update(bucket[0])
                    self.tags.update(bucket[1])
                overlay = self.pending.pop(character, None)
                if overlay is not None:
                    self.freq.update(overlay[0])
                    self.tags.update(overlay[1])
                self.loaded.add(character)

    def cut(self, text: str) -> list[str]:
        self.load(text)
        return self._cut(text)

    def add_words(self, words: Iterable[str], key: str | None = None) -> None:
        with self.lock:
            if key is not None and key in self.added_sets:
                return
            new = [word for word in dict.fromkeys(word.strip() for word in words)
                   if word and word not in self.added]
            if key is not None and new and not self.added:
                self._apply(_overlay(new))
            else:
                for word in new:
                    self.load(word)
                    self.tokenizer.add_word(word)
                    self.tags[word] = _GLOSSARY_TAG
            self.added.update(new)
            if new:
                self.names.clear()  # spans may be cut otherwise now
            if key is not None:
                self.added_sets.add(key)

    def _apply(self, overlay: tuple[int, dict]) -> None:
        """What adding the words one by one would have done, bucket by bucket."""
        total, entries = overlay
        self.tokenizer.total = total
        for character, (counts, tags) in entries.items():
            if character in self.loaded:
                self.freq.update(counts)
                self.tags.update(tags)
            else:
                self.pending[character] = (counts, tags)

    def tokens(self, text: str, base: int, cut_as: str | None = None) -> list[Token]:
        """Words of `text`; when `cut_as` (same length) is given, cut that and map back.

        The hot loop of zhen: a token must cost little next to jieba's own cut, so names are
        bound locally and a guessed tag is remembered in the tag table.
        """
        tags = self.tags
        tag_of = tags.get
        make_token = _token
        tokens: list[Token] = []
        append = tokens.append
        position = base
        for word in self.cut(text if cut_as is None else cut_as):
            end = position + len(word)
            pos = tag_of(word)
            if pos is None:
                pos = tags[word] = self._guess_tag(word)
            if cut_as is not None:
                word = text[position - base : end - base]
            append(make_token(word, position, end, pos, None))
            position = end
        return tokens

    def with_names(
        self, text: str, key: str, base: int, tokens: list[Token], before: str = ""
    ) -> list[Token]:
        """The tokens with person names found on evidence (`zhen.chinese.persons`). Pages
        repeat their spans (menus, bylines): a span's names are remembered by its text."""
        after_title = titled(before)
        starts = [t.start - base for t in tokens]
        if not after_title and not worth_looking(key, starts, [t.pos for t in tokens]):
            return tokens
        remembered = self.names.get((key, after_title))
        if remembered is None:
            frequencies = self.freq
            words = [Word(start, t.end - base, t.pos, frequencies.get(key[start : t.end - base],
                                                                      0) > 0)
                     for start, t in zip(starts, tokens, strict=True)]
            remembered = find_names(key, words, self.tag, after_title)
            if len(self.names) >= _NAMES_REMEMBERED:
                self.names.clear()
            self.names[(key, after_title)] = remembered
        return mark_names(text, base, tokens, list(remembered), self.tag)

    def tag(self, word: str) -> str:
        self.load(word)
        return self.tags.get(word) or self._guess_tag(word)

    def _guess_tag(self, word: str) -> str:
        if HAN_WORD.fullmatch(word):
            if _looks_like_name(word):
                return "nr"
            return self.tags.get(word[-1], "x")
        if _DIGITS.fullmatch(word):
            return "m"
        if _LATIN.fullmatch(word):
            return "eng"
        return "x"


_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def name_token(text: str, base: int) -> Token | None:
    """`text` as one person-name token, when it can be a name (two to four Han characters).

    For spans that the page says are names, e.g. the Chinese after "Editor:" on a byline, where
    jieba would cut a name like 欧阳晓敏 into 欧阳 + 晓敏.
    """
    if not _NAME.fullmatch(text) or word_kinds([text]).get(text) is WordKind.COMMON:
        return None
    reading = people().persons.get(text) or romanize_name(text)
    return _token(text, base, base + len(text), PERSON_TAG, reading)


def _looks_like_name(word: str) -> bool:
    if 3 <= len(word) <= 4 and word[:2] in COMPOUND_SURNAMES:
        return True
    return len(word) == 3 and word[0] in COMMON_SURNAMES


def _overlay(words: list[str]) -> tuple[int, dict]:
    """(jieba's total, per first character ({key: count}, {word: tag})) after adding `words`
    in order, as jieba's `add_word` does it; cached per list of words."""
    digest = hashlib.sha1("\n".join(words).encode("utf-8")).hexdigest()[:20]

    def build() -> tuple[int, dict]:
        scratch = _Segmenter()
        scratch.add_words(words)  # one by one: loads the buckets the words need
        entries: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
        for word in words:
            counts, tags = entries.setdefault(word[0], ({}, {}))
            for end in range(1, len(word) + 1):
                counts[word[:end]] = scratch.freq[word[:end]]
            tags[word] = _GLOSSARY_TAG
        return scratch.tokenizer.total, entries

    return cached(f"lexicon-{lexicon_key()}-words-{digest}.marshal", build,
                  dump=marshal.dumps, load=_checked_overlay)


def _checked_overlay(data: bytes) -> tuple[int, dict]:
    total, entries = marshal.loads(data)
    if not isinstance(total, int) or not all(
            isinstance(counts, dict) and isinstance(tags, dict)
            for counts, tags in entries.values()):
        raise ValueError("not an overlay")
    return total, entries


_lock = threading.Lock()
_segmenter: _Segmenter | None = None


def _get_segmenter() -> _Segmenter:
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = _Segmenter()
    return _segmenter


def add_words(words: Iterable[str], *, key: str | None = None) -> None:
    """Make each word (e.g. a glossary term such as 新质生产力) come out as one token; words
    added under a `key` before (a glossary's) are not gone through again."""
    _get_segmenter().add_words(words, key)


def segment(text: str, extra_words: Iterable[str] = ()) -> list[Token]:
    """jieba words of `text` with offsets into `text`, POS tags and romanized person names."""
    return tokens_at(text, 0, extra_words)


def tokens_at(
    text: str,
    base: int,
    extra_words: Iterable[str] = (),
    *,
    traditional: bool = False,
    before: str = "",
) -> list[Token]:
    """Like `segment`, with offsets shifted by `base` (where `text` starts in its page).

    jieba's dictionary is Simplified, so Traditional text is cut through its Simplified form
    (converted character for character by OpenCC) and the words mapped back onto the text:
    瀏覽器 comes out whole, as 浏览器 does, with the tag and romanization of the Simplified word.
    `before` is the text before `text` in its block, for names: "Editor: " + 林雨晨.
    """
    segmenter = _get_segmenter()
    if extra_words:
        segmenter.add_words(extra_words)
    if traditional:
        simplified = to_simplified(text)
        if len(simplified) == len(text):
            tokens = segmenter.tokens(text, base, simplified)
            return segmenter.with_names(text, simplified, base, tokens, before)
    return segmenter.with_names(text, text, base, segmenter.tokens(text, base), before)


def words(text: str) -> list[str]:
    """The words of `text` as plain strings, cut exactly as `segment` cuts them (same cutter,
    same added words) but without offsets, tags or names: for counting a large corpus.
    Traditional text should be converted to Simplified first."""
    return _get_segmenter().cut(text)


def has_words(key: str) -> bool:
    """Whether the words of `key` (a glossary's) were added to this process's segmenter."""
    return key in _get_segmenter().added_sets


def is_word(word: str) -> bool:
    """Whether the segmenter's dictionary holds `word` (jieba's, plus the words added)."""
    segmenter = _get_segmenter()
    segmenter.load(word[:1])
    return bool(segmenter.freq.get(word))


def word_tag(word: str) -> str:
    """The POS tag jieba's dictionary (or zhen's guess) gives `word`, before name finding."""
    return _get_segmenter().tag(word)
