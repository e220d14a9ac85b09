"""Simplified/Traditional conversion (OpenCC) and toneless pinyin (pypinyin) for glossary upkeep.

Only writing, validating and searching use these — never loading — so both libraries are imported
lazily, once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhen.glossary.model import Concept

# Traditional spellings differ by region (碳達峯 standard, 碳達峰 Taiwan): the file keeps each one.
_TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def traditional_forms(simplified: str) -> tuple[str, ...]:
    """The Traditional spellings of a Simplified form, without the ones equal to it."""
    forms = (_converter(config).convert(simplified) for config in _TRADITIONAL_CONFIGS)
    return tuple(form for form in dict.fromkeys(forms) if form != simplified)


def derived_traditional(concept: Concept) -> tuple[str, ...]:
    """The concept's Traditional forms with every derivable one present (given ones kept first)."""
    derived = (form for simplified in concept.zh for form in traditional_forms(simplified))
    return tuple(dict.fromkeys((*concept.zh_traditional, *derived)))


def with_traditional(concept: Concept) -> Concept:
    forms = derived_traditional(concept)
    return concept if forms == concept.zh_traditional else replace(concept, zh_traditional=forms)


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


@cache
def toneless_pinyin(text: str) -> str:
    """新质生产力 → 'xinzhishengchanli': what a user types without tones or spaces."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore")).lower()
