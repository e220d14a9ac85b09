"""A page report as terminal text, Markdown, JSON and HTML: content, alignment, escaping."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from conftest import EXAMPLES, STARTING_PAGE
from zhen.pipeline import run_page
from zhen.render.report import render_report as render
from zhen.render.report_html_style import SCRIPT
from zhen.render.report_parts import term_concepts
from zhen.render.report_text import text_report
from zhen.render.translated import translated_page

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
    assert rows[0] == "| Line | Role | Lang | Original | English | Findings |"
    for row in rows[1:]:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7, row  # escaped pipes stay in their cell
    assert "Headline \\| with \\*stars\\* and \\<b\\>tags\\</b\\>" in table
    assert "\\<script\\>" in table and "<script>" not in markdown
    editor = next(row for row in rows if row.startswith("| 7 |"))
    assert editor.endswith("| Editor: **林雨晨** \"quoted\" & \\<i\\>more\\</i\\> "
                           "| **Editor: Lin Yuchen \"quoted\" & \\<i\\>more\\</i\\>** |  |")


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


def test_json_written_piece_by_piece_is_the_document_dumped_whole(report, tmp_path):
    """zhen page streams its JSON (a 3.3 MB page's document as one string cost ~1 GB more): the
    bytes are those of json.dumps with the same indent."""
    from click.testing import CliRunner

    from zhen.cli import main
    from zhen.render.report_json import page_document

    result = CliRunner().invoke(main, ["page", str(STARTING_PAGE), "--output-format", "json",
                                       "-o", str(tmp_path / "page.json")])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "page.json").read_text(encoding="utf-8"))
    written["summary"]["seconds"] = report.summary.seconds  # the one field that differs per run
    assert json.dumps(written, ensure_ascii=False, indent=2) + "\n" == \
        json.dumps(page_document(report), ensure_ascii=False, indent=2) + "\n" == \
        render(report, "json")
    assert (tmp_path / "page.json").read_text(encoding="utf-8").count("\n") == \
        render(report, "json").count("\n")


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
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # zhen's own copy script
    assert markup.count(f"<script>{SCRIPT}</script>") == 1
    assert not any(tag in ("b", "i", "div") for tag, _ in parsed.tags)
    text = "".join(parsed.text)
    assert "<script>document.body.insertAdjacentHTML(" in text
    assert 'Editor: 林雨晨 "quoted" & <i>more</i>' in text


def test_html_report_makes_no_outside_request(report):
    parsed = Elements(render(report, "html"))
    assert not [tag for tag, _ in parsed.tags if tag in {"link", "img", "iframe"}]
    assert [attrs for tag, attrs in parsed.tags if tag == "script"] == [{}]  # inline, no src
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links and all(link.startswith("#") for link in links)
    assert not any("src" in attrs for _, attrs in parsed.tags)
    [policy] = [a["content"] for t, a in parsed.tags if a.get("http-equiv") ==
                "Content-Security-Policy"]
    assert policy.startswith("default-src 'none'")
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy  # zhen's script, and no other, may run


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


@pytest.fixture(scope="module")
def example():
    return run_page(EXAMPLES / "xinhua-style-new-quality-forces.html")


def test_html_report_shows_each_finding_on_its_row_with_severity_and_fix(example):
    markup = render(example, "html")
    parsed = Elements(markup)
    marked = [attrs["id"] for tag, attrs in parsed.tags
              if tag == "tr" and "has-findings" in attrs.get("class", "").split()]
    holding = [next(block.index for block in example.page.blocks
                    if block.start <= finding.start < block.end) for finding in example.findings]
    assert len(marked) >= 2  # the page has findings in more than one block
    assert marked == [f"b{index}" for index in dict.fromkeys(holding)]
    rows = {row_id: markup.split(f'<tr id="{row_id}"')[1].split("</tr>")[0] for row_id in marked}
    for row_id, row in rows.items():
        assert row.count('<li id="f') == holding.count(int(row_id[1:]))
    assert any('<span class="severity info">info</span> <code>ZH002</code>' in row
               for row in rows.values())


def test_html_report_rows_carry_what_the_filters_and_counts_need(example):
    markup = render(example, "html")
    parsed = Elements(markup)
    rows = [attrs["class"].split() for tag, attrs in parsed.tags
            if tag == "tr" and attrs.get("id", "").startswith("b")]
    changed = sum("changed" in classes for classes in rows)
    assert changed == len({item.block for item in example.translations})
    assert sum("unchanged" in classes for classes in rows) == len(rows) - changed
    assert f"Chinese and changed ({changed})" in markup
    with_findings = sum("has-findings" in classes for classes in rows)
    holding = {block.index for finding in example.findings for block in example.page.blocks
               if block.start <= finding.start < block.end}
    assert with_findings == len(holding) >= 2
    assert f"All rows ({len(rows)})" in markup
    assert f"With findings ({with_findings})" in markup
    [meta] = [attrs["content"] for tag, attrs in parsed.tags
              if attrs.get("name") == "zhen-counts"]
    assert meta.startswith(f"blocks={len(rows)} changed={changed} with_findings={with_findings} ")
    assert 'id="all-english"' in markup and 'data-copy="all"' in markup


def test_html_report_names_fonts_with_chinese_characters(example):
    markup = render(example, "html")
    for font in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
                 "Noto Sans CJK TC", "Microsoft JhengHei"):
        assert f'"{font}"' in markup


def test_a_capital_alone_is_no_term_correction(example):
    # "Premier Li Qiang": the glossary writes "premier"; a title before a name is capitalized
    rows = [written for _, _, written in term_concepts(example)]
    assert "Premier" in rows
    assert not any(row.startswith("Premier →") for row in rows)


def test_english_the_page_gives_before_its_chinese_is_not_said_twice(example):
    # "… new quality productive forces (新质生产力) in line with local conditions …"
    for output in ("text", "markdown", "html"):
        shown = render(example, output)
        assert "productive forces (new quality productive forces)" not in shown
        assert "development of new quality productive forces in line with" in shown
    page = translated_page(example)
    assert "productive forces (" not in page and "(新质生产力)" not in page


def test_a_text_page_glossing_its_chinese_is_not_said_twice(tmp_path):
    line = ("BEIJING, March 11 (Xinhua) -- China will speed up the development of new quality "
            "productive forces (新质生产力) in line with local conditions, Premier Li Qiang said.")
    page = tmp_path / "page.txt"
    page.write_text(line + "\n", encoding="utf-8")
    assert translated_page(run_page(page)) == line.replace(" (新质生产力)", "") + "\n"
