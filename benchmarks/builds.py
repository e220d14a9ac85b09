"""What the side-by-side benchmarks share: an earlier revision's build to run beside this
checkout, and a child environment whose caches and data stay in a scratch folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def baseline(revision: str) -> Path:
    """`src/` and `glossary/` of `revision`, unpacked once under build/; returns its `src/`."""
    folder = ROOT / "build" / f"baseline-{revision}"
    if not ((folder / "src" / "zhen").is_dir() and (folder / "glossary").is_dir()):
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", revision, "src", "glossary"], cwd=ROOT,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def isolated_environment(home: Path, source: Path = ROOT / "src") -> dict[str, str]:
    """This environment with zhen's, Argos's and the XDG folders under `home`, `source` first
    on the path, and no glossary or Ray cluster chosen from outside."""
    env = dict(os.environ, HOME=str(home), ZHEN_CACHE_DIR=str(home / "cache"),
               ZHEN_DATA_DIR=str(home / "data"), ARGOS_PACKAGES_DIR=str(home / "argos"),
               XDG_CACHE_HOME=str(home / "xdg-cache"), XDG_DATA_HOME=str(home / "xdg-data"),
               XDG_CONFIG_HOME=str(home / "xdg-config"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    for variable in ("ZHEN_GLOSSARY", "RAY_ADDRESS"):
        env.pop(variable, None)
    return env
