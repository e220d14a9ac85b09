"""Where zhen keeps its files, resolved from the environment at call time (never at import).

Every directory honours an explicit variable first (ZHEN_CACHE_DIR, ZHEN_DATA_DIR,
ARGOS_PACKAGES_DIR), then the XDG variables, then the home folder, so tests and users can point
all of zhen, Argos and jieba away from the home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

# The curated glossary of a checkout: src/zhen/paths.py → ../../glossary.
_CHECKOUT_GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"


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


def default_glossary_paths() -> list[Path]:
    """ZHEN_GLOSSARY (os.pathsep-separated files or folders), else the shipped glossary/ folder."""
    explicit = os.environ.get("ZHEN_GLOSSARY")
    if explicit:
        return [Path(part) for part in explicit.split(os.pathsep) if part]
    return [_CHECKOUT_GLOSSARY]
