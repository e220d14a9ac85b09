"""Chinese words with offsets and part-of-speech tags, and person names in pinyin.

zhen owns a private `jieba.Tokenizer` (never jieba's global one), built lazily once under a lock,
with its dictionary cache in `zhen.paths.cache_dir()`. Words are cut with the HMM on, so unknown
names such as 林雨晨 come out whole. Tags come from jieba's own dictionary (the table jieba.posseg
reads) instead of running posseg, which is several times slower than cutting:

- a dictionary word gets its dictionary tag (浏览器 → n, 习近平 → nrfg);
- a glossary term added with `add_words` gets `nz`;
- a word the HMM found (not in the dictionary) gets `nr` when it looks like a name — a common
  surname and one or two more characters, or a two-character surname and one or two more —
  otherwise the tag of its last character (过低 → a), since Chinese compounds are head-final;
- digits get `m`, Latin letters `eng`, anything else `x`, as jieba.posseg does.

Person names (nr, nrfg) carry a romanization in the Chinese convention (`romanize_name`).
"""

from __future__ import annotations

import marshal
import re
import threading
from collections.abc import Callable, Iterable

from zhen.cache import cached
from zhen.chinese.convert import to_simplified
from zhen.chinese.names import COMMON_SURNAMES, COMPOUND_SURNAMES, romanize_name
from zhen.chinese.script import HAN_WORD
from zhen.chinese.wordcut import make_cutter
from zhen.types import Token, fast_constructor

__all__ = ["add_words", "is_word", "name_token", "romanize_name", "segment", "tokens_at",
           "word_tag", "words"]

_NAME_TAGS = frozenset({"nr", "nrfg"})
_GLOSSARY_TAG = "nz"
_DIGITS = re.compile(r"[0-9０-９]+")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")

_token = fast_constructor(Token)  # ~0.8 µs a token instead of ~2.2 µs: the hot loop of zhen


class _Segmenter:
    """The tokenizer, the word → tag table and the words added so far; one per process."""

    def __init__(self) -> None:
        import jieba

        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = _load_marshalled(
            f"jieba-{jieba.__version__}.cache",
            lambda: self.tokenizer.gen_pfdict(self.tokenizer.get_dict_file()),
        )
        self.tokenizer.initialized = True
        self.cut = make_cutter(jieba, self.tokenizer)
        self.tags = _load_tags(self.tokenizer, f"jieba-{jieba.__version__}-tags.marshal")
        self.added: set[str] = set()
        self.added_sets: set[str] = set()  # keys of word sets added whole (glossaries)
        self.lock = threading.Lock()
        self.names: dict[str, str] = {}

    def add_words(self, words: Iterable[str], key: str | None = None) -> None:
        with self.lock:
            if key is not None and key in self.added_sets:
                return
            for word in words:
                word = word.strip()
                if word and word not in self.added:
                    self.tokenizer.add_word(word)
                    self.added.add(word)
                    self.tags[word] = _GLOSSARY_TAG
            if key is not None:
                self.added_sets.add(key)

    def tokens(self, text: str, base: int, cut_as: str | None = None) -> list[Token]:
        """Words of `text`; when `cut_as` (same length) is given, cut that and map back.

        The hot loop of zhen: a token must cost little next to jieba's own cut, so names are
        bound locally and a guessed tag is remembered in the tag table.
        """
        tags = self.tags
        tag_of = tags.get
        names = self.names
        name_tags = _NAME_TAGS
        make_token = _token
        tokens: list[Token] = []
        append = tokens.append
        position = base
        for word in self.cut(text if cut_as is None else cut_as):
            end = position + len(word)
            pos = tag_of(word)
            if pos is None:
                pos = tags[word] = self._guess_tag(word)
            romanized = None
            if pos in name_tags:
                romanized = names.get(word)
                if romanized is None:
                    romanized = names[word] = romanize_name(word)
            if cut_as is not None:
                word = text[position - base : end - base]
            append(make_token(word, position, end, pos, romanized))
            position = end
        return tokens

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
    if not _NAME.fullmatch(text):
        return None
    return _token(text, base, base + len(text), "nr", romanize_name(text))


def _looks_like_name(word: str) -> bool:
    if 3 <= len(word) <= 4 and word[:2] in COMPOUND_SURNAMES:
        return True
    return len(word) == 3 and word[0] in COMMON_SURNAMES


def _load_tags(tokenizer, name: str) -> dict[str, str]:
    """jieba's word → POS table (the dictionary's third column), cached like its prefix dict."""

    def build() -> dict[str, str]:
        tags = {}
        with tokenizer.get_dict_file() as dictionary:
            for raw in dictionary:
                parts = raw.decode("utf-8").split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
        return tags

    return _load_marshalled(name, build)


def _load_marshalled(name: str, build: Callable[[], object]):
    """`build()`'s value, kept marshalled in zhen's cache dir (rebuilt and rewritten if damaged).

    zhen reads jieba's prefix dict itself rather than through Tokenizer.initialize: jieba's
    marshal.load(file) reads object by object and takes 1.2 s here, marshal.loads of the whole
    file 0.3 s.
    """
    return cached(name, build, dump=marshal.dumps, load=marshal.loads)


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
    text: str, base: int, extra_words: Iterable[str] = (), *, traditional: bool = False
) -> list[Token]:
    """Like `segment`, with offsets shifted by `base` (where `text` starts in its page).

    jieba's dictionary is Simplified, so Traditional text is cut through its Simplified form
    (converted character for character by OpenCC) and the words mapped back onto the text:
    瀏覽器 comes out whole, as 浏览器 does, with the tag and romanization of the Simplified word.
    """
    segmenter = _get_segmenter()
    if extra_words:
        segmenter.add_words(extra_words)
    if traditional:
        simplified = to_simplified(text)
        if len(simplified) == len(text):
            return segmenter.tokens(text, base, simplified)
    return segmenter.tokens(text, base)


def words(text: str) -> list[str]:
    """The words of `text` as plain strings, cut exactly as `segment` cuts them (same cutter,
    same added words) but without offsets, tags or names: for counting a large corpus.
    Traditional text should be converted to Simplified first."""
    return _get_segmenter().cut(text)


def is_word(word: str) -> bool:
    """Whether the segmenter's dictionary holds `word` (jieba's, plus the words added)."""
    return bool(_get_segmenter().tokenizer.FREQ.get(word))


def word_tag(word: str) -> str:
    """The POS tag `segment` gives `word` when the word comes out as one token."""
    segmenter = _get_segmenter()
    return segmenter.tags.get(word) or segmenter._guess_tag(word)
