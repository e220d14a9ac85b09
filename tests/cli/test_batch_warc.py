"""`zhen batch` on WARC files: each HTML or text response of a crawl is a page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warc_support import crawled_pages, write_warc
from zhen.cli import main

pytestmark = pytest.mark.usefixtures("isolated_segmenter")


def batch(*args: str):
    return CliRunner().invoke(main, ["batch", *args])


def summary(out: Path) -> list[dict]:
    lines = (out / "zhen-batch.jsonl").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return [json.loads(line) for line in lines]


def test_each_html_or_text_response_is_a_page_named_from_its_uri_and_record_id(tmp_path):
    pages = crawled_pages(real_pages=4)
    crawl = write_warc(tmp_path / "crawl.warc.gz", pages)
    out = tmp_path / "out"
    result = batch(str(crawl), "--output-dir", str(out), "--jobs", "1", "--no-memory")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("6 pages: 6 done, 0 skipped")  # no request, image, redirect
    records = summary(out)
    assert all(r["page"].startswith(f"{crawl}#<urn:uuid:") for r in records)
    reports = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.json"))
    assert len(reports) == 6
    assert all(name.startswith("crawl.warc.gz/") for name in reports)
    first = next(name for name in reports if "/www.news.cn/" in name)
    assert first.startswith("crawl.warc.gz/www.news.cn/politics/2024-03/05/c_1130.htm~")
    assert first.endswith(".html.json")
    report = json.loads((out / first).read_text(encoding="utf-8"))
    assert report["page"]["source"] == "https://www.news.cn/politics/2024-03/05/c_1130.htm"
    assert report["page"]["format"] == "html"


def test_a_record_reads_as_the_same_page_read_from_its_file(tmp_path):
    uri, file = crawled_pages(real_pages=0)[0]
    crawl = write_warc(tmp_path / "one.warc", [(uri, file)])
    for source, out in ((crawl, tmp_path / "from-warc"), (file, tmp_path / "from-file")):
        assert batch(str(source), "--output-dir", str(out), "--no-memory").exit_code == 0
    from_warc = next((tmp_path / "from-warc").rglob("*.json")).read_text("utf-8")
    from_file = next((tmp_path / "from-file").glob("*.json")).read_text("utf-8")
    assert json.loads(from_warc)["page"]["source"] == uri
    assert from_warc.replace(json.dumps(uri), json.dumps(str(file))) == from_file


def test_a_second_run_skips_records_done_and_a_damaged_archive_fails_alone(tmp_path):
    crawl = write_warc(tmp_path / "crawl.warc.gz", crawled_pages(real_pages=1))
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(crawl.read_bytes()[:-200] + b"\x00" * 50)
    out = tmp_path / "out"
    assert batch(str(crawl), "--output-dir", str(out)).exit_code == 0
    result = batch(str(crawl), str(damaged), "--output-dir", str(out))
    assert result.exit_code == 1
    statuses = sorted((r["page"].split("#")[0], r["status"]) for r in summary(out))
    assert statuses[-1] == (str(damaged), "failed")
    assert statuses[:3] == [(str(crawl), "skipped")] * 3
    assert f"failed: {damaged}: not a readable WARC file" in result.stderr
    [line] = [line for line in result.stderr.splitlines() if str(damaged) in line]
    assert line.isprintable() and len(line) < len(str(damaged)) + 150


def test_without_warcio_an_archive_fails_saying_how_to_read_it(tmp_path, monkeypatch):
    import sys

    crawl = write_warc(tmp_path / "crawl.warc", crawled_pages(real_pages=0))
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    result = batch(str(crawl), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"failed: {crawl}: reading WARC files needs warcio: pip install 'zhen[warc]'" \
        in result.stderr
