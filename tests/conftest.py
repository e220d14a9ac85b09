"""Every test runs with zhen's, Argos's, jieba's and the XDG dirs pointed at a temporary folder.

Nothing a test does may touch the home folder or need the network.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STARTING_PAGE = EXAMPLES / "xinhua-western-region-2024-04-23.txt"


@pytest.fixture(scope="session")
def sandbox_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home for the whole session, so caches built once (jieba, matcher) are reused."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def isolated_dirs(sandbox_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(sandbox_home))
    for variable, sub in [
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("ZHEN_CACHE_DIR", ".cache/zhen"),
        ("ZHEN_DATA_DIR", ".local/share/zhen"),
        ("ARGOS_PACKAGES_DIR", ".local/share/argos-translate/packages"),
    ]:
        monkeypatch.setenv(variable, str(sandbox_home / sub))
    monkeypatch.delenv("ZHEN_GLOSSARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return sandbox_home


@pytest.fixture
def subprocess_env(isolated_dirs: Path) -> dict[str, str]:
    """Environment for running `python -m zhen` in a child: this checkout's src first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


@pytest.fixture
def zhen_command() -> list[str]:
    """argv prefix that runs this checkout's zhen in a child process."""
    return [sys.executable, "-m", "zhen"]
