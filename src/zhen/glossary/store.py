"""Glossary files on disk: which files make up a glossary, loading them, and safe writes.

Loading is on every command's path, so it is a plain line parser (no OpenCC, no pypinyin): the
files already hold the Traditional forms. Writes hold a lock across read-modify-write and replace
the file atomically (temp file in the same folder, fsync, rename, fsync of the folder), so a
concurrent writer never loses an edit and a killed writer leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
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


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the writers' lock of one glossary file: a sidecar file, so renames do not matter."""
    try:
        descriptor = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise GlossaryError(f"cannot lock: {error.strerror}", path) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers and crashes see the old bytes or the new ones.

    Call it while holding `locked(path)`; temp files of writers killed earlier are removed then.
    """
    folder = path.parent
    _remove_stale_temp_files(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fchmod(temp.fileno(), mode)
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _remove_stale_temp_files(path: Path) -> None:
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
