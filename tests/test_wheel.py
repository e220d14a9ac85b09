"""zhen as a user gets it from a wheel: the glossary ships inside it and works from any folder.

The wheel is built from this checkout and installed, without its dependencies, into a fresh
virtual environment that borrows the test environment's installed libraries (a .pth line), so
the test needs no network. Commands run from an empty folder, away from the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, STARTING_PAGE
from zhen.glossary.store import load_glossary

pytestmark = pytest.mark.slow


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """A venv with zhen installed from a freshly built wheel; its dependencies borrowed."""
    scratch = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--no-index", "--quiet", "-w", str(scratch / "dist"), str(ROOT)])
    assert built.returncode == 0, built.stderr
    [wheel] = (scratch / "dist").glob("zhen-*.whl")
    venv = scratch / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = _run([sys.executable, "-m", "pip", "--python", str(python), "install",
                      "--no-deps", "--no-index", "--quiet", str(wheel)])
    assert installed.returncode == 0, installed.stderr
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib.stdout.strip()) / "borrowed-dependencies.pth").write_text(
        "".join(f"{path}\n" for path in sorted(borrowed)), encoding="utf-8")
    return venv


@pytest.fixture
def user(wheel_venv, tmp_path, subprocess_env):
    """Runs the wheel's `zhen` from an empty folder, with no PYTHONPATH into the checkout."""
    folder = tmp_path / "empty"
    folder.mkdir()
    env = {key: value for key, value in subprocess_env.items()
           if key not in ("PYTHONPATH", "ZHEN_GLOSSARY", "VIRTUAL_ENV")}

    def zhen(*args: str) -> subprocess.CompletedProcess:
        return _run([str(wheel_venv / "bin" / "zhen"), *args], cwd=folder, env=env)

    zhen.folder = folder
    return zhen


def test_the_wheel_runs_page_check_and_glossary_stats_from_an_empty_folder(wheel_venv, user):
    located = _run([str(wheel_venv / "bin" / "python"), "-c", "import zhen; print(zhen.__file__)"],
                   cwd=user.folder)
    assert Path(located.stdout.strip()).is_relative_to(wheel_venv)  # not the checkout's src/

    page = user("page", str(STARTING_PAGE))
    assert page.returncode == 0, page.stderr
    assert "Editor: Lin Yuchen" in page.stdout and "Belt and Road Initiative" in page.stdout

    check = user("check", str(STARTING_PAGE), "--output-format", "json")
    assert check.returncode == 0, check.stderr
    terms = json.loads(check.stdout)["terms"]  # found with the shipped glossary
    assert {"belt-and-road-initiative", "high-quality-development"} <= \
        {term["concept_id"] for term in terms}

    stats = user("glossary", "stats")
    assert stats.returncode == 0, stats.stderr
    shipped = load_glossary([ROOT / "glossary"])
    assert stats.stdout.startswith(f"{len(shipped)} concepts in {len(shipped.files)} files\n")
    [said] = [line for line in stats.stderr.splitlines() if line.startswith("glossary: ")]
    where = Path(said.removeprefix("glossary: ").removesuffix(" (shipped with zhen)"))
    assert where.is_relative_to(wheel_venv) and where.name == "glossary"
    assert not list(where.rglob("evidence"))  # the evidence logs stay in the repository


def test_editing_the_shipped_glossary_is_refused_with_a_way_out(user):
    add = ["glossary", "add", "--zh", "测试概念", "--preferred", "test concept", "--cite",
           "https://example.org/t", "--domain", "economy"]
    refused = user(*add)
    assert refused.returncode == 2
    assert "is the glossary shipped with zhen" in refused.stderr
    assert "zhen glossary init DIR" in refused.stderr

    init = user("glossary", "init")
    assert init.returncode == 0, init.stderr
    assert (user.folder / "glossary" / "economy.glossary").is_file()
    added = user(*add)
    assert added.returncode == 0, added.stderr
    assert f"to {user.folder / 'glossary' / 'economy.glossary'}" in added.stdout
    assert "glossary: " in added.stderr and "(./glossary)" in added.stderr
    assert user("glossary", "show", "测试概念").returncode == 0
