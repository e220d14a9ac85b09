"""Installed Argos Translate packages: list, find, install (validated), verify, remove.

zhen shares argostranslate's packages directory (`zhen.paths.argos_packages_dir()`, which honours
ARGOS_PACKAGES_DIR), so packages installed by `argospm` are visible to zhen and the other way
round. Listing reads each folder's metadata.json itself and `install_from_index` reads the package
index with zhen's own client (`zhen.translate.index`), so nothing here needs argostranslate.

Interface used by `zhen.translate.service`:
    find_package(from_code, to_code) -> Package | None   # the newest installed package for a pair
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zhen import paths
from zhen.errors import ModelError
from zhen.files import locked
from zhen.translate.archive import (
    MAX_METADATA_BYTES,
    MAX_TOTAL_BYTES,
    extract,
    parse_metadata,
    read_archive,
)
from zhen.translate.index import downloaded, newest, read_index, version_key
from zhen.translate.probe import load_problems, shown

#: Scratch folders beside the packages directory: an install's extraction, a removal's trash.
SCRATCH_PREFIXES = (".zhen-install-", ".zhen-remove-")


@dataclass(frozen=True)
class Package:
    """One installed package folder and what its metadata.json says."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    code: str = ""  # e.g. "translate-zh_en"; older packages leave it out
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """The folder name, which is what `zhen models remove` takes."""
        return self.path.name

    @property
    def label(self) -> str:
        """Names the model in reports and keys the translation memory: "translate-zh_en-1.9"."""
        return f"{self.code or f'translate-{self.from_code}_{self.to_code}'}-{self.package_version}"

    @property
    def size(self) -> int:
        """Bytes on disk, every file under the folder."""
        return sum(item.stat().st_size for item in self.path.rglob("*") if item.is_file())

    @classmethod
    def from_metadata(cls, path: Path, metadata: dict) -> Package:
        return cls(
            path=path,
            from_code=metadata["from_code"],
            to_code=metadata["to_code"],
            package_version=metadata["package_version"],
            from_name=metadata.get("from_name", ""),
            to_name=metadata.get("to_name", ""),
            argos_version=metadata.get("argos_version", ""),
            code=metadata.get("code", ""),
            target_prefix=metadata.get("target_prefix", ""),
        )


def read_package(folder: Path) -> Package:
    """The package in an installed folder; ModelError if its metadata.json is missing or wrong
    (checked as strictly as at install: argospm or an older zhen may have put it there)."""
    metadata_path = folder / "metadata.json"
    try:
        if metadata_path.stat().st_size > MAX_METADATA_BYTES:
            raise ModelError(f"metadata.json is more than {MAX_METADATA_BYTES:,} bytes", folder)
        data = metadata_path.read_bytes()
    except FileNotFoundError:
        raise ModelError("no metadata.json: not an Argos package", folder) from None
    except OSError as error:
        raise ModelError(f"metadata.json cannot be read ({error.strerror})", folder) from None
    try:
        return Package.from_metadata(folder, parse_metadata(data, "metadata.json"))
    except ModelError as error:
        raise ModelError(error.problem, folder) from None


def list_packages(directory: Path | None = None) -> list[Package]:
    """Every readable package folder, sorted by language pair then version; others are skipped."""
    directory = paths.argos_packages_dir() if directory is None else directory
    if not directory.is_dir():
        return []
    found = []
    for folder in directory.iterdir():
        if folder.is_dir():
            with contextlib.suppress(ModelError):
                found.append(read_package(folder))
    return sorted(
        found, key=lambda p: (p.from_code, p.to_code, version_key(p.package_version), p.name)
    )


def find_package(from_code: str, to_code: str, directory: Path | None = None) -> Package | None:
    """The newest installed package that translates `from_code` → `to_code`, or None."""
    matching = [
        p for p in list_packages(directory) if (p.from_code, p.to_code) == (from_code, to_code)
    ]
    return matching[-1] if matching else None


def _same_package(installed: Path, metadata: dict) -> bool:
    try:
        existing = read_package(installed)
    except ModelError:
        return False
    incoming = Package.from_metadata(installed, metadata)
    return (existing.from_code, existing.to_code, existing.package_version, existing.code) == (
        incoming.from_code,
        incoming.to_code,
        incoming.package_version,
        incoming.code,
    )


def install_package(
    archive_path: Path,
    *,
    force: bool = False,
    directory: Path | None = None,
    max_total_bytes: int = MAX_TOTAL_BYTES,
) -> Package:
    """Validate an `.argosmodel`, extract it beside the packages dir, then rename it into place.

    A refused or failed install leaves the packages directory exactly as it was. Re-installing
    the same package (same pair, code and version) replaces it; a different package in the
    target folder is replaced only with `force`.
    """
    directory = paths.argos_packages_dir() if directory is None else directory
    archive_path = Path(archive_path)
    try:
        if archive_path.is_dir():
            raise ModelError("is a folder, not an .argosmodel file", archive_path)
        if archive_path.stat().st_size == 0:
            raise ModelError("is an empty file, not an .argosmodel zip archive", archive_path)
        if not zipfile.is_zipfile(archive_path):
            raise ModelError("is not a zip archive (an .argosmodel is a zip file)", archive_path)
        with zipfile.ZipFile(archive_path) as archive:
            try:
                contents = read_archive(archive, max_total_bytes=max_total_bytes)
            except ModelError as error:
                raise ModelError(error.problem, archive_path) from None
            return _extract_into_place(archive, archive_path, contents, directory, force)
    except FileNotFoundError:
        raise ModelError("no such file", archive_path) from None
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        raise ModelError(f"cannot be installed ({error})", archive_path) from None


