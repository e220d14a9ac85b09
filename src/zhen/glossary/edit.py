"""Changing glossary files: add, edit, remove and reformat, each write locked, validated and atomic.

A write re-reads the file under its lock, applies the change, derives Traditional forms, and is
refused — leaving the file byte-identical — when the result has a problem the glossary did not have
before (validation across every file of the glossary, so a duplicate in another file counts).
Because the check spans every file, so does the lock: a write holds the locks of all the files
it is validated against and of each glossary folder (where another writer may create a file), so
two writers adding one Chinese form to two files at once cannot both pass.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from zhen import paths
from zhen.errors import GlossaryError, OutputError
from zhen.files import locked_all, remove_stale_temporaries, write_atomically, write_output
from zhen.glossary.fileformat import (
    SUFFIX,
    Entry,
    GlossaryFile,
    format_file,
    parse_text,
    with_concepts,
)
from zhen.glossary.forms import with_traditional
from zhen.glossary.model import Concept
from zhen.glossary.store import glossary_files, read_file
from zhen.glossary.validate import Problem, validate_files

Change = Callable[[GlossaryFile], GlossaryFile]


def today() -> str:
    return datetime.date.today().isoformat()


def canonical(gfile: GlossaryFile) -> GlossaryFile:
    """The file with every derivable Traditional form present (what `fmt` writes)."""
    entries = tuple(replace(e, concept=with_traditional(e.concept)) for e in gfile.entries)
    return replace(gfile, entries=entries)


def change_file(target: Path, change: Change, selection: Sequence[Path] | None = None, *,
                write: bool = True) -> bool:
    """Apply `change` to one file of the glossary `selection`; False when nothing changed.

    The locks are held from reading to replacing, so concurrent writers queue instead of losing
    each other's edits. A missing target file is created. With `write` False everything is
    done and checked but the writing (a dry run, which takes no lock): it fails where the real
    run would.
    """
    refuse_shipped(target, selection)
    with locked_all(_lock_targets(target, selection)) if write else contextlib.nullcontext():
        if write:
            remove_stale_temporaries(target.parent, {target.name})  # of writers killed earlier
        exists = target.exists()
        try:
            old_bytes = target.read_bytes() if exists else b""
        except OSError as error:
            raise GlossaryError(f"cannot read: {error.strerror}", target) from None
        before = read_file(target) if exists else GlossaryFile(target)
        text = format_file(canonical(change(before)))
        if text.encode() == old_bytes:
            return False
        after = parse_text(text, target)
        others = [read_file(path) for path in other_files(target, selection)]
        _refuse_new_problems(validate_files([before, *others]), validate_files([after, *others]))
        if not write:
            return True
        try:
            write_atomically(target, text.encode())
        except OSError as error:
            raise GlossaryError(f"cannot write: {error.strerror or error}", target) from None
        return True


#: The lock of a glossary folder: held by a write that could create a file in it.
FOLDER_LOCK = "zhen-glossary"


def _lock_targets(target: Path, selection: Sequence[Path] | None) -> list[Path]:
    """Whose writers' locks a change of `target` holds: the target, every other file of the
    glossary it is validated against, and each folder of the glossary and the target's own."""
    sources = paths.default_glossary_paths() if selection is None else list(selection)
    folders = {Path(source) for source in sources if Path(source).is_dir()}
    folders.add(target.parent)
    return [target, *other_files(target, selection), *(folder / FOLDER_LOCK for folder in folders)]


def refuse_shipped(target: Path, selection: Sequence[Path] | None) -> None:
    """The glossary shipped with zhen is read-only: an upgrade would replace the edits."""
    chosen = selection is None and paths.choose_glossary().origin == paths.SHIPPED
    if chosen or paths.installed_copy(target):
        raise GlossaryError(
            "is the glossary shipped with zhen, which an upgrade replaces; copy it with "
            "`zhen glossary init DIR` and edit the copy (zhen reads ./glossary by itself, or "
            "give --glossary DIR)", target)


def init_glossary(folder: Path) -> list[Path]:
    """Copy the shipped glossary (its files and README) into `folder`, to edit as one's own."""
    shipped = paths.SHIPPED_GLOSSARY
    if folder.is_dir() and next(folder.rglob(f"*{SUFFIX}"), None) is not None:
        raise GlossaryError("already holds glossary files; nothing copied", folder)
    sources = [*glossary_files([shipped]), *[p for p in [shipped / "README.md"] if p.is_file()]]
    copied = []
    for source in sources:
        target = folder / source.relative_to(shipped)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot create the folder: {error.strerror}",
                              target.parent) from None
        write_output(target, source.read_bytes())
        copied.append(target)
    return copied


def other_files(target: Path, selection: Sequence[Path] | None) -> list[Path]:
    """The rest of the glossary, which the changed file is validated against."""
    resolved = target.resolve()
    if selection is not None:
        selection = [path for path in selection if Path(path).resolve() != resolved]
        if not selection:
            return []
    return [path for path in glossary_files(selection) if path.resolve() != resolved]


