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


def all_commands(group=None, path: tuple[str, ...] = ()):
    """(path, command) of every command and group of `zhen`, depth first."""
    import click

    from zhen.cli import main

    group = group or main
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, path + (name,))


def pytest_configure(config: pytest.Config) -> None:
    """--basetemp (pyproject.toml) names build/pytest-tmp; pytest makes only its last part."""
    basetemp = config.getoption("basetemp")
    if basetemp:
        Path(basetemp).parent.mkdir(parents=True, exist_ok=True)


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
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    return env


@pytest.fixture
def zhen_command() -> list[str]:
    """argv prefix that runs this checkout's zhen in a child process."""
    return [sys.executable, "-m", "zhen"]


# --- Argos packages (translate/packages.py, translate/argos.py) -------------------------------


@pytest.fixture(scope="session")
def random_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid .argosmodel with random weights (built in ~0.3 s, no torch): for plumbing tests."""
    from argos_package import build_random_package

    sentences = [
        "我们推动新质生产力。",
        "We promote new productive forces.",
        "他们支持乡村振兴。",
        "They support rural vitalization.",
        "城市群继续发展经济！",
        "Cities develop the economy?",
        "High-standard opening-up uses snake_case names.",
    ]
    output = tmp_path_factory.mktemp("argos") / "translate-zh_en-0.1.argosmodel"
    return build_random_package(output, sentences=sentences * 4, version="0.1")


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own ARGOS_PACKAGES_DIR, inside an otherwise empty parent folder."""
    directory = tmp_path / "argos-translate" / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def random_package(random_argosmodel: Path, tmp_path_factory: pytest.TempPathFactory):
    """The random-weight package, installed once in a directory of its own."""
    from zhen.translate.packages import install_package

    directory = tmp_path_factory.mktemp("random") / "packages"
    return install_package(random_argosmodel, directory=directory)


@pytest.fixture(scope="module")
def isolated_segmenter():
    """A module's own segmenter, so glossary words it adds do not change other modules' cuts."""
    import zhen.chinese.segment

    saved = zhen.chinese.segment._segmenter
    zhen.chinese.segment._segmenter = None
    yield
    zhen.chinese.segment._segmenter = saved


ARGOS_DATA = Path(__file__).resolve().parent / "data" / "argos"


def _install_committed(name: str, tmp_path_factory: pytest.TempPathFactory):
    from zhen.translate.packages import install_package

    directory = tmp_path_factory.mktemp(name) / "packages"
    return install_package(ARGOS_DATA / f"{name}.argosmodel", directory=directory)


@pytest.fixture(scope="session")
def toy_package(tmp_path_factory: pytest.TempPathFactory):
    """The trained toy zh→en package without placeholder symbols, like a real Argos model."""
    return _install_committed("translate-zh_en-1.0-toy", tmp_path_factory)


@pytest.fixture(scope="session")
def toy_placeholder_package(tmp_path_factory: pytest.TempPathFactory):
    """The trained toy package whose SentencePiece model keeps ⟦T1⟧…⟦T9⟧ whole."""
    return _install_committed("translate-zh_en-1.0-toy-placeholders", tmp_path_factory)


@pytest.fixture(scope="session")
def toy_heldout() -> list[tuple[str, str]]:
    """Held-out toy sentences (never seen in training) and their exact English."""
    import csv

    with (ARGOS_DATA / "toy-heldout.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["zh"], row["en"]) for row in rows if "⟦" not in row["zh"]]


@pytest.fixture
def quick_lexicon_build(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rebuilding the lexicon gives the session's own lexicon bytes (a real build parses jieba,
    pypinyin and CC-CEDICT: ~5 s). Appends to the returned list on every build."""
    import zhen.chinese.lexicon

    good = zhen.chinese.lexicon.lexicon().path.read_bytes()
    builds: list[int] = []

    def build() -> bytes:
        builds.append(1)
        return good

    monkeypatch.setattr(zhen.chinese.lexicon, "build_lexicon", build)
    monkeypatch.setattr(zhen.chinese.lexicon, "_opened", {})
    return builds
