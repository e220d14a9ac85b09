"""Which files are pages: the files a user names, and the page files inside folders.

`zhen check`, `zhen glossary suggest` and `zhen batch` all find pages here, so a folder means
the same files to each of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from zhen.errors import InputError

#: Files taken from a folder; a file named on the command line is read whatever its name.
PAGE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
#: Web archives (WARC), whose records `zhen batch` reads as pages.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")


def is_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def folder_entries(folder: Path, *, archives: bool = False) -> Iterator[tuple[Path, Path]]:
    """(entry, path relative to `folder`) of every entry under `folder` named like a page (or,
    with `archives`, like a WARC file), hidden ones left out, sorted; an unreadable entry too,
    so a caller can report it."""
    for entry in sorted(folder.rglob("*")):
        relative = entry.relative_to(folder)
        if (entry.suffix.lower() in PAGE_SUFFIXES or archives and is_archive(entry.name)) and \
                not any(part.startswith(".") for part in relative.parts):
            yield entry, relative


def folder_pages(folder: Path) -> list[str]:
    """A folder's page files, sorted."""
    return [str(entry) for entry, _ in folder_entries(folder) if entry.is_file()]


def page_files(sources: Sequence[str]) -> Iterator[str]:
    """Files as given ("-": standard input), and each folder's page files; a folder without
    page files is an error."""
    for source in sources:
        folder = Path(source)
        if source == "-" or not folder.is_dir():
            yield source
            continue
        found = folder_pages(folder)
        if not found:
            raise InputError(f"folder holds no page files ({', '.join(sorted(PAGE_SUFFIXES))})",
                             source)
        yield from found


def find_pages(inputs: Sequence[str], out_dir: Path, *,
               archives: bool = False) -> list[tuple[str, Path]]:
    """(page path, path relative to the output folder) for FILES as given and DIRs' pages.

    A folder contributes every page entry under it (the output folder left out) — an
    unreadable one too, so that it is reported, not ignored — and, with `archives`, its WARC
    files. Two pages that would write the same outputs are refused.
    """
    found: dict[Path, str] = {}
    out = out_dir.resolve()
    for given in inputs:
        folder = Path(given)
        if not folder.is_dir():
            _claim(found, Path(folder.name), given)
            continue
        for entry, relative in folder_entries(folder, archives=archives):
            if not _inside(entry, out):
                _claim(found, relative, str(entry))
    if not found:
        suffixes = sorted(PAGE_SUFFIXES) + (list(ARCHIVE_SUFFIXES) if archives else [])
        raise InputError("no pages found (page files end in " + ", ".join(suffixes) + ")",
                         ", ".join(inputs))
    return [(page, relative) for relative, page in found.items()]


def _claim(found: dict[Path, str], relative: Path, page: str) -> None:
    other = found.get(relative)
    if other is not None and other != page:
        raise InputError(f"{other} and {page} would write the same outputs; "
                         "run them in separate batches", page)
    found[relative] = page


def _inside(entry: Path, folder: Path) -> bool:
    try:
        entry.resolve().relative_to(folder)
    except (OSError, ValueError):
        return False
    return True
