"""Tiny stand-ins for interfaces other engineers are still landing (page, segment, glossary
store/match/checks), installed only while the real module is missing — the moment one lands on
main, the tests use the real thing. Delete this file when all have landed.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
import types
from pathlib import Path

import pytest

from zhen.errors import InputError
from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.glossary.normalize import normalize_english
from zhen.types import Block, Finding, Language, Page, Role, Severity, Span, Token

HAN = "\u3400-\u9fff\uf900-\ufaff"
# A Chinese run: an optional "1." list number, Han, and punctuation or digits between Han.
CHINESE_RUN = re.compile(
    rf"(?:\d+\.)?[{HAN}](?:[{HAN}0-9,.:;!?，。、；：！？“”（）《》 ]*[{HAN}：:。！？”）》])?"
)

STANDIN_GLOSSARY = Glossary(
    concepts=(
        Concept(
            "new-quality-productive-forces",
            ("新质生产力",),
            english=(
                Rendering("new quality productive forces", Status.PREFERRED),
                Rendering("new productive forces", Status.DEPRECATED),
            ),
        ),
        Concept(
            "high-quality-development",
            ("高质量发展",),
            english=(Rendering("high-quality development", Status.PREFERRED),),
        ),
    ),
    digest="standin-glossary",
)


def _missing(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is None
    except ModuleNotFoundError:
        return True


_tokenizer = None


def segment(text: str, extra_words=()) -> list[Token]:
    global _tokenizer
    import jieba
    import jieba.posseg

    if _tokenizer is None:
        jieba.setLogLevel(60)
        _tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for word in extra_words:
        _tokenizer.tokenizer.add_word(word, freq=100_000, tag="n")
    tokens, position = [], 0
    for pair in _tokenizer.cut(text, HMM=True):
        start = text.index(pair.word, position)
        romanized = romanize_name(pair.word) if pair.flag.startswith("nr") else None
        tokens.append(Token(pair.word, start, start + len(pair.word), pair.flag, romanized))
        position = start + len(pair.word)
    return tokens


def romanize_name(name: str) -> str:
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}".strip()


def read_page(source, *, format=None, encoding=None) -> Page:
    path = Path(source)
    if not path.is_file():
        raise InputError("no such file", path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file", path)
    if b"\x00" in data:
        raise InputError("binary file, not a text page", path)
    text = data.decode(encoding or "utf-8")
    blocks, offset = [], 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            spans, position = [], 0
            for match in CHINESE_RUN.finditer(line):
                if match.start() > position:
                    spans.append(
                        Span(
                            line[position : match.start()],
                            Language.EN,
                            offset + position,
                            offset + match.start(),
                            number,
                            position + 1,
                        )
                    )
                spans.append(
                    Span(
                        match.group(),
                        Language.ZH,
                        offset + match.start(),
                        offset + match.end(),
                        number,
                        match.start() + 1,
                    )
                )
                position = match.end()
            if position < len(line):
                spans.append(
                    Span(
                        line[position:],
                        Language.EN,
                        offset + position,
                        offset + len(line),
                        number,
                        position + 1,
                    )
                )
            blocks.append(
                Block(
                    len(blocks),
                    line,
                    Role.OTHER,
                    offset,
                    offset + len(line),
                    number,
                    1,
                    tuple(spans),
                )
            )
        offset += len(line) + 1
    return Page(str(source), text, format or "text", "utf-8", tuple(blocks))


def load_glossary(paths=None) -> Glossary:
    return STANDIN_GLOSSARY


class ChineseMatcher:
    def __init__(self, glossary: Glossary):
        self.glossary = glossary

    def find(self, text: str):
        return [
            types.SimpleNamespace(concept_id=concept.id, text=form)
            for concept in self.glossary
            for form in concept.chinese_forms
            if form in text
        ]


def check_pair(source_zh: str, target_en: str, glossary: Glossary) -> list[Finding]:
    findings = []
    for hit in ChineseMatcher(glossary).find(source_zh):
        preferred = glossary.get(hit.concept_id).preferred.text
        if normalize_english(preferred) not in normalize_english(target_en):
            findings.append(
                Finding(
                    "",
                    1,
                    1,
                    Severity.ERROR,
                    "term-mismatch",
                    f"{hit.text} is not rendered as '{preferred}'",
                    preferred,
                    hit.concept_id,
                )
            )
    return findings


STANDINS = {
    "zhen.segment": {"segment": segment, "romanize_name": romanize_name},
    "zhen.page": {"read_page": read_page},
    "zhen.glossary.store": {"load_glossary": load_glossary},
    "zhen.glossary.match": {"ChineseMatcher": ChineseMatcher},
    "zhen.glossary.checks": {"check_pair": check_pair},
}


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put a stand-in in sys.modules for every interface module not on this branch yet."""
    for name, attributes in STANDINS.items():
        if _missing(name):
            module = types.ModuleType(name)
            module.__spec__ = importlib.machinery.ModuleSpec(name, None)
            module.__dict__.update(attributes)
            monkeypatch.setitem(sys.modules, name, module)


@pytest.fixture(scope="module")
def private_segmenter():
    """`segment(extra_words=…)` adds glossary terms for the whole process; tests that translate
    with a glossary get a segmenter of their own, so later tests see jieba's plain dictionary."""
    import zhen.segment

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zhen.segment, "_segmenter", None)
        yield