def _extract_into_place(
    archive, archive_path: Path, contents, directory: Path, force: bool
) -> Package:
    target = directory / contents.folder
    directory.parent.mkdir(parents=True, exist_ok=True)
    with _packages_lock(directory):
        if target.exists() and not force and not _same_package(target, contents.metadata):
            raise ModelError(
                f"{shown(str(target))} holds a different package; use --force to replace it",
                archive_path,
            )
        scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIXES[0], dir=directory.parent))
        try:
            extracted = extract(archive, contents, scratch)
            problems = verify_package(Package.from_metadata(extracted, contents.metadata))
            if problems:
                raise ModelError(f"does not load, not installed: {'; '.join(problems)}",
                                 archive_path)
            directory.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.rename(scratch / "replaced")
            extracted.rename(target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return read_package(target)


@contextlib.contextmanager
def _packages_lock(directory: Path):
    """Installs and removals one at a time; the holder clears the scratch folders that killed
    installs and removals left (a 1.2 GB half-extracted model, say): none is in use."""
    with locked(directory.parent / "zhen-packages"):
        for entry in directory.parent.iterdir():
            if entry.name.startswith(SCRATCH_PREFIXES) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
        yield


def resolve_package(name: str, directory: Path | None = None) -> Package:
    """A package by folder name, code ("translate-zh_en") or pair ("zh-en", "zh_en")."""
    installed = list_packages(directory)
    pair = re.fullmatch(r"([a-z]{2,3})[-_]([a-z]{2,3})", name)
    matches = [
        p
        for p in installed
        if name in (p.name, p.code, p.label) or (pair and (p.from_code, p.to_code) == pair.groups())
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ModelError(f"no installed package named {name!r} (see `zhen models list`)")
    raise ModelError(
        f"{name!r} names {len(matches)} packages: "
        + ", ".join(p.name for p in matches)
        + "; give the folder name"
    )


def remove_package(name: str, directory: Path | None = None) -> Package | Path:
    """Delete an installed package folder; renamed aside first so a crash leaves no half package.

    A folder whose metadata zhen refuses is removed by its folder name (the Path is returned):
    one broken package must never need deleting by hand."""
    directory = paths.argos_packages_dir() if directory is None else directory
    try:
        package: Package | Path = resolve_package(name, directory)
    except ModelError:
        folder = directory / name
        if Path(name).name != name or name in (".", "..") or not folder.is_dir():
            raise
        try:
            read_package(folder)
        except ModelError:
            package = folder  # broken: removed by its folder name
        else:
            raise
    path = package if isinstance(package, Path) else package.path
    with _packages_lock(directory):
        trash = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIXES[1], dir=directory.parent))
        path.rename(trash / path.name)
        shutil.rmtree(trash, ignore_errors=True)
    return package


def broken_folders(directory: Path | None = None) -> list[tuple[Path, str]]:
    """Folders of the packages directory that are no package zhen can use, with the reason."""
    directory = paths.argos_packages_dir() if directory is None else directory
    broken = []
    for folder in sorted(directory.iterdir()) if directory.is_dir() else []:
        if folder.is_dir():
            try:
                read_package(folder)
            except ModelError as error:
                broken.append((folder, error.problem))
    return broken


def verify_package(package: Package) -> list[str]:
    """Problems that would stop the engine loading this package; empty when it loads."""
    return load_problems(package.path)


@dataclass(frozen=True)
class FolderCheck:
    """The outcome of verifying one folder of the packages directory."""

    path: Path
    package: Package | None
    problems: tuple[str, ...]


def verify_packages(name: str | None = None, directory: Path | None = None) -> list[FolderCheck]:
    """Verify one package, or every folder in the packages directory (stray folders included)."""
    if name is not None:
        package = resolve_package(name, directory)
        return [FolderCheck(package.path, package, tuple(verify_package(package)))]
    directory = paths.argos_packages_dir() if directory is None else directory
    checks = []
    for folder in sorted(directory.iterdir()) if directory.is_dir() else []:
        if not folder.is_dir():
            checks.append(FolderCheck(folder, None, ("a stray file: argostranslate ignores it",)))
            continue
        try:
            package = read_package(folder)
        except ModelError as error:
            checks.append(FolderCheck(folder, None, (error.problem,)))
            continue
        checks.append(FolderCheck(folder, package, tuple(verify_package(package))))
    return checks


def install_from_index(from_code: str, to_code: str, *, force: bool = False) -> Package:
    """Download the pair's newest package from the Argos index, then install it like a file.

    Offline, the error names the index and says to fetch the file by hand for
    `zhen models install`.
    """
    wanted = f"translate-{from_code}_{to_code}-<version>.argosmodel"
    entry = newest(read_index(wanted=wanted), from_code, to_code)
    with downloaded(entry, MAX_TOTAL_BYTES) as archive:
        return install_package(archive, force=force)
