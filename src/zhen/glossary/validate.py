"""Everything that makes a glossary wrong, each reported with file:line.

Loading only checks syntax; these checks need the whole glossary (duplicates across files) and
OpenCC (Traditional forms), so they run on `zhen glossary validate` and before every write.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhen.chinese.convert import to_simplified, traditional_forms
from zhen.chinese.script import has_han
from zhen.errors import GlossaryError
from zhen.glossary.fileformat import (
    REASON_SEPARATOR,
    RENDERING_STATUS,
    Entry,
    GlossaryFile,
    format_rendering,
)
from zhen.glossary.model import Rendering, Status
from zhen.glossary.normalize import normalize_english
from zhen.glossary.store import glossary_files, read_file

_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    code: str
    concept_id: str
    message: str
    related: str = ""  # where the other half of a conflict is, e.g. "first at a.glossary:12"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        related = f" ({self.related})" if self.related else ""
        return f"{where}: {self.message}{related} [{self.code}]"

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity that survives lines moving: a write may not add a problem with a new key."""
        return self.code, self.concept_id, self.message


def validate_paths(paths: Sequence[Path] | None = None) -> list[Problem]:
    """Problems of the glossary at `paths`; a file that does not parse is one problem."""
    files, problems = [], []
    for path in glossary_files(paths):
        try:
            files.append(read_file(path))
        except GlossaryError as error:
            problems.append(Problem(path, error.line or 0, "syntax", "", error.problem))
    return problems + validate_files(files)


def validate_files(files: Sequence[GlossaryFile]) -> list[Problem]:
    located = [(gfile.path, entry) for gfile in files for entry in gfile.entries]
    problems = [problem for path, entry in located for problem in _entry_problems(path, entry)]
    problems += _cross_problems(located)
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.code, p.message))


def _entry_problems(path: Path, entry: Entry) -> Iterator[Problem]:
    def problem(line: int, code: str, message: str) -> Problem:
        return Problem(path, line, code, entry.concept.id, message)

    for key, value, line in entry.fields:
        for part in _field_parts(key, value):
            issue = _value_issue(part)
            if issue:
                yield problem(line, issue[0], f"{key}: {issue[1]}")
    yield from (problem(line, code, message) for line, code, message in _concept_issues(entry))


def _field_parts(key: str, value: str) -> list[str]:
    """A rendering line's text, qualifiers and reason are checked one by one."""
    return value.split(REASON_SEPARATOR) if key in RENDERING_STATUS else [value]


