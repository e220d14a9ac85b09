"""The built-in engine: boilerplate from the shipped memory, glossary, names, marked glosses."""

from __future__ import annotations

import re
import socket
import unicodedata
from importlib.resources import files

import pytest

from conftest import STARTING_PAGE
from zhen.translate.fallback import GLOSS_MARK, FallbackTranslator, boilerplate, boilerplate_key

HAN = re.compile(r"[\u3400-\u9fff]")


pytestmark = pytest.mark.usefixtures("isolated_segmenter")


@pytest.fixture
def fallback():
    from zhen.glossary.store import load_glossary

    return FallbackTranslator(load_glossary())


def _notice_lines() -> list[str]:
    """The starting page's Chinese browser notice, as the page writes it (after the English)."""
    lines = STARTING_PAGE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[lines.index("Editor: 林雨晨") + 1 :] if HAN.search(line)]


@pytest.mark.parametrize(
    "chinese, english",
    [
        (
            "抱歉,您使用的浏览器版本过低或开启了浏览器兼容模式,这会影响您正常浏览本网页",
            "Sorry, your browser version is too old or your browser is in compatibility mode,"
            " which will affect how you browse this page",
        ),
        ("您可以进行以下操作:", "You can do the following:"),
        ("1.将浏览器切换回极速模式", "1. Switch your browser back to speed mode"),
        (
            "2.点击下面图标升级或更换您的浏览器",
            "2. Click an icon below to upgrade or change your browser",
        ),
        ("3.暂不升级,继续浏览", "3. Not now, continue browsing"),
        ("继续浏览", "Continue browsing"),
        # the same strings as other pages write them
        ("暂不升级，继续浏览", "Not now, continue browsing"),
        ("（2）继续浏览。", "(2) Continue browsing."),
        ("您可以进行以下操作：", "You can do the following:"),
        (" 继续 浏览 ", "Continue browsing"),
        ("3.暫不升級，繼續瀏覽", "3. Not now, continue browsing"),  # Traditional characters
    ],
)
def test_browser_notice_comes_from_the_shipped_memory(fallback, chinese, english):
    assert fallback.render(chinese) == english


@pytest.mark.parametrize(
    "chinese, english",
    [
        ("责任编辑：林雨晨", "Editor: Lin Yuchen"),
        ("来源：新华网", "Source: Xinhuanet"),
        ("上一篇", "Previous article"),
        ("分享到：微信 微博", "Share to: WeChat Weibo"),
        ("打印本页 关闭窗口", "Print this page Close window"),
        ("发布时间：2024年4月24日", "Published: April 24, 2024"),
        ("版权所有", "All rights reserved"),
    ],
)
def test_bylines_and_page_furniture_are_translated_not_glossed(fallback, chinese, english):
    assert fallback.render(chinese) == english


def test_names_are_romanized_inside_a_sentence(fallback):
    english = fallback.render("林雨晨说")
    assert english.startswith(GLOSS_MARK)
    assert "Lin Yuchen" in english


def test_a_name_is_romanized_on_its_sentence_s_evidence(fallback):
    # the label and the name are two clauses to the gloss, one sentence to name finding
    assert fallback.render("责任编辑：龙慧") == "Editor: Long Hui"  # 27


@pytest.mark.parametrize(("chinese", "english"), [("道德", "virtue"), ("许可证", "license")])
def test_a_common_word_jieba_tags_as_a_name_is_glossed_as_a_word(fallback, chinese, english):
    assert fallback.render(chinese) == f"{GLOSS_MARK} {english}"


def test_the_glossary_s_word_wins_over_cc_cedict_s(fallback):
    # the glossary renders 西藏自治区 "Xizang Autonomous Region" and retires "Tibet Autonomous
    # Region": so 西藏 alone is "Xizang", not CC-CEDICT's first sense "Tibet"
    assert fallback.render("西藏") == f"{GLOSS_MARK} Xizang"
    assert fallback.render("西藏自治区") == "Xizang Autonomous Region"


def test_cc_cedict_notes_never_become_the_gloss(fallback):
    # CC-CEDICT: 广西 "Guangxi Zhuang Autonomous Region 廣西壯族自治區|广西壮族自治区 in South
    # Central China, …" / "until 1959, Guangxi province"
    english = fallback.render("广西")
    assert "Guangxi" in english and "1959" not in english


def test_glossary_terms_get_their_approved_rendering(fallback):
    english = fallback.render("要因地制宜发展新质生产力。")
    assert "new quality productive forces" in english
    assert english.startswith(GLOSS_MARK)  # the rest of the sentence is a dictionary gloss


def test_a_glossary_term_alone_is_a_translation_not_a_gloss(fallback):
    assert fallback.render("高质量发展") == "high-quality development"


