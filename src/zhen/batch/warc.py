"""WARC files as batch inputs: the HTML and text responses a web crawl holds, one page each.

A `.warc` or `.warc.gz` file (read with warcio, an optional extra: `pip install 'zhen[warc]'`)
gives one page per `response` or `resource` record whose Content-Type is HTML, XHTML or plain
text; other records (requests, metadata, images, scripts) are left out. A record's outputs are
named from its URI and its WARC-Record-ID, under the archive's name:

    crawl.warc.gz → crawl.warc.gz/www.news.cn/politics/2024-04/c_1130.htm~3f2a9c01b7e4.html.json

so they are stable from run to run (resume works) and two captures of one URI do not collide.
The summary names a record `crawl.warc.gz#<urn:uuid:…>`; its report names the page by its URI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from zhen.errors import InputError

#: Content types read as pages, and the format each is read as.
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_FORMAT_SUFFIX = {"html": ".html", "text": ".txt"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._~+=,@-]+")
_LONGEST_PART = 80  # characters of one folder or file name taken from a URI


@dataclass(frozen=True)
class Record:
    """A page inside an archive: where its record starts, its URI and id, how to read it."""

    offset: int
    uri: str
    record_id: str
    format: str  # "html" or "text"

    def relative_name(self) -> PurePosixPath:
        """Where its outputs go, under the archive's folder in the output folder."""
        return PurePosixPath(*_uri_parts(self.uri, self.record_id, self.format))


def _warcio(path: str):
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError("reading WARC files needs warcio: pip install 'zhen[warc]'",
                         path) from None
    return ArchiveIterator


def records(path: str) -> Iterator[Record]:
    """The page records of the archive at `path`, in order; raises InputError naming it."""
    archive_iterator = _warcio(path)
    try:
        with open(path, "rb") as stream:
            iterator = archive_iterator(stream)
            for record in iterator:
                page_format = _page_format(record)
                if page_format is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
                yield Record(iterator.get_record_offset(), uri, record_id, page_format)
    except OSError as error:
        raise InputError(error.strerror or "cannot be read", path) from None
    except Exception as error:  # warcio's errors for a damaged archive have no common base
        raise InputError(f"not a readable WARC file: {_readable(error)}", path) from None


def read_record(path: str, offset: int) -> bytes:
    """The body of the record that starts at `offset` (HTTP headers and chunking removed)."""
    archive_iterator = _warcio(path)
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            record = next(iter(archive_iterator(stream)))
            return record.content_stream().read()
    except OSError as error:
        raise InputError(error.strerror or "cannot be read", path) from None
    except Exception as error:
        raise InputError(f"record at byte {offset} cannot be read: {_readable(error)}",
                         path) from None


def _readable(error: Exception) -> str:
    """warcio's message in one short printable line (it may quote the damaged bytes)."""
    text = "".join(c if c.isprintable() else "?" for c in str(error) or type(error).__name__)
    return text if len(text) <= 100 else text[:99] + "…"


def _page_format(record) -> str | None:
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response" and record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return PAGE_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def _uri_parts(uri: str, record_id: str, page_format: str) -> list[str]:
    """host / path folders / last part~id.suffix, each part made safe for a file name."""
    parts = urlsplit(uri)
    folders = [parts.hostname or "no-host", *[part for part in parts.path.split("/") if part]]
    if parts.path.endswith("/") or len(folders) == 1:
        folders.append("index")
    if parts.query:
        folders[-1] += "_" + parts.query
    safe = [_UNSAFE.sub("_", part).strip("._")[:_LONGEST_PART] or "_" for part in folders]
    short_id = _UNSAFE.sub("", record_id.rsplit(":", 1)[-1]).replace("-", "")[:12] or "noid"
    safe[-1] = f"{safe[-1]}~{short_id}{_FORMAT_SUFFIX[page_format]}"
    return safe
