"""Editing one entry in the person's editor, and keeping the draft when the result is refused.

No lock is held while a person edits: the write checks that nobody changed the entry meanwhile
and refuses otherwise, so a slow edit never blocks other writers. A refused edit (a parse error,
a result that would not validate, a change made meanwhile) raises RefusedEdit with the person's
text, which the command offers to re-open and otherwise keeps as a draft file, as `crontab -e`
and `kubectl edit` do.
"""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from zhen import paths
from zhen.errors import GlossaryError, InputError, OutputError
from zhen.files import write_output
from zhen.glossary.edit import change_file, find_entry, today
from zhen.glossary.fileformat import SUFFIX, Entry, GlossaryFile, format_entry, parse_text
from zhen.glossary.model import Concept
from zhen.glossary.store import decode

DRAFT_MARK = "# zhen: "  # lines zhen adds to a kept draft; dropped when it is read back


class RefusedEdit(GlossaryError):
    """An edited entry that cannot be stored. `draft` is the person's text; `base` the entry as
    it was first shown, so a second try still refuses a change someone made meanwhile."""

    def __init__(self, error: GlossaryError, draft: str, base: str):
        super().__init__(error.problem, error.path, error.line)
        self.draft = draft
        self.base = base


def edit_in_editor(concept_id: str, editor: str, selection: Sequence[Path] | None = None, *,
                   draft: str | None = None, base: str | None = None) -> Concept | None:
    """Open one entry (or `draft`) in `editor`; store what comes back. None when the text is the
    entry unchanged. `base`: the entry as first shown (default: as stored now)."""
    path, entry = find_entry(concept_id, selection)
    shown = base if base is not None else format_entry(entry)
    edited_text = _run_editor(editor, f"{concept_id}{SUFFIX}", draft if draft is not None
                              else shown)
    if edited_text == shown:
        return None
    try:
        return _store(concept_id, edited_text, shown, path, selection)
    except GlossaryError as error:
        raise RefusedEdit(error, edited_text, shown) from None


def _store(concept_id: str, edited_text: str, shown: str, path: Path,
           selection: Sequence[Path] | None) -> Concept:
    edited = parse_text(edited_text, Path(f"{path} [{concept_id}] as edited"))
    if len(edited.entries) != 1:
        raise GlossaryError(f"the edited text holds {len(edited.entries)} blocks, not one; "
                            "nothing written (use remove to delete a concept)")
    new_entry = edited.entries[0]
    concept = replace(new_entry.concept, updated=today(), origin=None)

    def change(gfile: GlossaryFile) -> GlossaryFile:
        current = [e for e in gfile.entries if e.concept.id == concept_id]
        if not current or format_entry(current[0]) != shown:
            raise GlossaryError(f"[{concept_id}] changed while it was being edited; "
                                "nothing written", path)
        entries = tuple(Entry(concept, (), new_entry.comments) if e.concept.id == concept_id
                        else e for e in gfile.entries)
        return replace(gfile, entries=entries)

    change_file(path, change, selection)
    return concept


def _run_editor(editor: str, name: str, text: str) -> str:
    with tempfile.TemporaryDirectory(prefix="zhen-edit-") as folder:
        draft = Path(folder) / name
        draft.write_text(text, encoding="utf-8")
        try:
            completed = subprocess.run([*shlex.split(editor), str(draft)], check=False)
        except OSError as error:
            raise GlossaryError(f"cannot run the editor {editor!r}: {error.strerror}") from None
        if completed.returncode != 0:
            raise GlossaryError(f"the editor {editor!r} exited with status "
                                f"{completed.returncode}; nothing written")
        return decode(draft.read_bytes(), draft)


def keep_draft(concept_id: str, draft: str, problem: str) -> Path:
    """The refused text, saved under zhen's data folder with the problem on top."""
    path = paths.data_dir() / "drafts" / f"{concept_id}{SUFFIX}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot keep the draft: {error.strerror}", path.parent) from None
    note = "".join(f"{DRAFT_MARK}{line}\n" for line in [
        f"your edit of [{concept_id}] was refused: {problem}",
        f"fix it and save; `zhen glossary edit {concept_id} --draft {path}` re-opens it"])
    write_output(path, (note + draft).encode("utf-8"))
    return path


def read_draft(path: Path) -> str:
    """A kept draft without the lines zhen added to it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the draft: {error.strerror}", path) from None
    text = decode(data, path)
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith(DRAFT_MARK))
