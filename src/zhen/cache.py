"""Small derived files in zhen's cache dir: built once, written atomically, rebuilt if lost."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from zhen import paths
from zhen.files import write_atomically

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
        write_atomically(path, dump(value), durable=False)
    return value


@cache
def installed_version(distribution: str) -> str:
    """The installed version of `distribution`, for cache keys: read from the name of its
    `.dist-info` folder on sys.path (importlib.metadata costs ~10 ms to import), else from
    importlib.metadata; "" when it is not installed."""
    found = _dist_info_versions().get(_normalized(distribution))
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _dist_info_versions() -> dict[str, str]:
    """Normalized distribution name → version, from the `.dist-info` folders on sys.path (the
    first one found wins, as for imports)."""
    versions: dict[str, str] = {}
    for folder in sys.path:
        with contextlib.suppress(OSError):
            for name in os.listdir(folder or "."):
                stem = name.removesuffix(".dist-info")
                if stem != name and stem.count("-") == 1:
                    distribution, version = stem.split("-")
                    versions.setdefault(_normalized(distribution), version)
    return versions
