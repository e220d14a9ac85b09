"""The glossary text format: one `[concept-id]` block per concept, `key: value` lines, `#` comments.

Parsing keeps each field's line (so validation says file:line) and every comment (so `fmt` keeps
them); writing is canonical — blocks sorted by id, keys in one fixed order — so a diff shows only
real changes. The format is described for people in glossary/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.glossary.model import Concept, Origin, Rendering, Source, Status
from zhen.paths import GLOSSARY_SUFFIX

SUFFIX = GLOSSARY_SUFFIX

# The canonical key order; `preferred` … `deprecated` hold English renderings.
KEYS = ("zh", "zh-hant", "preferred", "admitted", "superseded", "deprecated", "shares", "domain",
        "source", "note", "needs-review", "added", "updated")
RENDERING_STATUS = {status.value: status for status in Status}
STATUS_RANK = {status: rank for rank, status in enumerate(
    (Status.PREFERRED, Status.ADMITTED, Status.SUPERSEDED, Status.DEPRECATED))}
_SINGLE_KEYS = frozenset({"domain", "needs-review", "added", "updated"})
_CHECKED_KEYS = _SINGLE_KEYS
_RENDERING_KEYS = tuple((status.value, status) for status in STATUS_RANK)
_KEY_SET = frozenset(KEYS)

CONCEPT_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
REASON_SEPARATOR = " | "
# The parts of a rendering line after its text: `since DATE`, `until DATE`, `seen URL [DATE]`;
# anything else is the reason.
_QUALIFIER = re.compile(
    rf"(?P<kind>since|until) (?P<date>{DATE.pattern})"
    rf"|seen (?P<url>[a-z][a-z0-9+.-]*://\S+)(?: (?P<seen_date>{DATE.pattern}))?"
)

Anchor = tuple[str, str] | None  # the (key, value) a comment stands above; None: above the block


Field = tuple[str, str, int]  # (key, value, line): plain tuples, the load path makes many


@dataclass(frozen=True)
class Entry:
    """A concept as stored: its fields as read (for file:line) and the comments around it."""

    concept: Concept
    fields: tuple[Field, ...] = ()
    comments: tuple[tuple[Anchor, tuple[str, ...]], ...] = ()

    @property
    def line(self) -> int:
        """The line of the block's `[concept-id]` header (0 for a concept not read from a file)."""
        return self.concept.origin.line if self.concept.origin else 0

    def line_of(self, key: str, value: str | None = None) -> int:
        """Line of the first `key` field (holding `value`, if given); else the block's line."""
        for field_key, field_value, line in self.fields:
            if field_key == key and (value is None or field_value == value):
                return line
        return self.line


@dataclass(frozen=True)
class GlossaryFile:
    path: Path
    entries: tuple[Entry, ...] = ()
    header: tuple[str, ...] = ()  # comment lines above the first block, kept at the top
    trailer: tuple[str, ...] = ()  # comment lines below the last block

    @property
    def concepts(self) -> tuple[Concept, ...]:
        return tuple(entry.concept for entry in self.entries)


def split_rendering(value: str) -> tuple[str, str]:
    """`text | … | reason` → (text, everything after it), as written."""
    text, _, rest = value.partition(REASON_SEPARATOR)
    return text, rest


def parse_rendering(value: str, status: Status) -> Rendering:
    """`text [| since DATE] [| until DATE] [| seen URL [DATE]]… [| reason]` → Rendering."""
    text, *parts = value.split(REASON_SEPARATOR)
    if not parts:
        return Rendering(text, status)
    dates = {"since": "", "until": ""}
    seen: list[Source] = []
    reason: list[str] = []
    for part in parts:
        qualifier = _QUALIFIER.fullmatch(part)
        if qualifier is None:
            reason.append(part)
        elif qualifier["kind"]:
            dates[qualifier["kind"]] = qualifier["date"]
        else:
            seen.append(Source(qualifier["url"], qualifier["seen_date"] or ""))
    return Rendering(text, status, REASON_SEPARATOR.join(reason), dates["since"],
                     dates["until"], tuple(seen))


