"""The words around a Chinese person name that show it is one — and the ones that show it is not.

Read by `zhen.chinese.persons`; every list is of words as pages write them, Simplified.
"""

from __future__ import annotations

import re

from zhen.chinese.script import HAN_IDEOGRAPHS


def _words(text: str) -> list[str]:
    """Words written one after another, space-separated, as a list (lists of Chinese words are
    easier to read and check this way)."""
    return text.split()



# Byline labels: 责任编辑：龙慧, 记者 刘金海 摄, 执笔/叨叨姐, 作者︱春春, 新闻发言人 武平.
LABEL_WORDS = _words(
    "责任编辑 责编 编辑 编译 作者 记者 通讯员 评论员 撰稿 撰文 执笔 翻译 摄影 发言人 主持人 讲述人"
)
LABEL = re.compile(rf"(?:{'|'.join(LABEL_WORDS)})(?:\s*([:：︱|/／])\s*|(\s+))")
# （记者唐霁）: a reporter's name written straight after the word.
INLINE_REPORTER = re.compile(f"(?:记者|通讯员|评论员)(?=[{HAN_IDEOGRAPHS}])")
# A photo credit: 李尕 摄, （刘通摄）, 劉新 攝.
PHOTO = re.compile(
    f"(?<![{HAN_IDEOGRAPHS}])([{HAN_IDEOGRAPHS}]{{2,3}})\\s*[摄攝](?![{HAN_IDEOGRAPHS}])"
)
# The reporter in parentheses at the very end of a paragraph: ……签署。（张巨峰）
CLOSING_CREDIT = re.compile(f"[(（]([{HAN_IDEOGRAPHS}]{{2,3}})[)）][。.]?\\s*$")
LIST_SEPARATOR = re.compile(r"\s*[、,，&＆/／]\s*|\s+")
# Words joining names in a list: 张大千和溥心畬, 马正山、范照兵、姒健敏.
LIST_JOINERS = re.compile(r"\s*(?:[、，,&＆/／]|和|与|及|同)\s*|\s+")

# Titles and roles written right after a name (钟南山院士, 陈伊芬秘书长) …
TITLES_AFTER = _words(
    "总书记 副主席 主席 副总理 总理 先生 女士 同志 院士 副教授 教授 秘书长 书记 副部长 部长 委员长 "
    "局长 市长 省长 县长 区长 镇长 博士 老师 大使 总统 首相 外长 董事长 总裁 校长 院长 主任 会长 "
    "处长 厅长 司长 将军 大师 议员 理事长 总经理"
)
# … or right before it (外交部发言人汪文斌, 副局长刘东升, 图为马素湘在悉尼).
TITLES_BEFORE = [title for title in TITLES_AFTER if title not in ("先生", "女士", "同志")] + _words(
    "发言人 评论员 航天员 宇航员 村民 居民 市民 护士 医生 留学生 研究生 博士生 学生 画家 作家 诗人 "
    "词人 演员 歌手 导演 教练 球员 运动员 选手 企业家 创始人 创办人 负责人 总监 主编 委员 代表 "
    "参选人 候选人 党魁 总领事 领事 参赞 特首 律师 法官 专家 学者 研究员 工程师 农民 支书 国务卿 "
    "外相 记者 图为"
)
TITLE_BEFORE = re.compile("|".join(sorted(TITLES_BEFORE, key=len, reverse=True)))
TITLE_AFTER = re.compile("|".join(sorted(TITLES_AFTER, key=len, reverse=True)))
# Kin written right before or after a name: 令计划妻子谷丽萍, 演绎长姐华兰.
KIN_WORDS = "妻子|夫人|丈夫|遗孀|儿子|女儿|长子|长女|次子|长姐|姐姐|哥哥|弟弟|妹妹|父亲|母亲"
KIN_BEFORE = re.compile(KIN_WORDS)
KIN_AFTER = re.compile(f"{KIN_WORDS}|之妻|之子|之女")
# An English label or title right before a Chinese name: Editor: 林雨晨, 董事长兼CEO傅盛.
ENGLISH_TITLE = re.compile(
    r"(?<![A-Za-z])(?:CEO|CFO|CTO|COO|chairman|chairwoman|president|editors?|reporters?|authors?|writers?"
    r"|correspondents?|translators?|photographers?|director|professor|prof\.|dr\.?|mr\.?|mrs\.?"
    r"|ms\.?|by)\s*[:：]?\s*$",
    re.I,
)
# An organization's short name: （以下简称“沙利文”）.
ALIAS = re.compile("(?:简称|下称)[“「\"']$")
# A name that opens a clause and speaks: 熊节：在我们……, 音频：黄文广谈薄案.
SPEECH = re.compile("[:：]|谈|评|说|称|表示|指出|认为|强调|透露|介绍|坦言")

# Characters that end a phrase after a name and rarely end a given name: 王毅说, 张伟表示.
STOP = frozenset(
    "说在和与及的是等也就对将为称向同从被把让给曾已又还都则于到来去要会能并而但之了着过不没很再即一表指谈率"
)
# Anything the rules above could act on; a span without it (and without a word jieba tags as a
# name, or a person CC-CEDICT lists) has no name to find.
TRIGGER = re.compile("|".join(
    [*LABEL_WORDS, *TITLES_BEFORE, *TITLES_AFTER, KIN_WORDS, "之妻|之子|之女", SPEECH.pattern,
     "摄|攝|[(（][^)）]{2,3}[)）]"]))

# Characters no given name has: particles and pronouns (都是对儿子 is no name).
NOT_IN_GIVEN_NAMES = frozenset("的是了着过把被在对就也这那个们吗呢吧么")
# Last characters of places and institutions, not of names: 左权县, 卫健委, 童乐会, 司法厅.
PLACE_SUFFIX = frozenset("县区市镇乡省州路街村会委厅局部社团队所站馆园组处科室厂店报台网刊")
# Characters of transliterated foreign names, never in a Chinese given name: 苏莱曼, 罗伊特.
TRANSLITERATION = frozenset("斯尔特克莱曼姆夫兹普孚蒂顿布伊奥维纳萨菲森娜丝")
# Words after a name that make it part of another name: 邓小平理论, 孔子学院, 中山路.
BELONGS_TO = frozenset(_words(
    "理论 思想 主义 学说 学院 大学 中学 小学 纪念馆 故居 基金会 研究会 奖 杯 路 街 大街 大道 广场 "
    "公园 医院 集团 公司 中心 体 像 墓 陵 研究院 号"
))
# Marks that join the parts of a foreign name: 胡萨姆·阿布·萨菲亚, 奧立佛.薩克斯, 巴兹?奥尔德林.
FOREIGN_JOINERS = frozenset("·•‧・.．?？")
# jieba's tags of a single character that can be a surname there (not 也/d, 从/p, 令/v).
SURNAME_TAGS = frozenset({"nr", "nrfg", "g", "ng", "zg", "nz", "ns"})