def _refuse_new_problems(before: list[Problem], after: list[Problem]) -> None:
    old = {problem.key for problem in before}
    new = [problem for problem in after if problem.key not in old]
    if new:
        shown = "; ".join(p.message + (f" ({p.related})" if p.related else "") for p in new[:3])
        more = f"; and {len(new) - 3} more" if len(new) > 3 else ""
        raise GlossaryError(f"refused, the glossary would become invalid: {shown}{more}",
                            new[0].path, new[0].line or None)


def find_entry(concept_id: str, selection: Sequence[Path] | None) -> tuple[Path, Entry]:
    """The file and entry of a concept id in the glossary."""
    for path in glossary_files(selection):
        for entry in read_file(path).entries:
            if entry.concept.id == concept_id:
                return path, entry
    raise GlossaryError(f"no concept with id {concept_id!r} in the glossary")


def write_target(selection: Sequence[Path] | None, to: Path | None, domain: str,
                 what: str = "the concept") -> Path:
    """Where a new concept goes: `to`; else the glossary's one named file; else its domain's
    file, or a new `<domain>.glossary` in the glossary's folder (a new domain); else the only
    file. Otherwise a GlossaryError says what to give."""
    if to is not None:
        return to
    roots = [Path(p) for p in (selection or paths.default_glossary_paths())]
    if len(roots) == 1 and roots[0].suffix == SUFFIX and not roots[0].is_dir():
        return roots[0]  # may not exist yet: the first write creates it
    files = glossary_files([root for root in roots if root.exists() or root.suffix != SUFFIX])
    by_domain = {path.stem: path for path in files}
    if domain in by_domain:
        return by_domain[domain]
    folders = [root for root in roots if root.is_dir()]
    if domain and folders:
        return folders[0] / f"{domain}{SUFFIX}"
    if len(files) == 1:
        return files[0]
    if not files:
        raise GlossaryError(f"the glossary holds no files yet: give --domain NAME (writes "
                            f"NAME{SUFFIX}) or --into FILE", ", ".join(map(str, roots)))
    raise GlossaryError(f"{what} has no domain and the glossary has several files: give --domain "
                        f"(one of {', '.join(sorted(by_domain))}, or a new one) or --into FILE")


def add_concept(concept: Concept, target: Path, selection: Sequence[Path] | None = None) -> Concept:
    """Add a new concept (dated today) to `target`."""
    return add_concepts([concept], target, selection)[0]


def add_concepts(concepts: Sequence[Concept], target: Path,
                 selection: Sequence[Path] | None = None) -> list[Concept]:
    """Add new concepts (dated today) to `target` in one write: all of them land or none does."""
    added = [replace(concept, added=concept.added or today()) for concept in concepts]

    def change(gfile: GlossaryFile) -> GlossaryFile:
        taken = {entry.concept.id for entry in gfile.entries}
        clash = next((concept.id for concept in added if concept.id in taken), None)
        if clash is not None:
            raise GlossaryError(f"concept id {clash!r} already exists", target)
        return replace(gfile, entries=(*gfile.entries, *(Entry(concept) for concept in added)))

    change_file(target, change, selection)
    return added


def update_concept(concept_id: str, edit: Callable[[Concept], Concept],
                   selection: Sequence[Path] | None = None) -> Concept:
    """Apply `edit` to one concept where it is stored; the result is dated today."""
    path, _ = find_entry(concept_id, selection)
    result: list[Concept] = []

    def change(gfile: GlossaryFile) -> GlossaryFile:
        concepts = []
        for concept in gfile.concepts:
            if concept.id == concept_id:
                edited = edit(concept)
                if edited != concept:
                    edited = replace(edited, updated=today())
                result.append(edited)
                concept = edited
            concepts.append(concept)
        if not result:
            raise GlossaryError(f"concept {concept_id!r} was removed meanwhile", path)
        return with_concepts(gfile, concepts)

    change_file(path, change, selection)
    return result[0]


def remove_concept(concept_id: str, selection: Sequence[Path] | None = None) -> Path:
    path, _ = find_entry(concept_id, selection)

    def change(gfile: GlossaryFile) -> GlossaryFile:
        kept = tuple(entry for entry in gfile.entries if entry.concept.id != concept_id)
        if len(kept) == len(gfile.entries):
            raise GlossaryError(f"concept {concept_id!r} was removed meanwhile", path)
        return replace(gfile, entries=kept)

    change_file(path, change, selection)
    return path


def format_files(selection: Sequence[Path] | None = None, *, check: bool = False) -> list[Path]:
    """Rewrite every file canonically; with `check`, only list the files that are not canonical."""
    changed = []
    for path in glossary_files(selection):
        if check:
            if format_file(canonical(read_file(path))).encode() != path.read_bytes():
                changed.append(path)
        elif change_file(path, lambda gfile: gfile, selection):
            changed.append(path)
    return changed
