"""Merging imported concepts into a glossary file, with a report and no silent overwrite.

An imported concept matches the glossary concept that shares a Chinese form with it (or, from
TBX, its id). What it adds — new renderings, Chinese forms, sources, an empty domain or note — is
merged; what it contradicts — another preferred rendering, another status or reason for the same
rendering, another domain or note — is a conflict, and the concept is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.glossary.changes import parse_source
from zhen.glossary.edit import change_file, other_files, today, write_target
from zhen.glossary.exchange.formats import Imported
from zhen.glossary.fileformat import SUFFIX, GlossaryFile, with_concepts
from zhen.glossary.model import Concept, Rendering, Status
from zhen.glossary.normalize import normalize_english
from zhen.glossary.store import glossary_files, read_file


@dataclass(frozen=True)
class Conflict:
    concept_id: str
    reason: str


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: bool = False  # the import changes some file (written unless a dry run)
    written: bool = False
    targets: list[Path] = field(default_factory=list)  # the files the import reads and writes


def import_concepts(imported: Imported, target: Path | None = None,
                    selection: Sequence[Path] | None = None, *, dry_run: bool = False,
                    source: str | None = None, skip_conflicts: bool = False,
                    domain: str = "") -> ImportReport:
    """Merge `imported` into the glossary: each concept into the file that holds it, a new one
    into `target` if given, else into its domain's file (`<domain>.glossary`, created for a new
    domain; `domain` for concepts that bring none). Nothing is written on a dry run, and nothing
    at all when there are conflicts unless `skip_conflicts` says to merge the rest; a dry run
    fails where the real run would (a missing source, a result that would not validate)."""
    groups = _by_file(imported, target, selection, domain)
    planned = _merge(groups, imported, selection, source, write=False)
    if planned.conflicts and not skip_conflicts:
        planned.changes = False  # conflicts stop the whole import
        return planned
    if dry_run:
        return planned
    return _merge(groups, imported, selection, source, write=True)


def _merge(groups: dict[Path, list[Concept]], imported: Imported,
           selection: Sequence[Path] | None, source: str | None, *, write: bool) -> ImportReport:
    report = ImportReport(notes=list(imported.notes))
    for path, concepts in groups.items():
        part = replace(imported, concepts=tuple(concepts))

        def change(gfile: GlossaryFile, part=part, path=path) -> GlossaryFile:
            others = [c for p in other_files(path, selection) for c in read_file(p).concepts]
            merged = _plan(part, gfile, others, report, source)
            unsourced = [c.id for c in merged if not c.sources]
            if unsourced:
                raise GlossaryError(f"{len(unsourced)} imported concepts cite no source (first: "
                                    f"[{unsourced[0]}]); give one with --cite 'URL [DATE]'",
                                    path)
            return with_concepts(gfile, merged)

        if change_file(path, change, selection, write=write):
            report.changes = True
            report.written = write
        report.targets.append(path)
    return report


def _by_file(imported: Imported, target: Path | None, selection: Sequence[Path] | None,
             domain: str) -> dict[Path, list[Concept]]:
    """Which file each imported concept goes to: the file holding a concept it matches, else
    `target`, else its domain's file."""
    present = None if selection is None else [  # a glossary file to be created is not there yet
        p for p in selection if Path(p).exists() or Path(p).suffix != SUFFIX]
    files = glossary_files(present)
    owner: dict[str, Path] = {}
    for path in files:
        for concept in read_file(path).concepts:
            owner.update(dict.fromkeys(concept.chinese_forms, path))
            if imported.ids_given:
                owner.setdefault(f"id:{concept.id}", path)
    groups: dict[Path, list[Concept]] = {}
    for concept in imported.concepts:
        if domain and not concept.domain:
            concept = replace(concept, domain=domain)
        keys = [*concept.chinese_forms, *([f"id:{concept.id}"] if imported.ids_given else [])]
        held = next((owner[key] for key in keys if key in owner), None)
        path = held or write_target(selection, target, concept.domain, f"[{concept.id}]")
        groups.setdefault(path, []).append(concept)
    return groups


