"""A project's settings: `[tool.zhen]` in pyproject.toml, or a zhen.toml, found as ruff finds its.

From the current folder upwards, the first zhen.toml (its keys at the top level) or
pyproject.toml with a `[tool.zhen]` table is the project's configuration:

    [tool.zhen]
    glossary = ["terms/"]        # every command reads this glossary (paths from this file)
    select = ["ZH001", "ZH003"]  # zhen check: codes or prefixes
    ignore = ["ZH002"]
    threshold = 0.7
    fail-on = "warning"

Options on the command line win; `$ZHEN_GLOSSARY` wins over `glossary`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import InputError

FAIL_ON = ("error", "warning", "info", "never")
KEYS = ("glossary", "select", "ignore", "threshold", "fail-on")


@dataclass(frozen=True)
class ProjectConfig:
    path: Path | None = None  # None: no configuration found
    glossary: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    threshold: float | None = None
    fail_on: str | None = None


def find_config(start: Path | None = None) -> ProjectConfig:
    """The configuration that applies in `start` (default: the current folder)."""
    folder = (start or Path.cwd()).absolute()
    for directory in (folder, *folder.parents):
        own = directory / "zhen.toml"
        if own.is_file():
            return _parse(own, _read(own))
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("zhen")
            if table is not None:
                return _parse(pyproject, table)
    return ProjectConfig()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"not valid TOML: {error}", path) from None


def _parse(path: Path, table) -> ProjectConfig:
    where = "[tool.zhen]" if path.name == "pyproject.toml" else "zhen.toml"
    if not isinstance(table, dict):
        raise InputError(f"{where} is not a table", path)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} in {where} (keys: {', '.join(KEYS)})", path)
    threshold = table.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or
                                  not isinstance(threshold, int | float) or
                                  not 0 <= threshold <= 1):
        raise InputError(f"threshold in {where} must be a number from 0 to 1", path)
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise InputError(f"fail-on in {where} must be one of {', '.join(FAIL_ON)}", path)
    return ProjectConfig(
        path=path,
        glossary=tuple(path.parent / item for item in _strings(table, "glossary", path, where)),
        select=_strings(table, "select", path, where),
        ignore=_strings(table, "ignore", path, where),
        threshold=None if threshold is None else float(threshold),
        fail_on=fail_on,
    )


def _strings(table: dict, key: str, path: Path, where: str) -> tuple[str, ...]:
    """A string or a list of strings; commas inside split too (as --select takes them)."""
    value = table.get(key, [])
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise InputError(f"{key} in {where} must be a string or a list of strings", path)
    if key == "glossary":
        return tuple(items)
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())
