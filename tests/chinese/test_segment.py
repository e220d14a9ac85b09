"""jieba words with offsets and tags, glossary words kept whole, names in pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhen import paths
from zhen.chinese.segment import _get_segmenter, add_words, romanize_name, segment, tokens_at


def test_unknown_name_comes_out_whole_as_a_person_name():
    tokens = segment("编辑：林雨晨")
    assert [(t.text, t.start, t.end, t.pos) for t in tokens] == [
        ("编辑", 0, 2, "n"),
        ("：", 2, 3, "x"),
        ("林雨晨", 3, 6, "nr"),
    ]
    assert tokens[-1].romanized == "Lin Yuchen"
    assert all(t.romanized is None for t in tokens[:-1])


def test_tokens_cover_the_text_exactly():
    text = "3.暂不升级,继续浏览 and 2024年4月23日"
    tokens = segment(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        ("您使用的浏览器", "浏览器", "n"),  # dictionary tag
        ("习近平总书记", "习近平", "nrfg"),
        ("1.将浏览器", "1", "m"),  # digits, as jieba.posseg tags them
        ("据Xinhua报道", "Xinhua", "eng"),
        ("暂不升级,继续", ",", "x"),
        ("版本过低或开启", "过低", "a"),  # HMM word: the tag of its last character (低 a)
        ("王建国说", "王建国", "nr"),  # dictionary name
    ],
)
def test_pos_tags_follow_jieba_dictionary_and_fallbacks(text, word, pos):
    tags = {t.text: t.pos for t in segment(text)}
    assert tags[word] == pos


def test_extra_words_stay_whole():
    sentence = "加快发展新质生产力"
    assert "新质生产力" not in [t.text for t in segment(sentence)]
    assert "新质生产力" in [t.text for t in segment(sentence, extra_words=["新质生产力"])]


def test_add_words_makes_a_term_one_token_with_glossary_tag():
    add_words(["全过程人民民主"])
    tokens = segment("发展全过程人民民主。")
    assert ("全过程人民民主", "nz") in [(t.text, t.pos) for t in tokens]


def test_jieba_cache_lives_in_zhens_cache_dir():
    segment("测试")
    assert any(path.name.startswith("jieba") for path in paths.cache_dir().iterdir())


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9"])
def test_a_damaged_jieba_cache_is_rebuilt_and_segments_the_same(
    damage, tmp_path, monkeypatch, isolated_segmenter
):
    import zhen.chinese.segment

    sentence = "编辑：林雨晨，您使用的浏览器版本过低"
    expected = [(t.text, t.pos) for t in segment(sentence)]
    caches = [path.name for path in paths.cache_dir().iterdir() if path.name.startswith("jieba")]
    assert len(caches) == 2  # the prefix dict and the tag table
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(tmp_path))
    for name in caches:
        (tmp_path / name).write_bytes(damage)
    zhen.chinese.segment._segmenter = None
    assert [(t.text, t.pos) for t in segment(sentence)] == expected


@pytest.mark.parametrize(
    ("name", "romanized"),
    [
        ("林雨晨", "Lin Yuchen"),
        ("习近平", "Xi Jinping"),
        ("单雄信", "Shan Xiongxin"),
        ("曾庆红", "Zeng Qinghong"),
        ("解振华", "Xie Zhenhua"),
        ("翟志刚", "Zhai Zhigang"),
        ("欧阳娜娜", "Ouyang Nana"),
        ("司马光", "Sima Guang"),
        ("歐陽修", "Ouyang Xiu"),
        ("吕布", "Lü Bu"),
        ("张嘉恩", "Zhang Jia'en"),
    ],
)
def test_names_are_romanized_surname_first_given_name_joined(name, romanized):
    assert romanize_name(name) == romanized


_COMMON = (
    "的一是了我不人在有这个上们来到时大地为子中说生国年着就那和要出也得里后自以会家可下而过天去能"
    "对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日"
    "手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见"
    "明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再"
    "林雨晨浏览器，。、1a. "
)
_CHINESE = st.text(alphabet=st.sampled_from(list(_COMMON)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_CHINESE)
def test_zhens_word_cutter_gives_jiebas_own_words(text):
    segmenter = _get_segmenter()
    assert segmenter.cut(text) == segmenter.tokenizer.lcut(text)
    assert [t.text for t in segment(text)] == segmenter.tokenizer.lcut(text)


def test_zhens_word_cutter_follows_added_words():
    add_words(["西部陆海新通道"])
    segmenter = _get_segmenter()
    text = "推进西部陆海新通道建设"
    assert "西部陆海新通道" in segmenter.cut(text)
    assert segmenter.cut(text) == segmenter.tokenizer.lcut(text)


def test_traditional_text_is_cut_like_its_simplified_form():
    text = "將瀏覽器切換回極速模式"
    tokens = tokens_at(text, 10, traditional=True)
    assert [t.text for t in tokens] == ["將", "瀏覽器", "切換", "回", "極速", "模式"]
    assert [(t.start, t.end) for t in tokens][:2] == [(10, 11), (11, 14)]
    # jieba's Simplified dictionary alone cuts the Traditional text differently
    assert [t.text for t in tokens_at(text, 0)] != [t.text for t in tokens]
