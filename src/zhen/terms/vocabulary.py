"""The one place where a glossary's Chinese forms are given to the segmenter.

A term must come out of segmentation as one word (新质生产力, not 新 + 质 + 生产力) for the
matcher to find it on word boundaries, for the fallback to render it and for `suggest` not to
propose it. Everything that segments with a glossary in mind calls `add_glossary_words` first;
it does the work once per glossary.
"""

from __future__ import annotations

from zhen.chinese.segment import add_words
from zhen.glossary.model import Glossary


def add_glossary_words(glossary: Glossary) -> None:
    """Make every Chinese form of `glossary` one word of the process's segmenter."""
    forms = (form for concept in glossary for form in concept.chinese_forms)
    add_words(forms, key=f"glossary {glossary.key}")
