"""Roles from the evidence a page offers: text cues, HTML structure, position.

Each line is copied from a page of tests/data/real-pages (the file number is given); the last
test runs the whole set as benchmarks/eval_pages.py does and holds it to the issue's targets.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from zhen.page.reader import page_from_text
from zhen.page.role_cues import text_role
from zhen.page.roles import Layout, assign_roles
from zhen.types import Role

sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_pages import PAGES, Tally, evaluate  # noqa: E402


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("首页 > 理论前沿 > 深度原创 > 正文", Role.NAVIGATION),  # 18: breadcrumb
        ("您的位置:首页 > 留学资讯", Role.NAVIGATION),  # 13
        ("人民网>>文化", Role.NAVIGATION),  # 34: a site's own name as the home link
        ("当前位置:中国和平统一促进会  >  2020年第三期  > 正文", Role.NAVIGATION),  # 17
        ("EN", Role.NAVIGATION),  # 07: a language switch
        ("切換到繁體", Role.NAVIGATION),  # 47
        ("中文       Español       Deutsch       Français       日本語", Role.NAVIGATION),  # 43
        ("01版:要闻", Role.NAVIGATION),  # 10: an e-paper's page list
        ("【1】【2】【3】【4】", Role.NAVIGATION),  # 34: pagination
        ("https://www.gov.cn/", Role.NAVIGATION),  # 07: the logo's home link
        ("本網站所刊載信息,不代表中新社觀點。 刊用本網站稿件,務經書面授權。", Role.FOOTER),  # 24
        ("澎湃新闻报料：4009-20-4009 \xa0 澎湃新闻，未经授权不得转载", Role.FOOTER),  # 36
        ("关于我们\u3000| About us\u3000|\u3000联系我们\u3000|\u3000广告服务", Role.FOOTER),  # 33
        ("字号:  [小]  [中]  [大] 打印本页 关闭窗口", Role.OTHER),  # 17: page tools
        ("打印 字体： 放大 正常 缩小 分享", Role.OTHER),  # 47
        ("阅读数(15878）", Role.OTHER),  # 35: a counter
        ("24327720635_a76dacede5_o", Role.OTHER),  # 21: an image's file name
        ("2020-02-19 20:29:58 来源： 半月谈", Role.DATELINE),  # 28
        ("・2016/04/01 ・1706字 ・閱讀時間約 3 分鐘 ・SR值 501 ・六年級", Role.DATELINE),  # 21
        ("责任编辑： 焦鹏", Role.BYLINE),  # 28
        ("(Text and photos by Wei Yao)", Role.BYLINE),  # 43
        ("半月谈记者 史卫燕", Role.BYLINE),  # 37
        ("相关推荐", Role.RELATED),  # 36
        ("与内文相关的链接", Role.RELATED),  # 39
        ("Your browser does not seem to support JavaScript.", Role.NOTICE),  # 19
    ],
)
def test_a_block_s_own_text_decides(text, role):
    assert text_role(text) is role


def _layout(text, *elements, tag="div", link_share=0.0):
    path = tuple((name, frozenset(words.split())) for name, words in elements)
    return Layout(text, tag, path, link_share)


def test_the_nearest_telling_element_decides_and_the_title_finds_the_headline():
    # 47's shape: a menu inside the footer is navigation, links to other sites there are
    # footer, a QR code box inside the page footer is footer, the <title> names the headline.
    layouts = [
        Layout("山西品牌丝路行（南美站）正式启动 - 山西省人民政府门户网站", "title"),
        _layout("首页", ("div", "main nav"), tag="li", link_share=1.0),
        _layout("山西省人民政府网站", ("div", "header"), ("div", "left logo"), tag="h1",
                link_share=1.0),
        _layout("山西品牌丝路行（南美站）正式启动", ("div", "article title"), tag="h2"),
        _layout("时间：2019-09-18 06:23 来源： 山西日报", ("div", "article source")),
        _layout("跨越千山万水，行程近两万公里，山西品牌丝路行首次登陆巴西，刷新“走出去”的最远纪录。",
                ("div", "article body"), ("div", "trs editor"), tag="p"),
        _layout("领导动态", ("div", "footer"), ("div", "footer itembox nav"), tag="li",
                link_share=1.0),
        _layout("省教育厅", ("div", "footer"), ("div", "friend link submenu"), tag="li",
                link_share=1.0),
        _layout("山西省政府客户端", ("div", "footer"), ("div", "ewm footer"), link_share=1.0),
    ]
    assert assign_roles(layouts) == [
        Role.OTHER, Role.NAVIGATION, Role.OTHER, Role.HEADLINE, Role.DATELINE, Role.BODY,
        Role.NAVIGATION, Role.FOOTER, Role.FOOTER]


def test_a_text_page_s_headline_is_the_title_its_byline_follows():
    # 22: a sidebar of recommended sites above the article, then the headline and its byline
    page = page_from_text("推薦瀏覽\n自然生態攝影學會\n中華鯨豚協會\n台灣生物多樣性入口網\n"
                          "自然人文:比西里岸印象\n作者:華宇芝(台灣環境資訊協會)\n")
    assert [block.role for block in page.blocks] == [
        Role.RELATED, Role.OTHER, Role.OTHER, Role.OTHER, Role.HEADLINE, Role.BYLINE]


def test_a_listing_page_has_a_headline_per_item():
    # 40: title, date, paragraph, repeated; a channel label over the first title
    page = page_from_text(
        "Comment\nVancouver talks have only fueled peninsula tensions\n[2018-01-18 07:53]\n"
        "Co-hosted by the United States and Canada, the gathering of the foreign ministers of "
        "the allies that fought on the side of the United States in the Korean War was held.\n"
        "Global trade challenges remain despite last year's upswing\n[2018-01-18 07:53]\n")
    assert [block.role for block in page.blocks] == [
        Role.NAVIGATION, Role.HEADLINE, Role.DATELINE, Role.BODY, Role.HEADLINE, Role.DATELINE]


@pytest.mark.slow
def test_the_real_page_set_meets_the_issue_s_targets():
    tally = Tally()
    for page in sorted(PAGES.iterdir()):
        if page.suffix in (".txt", ".html") and page.name[:2].isdigit():
            evaluate(page, tally)
    blocks = sum(tally.roles.values())
    right = sum(count for (label, found), count in tally.roles.items() if label == found)
    found = len(tally.true_names) + len(tally.false_names)
    counted = len(tally.true_names) - tally.foreign_found + len(tally.missed)
    assert right / blocks >= 0.95
    assert len(tally.true_names) / found >= 0.98
    assert (counted - len(tally.missed)) / counted >= 0.95
