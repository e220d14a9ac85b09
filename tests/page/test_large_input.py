"""A 50 MB single-line page: a correct result, no traceback, and memory that stays bounded.

Figures measured here are recorded in docs/performance.md (section "zhen separate").
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import STARTING_PAGE

SIZE = 50 * 1024 * 1024

# Runs one command and prints the peak RSS (KiB) of that child alone: RUSAGE_CHILDREN of the
# test process would also count every other child the test session started.
PEAK_RSS = """
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    code = subprocess.run(sys.argv[2:], stdout=out).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _one_line_page(path) -> str:
    """English paragraphs from the starting page with a Chinese name and term every ~1.5 kB."""
    english = " ".join(
        line
        for line in STARTING_PAGE.read_text(encoding="utf-8").splitlines()
        if line.isascii() and line.strip()
    )
    unit = f"{english[:1500]} Editor: 林雨晨 {english[1500:3000]} 新质生产力 "
    text = unit * (SIZE // len(unit.encode()) + 1)
    data = text.encode()[:SIZE].decode("utf-8", "ignore")
    path.write_text(data, encoding="utf-8")
    return data


def _peak_rss_kib(command, output, env) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, str(output), *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code, peak = result.stdout.split()
    return int(code), int(peak)


@pytest.mark.slow
def test_50_mb_single_line_page_is_separated_with_bounded_memory(
    tmp_path, subprocess_env, zhen_command
):
    page = tmp_path / "one-line.txt"
    text = _one_line_page(page)
    size = page.stat().st_size
    small_code, small_peak = _peak_rss_kib(
        [*zhen_command, "separate", str(STARTING_PAGE), "--output-format", "json"],
        tmp_path / "small.json",
        subprocess_env,
    )
    code, peak = _peak_rss_kib(
        [*zhen_command, "separate", str(page), "--output-format", "json"],
        tmp_path / "big.json",
        subprocess_env,
    )
    assert (small_code, code) == (0, 0)
    growth = (peak - small_peak) * 1024
    print(
        f"\npeak RSS: {small_peak // 1024} MiB on the starting page, "
        f"{peak // 1024} MiB on {size >> 20} MiB; growth {growth / size:.1f}x the file size"
    )
    assert growth < 6 * size

    output = tmp_path / "big.json"
    with open(output, encoding="utf-8") as stream:
        head = stream.read(4096)
        stream.seek(0, 2)
        stream.seek(stream.tell() - 64)
        tail = stream.read()
    assert head.startswith('{"schema_version": 1, "kind": "separate", "page": {')
    assert f'"length": {len(text)}' in head
    assert tail.endswith("\n]}}\n")
    assert _count_in_file(output, '"romanized": "Lin Yuchen"') == text.count("林雨晨")


def _count_in_file(path, needle: str) -> int:
    """Occurrences of `needle`, read a megabyte at a time (chunks overlap by len(needle) - 1)."""
    count, carry = 0, ""
    with open(path, encoding="utf-8") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), ""):
            window = carry + chunk
            count += window.count(needle)
            carry = window[-(len(needle) - 1) :]
    return count


def test_streamed_json_equals_the_record_document():
    from zhen.page.reader import read_page
    from zhen.render.records import separate_document
    from zhen.render.separation import write_json

    page = read_page(STARTING_PAGE)
    chunks: list[str] = []
    write_json(page, chunks.append)
    assert json.loads("".join(chunks)) == separate_document(page)


@pytest.mark.parametrize("writer", ["write_json", "write_text", "write_tsv"])
def test_a_page_written_block_by_block_as_read_equals_the_page_read_whole(writer):
    """`zhen separate` writes each block as `open_page` builds it, never holding the page's
    blocks: the output is the one the whole page gives."""
    from zhen.page.reader import open_page, read_page
    from zhen.render import separation

    write = getattr(separation, writer)
    for path in (STARTING_PAGE, STARTING_PAGE.with_name("xinhua-style-new-quality-forces.html")):
        whole: list[str] = []
        write(read_page(path), whole.append)
        page, blocks = open_page(path)
        assert page.blocks == ()
        streamed: list[str] = []
        write(page, streamed.append, blocks)
        assert "".join(streamed) == "".join(whole)


@pytest.mark.slow
@pytest.mark.parametrize("command", [["separate", "--output-format", "json"],
                                     ["check", "--fail-on", "never"]],
                         ids=["separate", "check"])
def test_a_page_of_many_lines_is_read_block_by_block_with_bounded_memory(
    tmp_path, subprocess_env, zhen_command, command
):
    """Issue 16: memory grew ~55 times a page's size (separate, 50 MB: 2.85 GB; check: 5.1 GB).
    Read block by block, each further megabyte of real lines costs less than 10 MB (the page's
    bytes while they are decoded, its text, the results); fixed costs (the dictionary, loaded as
    characters turn up) are left out by comparing a 3 MB and a 9 MB page."""
    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from large_pages import mixed_text_page

    name, *options = command
    subprocess.run([*zhen_command, name, str(STARTING_PAGE), *options], env=subprocess_env,
                   capture_output=True, check=True)  # caches built outside the measurement
    peaks, sizes = [], []
    for megabytes in (3, 9):
        page = mixed_text_page(tmp_path / f"mixed-{megabytes}.txt", megabytes)
        code, peak = _peak_rss_kib([*zhen_command, name, str(page), *options],
                                   tmp_path / "out", subprocess_env)
        assert code == 0
        peaks.append(peak * 1024)
        sizes.append(page.stat().st_size)
    slope = (peaks[1] - peaks[0]) / (sizes[1] - sizes[0])
    print(f"\n{name}: peak RSS {peaks[0] >> 20} MiB on 3 MB, {peaks[1] >> 20} MiB on 9 MB: "
          f"{slope:.1f} bytes for each further byte of page")
    assert slope < 10
