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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zhen.chinese import person_cues as cue
from zhen.chinese.people import people
from zhen.chinese.person_finder import JIEBA_NAME_TAGS, Finder
from zhen.chinese.person_judge import LABELLED, Name, Word
from zhen.types import Token, fast_constructor

__all__ = ["PERSON_TAG", "Name", "Word", "find_names", "join_known_names", "known_names",
           "mark_names", "titled", "worth_looking"]

PERSON_TAG = "nr"
_NAME_TAGS = JIEBA_NAME_TAGS | {"nrt"}
_token = fast_constructor(Token)


def find_names(key: str, words: Sequence[Word], tag_of: Callable[[str], str],
               titled: bool = False) -> tuple[Name, ...]:
    """The person names of a span. `key` is the span's text in Simplified characters (same
    length as the span), `words` jieba's words of it in order, `tag_of` jieba's tag of a word,
    `titled`: an English label or title stands right before the span ("Editor: ", "兼CEO")."""
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


def titled(before: str) -> bool:
    """Whether the block's text before a span ends with an English label or title."""
    return bool(before) and cue.ENGLISH_TITLE.search(before) is not None


def worth_looking(key: str, starts: Sequence[int], tags: Sequence[str]) -> bool:
    """Whether a span (its Simplified text, its words' starts and tags) could hold a name: a
    word jieba tags as one, a cue word, a person CC-CEDICT lists. Most spans have none of
    these; they skip name finding altogether."""
    if not _NAME_TAGS.isdisjoint(tags) or cue.TRIGGER.search(key):
        return True
    listed = people().person_starts
    return any(key[start : start + 2] in listed for start in starts)


def mark_names(
    text: str, base: int, tokens: list[Token], names: Sequence[Name], tag_of: Callable[[str], str]
) -> list[Token]:
    """`tokens` (offsets from `base`) with each name one `nr` token with its romanization, the
    words cut by a name's edge re-tagged, and jieba's other name tags turned into `n`."""
    if not names:
        if all(token.pos not in JIEBA_NAME_TAGS for token in tokens):
            return tokens
        return [_plain(token) for token in tokens]
    out: list[Token] = []
    append, name_tags = out.append, JIEBA_NAME_TAGS
    first, count = 0, len(names)  # names[first] is the first name not yet behind us
    for token in tokens:
        start, end = token.start - base, token.end - base
        while first < count and names[first].end <= start:
            first += 1
        if first == count or names[first].start >= end:  # the common case: no name here
            append(_plain(token) if token.pos in name_tags else token)
            continue
        position, index = start, first
        while index < count and names[index].start < end:
            name = names[index]
            if name.start > position:  # the word's part before the name
                out.append(_piece(text, base, position, name.start, tag_of))
            if name.start >= start:  # the name starts in this word (else it began before)
                out.append(_token(text[name.start : name.end], base + name.start,
                                  base + name.end, PERSON_TAG, name.romanized))
            position = name.end
            if name.end > end:
                break  # the name goes on into the next word
            index += 1
        if position < end:  # the word's part after the last name
            out.append(_piece(text, base, position, end, tag_of))
    return out


def _plain(token: Token) -> Token:
    if token.pos in JIEBA_NAME_TAGS:
        return _token(token.text, token.start, token.end, "n", None)
    return token


def _piece(text: str, base: int, start: int, end: int, tag_of: Callable[[str], str]) -> Token:
    piece = text[start:end]
    tag = tag_of(piece)
    return _token(piece, base + start, base + end, "n" if tag in JIEBA_NAME_TAGS else tag, None)


@dataclass(frozen=True)
class KnownNames:
    """The names found on a page (name → romanization), a pattern that finds them, and every
    beginning of one (a span with no word among them holds none)."""

    names: dict[str, str]
    pattern: re.Pattern[str]
    beginnings: frozenset[str]


def known_names(names: dict[str, str]) -> KnownNames:
    """`names` ready to look for in a page's spans, the longer of two overlapping ones first."""
    pattern = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    beginnings = frozenset(name[:end] for name in names for end in range(1, len(name) + 1))
    return KnownNames(names, re.compile(pattern), beginnings)


def join_known_names(tokens: Sequence[Token], known: KnownNames) -> list[Token] | None:
    """`tokens` with every run of words that spells a name found elsewhere on the page made one
    name: 李小飞 + 刀 where a byline says 李小飞刀. Only at word edges, not next to a foreign
    name's joining mark or a transliterated word. None when nothing changes."""
    text = "".join(token.text for token in tokens)
    found = known.pattern.findall(text)
    if not found or set(found) <= {token.text for token in tokens if token.pos == PERSON_TAG}:
        return None  # no name, or each one a name already (Editor: 林雨晨)
    starts, ends, position = {}, {}, 0
    for index, token in enumerate(tokens):
        starts[position] = index
        position += len(token.text)
        ends[position] = index
    out: list[Token] = []
    done = 0
    for match in known.pattern.finditer(text):
        first, last = starts.get(match.start()), ends.get(match.end())
        if first is None or last is None or first < done or _next_to_foreign(tokens, first, last):
            continue
        if first == last and tokens[first].pos == PERSON_TAG:
            continue  # already the name
        out.extend(tokens[done:first])
        out.append(_token(match.group(), tokens[first].start, tokens[last].end, PERSON_TAG,
                          known.names[match.group()]))
        done = last + 1
    if not out:
        return None
    out.extend(tokens[done:])
    return out


def _next_to_foreign(tokens: Sequence[Token], first: int, last: int) -> bool:
    for index in (first - 1, last + 1):
        if 0 <= index < len(tokens) and (
                tokens[index].pos == "nrt" or tokens[index].text[:1] in cue.FOREIGN_JOINERS):
            return True
    return False