def _plan(imported: Imported, gfile: GlossaryFile, others: list[Concept], report: ImportReport,
          source: str | None) -> list[Concept]:
    here = list(gfile.concepts)
    everything = [*here, *others]
    by_form = {form: c.id for c in everything for form in c.chinese_forms}
    by_id = {c.id: c for c in everything}
    local = {c.id for c in here}
    extra_source = parse_source(source) if source else None
    for incoming in imported.concepts:
        owners = dict.fromkeys(by_form[f] for f in incoming.chinese_forms if f in by_form)
        if imported.ids_given and incoming.id in by_id:
            owners = dict.fromkeys([incoming.id, *owners])
        if len(owners) > 1:
            report.conflicts.append(Conflict(incoming.id, "its Chinese forms belong to several "
                                             f"concepts: {', '.join(owners)}"))
            continue
        if not owners:
            concept = _new(incoming, set(by_id), extra_source)
            here.append(concept)
            by_id[concept.id] = concept
            by_form.update(dict.fromkeys(concept.chinese_forms, concept.id))
            report.added.append(concept.id)
            continue
        existing = by_id[next(iter(owners))]
        merged, conflicts = merge_concept(existing, incoming)
        if conflicts:
            report.conflicts += [Conflict(existing.id, reason) for reason in conflicts]
        elif merged == existing:
            report.unchanged.append(existing.id)
        elif existing.id not in local:
            report.conflicts.append(Conflict(existing.id, f"it would change a concept stored in "
                                             f"{existing.origin.path}; import into that file"))
        else:
            here[[c.id for c in here].index(existing.id)] = replace(merged, updated=today())
            report.updated.append(existing.id)
    return here


def _new(incoming: Concept, taken: set[str], extra_source) -> Concept:
    concept_id, number = incoming.id, 2
    while concept_id in taken:
        concept_id, number = f"{incoming.id}-{number}", number + 1
    sources = incoming.sources or ((extra_source,) if extra_source else ())
    return replace(incoming, id=concept_id, sources=sources, added=incoming.added or today())


def merge_concept(existing: Concept, incoming: Concept) -> tuple[Concept, list[str]]:
    """`existing` with what `incoming` adds, and the reasons it cannot be merged (if any)."""
    conflicts = []
    english = list(existing.english)
    for rendering in incoming.english:
        english, problem = _merge_rendering(english, rendering)
        if problem:
            conflicts.append(problem)
    domain, note = existing.domain, existing.note
    for name, ours, theirs in (("domain", domain, incoming.domain), ("note", note, incoming.note)):
        if ours and theirs and ours != theirs:
            conflicts.append(f"the {name} differs: {theirs!r} in the import")
    sources = list(existing.sources)
    urls = {s.url for s in sources}
    sources += [s for s in incoming.sources if s.url not in urls]
    merged = replace(
        existing,
        zh=tuple(dict.fromkeys(existing.zh + incoming.zh)),
        zh_traditional=tuple(dict.fromkeys(existing.zh_traditional + incoming.zh_traditional)),
        english=tuple(english),
        domain=domain or incoming.domain,
        note=note or incoming.note,
        sources=tuple(sources),
        needs_review=existing.needs_review and not any(r.status is Status.PREFERRED
                                                       for r in english),
    )
    return merged, conflicts


def _merge_rendering(english: list[Rendering], new: Rendering) -> tuple[list[Rendering], str]:
    key = normalize_english(new.text)
    same = next((r for r in english if normalize_english(r.text) == key), None)
    if same is None:
        preferred = next((r for r in english if r.status is Status.PREFERRED), None)
        if new.status is Status.PREFERRED and preferred is not None:
            return english, (f"{new.text!r} is preferred in the import, "
                             f"{preferred.text!r} in the glossary")
        return [*english, new], ""
    if same.status is not new.status:
        return english, (f"{new.text!r} is {new.status.value} in the import, "
                         f"{same.status.value} in the glossary")
    if new.reason and same.reason and new.reason != same.reason:
        return english, f"{new.text!r} has another reason in the import: {new.reason!r}"
    if new.reason and not same.reason:
        return [new if r is same else r for r in english], ""
    return english, ""