def format_rendering(rendering: Rendering) -> str:
    """The value of a rendering line, qualifiers in canonical order, the reason last."""
    return REASON_SEPARATOR.join([rendering.text, *rendering_details(rendering)])


def rendering_details(rendering: Rendering) -> list[str]:
    """A rendering's qualifiers and reason as written after its text: what exchange formats
    carry in a note or comment, and `parse_rendering` reads back."""
    parts = []
    if rendering.since:
        parts.append(f"since {rendering.since}")
    if rendering.until:
        parts.append(f"until {rendering.until}")
    parts += [f"seen {s.url} {s.date}" if s.date else f"seen {s.url}" for s in rendering.seen]
    if rendering.reason:
        parts.append(rendering.reason)
    return parts


def split_source(value: str) -> Source:
    """`URL [DATE]` → Source; a last word that is not a date stays part of the address."""
    url, _, date = value.rpartition(" ")
    if url and DATE.fullmatch(date):
        return Source(url, date)
    return Source(value)


class _Block:
    """Fields of one block while it is being read (a plain class: this is the load hot path)."""

    __slots__ = ("path", "id", "line", "fields", "comments", "values")

    def __init__(self, path: Path, concept_id: str, line: int) -> None:
        self.path, self.id, self.line = path, concept_id, line
        self.fields: list[Field] = []
        self.comments: list[tuple[Anchor, tuple[str, ...]]] = []
        self.values: dict[str, list[str]] = {}

    def refuse(self, key: str, value: str, line: int) -> None:
        """Raise for a value the syntax does not allow (called only for the rare keys)."""
        if key in _SINGLE_KEYS and key in self.values:
            raise GlossaryError(f"'{key}' given twice in [{self.id}]", self.path, line)
        if key == "needs-review" and value != "yes":
            raise GlossaryError(f"needs-review takes only 'yes', not {value!r}", self.path, line)

    def entry(self) -> Entry:
        get = self.values.get
        english = []
        for key, status in _RENDERING_KEYS:
            english += [parse_rendering(value, status) for value in get(key, ())]
        concept = Concept(
            id=self.id,
            zh=tuple(get("zh", ())),
            zh_traditional=tuple(get("zh-hant", ())),
            english=tuple(english),
            domain=get("domain", ("",))[0],
            shares=tuple(get("shares", ())),
            sources=tuple(split_source(value) for value in get("source", ())),
            note="\n".join(get("note", ())),
            added=get("added", ("",))[0],
            updated=get("updated", ("",))[0],
            needs_review="needs-review" in self.values,
            origin=Origin(self.path, self.line),
        )
        return Entry(concept, tuple(self.fields), tuple(self.comments))


def parse_text(text: str, path: Path, *, detail: bool = True) -> GlossaryFile:
    """One glossary file's text, parsed; a line that breaks the syntax raises GlossaryError.

    With `detail` False (loading) the entries keep neither field lines nor comments.
    """
    text = text.removeprefix("\ufeff")
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    entries: list[Entry] = []
    header: list[str] = []
    pending: list[str] = []
    block: _Block | None = None
    for number, line in enumerate(lines, 1):
        if not line or line.isspace():
            if block is None and pending:
                header.extend(pending)
                pending = []
            continue
        first = line[0]
        if first == "#":
            pending.append(line)
            continue
        if first == "[":
            if block is not None:
                entries.append(block.entry())
            block = _start_block(line, path, number, pending)
            pending = []
            continue
        if block is None:
            raise GlossaryError("text outside a concept block; a block starts with [concept-id]",
                                path, number)
        key, separator, value = line.partition(": ")
        if not separator or key not in _KEY_SET:
            key, value = _split_field(line, path, number)
        if key in _CHECKED_KEYS:
            block.refuse(key, value, number)
        values = block.values.get(key)
        if values is None:
            block.values[key] = [value]
        else:
            values.append(value)
        if detail:
            block.fields.append((key, value, number))
            if pending:
                block.comments.append(((key, value), tuple(pending)))
                pending = []
    if block is not None:
        entries.append(block.entry())
    return GlossaryFile(path, tuple(entries), tuple(header), tuple(pending))


