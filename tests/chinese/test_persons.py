"""Person names only on evidence: labels, credits, titles, kin, lists, CC-CEDICT, a name's shape.

Every sentence here is copied from a page of tests/data/real-pages (the file is named), or is a
word the issue names (戈壁, 蓝图).
"""

from __future__ import annotations

import pytest

from zhen.chinese.segment import segment, tokens_at


def names(text: str, **options) -> dict[str, str]:
    tokens = tokens_at(text, 0, **options) if options else segment(text)
    return {token.text: token.romanized for token in tokens if token.romanized}


@pytest.mark.parametrize(
    "text",
    [
        "戈壁",  # the Gobi: jieba's dictionary tags it as a person name
        "蓝图",  # blueprint
        "道德",  # 34: CC-CEDICT's common word "virtue"
        "这是道德问题",
        "网购许可证",
        "华为轮值董事长徐直军",  # 37: 华为 is a brand (CC-CEDICT proper noun), 徐直军 a name
        "以邓小平理论、“三个代表”重要思想为指导",  # 06: a name inside a doctrine's name
        "鲁政发〔2014〕20号",  # 06: a document number
        "武汉市卫健委通报不明原因病毒性肺炎情况",  # 36: an institution, not 卫健委 "Wei Jianwei"
        "鑼鼓齊鳴。",  # 20: an idiom ending a sentence
        "但是,在这首诫子诗中,他与普通父亲并没有差别,字里行间都是对儿子的爱。",  # 34
    ],
)
def test_common_words_and_other_proper_nouns_are_not_romanized(text):
    traditional = any(character in text for character in "鑼齊鳴")
    found = names(text, traditional=True) if traditional else names(text)
    assert set(found) <= {"徐直军"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("责任编辑：龙慧", {"龙慧": "Long Hui"}),  # 27: a byline label on a dateline line
        ("发布日期：2019-03-06 责任编辑：龙慧", {"龙慧": "Long Hui"}),
        ("(责编：汤诗瑶、丁涛)", {"汤诗瑶": "Tang Shiyao", "丁涛": "Ding Tao"}),  # 34
        ("执笔/叨叨姐、胡一刀&李小飞刀",  # 35: pen names after a label
         {"叨叨姐": "Daodaojie", "胡一刀": "Hu Yidao", "李小飞刀": "Li Xiaofeidao"}),
        ("新华社记者 刘金海 摄", {"刘金海": "Liu Jinhai"}),  # 08: a photo credit
        ("（刘通摄）", {"刘通": "Liu Tong"}),  # 47
        ("法国9日再次（记者唐霁）", {"唐霁": "Tang Ji"}),  # 29: the reporter, no separator
        ("外交部发言人汪文斌14日表示", {"汪文斌": "Wang Wenbin"}),  # 02: a title before
        ("市金融局副局长刘东升，区党工委副书记蓝海斌，",  # 27: jieba cuts both names
         {"刘东升": "Liu Dongsheng", "蓝海斌": "Lan Haibin"}),
        ("钟南山院士说", {"钟南山": "Zhong Nanshan"}),  # 28: a title after
        ("演绎长姐华兰", {"华兰": "Hua Lan"}),  # 34: kin before
        ("这是全国人大代表马正山、范照兵、姒健敏（从左至右）步入会场",  # 08: a list with a name
         {"马正山": "Ma Zhengshan", "范照兵": "Fan Zhaobing", "姒健敏": "Si Jianmin"}),
        ("其中,戴耀廷判囚10年,邹家成判囚93个月,吴政亨判囚87个月",  # 41: the same words after
         {"戴耀廷": "Dai Yaoting", "邹家成": "Zou Jiacheng", "吴政亨": "Wu Zhengheng"}),
        ("熊节:在我们不久前的探讨中", {"熊节": "Xiong Jie"}),  # 26: a speaker
        ("2020年蔡英文以817万高票", {"蔡英文": "Cai Yingwen"}),  # 17: CC-CEDICT lists her
    ],
)
def test_names_with_evidence_are_one_romanized_token(text, expected):
    assert names(text) == expected


def test_a_name_after_an_english_title_in_the_same_block():
    # 37: "猎豹移动董事长兼CEO傅盛、科大讯飞联合创始人王智国": the Chinese span starts after "CEO"
    found = names("傅盛、科大讯飞联合创始人王智国", before="猎豹移动董事长兼CEO")
    assert found == {"傅盛": "Fu Sheng", "王智国": "Wang Zhiguo"}
    assert "傅盛" not in names("傅盛、科大讯飞联合创始人王智国")


def test_every_other_jieba_name_tag_becomes_a_plain_noun():
    tokens = segment("这是道德问题")
    assert ("道德", "n") in [(token.text, token.pos) for token in tokens]
    assert all(token.pos != "nr" for token in tokens)


def test_a_name_found_on_the_page_is_a_name_wherever_the_page_writes_it(tmp_path):
    from zhen.page.reader import page_from_text

    # 35: the dateline writes the pen names without a label, the byline with one
    page = page_from_text("2020-06-05 20:35 叨叨姐 胡一刀 李小飞刀\n执笔/叨叨姐、胡一刀&李小飞刀\n")
    first = [token.text for token in page.blocks[0].spans[-1].tokens if token.romanized]
    assert first == ["叨叨姐", "胡一刀", "李小飞刀"]
