"""Standard output that never reports success for a failed write (`CheckedStdout`).

Python's own stdout loses a short write silently: under `ulimit -f` `zhen separate PAGE > o.json`
exited 0 and left a cut file. The CLI routes every write to the process's standard output
through `CheckedStdout`. Kept apart from `zhen.files` so that `zhen --help` imports nothing more.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import stat
import sys

from zhen.errors import OutputError


class CheckedStdout(io.RawIOBase):
    """File descriptor 1 as a raw stream whose every write is whole or an OutputError.

    Python's own stdout loses a short write silently (`ulimit -f`: exit 0, a cut file). Here a
    failed write raises OutputError once; when standard output is a regular file it is first cut
    back to where zhen started writing, so `zhen … > out.json` leaves no truncated report. After
    the failure further writes are dropped, so flushing at exit raises nothing more. A closed
    pipe (`zhen … | head`) still raises BrokenPipeError, for the caller to end quietly.
    """

    def __init__(self, descriptor: int = 1):
        super().__init__()
        self.descriptor = descriptor
        self.failed = False
        self.start: int | None = None
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                appending = fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_APPEND
                self.start = (os.fstat(descriptor).st_size if appending
                              else os.lseek(descriptor, 0, os.SEEK_CUR))

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:
        return os.isatty(self.descriptor)

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        if self.failed:
            return len(view)
        written = 0
        while written < len(view):
            try:
                count = os.write(self.descriptor, view[written:])
            except BrokenPipeError:
                raise
            except OSError as error:
                self._fail(error.strerror or str(error))
            if count == 0:
                self._fail("the write fell short")
            written += count
        return written

    def _fail(self, problem: str):
        self.failed = True
        if self.start is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.descriptor, self.start)
        raise OutputError(f"cannot write: {problem}", "<stdout>")


def check_stdout() -> CheckedStdout | None:
    """Route `sys.stdout` through CheckedStdout when it is the process's real standard output
    (not a test runner's buffer); returns the raw stream, or None when left alone."""
    try:
        if sys.stdout.fileno() != 1:
            return None
    except (AttributeError, OSError, ValueError):
        return None
    sys.stdout.flush()
    raw = CheckedStdout(1)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=sys.stdout.encoding,
                                  errors=sys.stdout.errors,
                                  line_buffering=sys.stdout.line_buffering)
    return raw
