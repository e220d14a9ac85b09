"""Validate and extract an `.argosmodel` zip before anything reaches the packages directory.

argostranslate's `install_from_path` calls a bare `extractall` into the shared packages
directory: one package can overwrite another's files, and a stray top-level entry breaks listing
for every package. zhen reads the archive first and refuses it whole unless every entry is a plain
file or folder inside exactly one top-level package folder, within size limits, with a readable
metadata.json and the files the engine needs. Extraction streams each entry with its size checked.
"""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhen.errors import ModelError

MAX_TOTAL_BYTES = (
    4 * 1024**3
)  # the real zh→en package is ~100 MB unpacked; multilingual ones are larger
MAX_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 1_000  # a zip bomb inflates far beyond what model weights compress to

REQUIRED_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin")
REQUIRED_METADATA = ("package_version", "from_code", "to_code")
OPTIONAL_TEXT_METADATA = ("argos_version", "from_name", "to_name", "type", "code", "target_prefix")


@dataclass(frozen=True)
class ArchiveContents:
    """What a validated archive holds: its one folder, its metadata and its regular files."""

    folder: str
    metadata: dict
    files: tuple[zipfile.ZipInfo, ...]


def validate_metadata(metadata: object, where: str) -> dict:
    """The fields zhen and argostranslate rely on, with their types; raises ModelError."""
    if not isinstance(metadata, dict):
        raise ModelError(f"{where} is not a JSON object")
    for key in REQUIRED_METADATA:
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ModelError(f"{where} has no {key}")
    for key in OPTIONAL_TEXT_METADATA:
        if key in metadata and not isinstance(metadata[key], str):
            raise ModelError(f"{where}: {key} must be a string")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{where}: type {metadata['type']!r} is not a translation package")
    return metadata


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\\" in name:
        return f"entry {name!r} contains a backslash"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"entry {name!r} is an absolute path"
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", ".", "") for part in name.rstrip("/").split("/")):
        return f"entry {name!r} escapes the package folder"
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip was not made on Unix
    if kind == stat.S_IFLNK:
        return f"entry {name!r} is a symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return f"entry {name!r} is not a regular file or folder"
    return None


def _check_sizes(infos: list[zipfile.ZipInfo], max_total_bytes: int) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ModelError(f"has {len(infos)} entries, more than the limit of {MAX_ENTRIES}")
    total = sum(info.file_size for info in infos)
    if total > max_total_bytes:
        raise ModelError(f"unpacks to {total:,} bytes, more than the limit of {max_total_bytes:,}")
    for info in infos:
        if (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
            and info.file_size > 1024**2
        ):
            raise ModelError(f"entry {info.filename!r} is compressed suspiciously well (zip bomb?)")


def _single_folder(infos: list[zipfile.ZipInfo]) -> str:
    tops = {info.filename.split("/", 1)[0] for info in infos}
    if len(tops) != 1:
        shown = ", ".join(sorted(tops)[:4])
        raise ModelError(f"must hold exactly one top-level folder, found {len(tops)}: {shown}")
    folder = tops.pop()
    if any(info.filename == folder for info in infos) or folder.startswith("."):
        raise ModelError(f"{folder!r} at the top level is not a package folder")
    return folder


def read_archive(
    archive: zipfile.ZipFile, *, max_total_bytes: int = MAX_TOTAL_BYTES
) -> ArchiveContents:
    """Check every entry and the package's required files; raises ModelError naming the problem."""
    infos = archive.infolist()
    if not infos:
        raise ModelError("is an empty zip archive")
    for info in infos:
        problem = _entry_problem(info)
        if problem:
            raise ModelError(problem)
    names = [info.filename.rstrip("/") for info in infos]
    if len(set(names)) != len(names):
        raise ModelError("has duplicate entries")
    _check_sizes(infos, max_total_bytes)
    folder = _single_folder(infos)
    files = {info.filename[len(folder) + 1 :]: info for info in infos if not info.is_dir()}
    for required in REQUIRED_FILES:
        if required not in files:
            raise ModelError(f"has no {required} in {folder}/")
        if files[required].file_size == 0:
            raise ModelError(f"{folder}/{required} is empty")
    try:
        metadata = json.loads(archive.read(files["metadata.json"]).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{folder}/metadata.json is not valid JSON ({error})") from None
    validate_metadata(metadata, f"{folder}/metadata.json")
    return ArchiveContents(folder, metadata, tuple(files.values()))


def extract(archive: zipfile.ZipFile, contents: ArchiveContents, destination: Path) -> Path:
    """Write the package folder under `destination`, streaming each file with its size capped."""
    root = destination / contents.folder
    root.mkdir()
    for info in contents.files:
        target = root / info.filename[len(contents.folder) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        # zipfile stops at the declared size and raises BadZipFile on a CRC mismatch.
        with archive.open(info) as source, open(target, "xb") as sink:
            shutil.copyfileobj(source, sink, 1024**2)
    return root
