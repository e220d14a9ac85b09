"""Small derived files in zhen's cache dir: built once, written atomically, rebuilt if lost."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from zhen import paths

T = TypeVar("T")


def cached_bytes(name: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of cache_dir()/name; when missing or unreadable, `build()` them and save them."""
    return cached(name, build, dump=_as_is, load=_as_is)


def _as_is(data: bytes) -> bytes:
    return data


def cached(
    name: str, build: Callable[[], T], *, dump: Callable[[T], bytes], load: Callable[[bytes], T]
) -> T:
    """`load` of the bytes of cache_dir()/name; when they are missing, unreadable or cannot be
    loaded (`load` raises: a damaged file), `build()` the value and rewrite the file with `dump`.

    A cache that cannot be written (read-only home) is not an error: the value is rebuilt next
    time. Writers go through a temp file and a rename, so readers never see half a file.
    """
    path = paths.cache_dir() / name
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        with contextlib.suppress(Exception):  # anything a damaged file makes `load` raise
            return load(data)
    value = build()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, dump(value))
    return value


def replace_file(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Replace `path` with `data` (temp file in its folder, then a rename): readers and crashes
    see the old bytes or the new ones, never half a file, and no temp file is left on failure.

    `durable` also syncs the file before the rename and the folder after it, so the new bytes
    survive a power loss; caches, which are rebuilt when lost, do without. A new file gets mode
    0o644, a replaced one keeps its mode.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
