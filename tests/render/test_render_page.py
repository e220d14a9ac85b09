"""A page report as terminal text, Markdown, JSON and HTML: content, alignment, escaping."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import STARTING_PAGE
from zhen.pipeline import run_page
from zhen.render.report import render_report as render
from zhen.render.report_text import text_report

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = (
    "Headline | with *stars* and <b>tags</b>\n\n"
    "Body text with a pipe | and a [link](http://example.com).\n\n"
    "<script>document.body.insertAdjacentHTML('beforeend', '<div id=\"pwned\"></div>')</script>\n\n"
    'Editor: 林雨晨 "quoted" & <i>more</i>\n\n'
    "继续浏览\n"
)


@pytest.fixture(scope="module")
def report():
    return run_page(STARTING_PAGE)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    page = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    return run_page(page)


def test_text_report_lists_blocks_translations_terms_findings_and_summary(report):
    text = render(report, "text")
    assert not ANSI.search(text)
    lines = text.splitlines()
    assert lines[1].startswith("engine: fallback — built-in fallback")
    editor = lines.index(next(line for line in lines if line.startswith("57:1 ")))
    assert lines[editor].split() == ["57:1", "byline", "mixed", "Editor:", "林雨晨"]
    assert lines[editor + 1].split() == ["words", "林雨晨/nr=Lin", "Yuchen"]
    assert lines[editor + 2].split("  [")[0].split(maxsplit=2) == ["→", "en", "Editor: Lin Yuchen"]
    assert "→ en    Continue browsing  [fallback]" in text
    assert re.search(r"^TERMS \(\d+ found, \d+ concepts\)$", text, re.M)
    assert "FINDINGS (0 errors, 0 warnings, 20 info)" in text
    assert re.search(r"^  findings +0 errors, 0 warnings, 20 info$", text, re.M)
    assert re.search(r"^  time +\d+\.\d\d s$", text, re.M)


def test_text_report_columns_are_aligned(report):
    rows = [line for line in render(report, "text").splitlines() if re.match(r"\d+:\d+ ", line)]
    assert len(rows) == len(report.page.blocks)
    for row in rows:
        assert row[9] == " " and row[10] != " "  # the role column starts at 11
        assert row[22:30].rstrip() in {"en", "zh", "mixed", "neutral"}


def test_colored_text_report_is_the_plain_one_plus_styles(report):
    colored = text_report(report, color=True)
    assert ANSI.search(colored)
    assert ANSI.sub("", colored) == text_report(report, color=False)


def test_markdown_side_by_side_table_escapes_page_text(hostile):
    markdown = render(hostile, "markdown")
    table = markdown.split("## Page, side by side")[1].split("## Chinese segments")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Line | Role | Lang | Original | English |"
    for row in rows[1:]:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row  # escaped pipes stay in their cell
    assert "Headline \\| with \\*stars\\* and \\<b\\>tags\\</b\\>" in table
    assert "\\<script\\>" in table and "<script>" not in markdown
    editor = next(row for row in rows if row.startswith("| 7 |"))
    assert editor.endswith("| Editor: **林雨晨** \"quoted\" & \\<i\\>more\\</i\\> "
                           "| **Editor: Lin Yuchen \"quoted\" & \\<i\\>more\\</i\\>** |")


def test_markdown_lists_chinese_segments_with_words_and_engine(report):
    markdown = render(report, "markdown")
    assert "| 57:9 | byline | 林雨晨 | 林雨晨/nr=Lin Yuchen | Lin Yuchen | romanized |" in markdown
    assert "| 81:1 | notice | 继续浏览 | 继续/v 浏览/v | Continue browsing | fallback |" in markdown
    assert "## Findings (0 errors, 0 warnings, 20 info)" in markdown


def test_json_document_holds_every_part(report):
    document = json.loads(render(report, "json"))
    assert (document["kind"], document["schema_version"], document["engine"]) == (
        "page", 1, "fallback")
    editor = document["translations"][0]
    assert (editor["source"], editor["target"], editor["role"], editor["line"]) == (
        "林雨晨", "Lin Yuchen", "byline", 57)
    assert document["summary"]["findings_by_severity"] == {"error": 0, "warning": 0, "info": 20}
    assert len(document["terms"]) == document["summary"]["terms"]
    assert len(document["page"]["blocks"]) == 41


class Elements(HTMLParser):
    """Start tags with their attributes, and the text outside tags."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_escapes_all_page_text(hostile):
    markup = render(hostile, "html")
    parsed = Elements(markup)
    assert [tag for tag, _ in parsed.tags].count("script") == 0
    assert not any(tag in ("b", "i", "div") for tag, _ in parsed.tags)
    text = "".join(parsed.text)
    assert "<script>document.body.insertAdjacentHTML(" in text
    assert 'Editor: 林雨晨 "quoted" & <i>more</i>' in text


def test_html_report_makes_no_outside_request(report):
    parsed = Elements(render(report, "html"))
    assert not [tag for tag, _ in parsed.tags if tag in {"script", "link", "img", "iframe"}]
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links and all(link.startswith("#") for link in links)
    assert not any("src" in attrs for _, attrs in parsed.tags)
    [policy] = [a["content"] for t, a in parsed.tags if a.get("http-equiv") ==
                "Content-Security-Policy"]
    assert policy.startswith("default-src 'none'")


def test_html_report_highlights_chinese_by_role_and_explains_terms(report):
    parsed = Elements(render(report, "html"))
    chinese = [attrs for tag, attrs in parsed.tags if "zh" in (attrs.get("class") or "").split()]
    assert [attrs["data-role"] for attrs in chinese] == ["byline"] + ["notice"] * 6
    assert chinese[0]["class"] == "zh role-byline" and chinese[0]["lang"] == "zh"
    assert chinese[1]["lang"] == "zh-Hans"
    terms = [attrs for tag, attrs in parsed.tags if (attrs.get("class") or "").startswith("term")]
    belt = next(a for a in terms if a["data-concept"] == "belt-and-road-initiative")
    assert belt["title"] == "approved: Belt and Road Initiative"
    corridor = next(a for a in terms
                    if a["data-concept"] == "new-international-land-sea-trade-corridor")
    assert corridor["title"] == ("approved: New International Land-Sea Trade Corridor "
                                 "(this form: admitted)")


def test_html_findings_link_to_the_block_they_point_into(report):
    parsed = Elements(render(report, "html"))
    rows = {attrs["id"] for tag, attrs in parsed.tags if tag == "tr" and "id" in attrs}
    findings = [attrs["href"] for tag, attrs in parsed.tags
                if tag == "a" and attrs["href"].startswith("#b")]
    blocks = {block.line: block.index for block in report.page.blocks}
    expected = [f"#b{blocks[finding.line]}" for finding in report.findings]
    assert findings[-len(expected):] == expected
    assert {link[1:] for link in expected} <= rows
