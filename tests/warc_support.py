"""A WARC file made with warcio from stored pages, as a crawler writes one: for batch tests."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import EXAMPLES, ROOT

REAL_PAGES = ROOT / "tests" / "data" / "real-pages"
EXAMPLE_URIS = {
    "xinhua-western-region-2024-04-23.txt": "https://english.news.cn/20240423/western-region.txt",
    "xinhua-style-new-quality-forces.html": "https://www.news.cn/politics/2024-03/05/c_1130.htm",
}


def crawled_pages(real_pages: int = 6) -> list[tuple[str, Path]]:
    """(URI, file) for the example pages and the first stored real pages that have a URL."""
    pages = [(uri, EXAMPLES / name) for name, uri in EXAMPLE_URIS.items()]
    lines = (REAL_PAGES / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        name, url = line.split("\t")[:2]
        if url.startswith("http") and len(pages) < 2 + real_pages:
            pages.append((url, REAL_PAGES / name))
    return pages


def write_warc(path: Path, pages: list[tuple[str, Path]]) -> Path:
    """Each page as a request and its 200 response (text/html or text/plain by suffix), plus
    an image and a redirect that are not pages; gzipped when `path` ends in .gz."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for uri, file in pages:
            kind = "text/html" if file.suffix == ".html" else "text/plain"
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", f"{kind}; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(file.read_bytes()), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://www.news.cn/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"),
            http_headers=image))
        moved = StatusAndHeaders("301 Moved", [("Location", "https://www.news.cn/")],
                                 protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://news.cn/", "response", payload=io.BytesIO(b""), http_headers=moved))
    return path
