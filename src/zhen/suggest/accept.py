"""Writing chosen suggestions into the glossary as concepts that need review.

An accepted candidate becomes a concept with the candidate's id and Chinese form, the English
seen near it (when that is not another concept's rendering) as admitted renderings, no
preferred rendering, `needs-review: yes`, the page it was first seen in as its source and its
evidence in a note. All chosen candidates go in with one locked, validated, atomic write
(`zhen.glossary.edit.add_concepts`): they all land or none does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.glossary.edit import add_concepts, write_target
from zhen.glossary.model import Concept, Rendering, Source, Status
from zhen.suggest.candidates import Candidate, Suggestions
from zhen.types import Language


def chosen_candidates(suggestions: Suggestions, keys: Sequence[str]) -> list[Candidate]:
    """The candidates named by id or text; an unknown key or an English candidate is an error."""
    chosen: dict[str, Candidate] = {}
    for key in keys:
        candidate = suggestions.find(key)
        if candidate is None:
            raise GlossaryError(f"no candidate {key!r} among this run's suggestions "
                                "(use an id or a text the output shows)")
        if candidate.language is not Language.ZH:
            raise GlossaryError(f"{candidate.text!r} is an English candidate; a concept needs a "
                                "Chinese form: add it with zhen glossary add --zh …")
        chosen[candidate.id] = candidate
    return list(chosen.values())


def concept_for(candidate: Candidate, *, domain: str = "", source: str | None = None) -> Concept:
    """The needs-review concept an accepted candidate becomes."""
    if source is None:
        first = candidate.contexts[0].path if candidate.contexts else "<stdin>"
        if first == "<stdin>":
            raise GlossaryError(f"{candidate.text} was seen on standard input only: give "
                                "--cite URL to say where it comes from")
        source = Path(first).resolve().as_uri()
    english = tuple(Rendering(seen.text, Status.ADMITTED) for seen in candidate.renderings
                    if seen.concept_id is None)
    where = candidate.contexts[0] if candidate.contexts else None
    note = (f"Suggested by zhen glossary suggest: ×{candidate.frequency} in "
            f"{candidate.documents} documents" + (f", first at {where.path}:{where.line}"
                                                  if where else "") + ".")
    return Concept(id=candidate.id, zh=(candidate.text,), english=english, domain=domain,
                   sources=(Source(source),), note=note, needs_review=True)


def accept(suggestions: Suggestions, keys: Sequence[str], selection: Sequence[Path] | None, *,
           to: Path | None = None, domain: str = "", source: str | None = None
           ) -> tuple[Path, list[Concept]]:
    """Add the chosen candidates to the glossary file `to` (else the one `zhen glossary add`
    would pick); returns the file and the concepts as written."""

    concepts = [concept_for(candidate, domain=domain, source=source)
                for candidate in chosen_candidates(suggestions, keys)]
    target = write_target(selection, to, domain)
    return target, add_concepts(concepts, target, selection)
