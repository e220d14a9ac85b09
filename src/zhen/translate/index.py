"""The Argos package index, read by zhen itself: argostranslate (and its torch stack) not needed.

The index is the JSON list argospm reads (`$ARGOS_PACKAGE_INDEX` + `index.json`, default the
argospm-index repository): one object per package with `from_code`, `to_code`,
`package_version` and `links`. zhen takes the newest package of a pair, downloads it from its
first link that answers into a temporary file beside the packages folder, and installs it like a
local file (validated before anything is put in place). http, https and file URLs are read, so
an offline mirror works too. When the `zhen[argos]` extra is installed, argostranslate reads the
same index and sees the same packages folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from zhen import __version__
from zhen.errors import ModelError
from zhen.translate.archive import validate_metadata

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_URL_HINT = "https://www.argosopentech.com/argospm/index/"
_MAX_INDEX_BYTES = 16 * 1024 * 1024
_SCHEMES = ("http", "https", "file")
_TIMEOUT = 60


@dataclass(frozen=True)
class IndexEntry:
    from_code: str
    to_code: str
    package_version: str
    links: tuple[str, ...]
    code: str = ""

    @property
    def file_name(self) -> str:
        """What argospm calls the download: translate-zh_en-1_9.argosmodel."""
        code = self.code or f"translate-{self.from_code}_{self.to_code}"
        return f"{code}-{self.package_version.replace('.', '_')}.argosmodel"


def index_url() -> str:
    """argostranslate's own setting: ARGOS_PACKAGE_INDEX (a folder URL) + index.json."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def read_index(url: str | None = None, wanted: str = "the .argosmodel file") -> list[IndexEntry]:
    """Every well-formed translation package the index lists; ModelError when it cannot be read
    (saying to fetch `wanted` by hand)."""
    url = url or index_url()
    try:
        data = _fetch(url, _MAX_INDEX_BYTES)
    except (OSError, ValueError) as error:
        raise ModelError(
            f"cannot reach the Argos package index {url} ({_reason(error)}); offline, download "
            f"{wanted} (listed at {INDEX_URL_HINT}) on a connected machine and run "
            "`zhen models install FILE`"
        ) from None
    try:
        listed = json.loads(data)
    except RecursionError:
        raise ModelError(f"the Argos package index {url} is nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as error:  # ValueError: also a 5,000-digit number
        problem = str(error).splitlines()[0][:120]
        raise ModelError(f"the Argos package index {url} is not JSON ({problem})") from None
    if not isinstance(listed, list):
        raise ModelError(f"the Argos package index {url} is not a list of packages")
    return list(_entries(listed))


def _entries(listed: list) -> Iterator[IndexEntry]:
    """The entries whose fields have the shapes an installed package's must have (a version
    like 1.9, codes like zh): a hostile index can neither crash the version sort nor name a
    download `../../x`."""
    for item in listed:
        if not isinstance(item, dict) or item.get("type", "translate") != "translate":
            continue
        try:
            validate_metadata(item, "index entry")
        except ModelError:
            continue
        fields = [item.get(key) for key in ("from_code", "to_code", "package_version")]
        links = item.get("links")
        if not all(isinstance(value, str) and value for value in fields):
            continue
        if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
            continue
        code = item.get("code") if isinstance(item.get("code"), str) else ""
        yield IndexEntry(*fields, links=tuple(links), code=code)


def newest(entries: list[IndexEntry], from_code: str, to_code: str) -> IndexEntry:
    matching = [e for e in entries if (e.from_code, e.to_code) == (from_code, to_code)]
    if not matching:
        raise ModelError(f"the Argos package index has no {from_code}→{to_code} package")
    return max(matching, key=lambda entry: version_key(entry.package_version))


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(number) for number in re.findall(r"\d+", version))


def download(entry: IndexEntry, folder: Path, max_bytes: int) -> Path:
    """The package file, fetched from the first of its links that answers, into `folder`."""
    problems = []
    for link in entry.links:
        target = folder / entry.file_name
        try:
            with _open(link) as response, target.open("wb") as stream:
                _copy_limited(response, stream, max_bytes)
            return target
        except (OSError, ValueError) as error:
            target.unlink(missing_ok=True)
            problems.append(f"{link}: {_reason(error)}")
    shown = "; ".join(problems) or "the index lists no link"
    raise ModelError(f"cannot download {entry.file_name} ({shown}); fetch it on a connected "
                     "machine and run `zhen models install FILE`")


@contextlib.contextmanager
def downloaded(entry: IndexEntry, max_bytes: int) -> Iterator[Path]:
    """The package downloaded into a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="zhen-download-") as folder:
        yield download(entry, Path(folder), max_bytes)


def _open(url: str):
    import urllib.request  # here, not at the top: http, email and ssl cost every zhen page ~25 ms

    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in _SCHEMES:
        raise ValueError(f"unsupported URL scheme {scheme or '(none)'!r}")
    request = urllib.request.Request(url, headers={"User-Agent": f"zhen/{__version__}"})
    return urllib.request.urlopen(request, timeout=_TIMEOUT)


def _fetch(url: str, max_bytes: int) -> bytes:
    with _open(url) as response:
        data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"larger than {max_bytes:,} bytes")
    return data


def _copy_limited(response, stream, max_bytes: int) -> None:
    total = 0
    while chunk := response.read(1 << 20):
        total += len(chunk)
        if total > max_bytes:
            raise ValueError(f"larger than {max_bytes:,} bytes")
        stream.write(chunk)


def _reason(error: Exception) -> str:
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return getattr(error, "strerror", None) or str(error)
