"""Chinese person names → pinyin in the Chinese convention: "Lin Yuchen", "Ouyang Nana".

Surname first, then the given name as one capitalized word (GB/T 28039-2011, as Xinhua writes
names). pypinyin (0.55) has no surname mode — its own issue tracker lists the surnames it reads
wrongly (曾 → ceng, 单 → dan, 解 → jie) — so the readings of polyphonic surnames and the
two-character surnames are listed here; every other character is read by pypinyin. Traditional
names are read through their Simplified form (歐陽修 → Ouyang Xiu).
"""

from __future__ import annotations

from zhen.chinese.convert import to_simplified
from zhen.chinese.pinyin import syllables

# Two-character surnames and their readings.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang",
    "司马": "sima",
    "诸葛": "zhuge",
    "上官": "shangguan",
    "司徒": "situ",
    "东方": "dongfang",
    "皇甫": "huangfu",
    "尉迟": "yuchi",
    "公孙": "gongsun",
    "慕容": "murong",
    "令狐": "linghu",
    "夏侯": "xiahou",
    "长孙": "zhangsun",
    "宇文": "yuwen",
    "轩辕": "xuanyuan",
    "端木": "duanmu",
    "澹台": "tantai",
    "万俟": "moqi",
    "单于": "chanyu",
    "呼延": "huyan",
    "独孤": "dugu",
    "南宫": "nangong",
    "西门": "ximen",
    "闻人": "wenren",
    "申屠": "shentu",
    "太史": "taishi",
    "司空": "sikong",
    "钟离": "zhongli",
    "淳于": "chunyu",
    "公羊": "gongyang",
    "赫连": "helian",
    "拓跋": "tuoba",
    "百里": "baili",
    "东郭": "dongguo",
    "左丘": "zuoqiu",
    "公冶": "gongye",
    "濮阳": "puyang",
    "宗政": "zongzheng",
    "第五": "diwu",
    "乐正": "yuezheng",
}

# Surnames whose everyday reading differs from their reading as a surname.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "查": "zha",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "翟": "zhai",
    "盖": "ge",
    "缪": "miao",
    "乐": "yue",
    "尉": "yu",
    "覃": "qin",
    "黑": "he",
    "秘": "bi",
    "召": "shao",
    "繁": "po",
    "种": "chong",
    "重": "chong",
    "宿": "su",
    "薄": "bo",
    "柏": "bai",
    "藏": "zang",
    "卜": "bu",
    "都": "du",
    "盛": "sheng",
    "石": "shi",
    "阚": "kan",
    "折": "she",
    "那": "na",
    "佴": "nai",
    "粘": "nian",
    "扎": "za",
    "贾": "jia",
    "居": "ju",
    "牟": "mou",
    "乜": "nie",
    "能": "nai",
    "句": "gou",
    "蔚": "yu",
    "褚": "chu",
    "谌": "chen",
    "眭": "sui",
    "过": "guo",
    "员": "yun",
    "华": "hua",
    "长": "chang",
    "行": "xing",
    "隗": "wei",
}

# The most common surnames: a three-character word the HMM found that starts with one of these
# is taken for a person name (see zhen.chinese.segment).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)

def _join(syllables: list[str]) -> str:
    """Syllables → one word, with an apostrophe before a/o/e after the first (Xi'an, Jia'en)."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def romanize_name(name: str, *, surname: bool = True) -> str:
    """林雨晨 → "Lin Yuchen"; 单雄信 → "Shan Xiongxin"; 欧阳娜娜 → "Ouyang Nana"; a name with no
    surname (`surname=False`: a pen name, 叨叨姐) is one word, "Daodaojie"."""
    simplified = to_simplified(name.strip())
    if not simplified:
        return ""
    if not surname:
        return _join(syllables(simplified))
    if simplified[:2] in COMPOUND_SURNAMES and len(simplified) > 2:
        surname, given = COMPOUND_SURNAMES[simplified[:2]], simplified[2:]
    else:
        first = simplified[0]
        surname = SURNAME_READINGS.get(first) or "".join(syllables(first))
        given = simplified[1:]
    parts = [_join([surname])]
    if given:
        parts.append(_join(syllables(given)))
    return " ".join(part for part in parts if part)
