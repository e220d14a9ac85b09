"""The one place where a glossary's Chinese forms are given to the segmenter.

A term must come out of segmentation as one word (新质生产力, not 新 + 质 + 生产力) for the
matcher to find it on word boundaries, for the fallback to render it and for `suggest` not to
propose it. Everything that segments with a glossary in mind calls `add_glossary_words` first;
it does the work once per glossary. A form that holds punctuation (千村示范、万村整治) can never be
one jieba word — jieba cuts at punctuation — so its pieces are added instead: then its ends are
word edges, which is all the matcher needs.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator

from zhen.cache import cached
from zhen.chinese.lexicon import key as lexicon_key
from zhen.chinese.segment import add_words, has_words, is_word
from zhen.glossary.model import Glossary

# What jieba never keeps inside a word: anything outside its `re_han_default` class.
_SEPARATORS = re.compile(r"[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")


def add_glossary_words(glossary: Glossary) -> None:
    """Make every Chinese form of `glossary` one word of the process's segmenter. The list of
    words is cached per glossary: telling the pieces that are words already reads dictionary
    buckets a page may never need."""
    key = f"glossary {glossary.key}"
    if has_words(key):
        return
    words = cached(f"vocabulary-{glossary.key}-{lexicon_key()}.marshal",
                   lambda: list(glossary_words(glossary)), dump=marshal.dumps, load=_words)
    add_words(words, key=key)


def _words(data: bytes) -> list[str]:
    words = marshal.loads(data)
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise ValueError("not a list of words")
    return words


def glossary_words(glossary: Glossary) -> Iterator[str]:
    """Each form, or for a form with punctuation its pieces that are not words already (a
    dictionary word such as 中国 keeps its own frequency and tag)."""
    for concept in glossary:
        for form in concept.chinese_forms:
            pieces = _SEPARATORS.split(form)
            if len(pieces) == 1:
                yield form
            else:
                yield from (piece for piece in pieces if len(piece) > 1 and not is_word(piece))
