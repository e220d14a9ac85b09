"""Real write failures for tests: a full disk (a small tmpfs), a read-only folder, `ulimit -f`.

Root ignores file modes, so as root a folder is made read-only with a read-only bind mount, and a
full disk is a tmpfs of a few kilobytes filled to the brim; as another user chmod does it and the
disk tests that need a mount say why they cannot run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

AS_ROOT = os.geteuid() == 0


def _run(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise OSError(f"{' '.join(command)}: {result.stderr.strip()}")


def can_mount() -> bool:
    return AS_ROOT and shutil.which("mount") is not None


@contextlib.contextmanager
def full_disk(folder: Path, size_kib: int = 64) -> Iterator[Path]:
    """`folder` as a tmpfs of `size_kib` KiB; yields the folder (empty; fill it with `fill`)."""
    if not can_mount():
        pytest.skip("a full disk needs a tmpfs mount, which needs root")
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path, leave: int = 0) -> None:
    """Write a filler file until the file system holding `folder` has `leave` bytes or fewer."""
    with open(folder / "filler", "wb") as filler, contextlib.suppress(OSError):
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if free <= leave:
                break
            filler.write(b"\0" * min(4096, free - leave))
            filler.flush()


@contextlib.contextmanager
def read_only(folder: Path, writable: Sequence[Path] = ()) -> Iterator[Path]:
    """`folder` read-only (nothing can be created, removed or renamed in it), except the existing
    files in `writable`, which stay writable in place (lock files, say)."""
    if not AS_ROOT:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if not can_mount():
        pytest.skip("as root a read-only folder needs a bind mount")
    shadows = folder.parent / f".{folder.name}-writable"
    shadows.mkdir()
    mounted: list[Path] = []
    try:
        _run("mount", "--bind", str(folder), str(folder))
        mounted.append(folder)
        _run("mount", "-o", "remount,bind,ro", str(folder))
        for path in writable:
            shadow = shadows / path.name
            shutil.copyfile(path, shadow)
            _run("mount", "--bind", str(shadow), str(path))
            mounted.append(path)
        yield folder
    finally:
        for path in reversed(mounted):
            _run("umount", str(path))
        shutil.rmtree(shadows)
