"""Installing, listing, verifying and removing .argosmodel packages; hostile archives refused."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.errors import ModelError
from zhen.translate.index import read_index
from zhen.translate.packages import (
    find_package,
    install_from_index,
    install_package,
    list_packages,
    remove_package,
    verify_packages,
)

FOLDER = "translate-zh_en-0.1"


def _entries(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _write(path: Path, entries: dict[str, bytes], symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, target)
    return path


LOCK = ".zhen-packages.lock"  # installers' and removers' lock: stays, like any lock file


def _tree(root: Path) -> list[str]:
    """Every path under root, with file sizes: what 'unchanged' compares."""
    if not root.exists():
        return []
    return sorted(
        f"{p.relative_to(root)}:{p.stat().st_size if p.is_file() else 'dir'}"
        for p in root.rglob("*") if p.name != LOCK
    )


def _beside(packages_dir: Path) -> list[str]:
    """What the packages directory's parent holds, its lock file left out."""
    return sorted(p.name for p in packages_dir.parent.iterdir() if p.name != LOCK)


def _without(entries: dict[str, bytes], name: str) -> dict[str, bytes]:
    return {k: v for k, v in entries.items() if k != f"{FOLDER}/{name}"}


def _with(entries: dict[str, bytes], name: str, data: bytes) -> dict[str, bytes]:
    return {**entries, name: data}


def _metadata(entries: dict[str, bytes], **changes) -> dict[str, bytes]:
    metadata = json.loads(entries[f"{FOLDER}/metadata.json"])
    metadata.update(changes)
    metadata = {k: v for k, v in metadata.items() if v is not None}
    return _with(entries, f"{FOLDER}/metadata.json", json.dumps(metadata).encode())


HOSTILE = {
    # name: (build(entries, tmp) -> archive path, expected words in the one-line error)
    "zip-slip inside folder": (lambda e: _with(e, f"{FOLDER}/../../evil.txt", b"x"), "escapes"),
    "zip-slip at top": (lambda e: _with(e, "../evil.txt", b"x"), "escapes"),
    "absolute path": (lambda e: _with(e, "/tmp/evil.txt", b"x"), "absolute"),
    "backslash": (lambda e: _with(e, f"{FOLDER}\\..\\evil.txt", b"x"), "backslash"),
    "two top-level folders": (
        lambda e: _with(e, "other-package/README.md", b"x"),
        "exactly one top-level",
    ),
    "file at top level": (lambda e: _with(e, "README.md", b"x"), "exactly one top-level"),
    "missing model.bin": (lambda e: _without(e, "model/model.bin"), "no model/model.bin"),
    "missing sentencepiece.model": (
        lambda e: _without(e, "sentencepiece.model"),
        "no sentencepiece.model",
    ),
    "missing metadata": (lambda e: _without(e, "metadata.json"), "no metadata.json"),
    "bad metadata JSON": (
        lambda e: _with(e, f"{FOLDER}/metadata.json", b"{not json"),
        "not valid JSON",
    ),
    "metadata not an object": (
        lambda e: _with(e, f"{FOLDER}/metadata.json", b"[1, 2]"),
        "not a JSON object",
    ),
    "metadata without from_code": (lambda e: _metadata(e, from_code=None), "no from_code"),
    "metadata of another type": (lambda e: _metadata(e, type="sbd"), "not a translation package"),
    "empty model.bin": (lambda e: _with(e, f"{FOLDER}/model/model.bin", b""), "model.bin is empty"),
    "duplicate entries": (lambda e: {**e, f"{FOLDER}/README.md/": b""}, "duplicate"),
}


@pytest.fixture
def entries(random_argosmodel: Path) -> dict[str, bytes]:
    return _entries(random_argosmodel)


@pytest.fixture
def other_package(tmp_path: Path, entries) -> Path:
    """An unrelated package already installed, to show a refused install leaves it alone."""
    renamed = {k.replace(FOLDER, "translate-en_zh-0.1"): v for k, v in entries.items()}
    metadata = json.loads(renamed["translate-en_zh-0.1/metadata.json"])
    metadata.update(from_code="en", to_code="zh", code="translate-en_zh")
    renamed["translate-en_zh-0.1/metadata.json"] = json.dumps(metadata).encode()
    return _write(tmp_path / "en_zh.argosmodel", renamed)


def test_install_lists_and_finds_the_package(random_argosmodel, packages_dir):
    package = install_package(random_argosmodel)
    assert package.path == packages_dir / FOLDER
    assert (package.from_code, package.to_code, package.package_version) == ("zh", "en", "0.1")
    assert package.label == "translate-zh_en-0.1"
    assert list_packages() == [package]
    assert find_package("zh", "en") == package
    assert find_package("en", "zh") is None
    assert _beside(packages_dir) == ["packages"]  # no temp folder left


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_or_broken_archive_is_refused_and_changes_nothing(
    case, entries, tmp_path, packages_dir, other_package
):
    install_package(other_package)
    before = _tree(packages_dir.parent)
    build, expected = HOSTILE[case]
    archive = _write(tmp_path / "hostile.argosmodel", build(dict(entries)))
    with pytest.raises(ModelError) as raised:
        install_package(archive)
    assert raised.value.message.startswith(f"{archive}: ")
    assert expected in raised.value.message and "\n" not in raised.value.message
    assert _tree(packages_dir.parent) == before
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize(
    "case, content, expected",
    [
        ("0-byte file", b"", "empty file"),
        ("not a zip", b"metadata.json\nthis is text, not a zip archive\n", "not a zip archive"),
    ],
)
def test_non_archives_are_refused(case, content, expected, tmp_path, packages_dir):
    archive = tmp_path / "broken.argosmodel"
    archive.write_bytes(content)
    with pytest.raises(ModelError, match=expected):
        install_package(archive)
    assert _tree(packages_dir.parent) == []


