"""`zhen batch --ray`: the same batch as Ray actors on a local Ray the tests start (2 CPUs); every
output file is the local batch's, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_pages import write_sample_pages

from warc_support import crawled_pages, write_warc
from zhen.cli import main

pytestmark = [pytest.mark.usefixtures("isolated_segmenter"), pytest.mark.slow]


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory):
    """Ray on this machine with 2 CPUs; its token goes to a temporary home, not the real one."""
    ray = pytest.importorskip("ray", reason="make test installs zhen[ray]")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("ray-home")))
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 logging_level="ERROR")
        yield ray
        ray.shutdown()


def batch(*args: str):
    return CliRunner().invoke(main, ["batch", *args])


def outputs(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*")
            if path.is_file() and path.name != "zhen-batch.jsonl"}


def summary(out: Path) -> dict[str, dict]:
    """The summary's lines by page, without the seconds each page took."""
    lines = (out / "zhen-batch.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return {record.pop("page"): record for record in records if record.pop("seconds") >= 0}


def run_both(inputs: list[str], tmp_path: Path, *options: str) -> tuple[Path, Path]:
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    result = batch(*inputs, "--output-dir", str(local), "--jobs", "2", *options)
    assert result.exit_code == 0, result.output
    result = batch(*inputs, "--output-dir", str(on_ray), "--ray", "auto", *options)
    assert result.exit_code == 0, result.output
    return local, on_ray


def test_fifty_pages_on_ray_write_the_local_batchs_files_byte_for_byte(local_ray, tmp_path):
    pages = tmp_path / "pages"
    write_sample_pages(pages, 50)
    local, on_ray = run_both([str(pages)], tmp_path, "--no-memory", "--output-format", "json",
                             "--output-format", "html", "--translated")
    written = outputs(local)
    assert len(written) == 50 * 3 + 1  # and the index of the HTML reports
    assert outputs(on_ray) == written
    assert summary(on_ray) == {page: dict(record, outputs=[
        path.replace(str(local), str(on_ray)) for path in record["outputs"]])
        for page, record in summary(local).items()}

    result = batch(str(pages), "--output-dir", str(on_ray), "--ray", "auto", "--no-memory",
                   "--output-format", "json", "--output-format", "html", "--translated")
    assert result.stdout.startswith("50 pages: 0 done, 50 skipped (up to date), 0 failed")


def test_a_warc_of_the_example_pages_on_ray_gives_the_local_files(local_ray, tmp_path):
    crawl = write_warc(tmp_path / "crawl.warc.gz", crawled_pages(real_pages=6))
    local, on_ray = run_both([str(crawl)], tmp_path, "--output-format", "json",
                             "--output-format", "markdown")
    written = outputs(local)
    assert len(written) == 8 * 2
    assert outputs(on_ray) == written


def test_a_page_that_cannot_be_read_fails_on_ray_as_it_does_locally(local_ray, tmp_path):
    pages = tmp_path / "pages"
    write_sample_pages(pages, 3)
    (pages / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    results = []
    for where in (["--jobs", "1"], ["--ray", "auto"]):
        result = batch(str(pages), "--output-dir", str(tmp_path / where[0]), *where)
        assert result.exit_code == 1
        results.append(sorted(line for line in result.stderr.splitlines()
                              if line.startswith("failed: ")))
    assert results[0] == results[1] == [
        f"failed: {pages / 'binary.txt'}: this is an executable, not a text or HTML page"]


def test_without_ray_installed_the_batch_says_how_to_get_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if not installed
    pages = tmp_path / "pages"
    write_sample_pages(pages, 1)
    result = batch(str(pages), "--output-dir", str(tmp_path / "out"), "--ray", "auto")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --ray needs Ray: pip install 'zhen[ray]'"
