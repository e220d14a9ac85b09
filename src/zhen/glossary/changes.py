"""Building and changing concepts from command-line values: pure functions, no files.

Renderings are given as in the file format, `text | reason`; sources as `URL [DATE]`. A rendering
that is already in the concept (same after normalization) changes status instead of repeating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from zhen.chinese.convert import to_simplified
from zhen.errors import GlossaryError
from zhen.glossary.fileformat import REASON_SEPARATOR, split_source
from zhen.glossary.fileformat import parse_rendering as parse_rendering_value
from zhen.glossary.model import Concept, Rendering, Source, Status
from zhen.glossary.normalize import normalize_english


def concept_id_for(english: str) -> str:
    """A readable id from English: "Belt and Road Initiative" → belt-and-road-initiative."""
    words = re.findall(r"[a-z0-9]+", english.lower().replace("'", ""))
    slug = "-".join(words[:8])
    if not slug or not slug[0].isalpha():
        slug = f"term-{slug}" if slug else "term"
    return slug


def parse_rendering(value: str, status: Status) -> Rendering:
    """A rendering given on the command line, as in the file format: `text | since … | reason`."""
    rendering = parse_rendering_value(value, status)
    if "|" in rendering.text:
        raise GlossaryError(f"a rendering cannot contain '|': {rendering.text!r}")
    return rendering


def parse_source(value: str) -> Source:
    return split_source(value.strip())


def new_concept(*, zh: tuple[str, ...], preferred: str | None, admitted: tuple[str, ...] = (),
                superseded: tuple[str, ...] = (), deprecated: tuple[str, ...] = (),
                domain: str = "", sources: tuple[str, ...] = (), note: str = "",
                concept_id: str | None = None) -> Concept:
    """A concept from `zhen glossary add` options; without `preferred` it needs review."""
    english = [parse_rendering(preferred, Status.PREFERRED)] if preferred else []
    for values, status in ((admitted, Status.ADMITTED), (superseded, Status.SUPERSEDED),
                           (deprecated, Status.DEPRECATED)):
        english += [parse_rendering(value, status) for value in values]
    if concept_id is None:
        if not preferred:
            raise GlossaryError("a concept without --preferred needs an explicit --id")
        concept_id = concept_id_for(english[0].text)
    return Concept(id=concept_id, zh=tuple(dict.fromkeys(zh)), english=tuple(english),
                   domain=domain, sources=tuple(parse_source(s) for s in sources), note=note,
                   needs_review=not preferred)


@dataclass(frozen=True)
class ConceptChanges:
    """What `zhen glossary edit` options ask for; None/empty leaves a field as it is."""

    preferred: str | None = None
    admit: tuple[str, ...] = ()
    supersede: tuple[str, ...] = ()
    deprecate: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    add_zh: tuple[str, ...] = ()
    drop_zh: tuple[str, ...] = ()
    domain: str | None = None
    note: str | None = None
    add_sources: tuple[str, ...] = ()
    drop_sources: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == ConceptChanges()


def apply_changes(concept: Concept, changes: ConceptChanges) -> Concept:
    english = list(concept.english)
    for text in changes.drop:
        kept = [r for r in english if normalize_english(r.text) != normalize_english(text)]
        if len(kept) == len(english):
            raise GlossaryError(f"[{concept.id}] has no rendering {text!r}")
        english = kept
    if changes.preferred:
        english = [replace(r, status=Status.ADMITTED) if r.status is Status.PREFERRED else r
                   for r in english]
        english = _put(english, parse_rendering(changes.preferred, Status.PREFERRED))
    for values, status in ((changes.admit, Status.ADMITTED), (changes.supersede, Status.SUPERSEDED),
                           (changes.deprecate, Status.DEPRECATED)):
        for value in values:
            english = _put(english, parse_rendering(value, status))
    has_preferred = any(r.status is Status.PREFERRED for r in english)
    return replace(
        concept,
        zh=_changed_zh(concept, changes),
        zh_traditional=tuple(form for form in concept.zh_traditional
                             if to_simplified(form) not in changes.drop_zh),
        english=tuple(english),
        domain=concept.domain if changes.domain is None else changes.domain,
        note=concept.note if changes.note is None else changes.note,
        sources=_changed_sources(concept, changes),
        needs_review=concept.needs_review and not has_preferred,
    )


def _put(english: list[Rendering], rendering: Rendering) -> list[Rendering]:
    """Add a rendering, replacing one that is the same after normalization."""
    key = normalize_english(rendering.text)
    return [r for r in english if normalize_english(r.text) != key] + [rendering]


def _changed_zh(concept: Concept, changes: ConceptChanges) -> tuple[str, ...]:
    for form in changes.drop_zh:
        if form not in concept.zh:
            raise GlossaryError(f"[{concept.id}] has no Chinese form {form!r}")
    kept = [form for form in concept.zh if form not in changes.drop_zh]
    return tuple(dict.fromkeys([*kept, *changes.add_zh]))


def _changed_sources(concept: Concept, changes: ConceptChanges) -> tuple[Source, ...]:
    urls = {source.url for source in concept.sources}
    for url in changes.drop_sources:
        if url not in urls:
            raise GlossaryError(f"[{concept.id}] has no source {url!r}")
    kept = [source for source in concept.sources if source.url not in changes.drop_sources]
    added = [parse_source(value) for value in changes.add_sources]
    return tuple(kept + [source for source in added if source.url not in urls])


def settle_statuses(concept_id: str, terms: list[tuple[str, Status | None, str]],
                    notes: list[str]) -> tuple[Rendering, ...]:
    """Renderings from imported terms: unmarked terms become preferred (the first, when no term
    is marked preferred) or admitted; a repeated term keeps its first status; a second preferred
    term becomes admitted, with a note."""
    has_preferred = any(status is Status.PREFERRED for _, status, _ in terms)
    renderings: dict[str, Rendering] = {}
    for text, status, reason in terms:
        key = normalize_english(text)
        if key in renderings:
            if status is not None and status is not renderings[key].status:
                notes.append(f"[{concept_id}] {text!r} is given as {status.value} and as "
                             f"{renderings[key].status.value}; the first is kept")
            continue
        taken = any(r.status is Status.PREFERRED for r in renderings.values())
        if status is None:
            status = Status.ADMITTED if has_preferred or taken else Status.PREFERRED
        elif status is Status.PREFERRED and taken:
            notes.append(f"[{concept_id}] has several preferred English terms; "
                         f"{text!r} is kept as admitted")
            status = Status.ADMITTED
        details = f"{text}{REASON_SEPARATOR}{reason}" if reason else text
        renderings[key] = parse_rendering_value(details, status)  # qualifiers travel in notes
    return tuple(renderings.values())