def test_symlink_entry_is_refused(entries, tmp_path, packages_dir):
    archive = _write(
        tmp_path / "link.argosmodel", entries, symlinks={f"{FOLDER}/passwd": "/etc/passwd"}
    )
    with pytest.raises(ModelError, match="symbolic link"):
        install_package(archive)
    assert _tree(packages_dir.parent) == []


def test_size_limit_refuses_before_extracting(random_argosmodel, packages_dir):
    with pytest.raises(ModelError, match="more than the limit"):
        install_package(random_argosmodel, max_total_bytes=10_000)
    assert _tree(packages_dir.parent) == []


def test_corrupted_entry_fails_during_extraction_and_leaves_nothing(
    random_argosmodel, tmp_path, packages_dir
):
    data = bytearray(random_argosmodel.read_bytes())
    info = zipfile.ZipFile(random_argosmodel).getinfo(f"{FOLDER}/model/model.bin")
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    corrupted = tmp_path / "corrupted.argosmodel"
    corrupted.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="cannot be installed"):
        install_package(corrupted)
    assert _tree(packages_dir.parent) == []


def test_missing_file_is_an_error(tmp_path, packages_dir):
    with pytest.raises(ModelError, match="no such file"):
        install_package(tmp_path / "nothing.argosmodel")


def test_reinstalling_the_same_package_replaces_it(random_argosmodel, packages_dir):
    install_package(random_argosmodel)
    (packages_dir / FOLDER / "README.md").write_text("edited")
    install_package(random_argosmodel)
    assert (packages_dir / FOLDER / "README.md").read_text() == "Built for zhen's tests.\n"


def test_a_different_package_in_the_folder_needs_force(
    random_argosmodel, entries, tmp_path, packages_dir
):
    install_package(random_argosmodel)
    newer = _write(tmp_path / "different.argosmodel", _metadata(entries, package_version="0.2"))
    before = _tree(packages_dir.parent)
    with pytest.raises(ModelError, match="different package; use --force"):
        install_package(newer)
    assert _tree(packages_dir.parent) == before
    assert install_package(newer, force=True).package_version == "0.2"
    assert [p.package_version for p in list_packages()] == ["0.2"]


def test_find_package_prefers_the_newest_version(
    random_argosmodel, entries, tmp_path, packages_dir
):
    renamed = {
        k.replace(FOLDER, "translate-zh_en-1.10"): v
        for k, v in _metadata(entries, package_version="1.10").items()
    }
    install_package(_write(tmp_path / "new.argosmodel", renamed))
    install_package(random_argosmodel)
    assert find_package("zh", "en").package_version == "1.10"


def test_remove_by_folder_code_or_pair(random_argosmodel, packages_dir):
    for name in [FOLDER, "translate-zh_en", "zh-en", "zh_en"]:
        install_package(random_argosmodel)
        assert remove_package(name).name == FOLDER
        assert list_packages() == []
        assert _beside(packages_dir) == ["packages"]
    with pytest.raises(ModelError, match="no installed package named 'zh-en'"):
        remove_package("zh-en")


def test_verify_reports_broken_and_stray_folders(random_argosmodel, packages_dir):
    install_package(random_argosmodel)
    [check] = verify_packages()
    assert check.problems == () and check.package.name == FOLDER
    (packages_dir / "stray").mkdir()
    (packages_dir / FOLDER / "model" / "model.bin").write_bytes(b"garbage")
    problems = {check.path.name: check.problems for check in verify_packages()}
    assert "does not load in CTranslate2" in problems[FOLDER][0]
    assert problems["stray"] == ("no metadata.json: not an Argos package",)


