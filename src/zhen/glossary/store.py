"""Glossary files on disk: which files make up a glossary, and loading them.

Loading is on every command's path, so it is a plain line parser (no OpenCC, no pypinyin): the
files already hold the Traditional forms. Writing is `zhen.glossary.edit`'s, through
`zhen.files` (locked, atomic).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from pathlib import Path

from zhen import paths
from zhen.errors import GlossaryError
from zhen.gcpause import cyclic_gc_paused
from zhen.glossary.fileformat import SUFFIX, GlossaryFile, parse_text
from zhen.glossary.model import Glossary


def glossary_files(sources: Sequence[Path] | None = None) -> list[Path]:
    """The files a glossary is made of: files as given, folders' `*.glossary` files by name."""
    found: dict[Path, None] = {}
    for source in paths.default_glossary_paths() if sources is None else sources:
        source = Path(source)
        if source.is_dir():
            files = (p for p in source.rglob(f"*{SUFFIX}") if not p.name.startswith("."))
            found.update(dict.fromkeys(sorted(p for p in files if p.is_file())))
        elif source.is_file():
            found[source] = None
        else:
            raise GlossaryError("no such glossary file or folder", source)
    return list(found)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text of a file; anything else is an error naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        hint = ""
        with contextlib.suppress(UnicodeDecodeError):
            data.decode("gb18030")
            hint = " (it decodes as GB18030/GBK: convert it to UTF-8)"
        raise GlossaryError(f"not UTF-8 text{hint}", path, line) from None


def read_file(path: Path) -> GlossaryFile:
    return parse_text(decode(_read_bytes(path), path), path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read: {error.strerror}", path) from None


def load_files(sources: Sequence[Path] | None = None, *,
               detail: bool = True) -> tuple[list[GlossaryFile], str]:
    """Every file of the glossary, parsed, and the digest of their bytes."""
    digest = hashlib.sha256()
    files = []
    with cyclic_gc_paused():
        for path in glossary_files(sources):
            data = _read_bytes(path)
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
            files.append(parse_text(decode(data, path), path, detail=detail))
    return files, digest.hexdigest()


def load_glossary(paths: Sequence[Path] | None = None) -> Glossary:
    """The glossary made of `paths` (files or folders; None: ZHEN_GLOSSARY, else glossary/).

    Every concept carries its Origin (file:line); `digest` changes whenever any byte does, so
    on-disk caches keyed by it never serve a stale glossary.
    """
    files, digest = load_files(paths, detail=False)
    concepts = tuple(concept for gfile in files for concept in gfile.concepts)
    return Glossary(concepts, tuple(gfile.path for gfile in files), digest)
