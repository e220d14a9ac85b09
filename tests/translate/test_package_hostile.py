"""Crafted model archives: refused in one line before anything is put in place, and a broken
package already in the packages directory never stops listing, removal, or the other packages.

Every case here crashed `zhen models install` with a traceback, or installed and then broke
every later command, before issue 16.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.translate.packages import find_package, install_package, list_packages

FOLDER = "translate-zh_en-0.1"
METADATA = f"{FOLDER}/metadata.json"


def _entries(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _write(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def _metadata_text(entries: dict[str, bytes], text: str) -> dict[str, bytes]:
    """The archive with metadata.json replaced by `text` as written (not re-serialized)."""
    return {**entries, METADATA: text.encode("utf-8", "surrogatepass")}


def _with_fields(entries: dict[str, bytes], **fields) -> dict[str, bytes]:
    metadata = json.loads(entries[METADATA])
    metadata.update(fields)
    return {**entries, METADATA: json.dumps(metadata).encode()}


def _patched_headers(archive: Path, name: str, *, flags: int | None = None,
                     method: int | None = None) -> Path:
    """Set the general-purpose flags or the compression method of one entry, in its local header
    and in the central directory, as another zip tool would have written them."""
    data = bytearray(archive.read_bytes())
    info = zipfile.ZipFile(archive).getinfo(name)
    central = data.find(b"PK\x01\x02")
    places = [info.header_offset + 6]  # local header: signature, version, then flags, method
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length].decode() == name:
            places.append(central + 8)  # central header: signature, 2 versions, flags, method
        central = data.find(b"PK\x01\x02", central + 4)
    for place in places:
        if flags is not None:
            struct.pack_into("<H", data, place, flags)
        if method is not None:
            struct.pack_into("<H", data, place + 2, method)
    archive.write_bytes(bytes(data))
    return archive


@pytest.fixture
def entries(random_argosmodel: Path) -> dict[str, bytes]:
    return _entries(random_argosmodel)


def _refused(archive: Path, packages_dir: Path) -> str:
    """Installs through the command line; returns the one error line, checking nothing moved."""
    result = CliRunner().invoke(main, ["models", "install", str(archive)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {archive}: "), result.output
    assert not packages_dir.exists() or list(packages_dir.iterdir()) == []
    assert [p.name for p in packages_dir.parent.glob(".zhen-install-*")] == []
    return lines[0]


def test_an_encrypted_entry_is_refused(entries, tmp_path, packages_dir):
    archive = _patched_headers(_write(tmp_path / "encrypted.argosmodel", entries), METADATA,
                               flags=0x1)
    assert "is encrypted" in _refused(archive, packages_dir)


@pytest.mark.parametrize("method", [9, 99], ids=["deflate64", "unknown"])
def test_a_compression_zipfile_cannot_read_is_refused(entries, tmp_path, packages_dir, method):
    archive = _patched_headers(_write(tmp_path / "method.argosmodel", entries),
                               f"{FOLDER}/model/model.bin", method=method)
    assert f"uses compression method {method}, which zhen cannot read" in _refused(
        archive, packages_dir)


def test_deeply_nested_metadata_is_refused(entries, tmp_path, packages_dir):
    text = entries[METADATA].decode().rstrip().rstrip("}") + ', "x": ' + "[" * 100_000 + \
        "]" * 100_000 + "}"
    archive = _write(tmp_path / "nested.argosmodel", _metadata_text(entries, text))
    assert "metadata.json is nested too deeply" in _refused(archive, packages_dir)


def test_a_100000_digit_integer_in_the_metadata_is_refused(entries, tmp_path, packages_dir):
    text = entries[METADATA].decode().rstrip().rstrip("}") + ', "x": ' + "9" * 100_000 + "}"
    archive = _write(tmp_path / "digits.argosmodel", _metadata_text(entries, text))
    assert "metadata.json is not valid JSON" in _refused(archive, packages_dir)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"package_version": "1" * 5000}, "package_version is not printable text of at most 200"),
        ({"package_version": "1.9; rm -rf"}, "package_version is not a version like 1.9"),
        ({"from_code": "z" * 100_000}, "from_code is not printable text"),
        ({"from_code": "zh\nen"}, "from_code is not printable text"),
        ({"to_code": "\x1b[31men"}, "to_code is not printable text"),
        ({"to_code": "english"}, "to_code is not a language code like en"),
        ({"from_name": "Chinese\ud800"}, "from_name is not printable text"),
        ({"links": ["https://example.org/\udfff"]}, "not valid Unicode (a lone surrogate)"),
        ({"code": "translate zh en"}, "code is not a code like translate-zh_en"),
    ],
    ids=["5000-digit-version", "version-syntax", "long-code", "newline-code", "escape-code",
         "word-code", "surrogate-name", "surrogate-link", "code-shape"],
)
def test_metadata_fields_are_checked_for_type_size_and_shape(
    entries, tmp_path, packages_dir, fields, expected
):
    text = json.dumps({**json.loads(entries[METADATA]), **fields})  # \\ud800 stays escaped
    archive = _write(tmp_path / "fields.argosmodel", _metadata_text(entries, text))
    line = _refused(archive, packages_dir)
    assert expected in line
    assert "\x1b" not in line and len(line) < 400  # the refused value is never printed


def test_an_oversized_metadata_file_is_refused_before_it_is_read(entries, tmp_path,
                                                                 packages_dir):
    padded = _with_fields(entries, padding="x" * (2 * 1024**2))
    archive = _write(tmp_path / "big.argosmodel", padded)
    assert "more than the limit of 1,048,576" in _refused(archive, packages_dir)


def test_a_package_whose_model_does_not_load_is_not_installed(entries, tmp_path, packages_dir):
    corrupt = {**entries, f"{FOLDER}/model/model.bin": os.urandom(4096)}
    archive = _write(tmp_path / "corrupt.argosmodel", corrupt)
    line = _refused(archive, packages_dir)
    assert "does not load, not installed: model/ does not load in CTranslate2" in line


# --- broken folders already in the packages directory --------------------------------------------


def _broken_folder(packages_dir: Path, entries: dict[str, bytes], name: str, **fields) -> Path:
    """A package folder as argospm (or an older zhen) extracted it, with these metadata fields."""
    folder = packages_dir / name
    for entry, data in entries.items():
        if entry.endswith("/"):
            continue
        target = folder / entry[len(FOLDER) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    metadata = {**json.loads(entries[METADATA]), **fields}
    (folder / "metadata.json").write_text(json.dumps(metadata))
    return folder


@pytest.mark.parametrize(
    "fields",
    [{"package_version": "9" * 5000}, {"from_name": "\ud800"}, {"from_code": "zh\x1b[2J"}],
    ids=["5000-digit-version", "lone-surrogate", "escape-code"],
)
def test_a_broken_package_never_stops_listing_removal_or_the_others(
    random_argosmodel, entries, packages_dir, fields
):
    good = install_package(random_argosmodel)
    broken = _broken_folder(packages_dir, entries, "translate-zh_en-broken", **fields)
    assert list_packages() == [good]
    assert find_package("zh", "en") == good
    runner = CliRunner()
    listing = runner.invoke(main, ["models", "list"])
    assert listing.exit_code == 0
    assert listing.stdout.startswith(f"{FOLDER}\tzh → en\t0.1\t")
    assert f"skipped {broken}: metadata.json: " in listing.stderr
    assert "zhen models remove translate-zh_en-broken" in listing.stderr
    assert "\x1b" not in listing.output
    removed = runner.invoke(main, ["models", "remove", "translate-zh_en-broken"])
    assert removed.exit_code == 0 and "Removed the broken folder" in removed.output
    assert sorted(p.name for p in packages_dir.iterdir()) == [FOLDER]


def test_a_broken_package_does_not_stop_page(entries, packages_dir, tmp_path):
    _broken_folder(packages_dir, entries, "translate-zh_en-9", package_version="9" * 5000)
    page = tmp_path / "page.txt"
    page.write_text("推动新质生产力发展\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["page", str(page), "--no-memory"])
    assert result.exit_code == 0, result.output
    assert "new quality productive forces" in result.stdout


# A child that installs the package and kills itself (SIGKILL) halfway through extracting it.
_KILLED_INSTALL = """
import os, signal, sys
from pathlib import Path
from zhen.translate import archive
copied = []
def copy_then_die(source, sink, length=0):
    copied.append(1)
    sink.write(source.read())
    if len(copied) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
