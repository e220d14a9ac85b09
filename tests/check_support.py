"""Shared pieces of the check tests: small glossaries and positions computed from file text."""

from __future__ import annotations

import csv
from pathlib import Path

from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data"
POLICY_TERMS = DATA / "policy-terms.glossary"
REAL_TERM_USAGE = DATA / "real-term-usage.tsv"
REAL_TERM_USAGE_2 = DATA / "real-term-usage-2.tsv"


def real_term_usage(path: Path = REAL_TERM_USAGE) -> dict[str, dict[str, str]]:
    """The rows of a real-text evaluation set (tests/data/real-term-usage.md, -2.md), by id."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle, delimiter="\t",
                                                           quoting=csv.QUOTE_NONE)}


def policy_terms() -> Glossary:
    """61 concepts with statuses as the project's policy-term sources describe them."""
    return load_glossary([POLICY_TERMS])


def concept(concept_id: str, zh: str, preferred: str, *others: tuple[str, str],
            zh_traditional: str = "") -> Concept:
    """A concept from (status, text) pairs, e.g. ("deprecated", "new productive forces")."""
    english = [Rendering(preferred, Status.PREFERRED)]
    english += [Rendering(text, Status(status), f"reason for {text}") for status, text in others]
    traditional = (zh_traditional,) if zh_traditional else ()
    return Concept(concept_id, (zh,), traditional, tuple(english))


def glossary(*concepts: Concept) -> Glossary:
    return Glossary(tuple(concepts))


def positions(text: str, phrase: str) -> list[tuple[int, int]]:
    """(line, column) of every occurrence of `phrase`, counted here, not by zhen.offsets."""
    found = []
    offset = text.find(phrase)
    while offset != -1:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        found.append((line, column))
        offset = text.find(phrase, offset + 1)
    return found
