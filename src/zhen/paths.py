"""Where zhen keeps its files and finds its glossary, resolved at call time (never at import).

Every directory honours an explicit variable first (ZHEN_CACHE_DIR, ZHEN_DATA_DIR,
ARGOS_PACKAGES_DIR), then the XDG variables, then the home folder, so tests and users can point
all of zhen, Argos and jieba away from the home folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The curated glossary, shipped as package data. In a checkout it is a link to the repository's
# glossary/ folder, where curators edit it; in a wheel it is a copy that an upgrade replaces.
SHIPPED_GLOSSARY = Path(__file__).parent / "data" / "glossary"
GLOSSARY_SUFFIX = ".glossary"

# Where the glossary in use came from, in the order they are tried.
FROM_OPTION = "--glossary"
FROM_ENVIRONMENT = "$ZHEN_GLOSSARY"
FROM_CURRENT_FOLDER = "./glossary"
SHIPPED = "shipped with zhen"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else Path.home() / fallback


def cache_dir() -> Path:
    """Rebuildable files: jieba's dictionary cache, the matcher cache."""
    explicit = os.environ.get("ZHEN_CACHE_DIR")
    return Path(explicit) if explicit else _xdg("XDG_CACHE_HOME", ".cache") / "zhen"


def data_dir() -> Path:
    """Files worth keeping: the translation memory."""
    explicit = os.environ.get("ZHEN_DATA_DIR")
    return Path(explicit) if explicit else _xdg("XDG_DATA_HOME", ".local/share") / "zhen"


def argos_packages_dir() -> Path:
    """The directory argostranslate itself uses, so packages installed by argospm are shared."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    return _xdg("XDG_DATA_HOME", ".local/share") / "argos-translate" / "packages"


@dataclass(frozen=True)
class GlossaryChoice:
    """The files or folders a glossary is read from, and which rule chose them."""

    paths: tuple[Path, ...]
    origin: str  # FROM_OPTION, FROM_ENVIRONMENT, FROM_CURRENT_FOLDER or SHIPPED

    def describe(self) -> str:
        where = ", ".join(str(path) for path in self.paths)
        return f"{where} ({self.origin})"


def choose_glossary(given=None) -> GlossaryChoice:
    """`given` (--glossary), else $ZHEN_GLOSSARY (os.pathsep-separated), else a glossary/ folder
    of the current directory that holds *.glossary files (a project's own), else the shipped one."""
    if given:
        return GlossaryChoice(tuple(Path(path) for path in given), FROM_OPTION)
    explicit = os.environ.get("ZHEN_GLOSSARY")
    if explicit:
        parts = tuple(Path(part) for part in explicit.split(os.pathsep) if part)
        return GlossaryChoice(parts, FROM_ENVIRONMENT)
    local = Path("glossary").absolute()
    if local.is_dir() and next(local.rglob(f"*{GLOSSARY_SUFFIX}"), None) is not None:
        return GlossaryChoice((local,), FROM_CURRENT_FOLDER)
    return GlossaryChoice((SHIPPED_GLOSSARY,), SHIPPED)


def default_glossary_paths() -> list[Path]:
    return list(choose_glossary().paths)


def installed_copy(path: Path) -> bool:
    """Is `path` inside the glossary a wheel installed (not a checkout's link to its own)?"""
    if SHIPPED_GLOSSARY.is_symlink() or not SHIPPED_GLOSSARY.is_dir():
        return False
    try:
        Path(path).resolve().relative_to(SHIPPED_GLOSSARY.resolve())
    except ValueError:
        return False
    return True
