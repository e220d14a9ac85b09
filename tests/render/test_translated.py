"""`--translated`: the page itself, its Chinese spans replaced, its lines or its markup kept."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, STARTING_PAGE
from zhen.pipeline import run_page
from zhen.render.translated import translated_bytes, translated_page

pytestmark = pytest.mark.usefixtures("isolated_segmenter")


def test_text_page_keeps_every_line_and_replaces_only_the_chinese():
    original = STARTING_PAGE.read_text(encoding="utf-8").split("\n")
    translated = translated_page(run_page(STARTING_PAGE)).split("\n")
    assert len(translated) == len(original)
    changed = {n: (a, b) for n, (a, b) in enumerate(zip(original, translated, strict=True), 1)
               if a != b}
    assert changed[57] == ("Editor: 林雨晨", "Editor: Lin Yuchen")
    assert changed[81] == ("继续浏览", "Continue browsing")
    assert sorted(changed) == [57, 71, 73, 75, 77, 79, 81]
    assert not re.search(r"[\u4e00-\u9fff]", "\n".join(translated))


def _page(tmp_path, markup: str, name: str = "page.html", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return run_page(path)


def _outside_spans(markup: str) -> str:
    """The markup with every replaced span taken out."""
    return re.sub(r'<span lang="en" data-zh="[^"]*">[^<]*</span>', "", markup)


def test_html_page_keeps_its_markup_and_marks_what_it_replaced(tmp_path):
    markup = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Xinhua</title></head>\n<body>\n"
        '<div class="article"><p>Editor: 林雨晨</p>\n'
        '<p class="notice">继续浏览</p></div>\n</body></html>\n'
    )
    translated = translated_page(_page(tmp_path, markup))
    assert '<p>Editor: <span lang="en" data-zh="林雨晨">Lin Yuchen</span></p>' in translated
    assert '<p class="notice"><span lang="en" data-zh="继续浏览">Continue browsing</span></p>' in (
        translated)
    assert _outside_spans(translated) == markup.replace("林雨晨", "").replace("继续浏览", "")


@pytest.mark.parametrize(
    "inner, kept",
    [
        ("继续<b>浏览</b>", "<b></b>"),
        ("继续<span hidden>隐藏</span>浏览", "<span hidden>隐藏</span>"),
        ('继续<script>var x = "脚本";</script>浏览', '<script>var x = "脚本";</script>'),
        ("继续<!-- 注释 -->浏览", "<!-- 注释 -->"),
    ],
    ids=["tag", "hidden text", "script", "comment"],
)
def test_markup_inside_a_translated_span_stays(tmp_path, inner, kept):
    markup = f"<html><body><h1>A headline</h1><p>{inner}</p></body></html>"
    translated = translated_page(_page(tmp_path, markup))
    assert translated == (
        "<html><body><h1>A headline</h1>"
        f'<p><span lang="en" data-zh="继续浏览">Continue browsing</span>{kept}</p></body></html>'
    )


def test_entities_and_attributes_are_escaped_in_the_replacement(tmp_path):
    markup = '<html><body><h1>Headline</h1><p>A &amp; B 继续&#27983;览</p></body></html>'
    translated = translated_page(_page(tmp_path, markup))
    assert translated.endswith(
        '<p>A &amp; B <span lang="en" data-zh="继续浏览">Continue browsing</span></p>'
        "</body></html>")


def test_title_gets_plain_text_not_an_element(tmp_path):
    markup = "<html><head><title>继续浏览 - 新华网</title></head><body><p>Hi</p></body></html>"
    translated = translated_page(_page(tmp_path, markup))
    assert translated.startswith("<html><head><title>Continue browsing - ")
    assert "<title><span" not in translated


def test_translated_html_keeps_the_page_encoding(tmp_path):
    markup = ('<html><head><meta charset="gb18030"></head><body><h1>Headline</h1>'
              "<p>继续浏览 新华网</p></body></html>")
    report = _page(tmp_path, markup, encoding="gb18030")
    assert report.page.encoding == "gb18030"
    data = translated_bytes(report)
    assert data.decode("gb18030") == translated_page(report)
    assert 'data-zh="继续浏览' in data.decode("gb18030")


def test_example_html_page_has_no_visible_chinese_left():
    report = run_page(EXAMPLES / "xinhua-style-new-quality-forces.html")
    translated = translated_page(report)
    assert "<div hidden>Hidden survey: 请填写问卷</div>" in translated  # not shown: not touched
    without_attributes = re.sub(r'data-zh="[^"]*"', "", translated)
    visible = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->|<div hidden>.*?</div>", "",
                     without_attributes, flags=re.S)
    assert not re.search(r"[\u4e00-\u9fff]", visible)
    # every translated span but "(新质生产力)", which the page glosses itself, is marked up
    assert translated.count('lang="en" data-zh=') == len(
        [item for item in report.translations if report.page.blocks[item.block].tag != "title"
         and item.span.text != "(新质生产力)"])
    assert "productive forces (" not in translated
