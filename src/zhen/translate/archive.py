"""Validate and extract an `.argosmodel` zip before anything reaches the packages directory.

argostranslate's `install_from_path` calls a bare `extractall` into the shared packages
directory: one package can overwrite another's files, and a stray top-level entry breaks listing
for every package. zhen reads the archive first and refuses it whole unless every entry is a plain
file or folder inside exactly one top-level package folder, unencrypted and compressed in a way
zipfile reads, within size limits, with a small metadata.json whose every field has the type and
shape zhen relies on (a version like 1.9, language codes like zh, printable text) and the files
the engine needs. A metadata.json that installed once could break every later command: a
5,000-digit version made listing raise, a lone surrogate made printing raise. Extraction streams
each entry with its size checked.
"""

from __future__ import annotations

import json
import re
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

MAX_METADATA_BYTES = 1024**2  # real ones are about 1 KB
MAX_TEXT = 200  # characters in a metadata text field
READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)

REQUIRED_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin")
REQUIRED_METADATA = ("package_version", "from_code", "to_code")
OPTIONAL_TEXT_METADATA = ("argos_version", "from_name", "to_name", "type", "code", "target_prefix")
_VERSION = re.compile(r"\d{1,6}(?:\.\d{1,6}){0,3}(?:[-+.]?[A-Za-z0-9][A-Za-z0-9.+-]{0,31})?")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
_SHAPES = {
    "package_version": (_VERSION, "a version like 1.9"),
    "from_code": (_LANGUAGE, "a language code like zh"),
    "to_code": (_LANGUAGE, "a language code like en"),
    "code": (re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"), "a code like translate-zh_en"),
}


@dataclass(frozen=True)
class ArchiveContents:
    """What a validated archive holds: its one folder, its metadata and its regular files."""

    folder: str
    metadata: dict
    files: tuple[zipfile.ZipInfo, ...]


def validate_metadata(metadata: object, where: str) -> dict:
    """The fields zhen and argostranslate rely on, with their types and shapes; raises ModelError.

    Messages never quote a refused value: it may be huge or hold terminal escapes."""
    if not isinstance(metadata, dict):
        raise ModelError(f"{where} is not a JSON object")
    for key in REQUIRED_METADATA:
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ModelError(f"{where} has no {key}")
    for key in (*REQUIRED_METADATA, *OPTIONAL_TEXT_METADATA):
        value = metadata.get(key)
        if key in metadata and not isinstance(value, str):
            raise ModelError(f"{where}: {key} must be a string")
        if isinstance(value, str) and (len(value) > MAX_TEXT or not value.isprintable()):
            raise ModelError(f"{where}: {key} is not printable text of at most {MAX_TEXT} "
                             "characters")
        shape = _SHAPES.get(key)
        if shape and value and not shape[0].fullmatch(value):
            raise ModelError(f"{where}: {key} is not {shape[1]}")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{where}: type {metadata['type']!r} is not a translation package")
    if not _encodable(metadata):
        raise ModelError(f"{where} holds text that is not valid Unicode (a lone surrogate)")
    return metadata


def _encodable(value: object) -> bool:
    """Every string in a parsed JSON value (keys included) can be written as UTF-8."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
    return True


def parse_metadata(data: bytes, where: str) -> dict:
    """metadata.json's bytes → its validated fields; anything else is one ModelError line."""
    if len(data) > MAX_METADATA_BYTES:
        raise ModelError(f"{where} is {len(data):,} bytes, more than the limit of "
                         f"{MAX_METADATA_BYTES:,}")
    try:
        metadata = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError(f"{where} is not UTF-8") from None
    except RecursionError:
        raise ModelError(f"{where} is nested too deeply") from None
    except ValueError as error:  # bad JSON, or an integer of thousands of digits
        problem = str(error).splitlines()[0][:120]
        raise ModelError(f"{where} is not valid JSON ({problem})") from None
    return validate_metadata(metadata, where)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if not name.isprintable() or len(name) > 1024:
        return f"entry {ascii(name[:80])} has an unprintable or overlong name"
    if info.flag_bits & 0x1:
        return f"entry {name!r} is encrypted"
    if info.compress_type not in READABLE_METHODS:
        return (f"entry {name!r} uses compression method {info.compress_type}, which zhen "
                "cannot read")
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
    where = f"{folder}/metadata.json"
    if files["metadata.json"].file_size > MAX_METADATA_BYTES:
        raise ModelError(f"{where} is {files['metadata.json'].file_size:,} bytes, more than the "
                         f"limit of {MAX_METADATA_BYTES:,}")
    metadata = parse_metadata(archive.read(files["metadata.json"]), where)
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
