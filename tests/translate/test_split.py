"""Sentence splitting for the Argos engine: Chinese punctuation and a simple English splitter."""

from __future__ import annotations

import pytest

from zhen.translate.split import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我们推动新质生产力。他们支持乡村振兴。", ["我们推动新质生产力。", "他们支持乡村振兴。"]),
        ("真的吗？是的！", ["真的吗？", "是的！"]),
        ("第一；第二", ["第一；", "第二"]),
        ("他说：“我们会来。”然后走了。", ["他说：“我们会来。”", "然后走了。"]),
        ("等等……好吧。", ["等等……", "好吧。"]),
        ("什么？！不可能。", ["什么？！", "不可能。"]),
        ("（注：见附件。）下一句", ["（注：见附件。）", "下一句"]),
        ("没有句号的标题", ["没有句号的标题"]),
        ("  前后有空格。  后一句  ", ["前后有空格。", "后一句"]),
        ("", []),
        ("責任編輯：林雨晨。繁體也可以！", ["責任編輯：林雨晨。", "繁體也可以！"]),
    ],
)
def test_chinese(text, expected):
    assert split_sentences(text, "zh") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        (
            "Mr. Li met Dr. Wang in the U.S. yesterday. Then he left.",
            ["Mr. Li met Dr. Wang in the U.S. yesterday.", "Then he left."],
        ),
        (
            "J. Smith wrote it. 2024 was a good year.",
            ["J. Smith wrote it.", "2024 was a good year."],
        ),
        ('He said "stop." Then silence.', ['He said "stop."', "Then silence."]),
        (
            "version 1.9 is out. next sentence lowercase",
            ["version 1.9 is out. next sentence lowercase"],
        ),
        ("Prices rose 3.5 percent.", ["Prices rose 3.5 percent."]),
        ("No end mark", ["No end mark"]),
    ],
)
def test_english(text, expected):
    assert split_sentences(text, "en") == expected
