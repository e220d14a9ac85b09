"""Writing files so that nobody ever sees half of one: atomic replacement and writers' locks.

Every file zhen writes — reports, translated pages, exports, glossary files, caches, batch
outputs — goes through `write_atomically`: a temp file in the same folder, then a rename, so
readers and crashes see the old bytes or the new ones. Glossary writers also hold `locked_all`
from reading to replacing — the locks of every file their change is validated against — so
concurrent edits queue instead of overwriting each other or slipping past each other's checks.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from zhen.errors import OutputError

TEMP_SUFFIX = ".tmp"


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` (temp file in its folder, then a rename); raises OSError.

    `durable` also syncs the file before the rename and the folder after it, so the new bytes
    survive a power loss; caches, which are rebuilt when lost, do without. A new file gets mode
    0o644, a replaced one keeps its mode. On failure no temp file is left behind.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
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


def write_output(path: Path, data: bytes) -> None:
    """`write_atomically` for a file a user asked for: any failure is one OutputError line."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", path) from None


def remove_stale_temporaries(folder: Path, names: set[str]) -> None:
    """Temp files that killed writers left beside `names` in `folder` (`.NAME.*.tmp`).

    Only for a caller that knows no other writer of those names is running (it holds their
    lock, or owns the folder): an in-flight writer's temp file looks the same.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not there yet: nothing left behind
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX) and \
                name[1:].rsplit(".", 2)[0] in names:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the writers' lock of `path`: a sidecar file, so renames of `path` do not matter."""
    with locked_all([path]):
        yield


@contextlib.contextmanager
def locked_all(paths: Iterable[Path]) -> Iterator[None]:
    """Hold the writers' locks of all `paths` at once. Every holder takes them in one order
    (by absolute lock path), so two writers whose sets overlap queue and never deadlock."""
    locks = sorted({os.path.abspath(lock_path(Path(path))): Path(path) for path in paths}.items())
    descriptors: list[int] = []
    try:
        for lock, path in locks:
            try:
                descriptors.append(os.open(lock, os.O_RDWR | os.O_CREAT, 0o644))
            except OSError as error:
                raise OutputError(f"cannot lock: {error.strerror}", path) from None
            fcntl.flock(descriptors[-1], fcntl.LOCK_EX)
        yield
    finally:
        for descriptor in descriptors:
            os.close(descriptor)  # closing releases the lock
