"""zhen: separate, segment, translate and terminology-check mixed Chinese/English pages, offline.

The front door of the library. Importing zhen does no work: each name below is imported on
first use, and jieba, models and dictionaries load lazily after that.

    import zhen

    glossary = zhen.load_glossary()                       # the shipped glossary
    report = zhen.run_page("page.html", glossary=glossary)  # read → … → check, one Report
    print(zhen.render_report(report, "markdown"))
    zhen.check_text("We develop new productive forces.").findings
    zhen.check_pairs([("发展新质生产力", "develop new productive forces")])
    translations, notice = zhen.translate_texts(["继续浏览"], glossary=glossary)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# name → module that defines it; see docs/architecture.md for what each step owns.
_EXPORTS = {
    # reading a page
    "read_page": "zhen.page.reader",
    "page_from_bytes": "zhen.page.reader",
    "page_from_text": "zhen.page.reader",
    # the glossary
    "load_glossary": "zhen.glossary.store",
    "Glossary": "zhen.glossary.model",
    "Concept": "zhen.glossary.model",
    # the whole job, checking and translating
    "run_page": "zhen.pipeline",
    "report_page": "zhen.pipeline",
    "check_text": "zhen.pipeline",
    "check_pairs": "zhen.pipeline",
    "translate_texts": "zhen.pipeline",
    "check_inputs": "zhen.terms.run",
    "CheckOptions": "zhen.terms.run",
    "CheckReport": "zhen.terms.run",
    "PageCheck": "zhen.terms.run",
    "render_report": "zhen.render.report",
    # the records that flow through the pipeline
    "Page": "zhen.types",
    "Block": "zhen.types",
    "Span": "zhen.types",
    "Token": "zhen.types",
    "TermHit": "zhen.types",
    "Finding": "zhen.types",
    "Translation": "zhen.types",
    "Report": "zhen.types",
    "Summary": "zhen.types",
    "Role": "zhen.types",
    "Language": "zhen.types",
    "Severity": "zhen.types",
    # errors: every failure a user can fix is a ZhenError with an exit code
    "ZhenError": "zhen.errors",
    "InputError": "zhen.errors",
    "GlossaryError": "zhen.errors",
    "ModelError": "zhen.errors",
    "OutputError": "zhen.errors",
}

__all__ = [
    "__version__",
    "read_page",
    "page_from_bytes",
    "page_from_text",
    "load_glossary",
    "Glossary",
    "Concept",
    "run_page",
    "report_page",
    "check_text",
    "check_pairs",
    "translate_texts",
    "check_inputs",
    "CheckOptions",
    "CheckReport",
    "PageCheck",
    "render_report",
    "Page",
    "Block",
    "Span",
    "Token",
    "TermHit",
    "Finding",
    "Translation",
    "Report",
    "Summary",
    "Role",
    "Language",
    "Severity",
    "ZhenError",
    "InputError",
    "GlossaryError",
    "ModelError",
    "OutputError",
]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'zhen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for type checkers and editors; never imported at run time
    from zhen.errors import GlossaryError, InputError, ModelError, OutputError, ZhenError
    from zhen.glossary.model import Concept, Glossary
    from zhen.glossary.store import load_glossary
    from zhen.page.reader import page_from_bytes, page_from_text, read_page
    from zhen.pipeline import check_pairs, check_text, report_page, run_page, translate_texts
    from zhen.render.report import render_report
    from zhen.terms.run import CheckOptions, CheckReport, PageCheck, check_inputs
    from zhen.types import (
        Block,
        Finding,
        Language,
        Page,
        Report,
        Role,
        Severity,
        Span,
        Summary,
        TermHit,
        Token,
        Translation,
    )
