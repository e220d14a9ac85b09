"""A concept's Traditional forms, derived from its Simplified ones with OpenCC.

Only writing a glossary derives them (`fmt`, `add`, imports); loading reads the forms the file
holds, so OpenCC stays off every command's start-up.
"""

from __future__ import annotations

from dataclasses import replace

from zhen.chinese.convert import traditional_forms
from zhen.glossary.model import Concept


def derived_traditional(concept: Concept) -> tuple[str, ...]:
    """The concept's Traditional forms with every derivable one present (given ones kept first)."""
    derived = (form for simplified in concept.zh for form in traditional_forms(simplified))
    return tuple(dict.fromkeys((*concept.zh_traditional, *derived)))


def with_traditional(concept: Concept) -> Concept:
    forms = derived_traditional(concept)
    return concept if forms == concept.zh_traditional else replace(concept, zh_traditional=forms)