def _value_issue(value: str) -> tuple[str, str] | None:
    if not value.strip():
        return "empty-field", "empty value"
    if value != value.strip():
        return "padded-field", f"white space around {value!r}"
    bad = [ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf")]
    if bad:
        return "control-character", f"control character U+{ord(bad[0]):04X} in {value!r}"
    return None


def _concept_issues(entry: Entry) -> Iterator[tuple[int, str, str]]:
    concept, line_of = entry.concept, entry.line_of
    head = entry.line
    if not concept.zh:
        yield head, "no-chinese", "no Chinese form (zh)"
    for form in concept.zh + concept.zh_traditional:
        if form.strip() and not has_han(form):
            yield line_of("zh", form), "not-chinese", f"{form!r} has no Chinese characters"
    preferred = [r for r in concept.english if r.status is Status.PREFERRED]
    if concept.needs_review and preferred:
        yield (line_of("preferred"), "review-with-preferred",
               "needs-review concept has a preferred rendering")
    elif not concept.needs_review and len(preferred) != 1:
        message = "no preferred English rendering" if not preferred else \
            f"{len(preferred)} preferred renderings; exactly one is allowed"
        yield head, "preferred-count", message
    yield from _rendering_issues(entry)
    if not concept.sources:
        yield head, "missing-source", "no source cited"
    for source in concept.sources:
        value = f"{source.url} {source.date}".strip()
        if source.url.strip() and not _URL.fullmatch(source.url):
            yield line_of("source", value), "bad-source", f"{source.url!r} is not a URL"
        if source.date and not _is_date(source.date):
            yield line_of("source", value), "bad-date", f"{source.date!r} is not a date"
    for key, value in (("added", concept.added), ("updated", concept.updated)):
        if value and not _is_date(value):
            yield line_of(key), "bad-date", f"{key}: {value!r} is not a date (YYYY-MM-DD)"


def _rendering_issues(entry: Entry) -> Iterator[tuple[int, str, str]]:
    approved: dict[str, str] = {}
    seen: set[str] = set()
    for rendering in entry.concept.english:
        key = normalize_english(rendering.text)
        line = entry.line_of(rendering.status.value, _stored(rendering))
        if key in seen:
            if rendering.status.approved or key not in approved:
                yield line, "duplicate-rendering", f"{rendering.text!r} is listed twice"
            else:
                yield (line, "deprecated-is-approved",
                       f"{rendering.status.value} {rendering.text!r} equals the "
                       f"{approved[key]} rendering (same after normalization)")
        seen.add(key)
        if rendering.status.approved:
            approved.setdefault(key, rendering.status.value)
        elif not rendering.reason.strip():
            yield (line, "missing-reason",
                   f"{rendering.status.value} {rendering.text!r} has no reason")
        yield from ((line, code, message) for code, message in _qualifier_issues(rendering))


# Which dates a rendering of each status may carry.
_DATED = {Status.PREFERRED: ("since", "until"), Status.ADMITTED: ("since", "until"),
          Status.SUPERSEDED: ("since",), Status.DEPRECATED: ()}


def _qualifier_issues(rendering: Rendering) -> Iterator[tuple[str, str]]:
    where = f"{rendering.status.value} {rendering.text!r}"
    for kind in ("since", "until"):
        value = getattr(rendering, kind)
        if not value:
            continue
        if kind not in _DATED[rendering.status]:
            yield "misplaced-date", f"{where}: a {rendering.status.value} rendering has no " \
                                    f"'{kind}' date"
        elif not _is_date(value):
            yield "bad-date", f"{where}: {kind} {value!r} is not a date"
    if rendering.since and rendering.until and _is_date(rendering.since) and \
            _is_date(rendering.until) and rendering.until < rendering.since:
        yield "bad-date", f"{where}: until {rendering.until} is before since {rendering.since}"
    for page in rendering.seen:
        if page.date and not _is_date(page.date):
            yield "bad-date", f"{where}: seen {page.url} {page.date!r} is not a date"


def _stored(rendering: Rendering) -> str:
    return format_rendering(rendering)


def _is_date(value: str) -> bool:
    parts = value.split("-")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return False
    try:
        datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                      int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _cross_problems(located: list[tuple[Path, Entry]]) -> Iterator[Problem]:
    ids: dict[str, str] = {}
    chinese: dict[str, tuple[str, str]] = {}
    english: dict[str, list[tuple[Path, Entry, Rendering]]] = {}
    for path, entry in located:
        concept = entry.concept
        here = f"{path}:{concept.origin.line if concept.origin else 0}"
        if concept.id in ids:
            yield Problem(path, entry.line, "duplicate-id", concept.id,
                          f"duplicate concept id {concept.id!r}", f"first at {ids[concept.id]}")
        ids.setdefault(concept.id, here)
        forms = [("zh", f) for f in concept.zh] + [("zh-hant", f) for f in concept.zh_traditional]
        for key, form in forms:
            owner = chinese.get(form)
            if owner and owner[1] != here:
                yield Problem(path, entry.line_of(key, form), "duplicate-chinese", concept.id,
                              f"Chinese form {form!r} is also in [{owner[0]}]", f"at {owner[1]}")
            chinese.setdefault(form, (concept.id, here))
        for rendering in concept.english:
            english.setdefault(normalize_english(rendering.text), []).append(
                (path, entry, rendering))
        yield from _traditional_problems(path, entry)
    shares = {entry.concept.id: set(entry.concept.shares) for _, entry in located}
    for listings in english.values():
        yield from _shared_rendering_problems(listings, shares)
    yield from _share_problems(located, shares, english)


def _shared_rendering_problems(listings: list[tuple[Path, Entry, Rendering]],
                               shares: dict[str, set[str]]) -> Iterator[Problem]:
    """One English rendering under two concepts: wrong, unless both say they share it. A
    rendering preferred in one concept and rejected in another is reported where it is
    rejected."""
    for number, (path, entry, rendering) in enumerate(listings):
        for other_path, other, other_rendering in listings[:number]:
            if other.concept.id == entry.concept.id:
                continue
            pair = [(path, entry, rendering), (other_path, other, other_rendering)]
            rejected = [side for side in pair if not side[2].status.approved]
            preferred = [side for side in pair if side[2].status is Status.PREFERRED]
            if rejected and preferred:
                at, holder, listed = rejected[0]
                owner = preferred[0][1]
                yield Problem(at, holder.line_of(listed.status.value, _stored(listed)),
                              "preferred-elsewhere", holder.concept.id,
                              f"{listed.status.value} {listed.text!r} here is preferred in "
                              f"[{owner.concept.id}]", f"at {_where(owner)}")
            elif other.concept.id not in shares[entry.concept.id] or \
                    entry.concept.id not in shares[other.concept.id]:
                yield Problem(path, entry.line_of(rendering.status.value, _stored(rendering)),
                              "shared-rendering", entry.concept.id,
                              f"{rendering.status.value} {rendering.text!r} is also listed in "
                              f"[{other.concept.id}]; if both concepts truly share it, give "
                              "each a 'shares:' line naming the other", f"at {_where(other)}")
            break  # one report per listing: the first other concept that lists it


def _where(entry: Entry) -> str:
    origin = entry.concept.origin
    return f"{origin.path}:{origin.line}" if origin else f"[{entry.concept.id}]"


def _share_problems(located: list[tuple[Path, Entry]], shares: dict[str, set[str]],
                    english: dict[str, list[tuple[Path, Entry, Rendering]]]) -> Iterator[Problem]:
    """`shares:` lines name an existing concept, both ways, that does share a rendering."""
    together = {frozenset({a[1].concept.id, b[1].concept.id})
                for listings in english.values() for a in listings for b in listings}
    for path, entry in located:
        concept_id = entry.concept.id
        for other in entry.concept.shares:
            line = entry.line_of("shares", other)
            if other not in shares:
                yield Problem(path, line, "unknown-share", concept_id,
                              f"shares: [{other}] is no concept of the glossary")
            elif concept_id not in shares[other]:
                yield Problem(path, line, "one-sided-share", concept_id,
                              f"shares: [{other}] does not name [{concept_id}] back")
            elif frozenset({concept_id, other}) not in together:
                yield Problem(path, line, "nothing-shared", concept_id,
                              f"shares: [{other}], but no English rendering is in both")


def _traditional_problems(path: Path, entry: Entry) -> Iterator[Problem]:
    """OpenCC checks on the stripped forms (padding is reported once, by the field check)."""
    concept = entry.concept
    simplified = {form.strip(): form for form in concept.zh if has_han(form)}
    traditional = {form.strip(): form for form in concept.zh_traditional if has_han(form)}
    for stripped, form in simplified.items():
        converted = to_simplified(stripped)
        if converted != stripped:
            yield Problem(path, entry.line_of("zh", form), "not-simplified", concept.id,
                          f"zh form {form!r} is not Simplified (OpenCC gives {converted!r})")
    derived = {variant for stripped in simplified for variant in traditional_forms(stripped)}
    for stripped, form in traditional.items():
        converted = to_simplified(stripped)
        if stripped not in derived and converted not in simplified:  # 衞 is 卫 in Hong Kong
            yield Problem(path, entry.line_of("zh-hant", form), "traditional-mismatch", concept.id,
                          f"Traditional form {form!r} matches no zh form "
                          f"(OpenCC gives {converted!r})")
    for stripped, form in simplified.items():
        for missing in traditional_forms(stripped):
            if missing not in traditional:
                yield Problem(path, entry.line_of("zh", form), "missing-traditional", concept.id,
                              f"Traditional form {missing!r} of {form!r} is missing "
                              "(zhen glossary fmt adds it)")
