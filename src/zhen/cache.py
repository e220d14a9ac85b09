"""Small derived files in zhen's cache dir: built once, written atomically, rebuilt if lost."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from zhen import paths


def cached_bytes(name: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of cache_dir()/name; when missing or unreadable, `build()` them and save them.

    A cache that cannot be written (read-only home) is not an error: the bytes are rebuilt next
    time. Writers go through a temp file and a rename, so readers never see half a file.
    """
    path = paths.cache_dir() / name
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        pass
    return data
