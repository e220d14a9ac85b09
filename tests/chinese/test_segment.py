"""jieba words with offsets and tags, glossary words kept whole, names in pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from zhen import paths
from zhen.chinese.lexicon import lexicon_path
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
        ("习近平总书记", "习近平", "nr"),  # a name zhen found (CC-CEDICT, the title): nr
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


def test_the_dictionary_lives_in_zhens_cache_dir():
    segment("测试")
    assert lexicon_path().parent == paths.cache_dir() and lexicon_path().stat().st_size > 10**6


def _flip_a_byte_inside_the_bucket_of(character: str, data: bytes) -> bytes:
    """The file with one byte changed inside the bucket holding `character`'s words."""
    import marshal

    import zhen.chinese.lexicon as layout

    sections = layout._read_header(data, lexicon_path())
    offset, length, _ = sections[layout.WORDS]
    index = marshal.loads(data[offset : offset + length])
    start, size, _ = index[ord(character)]
    middle = start + size // 2
    return data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1 :]


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "flipped", "other layout"])
def test_a_damaged_dictionary_is_rebuilt_and_segments_the_same(
    damage, tmp_path, monkeypatch, isolated_segmenter, quick_lexicon_build
):
    import zhen.chinese.segment

    sentence = "编辑：林雨晨，您使用的浏览器版本过低"
    expected = [(t.text, t.pos, t.romanized) for t in segment(sentence)]
    good = lexicon_path().read_bytes()
    damaged = {
        "empty": b"",
        "garbage": b"\x00garbage" * 100,
        "truncated": good[: len(good) // 2],
        "flipped": _flip_a_byte_inside_the_bucket_of("浏", good),
        "other layout": good[:8] + b"\x63" + good[9:],
    }[damage]
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(tmp_path))
    lexicon_path().write_bytes(damaged)
    zhen.chinese.segment._segmenter = None
    assert [(t.text, t.pos, t.romanized) for t in segment(sentence)] == expected
    assert lexicon_path().read_bytes() == good  # rebuilt whole, in place
    assert len(quick_lexicon_build) == 1


def test_a_cache_folder_that_cannot_be_written_still_segments(tmp_path, monkeypatch,
                                                              isolated_segmenter,
                                                              quick_lexicon_build):
    import zhen.chinese.segment

    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(blocked / "cache"))
    zhen.chinese.segment._segmenter = None
    assert [t.text for t in segment("您使用的浏览器版本过低")] == [
        "您", "使用", "的", "浏览器", "版本", "过低"]


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


@pytest.fixture(scope="module")
def jiebas_own(tmp_path_factory):
    """jieba's own tokenizer over its whole dictionary, initialized the way jieba does it."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
    tokenizer.initialize()
    return tokenizer


@settings(max_examples=300, deadline=None)
@given(_CHINESE)
def test_zhens_word_cutter_gives_jiebas_own_words(jiebas_own, text):
    words = jiebas_own.lcut(text)
    assert _get_segmenter().cut(text) == words
    # segment() cuts where jieba does, except inside a person name it found and at its edges
    tokens = segment(text)
    assert "".join(t.text for t in tokens) == text
    names = [(t.start, t.end) for t in tokens if t.romanized]
    jieba_edges = {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}
    token_edges = {t.start for t in tokens} | {len(text)}
    name_edges = {edge for name in names for edge in name}
    inside_names = {p for start, end in names for p in range(start + 1, end)}
    assert token_edges <= jieba_edges | name_edges
    assert jieba_edges - inside_names <= token_edges


def test_glossary_words_cut_as_jieba_cuts_after_adding_them_one_by_one(jiebas_own,
                                                                         isolated_segmenter):
    """The glossary's words come from a cached overlay; jieba adds them one at a time."""
    from zhen.glossary.store import load_glossary
    from zhen.terms.vocabulary import add_glossary_words, glossary_words

    glossary = load_glossary()
    words = list(dict.fromkeys(glossary_words(glossary)))  # before: pieces already words left out
    add_glossary_words(glossary)
    for word in words:
        jiebas_own.add_word(word)
    assert _get_segmenter().tokenizer.total == jiebas_own.total
    text = (ROOT / "examples" / "xinhua-western-region-2024-04-23.txt").read_text("utf-8")
    text += "".join(form for concept in glossary for form in concept.chinese_forms)
    assert _get_segmenter().cut(text) == jiebas_own.lcut(text)
    assert ("新质生产力", "nz") in [(t.text, t.pos) for t in segment("加快发展新质生产力")]


def test_zhens_word_cutter_follows_added_words(jiebas_own):
    add_words(["西部陆海新通道"])
    jiebas_own.add_word("西部陆海新通道")
    text = "推进西部陆海新通道建设"
    assert "西部陆海新通道" in _get_segmenter().cut(text)
    assert _get_segmenter().cut(text) == jiebas_own.lcut(text)


def test_traditional_text_is_cut_like_its_simplified_form():
    text = "將瀏覽器切換回極速模式"
    tokens = tokens_at(text, 10, traditional=True)
    assert [t.text for t in tokens] == ["將", "瀏覽器", "切換", "回", "極速", "模式"]
    assert [(t.start, t.end) for t in tokens][:2] == [(10, 11), (11, 14)]
    # jieba's Simplified dictionary alone cuts the Traditional text differently
    assert [t.text for t in tokens_at(text, 0)] != [t.text for t in tokens]
