"""`zhen check --fix/--diff`: put the preferred rendering where a finding suggests it.

A finding is fixable when it carries a suggestion, is not just information and covers a span of
the file (the same findings SARIF gives a fix). A fix replaces exactly that span of the decoded
file (keeping a capital letter at its start) and writes the file back in its own encoding — only
when that encoding gives back the very bytes that were read, and never inside markup: a span of
an HTML page holding a tag or an entity is left for a person.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import InputError
from zhen.files import write_output
from zhen.page.decode import decode_bytes
from zhen.types import Finding, Severity


@dataclass(frozen=True)
class FileFix:
    """One file's text before and after its fixes, and the findings fixed and left."""

    path: str
    before: str
    after: str
    encoding: str
    fixed: tuple[Finding, ...]
    left: tuple[tuple[Finding, str], ...]  # a fixable finding not fixed here, and why

    @property
    def changed(self) -> bool:
        return self.after != self.before


def fixable(finding: Finding) -> bool:
    return bool(finding.suggestion) and finding.severity is not Severity.INFO and \
        finding.end_line is not None and finding.start is not None and finding.end is not None


def plan_fixes(findings: Sequence[Finding], files: Collection[str]) -> list[FileFix]:
    """The fixes of the findings that point into `files` (page files and translations as read;
    not standard input, not pairs files, whose offsets are not the file's)."""
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        if fixable(finding) and finding.path in files:
            by_file.setdefault(finding.path, []).append(finding)
    return [_fix_file(path, found) for path, found in by_file.items()]


def _fix_file(path: str, findings: list[Finding]) -> FileFix:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    decoded = decode_bytes(data, source=path)
    text = decoded.text
    if decoded.damage or _encoded(text, decoded.encoding) != data:
        why = "the file would not be written back byte for byte in its encoding"
        return FileFix(path, text, text, decoded.encoding, (), tuple((f, why) for f in findings))
    fixed, left = [], []
    after, limit = text, len(text) + 1
    for finding in sorted(findings, key=lambda f: (f.start, f.end), reverse=True):
        span = text[finding.start:finding.end]
        if finding.end > limit:
            left.append((finding, "overlaps another fix"))
        elif any(mark in span for mark in "<>&"):
            left.append((finding, "markup inside the span"))
        else:
            after = after[:finding.start] + _cased(finding.suggestion, span) + after[finding.end:]
            fixed.append(finding)
            limit = finding.start
    return FileFix(path, text, after, decoded.encoding, tuple(reversed(fixed)), tuple(left))


def _cased(suggestion: str, replaced: str) -> str:
    """The suggestion with the replaced text's capital first letter (a sentence's start)."""
    if replaced[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def _encoded(text: str, encoding: str) -> bytes | None:
    try:
        return text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return None


def diff(fix: FileFix) -> str:
    """A unified diff of the fix, as `git diff` shows one."""
    return "".join(difflib.unified_diff(fix.before.splitlines(keepends=True),
                                        fix.after.splitlines(keepends=True),
                                        fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}"))


def apply(fix: FileFix) -> None:
    """Write the fixed text back (atomically, in the file's encoding)."""
    if fix.changed:
        write_output(Path(fix.path), fix.after.encode(fix.encoding))