archive.shutil.copyfileobj = copy_then_die
from zhen.translate.packages import install_package
install_package(Path(sys.argv[1]))
"""


def test_a_killed_install_leaves_scratch_that_the_next_install_clears(
    random_argosmodel, packages_dir, subprocess_env
):
    env = {**subprocess_env, "ARGOS_PACKAGES_DIR": str(packages_dir)}
    child = subprocess.run([sys.executable, "-c", _KILLED_INSTALL, str(random_argosmodel)],
                           env=env, capture_output=True)
    assert child.returncode == -signal.SIGKILL
    left = list(packages_dir.parent.glob(".zhen-install-*"))
    assert len(left) == 1 and any(path.is_file() for path in left[0].rglob("*"))
    assert not packages_dir.exists() or list(packages_dir.iterdir()) == []

    install_package(random_argosmodel)
    assert list(packages_dir.parent.glob(".zhen-install-*")) == []
    assert [p.name for p in packages_dir.iterdir()] == [FOLDER]


# --- a hostile package index ---------------------------------------------------------------------


@pytest.fixture
def index_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "index"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", folder.as_uri() + "/")
    return folder


def test_hostile_index_entries_are_skipped_and_the_good_one_installs(
    random_argosmodel, entries, index_folder, packages_dir
):
    good = {**json.loads(entries[METADATA]), "links": [random_argosmodel.as_uri()]}
    hostile = [
        {**good, "package_version": "9" * 5000},  # sorted by version: int() of 5,000 digits
        {**good, "package_version": "99", "code": "../../../escaped"},  # a download path
        {**good, "package_version": "98", "from_code": "zh\n\x1b[2J"},
        {**good, "package_version": "97", "to_code": "\ud800"},
    ]
    (index_folder / "index.json").write_text(json.dumps([*hostile, good]))
    result = CliRunner().invoke(main, ["models", "install", "--from-index", "zh", "en"])
    assert result.exit_code == 0, result.output
    assert [package.package_version for package in list_packages()] == ["0.1"]
    assert not (packages_dir.parent.parent / "escaped-99.argosmodel").exists()


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "[" + "9" * 100_000 + "]"],
    ids=["nested", "100000-digits"],
)
def test_an_index_json_cannot_crash_the_reader(index_folder, packages_dir, text):
    (index_folder / "index.json").write_text(text)
    result = CliRunner().invoke(main, ["models", "install", "--from-index", "zh", "en"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.output.splitlines()
    assert line.startswith("Error: the Argos package index file://") and len(line) < 300
