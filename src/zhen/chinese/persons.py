"""Which words of a Chinese span are person names: only those the text gives evidence for.

jieba's dictionary tags many common words as person names (道德, 许可证 and 微博 are `nr`), and its
HMM splits and glues names (刘 + 东升, 邹家 + 成判囚). zhen takes a word for a name only with
evidence (the cue words are in `zhen.chinese.person_cues`), strongest first:

1. a byline label or credit: 责任编辑：龙慧, 记者 刘金海 摄, 执笔/叨叨姐、胡一刀, （记者唐霁）,
   （刘通摄）, a reporter in parentheses closing a paragraph （张巨峰）; CC-CEDICT listing the
   person with their years (习近平, 陆游, 刘洋, 蔡英文 wherever jieba cut them);
2. a title or kin before or after it (外交部发言人汪文斌, 图为马素湘, 钟南山院士, 长姐华兰);
   a clause that opens with it and speaks (熊节：…, 黄文广谈…); a list with a name in it
   (马正山、范照兵、姒健敏); the same words after it as after a name (戴耀廷判囚10年,邹家成判囚…);
3. the shape of a name where jieba took the word (or its first character) for one: a common
   surname and one or two more characters (林雨晨, 王毅, 陈 + 伟业).

Against a name, whatever the evidence: a CC-CEDICT common-word entry (道德, 陈述, 金兰), a mark
joining the parts of a foreign name (胡萨姆·阿布), a word after it such as 理论 or 学院
(邓小平理论, 孔子学院); against all but a label also another kind of proper noun (华为, 欧盟);
against the shape alone a place or institution suffix (左权县, 卫健委), a transliteration
character (苏莱曼), a word the first two characters make (高端化, 明星读). Every other word jieba
tagged as a person name becomes a plain noun (`n`): translated as a word, never romanized.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from zhen.chinese import person_cues as cue
from zhen.chinese.people import people
from zhen.chinese.person_finder import JIEBA_NAME_TAGS, Finder
from zhen.chinese.person_judge import LABELLED, Name, Word
from zhen.types import Token, fast_constructor

__all__ = ["PERSON_TAG", "Name", "Word", "find_names", "join_known_names", "mark_names"]

PERSON_TAG = "nr"
_NAME_TAGS = JIEBA_NAME_TAGS | {"nrt"}
_token = fast_constructor(Token)


def find_names(key: str, words: tuple[Word, ...], tag_of: Callable[[str], str],
               before: str = "") -> list[Name]:
    """The person names of a span. `key` is the span's text in Simplified characters (same
    length as the span), `words` jieba's words of it in order, `tag_of` jieba's tag of a word,
    `before` the text of the block before the span ("Editor: ", "董事长兼CEO").

    Pages repeat their spans (menus, bylines), so results are remembered per span and context;
    a span with nothing the rules could act on is answered without running them."""
    titled = cue.ENGLISH_TITLE.search(before) is not None
    if not titled and not _worth_looking(key, words):
        return []
    return list(_find_names(key, words, tag_of, titled))


def _worth_looking(key: str, words: tuple[Word, ...]) -> bool:
    if any(word.tag in _NAME_TAGS for word in words) or cue.TRIGGER.search(key):
        return True
    starts = people().person_starts
    return any(key[word.start : word.start + 2] in starts for word in words)


@lru_cache(maxsize=8192)
def _find_names(key: str, words: tuple[Word, ...], tag_of: Callable[[str], str],
                titled: bool) -> tuple[Name, ...]:
    finder = Finder(key, words, tag_of)
    if titled:
        finder.name_from(0, LABELLED)
    finder.labelled()
    finder.listed()
    finder.titled()
    finder.spoken()
    finder.shaped()
    for _ in range(4):  # names next to names, until nothing changes
        if not finder.neighbours():
            break
    return tuple(finder.names())


def mark_names(
    text: str, base: int, tokens: list[Token], names: list[Name], tag_of: Callable[[str], str]
) -> list[Token]:
    """`tokens` (offsets from `base`) with each name one `nr` token with its romanization, the
    words cut by a name's edge re-tagged, and jieba's other name tags turned into `n`."""
    if not names:
        return [_plain(token) for token in tokens]
    edges = sorted({token.start - base for token in tokens} | {token.end - base for token in tokens}
                   | {name.start for name in names} | {name.end for name in names})
    name_at = {name.start: name for name in names}
    token_at = {(token.start - base, token.end - base): token for token in tokens}
    out: list[Token] = []
    index = 0
    while index < len(edges) - 1:
        start = edges[index]
        name = name_at.get(start)
        if name is not None:
            out.append(_token(text[name.start : name.end], base + name.start, base + name.end,
                              PERSON_TAG, name.romanized))
            index = edges.index(name.end, index)
            continue
        end = edges[index + 1]
        token = token_at.get((start, end))
        out.append(_plain(token) if token is not None else _piece(text, base, start, end, tag_of))
        index += 1
    return out


def _plain(token: Token) -> Token:
    if token.pos in JIEBA_NAME_TAGS:
        return _token(token.text, token.start, token.end, "n", None)
    return token


def _piece(text: str, base: int, start: int, end: int, tag_of: Callable[[str], str]) -> Token:
    piece = text[start:end]
    tag = tag_of(piece)
    return _token(piece, base + start, base + end, "n" if tag in JIEBA_NAME_TAGS else tag, None)


def join_known_names(tokens: Sequence[Token], known: dict[str, str]) -> list[Token] | None:
    """`tokens` with every run of words that spells a name found elsewhere on the page (`known`:
    name → romanization) made one name: 李小飞 + 刀 where a byline says 李小飞刀. Not next to a
    foreign name's joining mark or a transliterated word. None when nothing changes."""
    out: list[Token] = []
    changed = False
    index = 0
    while index < len(tokens):
        best = None
        text = ""
        for end in range(index, min(len(tokens), index + 4)):
            text += tokens[end].text
            if text in known:
                best = end
        if best is not None and not _next_to_foreign(tokens, index, best) and not (
                best == index and tokens[index].pos == PERSON_TAG):
            first, last = tokens[index], tokens[best]
            name = "".join(token.text for token in tokens[index : best + 1])
            out.append(_token(name, first.start, last.end, PERSON_TAG, known[name]))
            index = best + 1
            changed = True
        else:
            out.append(tokens[index])
            index += 1
    return out if changed else None


def _next_to_foreign(tokens: Sequence[Token], first: int, last: int) -> bool:
    for index in (first - 1, last + 1):
        if 0 <= index < len(tokens) and (
                tokens[index].pos == "nrt" or tokens[index].text[:1] in cue.FOREIGN_JOINERS):
            return True
    return False
