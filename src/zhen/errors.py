"""The one error family of zhen: each carries the exit code the CLI returns.

Library code raises these with a message that names the file and the problem; the CLI prints
`Error: <message>` on stderr and exits with `exit_code`. No traceback ever reaches a user.
"""

from __future__ import annotations

from os import PathLike


class ZhenError(Exception):
    """Any failure a user can fix: bad input, a broken glossary, a missing model."""

    exit_code = 2

    def __init__(
        self, problem: str, path: str | PathLike[str] | None = None, line: int | None = None
    ):
        self.problem = problem
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.path is None:
            return self.problem
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem}"


class InputError(ZhenError):
    """A page, corpus or data file that cannot be read or decoded."""


class GlossaryError(ZhenError):
    """A glossary file that is malformed or a write that would make it invalid."""


class OutputError(ZhenError):
    """A report, export or other output that cannot be written where it was asked for."""


class ModelError(ZhenError):
    """A translation package that is missing, broken or refused."""


class ClusterError(ZhenError):
    """A Ray cluster that cannot be reached or used (or Ray is not installed)."""
