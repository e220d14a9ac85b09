"""Writing files so that nobody ever sees half of one: atomic replacement and writers' locks.

Every file zhen writes — reports, translated pages, exports, glossary files, caches, batch
outputs — goes through `open_atomically` (or `write_atomically`, its one-call form): a temp file
in the same folder, then a rename, so readers and crashes see the old bytes or the new ones, and a
failed or short write (a full disk, `ulimit -f`) leaves the old file and no temp file. Glossary
writers also hold `locked_all` from reading to replacing — the locks of every file their change is
validated against — so concurrent edits queue instead of overwriting each other or slipping past
each other's checks. Standard output has its own guard, `zhen.stdout`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from zhen.errors import OutputError

TEMP_SUFFIX = ".tmp"


@contextlib.contextmanager
def open_atomically(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` when the block ends; raises OSError.

    The stream is a temp file in `path`'s folder, renamed over `path` only after everything was
    written (and flushed: a short write raises); if the block raises, the temp file is removed
    and `path` is left as it was. `durable` also syncs the file before the rename and the folder
    after it, so the new bytes survive a power loss; caches, which are rebuilt when lost, do
    without. A new file gets mode 0o644, a replaced one keeps its mode.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if durable:
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


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` (`open_atomically`); raises OSError."""
    with open_atomically(path, durable=durable) as stream:
        stream.write(data)


@contextlib.contextmanager
def open_output(path: Path) -> Iterator[BinaryIO]:
    """`open_atomically` for a file a user asked for: any failure is one OutputError line.

    A symbolic link is followed: the file it names is replaced and the link kept. A device, pipe
    or socket (`-o /dev/null`, a FIFO) and an open descriptor (`-o /dev/stdout`, /dev/fd/N) are
    written in place, appended to (a descriptor's file may be the shell's `>> log`), errors
    raised: a rename would have put a regular file where `/dev/null` was (as root), replaced
    the whole log, and reported `-o /dev/full` as a success.
    """
    try:
        with _open_in_place(path) if _in_place(path) else \
                open_atomically(Path(os.path.realpath(path))) as stream:
            yield stream
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", path) from None


_DESCRIPTORS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")


def _in_place(path: Path) -> bool:
    """Whether `path` is an open descriptor's name, or names (through any links) something other
    than a file or a folder."""
    if os.path.abspath(path).startswith(_DESCRIPTORS):
        return True
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def _open_in_place(path: Path) -> Iterator[BinaryIO]:
    with open(path, "ab") as stream:
        yield stream
        stream.flush()


def write_output(path: Path, data: bytes) -> None:
    """`write_atomically` for a file a user asked for: any failure is one OutputError line."""
    with open_output(path) as stream:
        stream.write(data)


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
