"""Shared pieces of the check tests: the test glossary and positions computed from file text."""

from __future__ import annotations

from pathlib import Path

from zhen.glossary.model import Concept, Glossary, Rendering, Status

DATA = Path(__file__).resolve().parent / "data"
POLICY_TERMS = DATA / "policy-terms.glossary"


def read_glossary(path: Path = POLICY_TERMS) -> Glossary:
    """Stand-in for zhen.glossary.store.load_glossary until it lands on main."""
    concepts = []
    fields: dict[str, list[str]] = {}
    concept_id = None

    def finish():
        if concept_id is None:
            return
        english = []
        for status in Status:
            for value in fields.get(status.value, []):
                text, _, reason = value.partition(" | ")
                english.append(Rendering(text, status, reason))
        concepts.append(Concept(concept_id, tuple(fields.get("zh", [])),
                                tuple(fields.get("zh-hant", [])), tuple(english)))

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            finish()
            concept_id, fields = line[1:-1], {}
        else:
            key, _, value = line.partition(": ")
            fields.setdefault(key, []).append(value)
    finish()
    return Glossary(tuple(concepts))
