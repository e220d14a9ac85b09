"""What a glossary entry is: a concept with Chinese forms and English renderings of known status.

Statuses map one-to-one to TBX administrative statuses, so import/export never loses them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path


class Status(StrEnum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def tbx(self) -> str:
        """The TBX administrativeStatus value, e.g. preferredTerm-admn-sts."""
        return f"{self.value}Term-admn-sts"

    @classmethod
    def from_tbx(cls, value: str) -> Status:
        return cls(value.strip().removesuffix("Term-admn-sts"))

    @property
    def approved(self) -> bool:
        """Preferred and admitted renderings are correct; the others must be replaced."""
        return self in (Status.PREFERRED, Status.ADMITTED)


@dataclass(frozen=True)
class Source:
    url: str
    date: str = ""  # ISO 8601, as precise as known


@dataclass(frozen=True)
class Rendering:
    """One English rendering; `reason` says why a deprecated or superseded one is not used.

    Dates are ISO (`2023`, `2023-11`, `2023-11-02`): `since` is when a superseded rendering gave
    way (for a preferred or admitted one: when it became official), `until` when an admitted one
    stopped being used. `seen` holds pages of real published English that use the rendering.
    """

    text: str
    status: Status
    reason: str = ""
    since: str = ""
    until: str = ""
    seen: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Origin:
    """Where a concept was read from, so validation and errors can say file:line."""

    path: Path
    line: int


@dataclass(frozen=True)
class Concept:
    id: str
    zh: tuple[str, ...]  # Simplified forms; the first is the headword
    zh_traditional: tuple[str, ...] = ()  # Traditional forms, derived with OpenCC unless given
    english: tuple[Rendering, ...] = ()
    domain: str = ""
    shares: tuple[str, ...] = ()  # ids of concepts that legitimately share an English rendering
    sources: tuple[Source, ...] = ()
    note: str = ""
    added: str = ""
    updated: str = ""
    needs_review: bool = False  # accepted from `suggest`, no preferred English yet
    origin: Origin | None = field(default=None, compare=False)

    @cached_property
    def preferred(self) -> Rendering | None:
        """Found once per concept: matching and translating ask for it per term, per page."""
        return next((r for r in self.english if r.status is Status.PREFERRED), None)

    @property
    def admitted(self) -> tuple[Rendering, ...]:
        return tuple(r for r in self.english if r.status is Status.ADMITTED)

    @cached_property
    def deprecated(self) -> tuple[Rendering, ...]:
        """Deprecated and superseded renderings: both are errors when used."""
        return tuple(r for r in self.english if not r.status.approved)

    @property
    def approved_text(self) -> str:
        """The preferred English rendering, or "" while the concept has none (needs review)."""
        preferred = self.preferred
        return preferred.text if preferred else ""

    @property
    def chinese_forms(self) -> tuple[str, ...]:
        """Every Chinese form, Simplified first, without repeats."""
        return tuple(dict.fromkeys(self.zh + self.zh_traditional))


@dataclass(frozen=True)
class Glossary:
    concepts: tuple[Concept, ...]
    files: tuple[Path, ...] = ()
    digest: str = ""  # content hash of the files: keys on-disk caches (matcher, memory)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    @cached_property
    def key(self) -> str:
        """Identifies the glossary's content: its files' hash, or for a glossary built in memory
        a hash of its concepts. Caches of matchers and translations are keyed by it."""
        if self.digest:
            return self.digest
        digest = hashlib.sha256()
        for concept in self.concepts:
            digest.update(repr((concept.id, concept.chinese_forms,
                                [(r.text, r.status.value) for r in concept.english])).encode())
        return "mem-" + digest.hexdigest()

    @cached_property
    def preferred_renderings(self) -> dict[str, str]:
        """concept id → its preferred English, for the concepts that have one."""
        return {c.id: c.preferred.text for c in self.concepts if c.preferred is not None}

    @cached_property
    def _by_id(self) -> dict[str, Concept]:
        return {concept.id: concept for concept in self.concepts}

    @cached_property
    def _by_chinese(self) -> dict[str, Concept]:
        return {form: concept for concept in self.concepts for form in concept.chinese_forms}

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def by_chinese(self, form: str) -> Concept | None:
        """The concept that owns a Chinese form (Simplified or Traditional)."""
        return self._by_chinese.get(form)