def _start_block(line: str, path: Path, number: int, comments: list[str]) -> _Block:
    concept_id = line[1:-1] if line.endswith("]") else ""
    if not CONCEPT_ID.fullmatch(concept_id):
        raise GlossaryError(
            f"bad block header {line!r}: expected [concept-id] with lower-case letters, digits and "
            "single hyphens, starting with a letter", path, number)
    block = _Block(path, concept_id, number)
    if comments:
        block.comments.append((None, tuple(comments)))
    return block


def _split_field(line: str, path: Path, number: int) -> tuple[str, str]:
    if line[0] in " \t":
        raise GlossaryError("line starts with white space; fields are 'key: value' at column 1",
                            path, number)
    key, colon, value = line.partition(":")
    if not colon:
        raise GlossaryError(f"expected 'key: value', got {line!r}", path, number)
    if key not in _KEY_SET:
        raise GlossaryError(f"unknown key {key!r}; keys are: {', '.join(KEYS)}", path, number)
    return key, value[1:] if value.startswith(" ") else value


def concept_fields(concept: Concept) -> list[tuple[str, str]]:
    """The (key, value) lines of a concept in canonical order."""
    lines = [("zh", form) for form in concept.zh]
    lines += [("zh-hant", form) for form in concept.zh_traditional]
    for rendering in sorted(concept.english, key=lambda r: STATUS_RANK[r.status]):
        lines.append((rendering.status.value, format_rendering(rendering)))
    lines += [("shares", other) for other in concept.shares]
    if concept.domain:
        lines.append(("domain", concept.domain))
    lines += [("source", f"{s.url} {s.date}" if s.date else s.url) for s in concept.sources]
    if concept.note:
        lines += [("note", line) for line in concept.note.split("\n")]
    if concept.needs_review:
        lines.append(("needs-review", "yes"))
    if concept.added:
        lines.append(("added", concept.added))
    if concept.updated:
        lines.append(("updated", concept.updated))
    return lines


def format_entry(entry: Entry) -> str:
    """One block in canonical form, each comment above the line it was above."""
    fields = concept_fields(entry.concept)
    above: dict[int, list[str]] = {}
    loose: list[str] = []
    for anchor, comment in entry.comments:
        index = _anchor_index(fields, anchor)
        (loose if index is None else above.setdefault(index, [])).extend(comment)
    out = loose + [f"[{entry.concept.id}]"]
    for index, (key, value) in enumerate(fields):
        out += above.get(index, [])
        out.append(f"{key}: {value}" if value else f"{key}:")
    return "\n".join(out) + "\n"


def _anchor_index(fields: list[tuple[str, str]], anchor: Anchor) -> int | None:
    """Where a comment goes: above its own line, else above the first line with its key."""
    if anchor is None:
        return None
    if anchor in fields:
        return fields.index(anchor)
    return next((i for i, (key, _) in enumerate(fields) if key == anchor[0]), None)


def format_file(gfile: GlossaryFile) -> str:
    """The canonical text of a file: header comments, blocks sorted by id, trailing comments."""
    parts = []
    if gfile.header:
        parts.append("\n".join(gfile.header) + "\n")
    parts += [format_entry(entry) for entry in sorted(gfile.entries, key=lambda e: e.concept.id)]
    if gfile.trailer:
        parts.append("\n".join(gfile.trailer) + "\n")
    return "\n".join(parts)


def with_concepts(gfile: GlossaryFile, concepts: list[Concept]) -> GlossaryFile:
    """The file holding `concepts`, keeping the comments of concepts that stay (matched by id)."""
    comments = {entry.concept.id: entry.comments for entry in gfile.entries}
    entries = tuple(Entry(concept, (), comments.get(concept.id, ())) for concept in concepts)
    return replace(gfile, entries=entries)