@pytest.mark.parametrize(
    "chinese, words",
    [
        ("今天天气很好", ["today", "weather"]),
        ("浏览器", ["browser"]),
        ("我们继续努力", ["we", "continue"]),
    ],
)
def test_everything_else_is_a_word_by_word_gloss_marked_as_such(fallback, chinese, words):
    english = fallback.render(chinese)
    assert english.startswith(GLOSS_MARK + " ")
    for word in words:
        assert word in english
    assert not HAN.search(english)


@pytest.mark.parametrize("text", ["Editor: Lin Yuchen", "2024-04-24 14:55:52", "", "  "])
def test_text_without_chinese_is_returned_unchanged(fallback, text):
    assert fallback.render(text) == text


def test_translate_batch_keeps_order_and_length(fallback):
    assert fallback.translate_batch(["上一篇", "下一篇", "Top News"]) == [
        "Previous article",
        "Next article",
        "Top News",
    ]


def test_the_fallback_never_touches_the_network(fallback, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the fallback tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert fallback.render("我们继续努力，推动高质量发展。").startswith(GLOSS_MARK)


def _boilerplate_rows() -> list[list[str]]:
    text = files("zhen").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0] == ["zh", "en", "kind"]
    return rows[1:]


def test_shipped_boilerplate_has_at_least_80_well_formed_entries():
    rows = _boilerplate_rows()
    assert len(rows) >= 80
    for row in rows:
        assert len(row) == 3, row
        zh, en, kind = row
        assert HAN.search(zh) and en.strip() == en and en, row
        assert not HAN.search(en), row
        assert unicodedata.is_normalized("NFC", zh), row
        assert kind in {
            "notice",
            "navigation",
            "related",
            "byline",
            "dateline",
            "tools",
            "pagination",
            "comments",
            "form",
            "status",
            "media",
            "footer",
            "source",
        }, row


def test_shipped_boilerplate_has_no_duplicate_chinese():
    rows = _boilerplate_rows()
    keys = [boilerplate_key(zh) for zh, *_ in rows]
    assert len(keys) == len(set(keys))
    assert all(boilerplate()[boilerplate_key(zh)] == en for zh, en, _ in rows)


@pytest.mark.parametrize(
    "chinese",
    ["继续浏览", "责任编辑", "来源", "版权所有", "上一篇", "下一篇", "分享到", "打印", "关闭窗口"],
)
def test_the_issue_s_named_strings_are_in_the_shipped_memory(chinese):
    assert boilerplate_key(chinese) in boilerplate()


def test_every_line_of_the_starting_page_notice_is_in_the_shipped_memory(fallback):
    assert len(_notice_lines()) == 6
    for line in _notice_lines():
        english = fallback.render(line)
        assert not english.startswith(GLOSS_MARK), line
        assert not HAN.search(english), line


def test_prefer_imposes_another_approved_rendering():
    from zhen.glossary.store import load_glossary

    fallback = FallbackTranslator(
        load_glossary(), prefer={"新发展格局": "new development paradigm"}
    )
    english = fallback.render("构建新发展格局")
    assert "new development paradigm" in english
    assert "new development pattern" not in english


@pytest.mark.parametrize(
    "prefer, problem",
    [
        (
            {"新发展格局": "new development pattern of old"},
            "is not an approved rendering of 新发展格局",
        ),
        ({"没有这个术语": "anything"}, "no such glossary term"),
    ],
)
def test_prefer_must_name_an_approved_rendering_of_a_term(prefer, problem):
    from zhen.errors import InputError
    from zhen.glossary.store import load_glossary

    with pytest.raises(InputError, match=problem):
        FallbackTranslator(load_glossary(), prefer=prefer)


@pytest.mark.parametrize(
    "page, chinese, kept",
    [
        # tests/data/real-pages: datelines as two real pages print them
        ("08-81cn-npc-deputies-passage.txt", "来源:新华社 作者:金立旺 发布:2019-03-08 16:07:58",
         ["2019-03-08", "16:07:58"]),
        ("06-0798ci-shandong-gov-budget-reform.txt", "浏览量:          时间:2016-01-17 23:45:19",
         ["2016-01-17", "23:45:19"]),
    ],
)
def test_dates_and_times_keep_their_hyphens_and_colons(fallback, page, chinese, kept):
    """Issue 14: the gloss wrote "2019 - 03 - 06" and "10: 30"."""
    from conftest import ROOT

    assert chinese in (ROOT / "tests/data/real-pages" / page).read_text(encoding="utf-8")
    english = fallback.translate_batch([chinese])[0]
    for piece in kept:
        assert f" {piece}" in f" {english} " and f"{piece} " in f"{english} "