def test_argostranslate_sees_packages_zhen_installed(
    random_argosmodel, packages_dir, subprocess_env
):
    install_package(random_argosmodel)
    probe = (
        "import argostranslate.package as p; "
        "print([(x.package_path.name, x.from_code, x.to_code) for x in p.get_installed_packages()])"
    )
    env = {**subprocess_env, "ARGOS_PACKAGES_DIR": str(packages_dir)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == f"[('{FOLDER}', 'zh', 'en')]"


def test_zhen_sees_packages_extracted_the_way_argospm_does(random_argosmodel, packages_dir):
    packages_dir.mkdir(parents=True)
    zipfile.ZipFile(random_argosmodel).extractall(packages_dir)  # what install_from_path does
    assert [p.name for p in list_packages()] == [FOLDER]


# --- install --from-index (never touches the network: the index is a local file) --------------


@pytest.fixture
def local_index(random_argosmodel, tmp_path, monkeypatch):
    """ARGOS_PACKAGE_INDEX pointed at a file:// folder whose index links to a local file."""
    index = tmp_path / "index" / "index.json"
    index.parent.mkdir()
    listing = json.loads(_entries(random_argosmodel)[f"{FOLDER}/metadata.json"])
    listing["links"] = [random_argosmodel.as_uri()]
    older = {**listing, "package_version": "0.0.9", "links": [(tmp_path / "gone").as_uri()]}
    other = {**listing, "from_code": "en", "to_code": "de", "links": ["https://example.org/x"]}
    index.write_text(json.dumps([older, listing, other, {"no": "fields"}]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.parent.as_uri() + "/")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    return index


def test_from_index_downloads_the_newest_and_installs(local_index, packages_dir, tmp_path):
    package = install_from_index("zh", "en")
    assert package.path == packages_dir / FOLDER and package.package_version == "0.1"
    assert list((tmp_path / "tmp").iterdir()) == []  # the download is not kept


def test_from_index_offline_names_the_file_to_fetch(local_index, packages_dir):
    local_index.unlink()
    with pytest.raises(ModelError) as raised:
        install_from_index("zh", "en")
    assert "cannot reach the Argos package index file://" in raised.value.message
    assert "translate-zh_en-<version>.argosmodel" in raised.value.message
    assert "zhen models install FILE" in raised.value.message
    assert not packages_dir.exists()


def test_from_index_failed_download_names_the_link(local_index, packages_dir, random_argosmodel):
    moved = random_argosmodel.with_name("moved.argosmodel")
    random_argosmodel.rename(moved)
    try:
        with pytest.raises(ModelError) as raised:
            install_from_index("zh", "en")
    finally:
        moved.rename(random_argosmodel)
    assert f"cannot download translate-zh_en-0_1.argosmodel ({random_argosmodel.as_uri()}" in \
        raised.value.message
    assert not packages_dir.exists()


def test_from_index_without_the_pair(local_index, packages_dir):
    with pytest.raises(ModelError, match="has no en→zh package"):
        install_from_index("en", "zh")


def test_an_index_that_is_not_json_is_one_error(local_index, packages_dir):
    local_index.write_text("<html>rate limited</html>")
    with pytest.raises(ModelError, match="is not JSON"):
        install_from_index("zh", "en")


def test_argostranslate_reads_the_index_as_zhen_does(local_index, subprocess_env, tmp_path):
    """Parity with the optional argostranslate (the zhen[argos] extra `make test` installs)."""
    probe = (
        "import argostranslate.package as p; p.update_package_index(); "
        "print(sorted((x.from_code, x.to_code, x.package_version, tuple(x.links)) "
        "for x in p.get_available_packages() if x.from_code))"  # zhen skips the malformed
    )
    env = {**subprocess_env, "ARGOS_PACKAGE_INDEX": os.environ["ARGOS_PACKAGE_INDEX"]}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, check=True)
    ours = sorted((e.from_code, e.to_code, e.package_version, e.links) for e in read_index())
    assert result.stdout.strip() == str(ours)


# --- the command line --------------------------------------------------------------------------


def test_cli_install_list_verify_remove(random_argosmodel, packages_dir):
    runner = CliRunner()
    result = runner.invoke(main, ["models", "install", str(random_argosmodel)])
    assert result.exit_code == 0, result.output
    assert f"Installed translate-zh_en-0.1 (zh → en) in {packages_dir / FOLDER}" in result.output
    listing = runner.invoke(main, ["models", "list"]).output
    assert listing.startswith(f"{FOLDER}\tzh → en\t0.1\t") and str(packages_dir / FOLDER) in listing
    verify = runner.invoke(main, ["models", "verify"])
    assert verify.exit_code == 0 and "\tok\t" in verify.output
    assert runner.invoke(main, ["models", "remove", "zh-en"]).exit_code == 0
    assert "No packages installed" in runner.invoke(main, ["models", "list"]).output


def test_cli_refusal_is_one_line_naming_the_file(tmp_path, packages_dir):
    archive = tmp_path / "notes.argosmodel"
    archive.write_text("hello")
    result = CliRunner().invoke(main, ["models", "install", str(archive)])
    assert result.exit_code != 0
    assert (
        result.output == f"Error: {archive}: is not a zip archive (an .argosmodel is a zip file)\n"
    )


def test_cli_verify_fails_on_a_broken_package(random_argosmodel, packages_dir):
    install_package(random_argosmodel)
    (packages_dir / FOLDER / "sentencepiece.model").unlink()
    result = CliRunner().invoke(main, ["models", "verify"])
    assert result.exit_code == 1
    assert "missing sentencepiece.model" in result.stdout
    assert "Error: 1 of 1 package folder has problems" in result.stderr


def test_cli_from_index_needs_two_codes(packages_dir):
    result = CliRunner().invoke(main, ["models", "install", "--from-index", "zh"])
    assert result.exit_code == 2 and "two language codes" in result.output
