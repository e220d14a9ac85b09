"""A generated Chinese news-style corpus for `zhen glossary suggest`: tests and the benchmark.

Sentences are built from templates whose slots are filled at random from word lists, so ordinary
word combinations (产业 + 布局, 加快 + 建设) recur but do not hold together more than chance says.
Three terms are written into the slots again and again, each time in a different frame:
新质生产力 and 西部陆海新通道 (policy terms the shipped glossary holds) and 低空经济 (a made-up
term for this corpus). Distractors that a term finder must not propose are repeated too: a
browser notice (a notice block), dates, figures, a person's name with a speech verb, and
stock phrases such as 会议强调 and 进一步加强. Some documents are bilingual, line by line, with
"new quality productive forces" as the usual rendering and "new productive forces" as a drifting
one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

TERMS = ("新质生产力", "西部陆海新通道", "低空经济")
RENDERINGS = {
    "新质生产力": ("new quality productive forces", "new productive forces"),
    "西部陆海新通道": ("New Western Land-Sea Corridor",),
    "低空经济": ("low-altitude economy",),
}
NOTICE = "抱歉，您使用的浏览器版本过低或开启了浏览器兼容模式，这会影响您正常浏览本网页"

PLACES = ("重庆", "四川", "云南", "贵州", "广西", "陕西", "甘肃", "青海", "宁夏", "新疆", "西藏",
          "内蒙古", "成都", "西安", "昆明", "南宁", "兰州", "贵阳")
TIMES = ("近日", "日前", "今年以来", "上半年", "本周", "去年以来", "近年来")
VERBS = ("推动", "加快", "促进", "支持", "加强", "深化", "完善", "优化", "提升", "拓展", "培育",
         "壮大", "引导", "统筹", "落实", "部署", "推进", "巩固", "扩大", "带动")
ADVERBS = ("大力", "积极", "持续", "稳步", "切实", "扎实", "有序", "全面")
MODIFIERS = ("产业", "科技", "公共", "生态", "数字", "农业", "能源", "交通", "金融", "人才",
             "城乡", "区域", "市场", "制度", "文化", "旅游", "物流", "园区", "企业", "社会")
NOUNS = ("体系", "布局", "合作", "水平", "能力", "机制", "项目", "平台", "质量", "效率", "保障",
         "改革", "转型", "服务", "投资", "规划", "标准", "网络", "环境", "基础")
RESULTS = ("取得明显成效", "不断增强", "持续改善", "稳步提升", "迈出新步伐", "呈现良好态势",
           "得到有效保障", "实现较快增长")
SPEAKERS = ("有关负责人", "专家", "业内人士", "相关部门", "市场人士", "研究人员")
SPEAKERS_EN = ("an official", "experts", "analysts", "the authorities", "researchers")

FRAMES = (
    "{place}{time}召开会议，{verb}{thing}，{adverb}{verb2}{thing2}。",
    "会议强调，要{verb}{thing}，进一步加强{thing2}。",
    "{speaker}指出，{thing}{result}，{verb}{thing2}仍需{adverb}用力。",
    "{place}{adverb}{verb}{thing}，{thing2}{result}。",
    "围绕{thing}，{place}{verb}{thing2}，{thing3}{result}。",
    "{time}，{place}把{thing}作为重点，{adverb}{verb}{thing2}。",
    "2024年4月23日，{place}发布数据：{thing}同比增长12.5%，{thing2}{result}。",
    "{place}{thing}负责人张伟表示，将{adverb}{verb}{thing2}。",
)
# How each term is written into a slot: alone, or with a word on either side that changes.
TERM_FRAMES = ("{term}", "{verb}{term}", "{term}{noun}", "{modifier}{term}", "{term}")


def _thing(rng: random.Random) -> str:
    return rng.choice(MODIFIERS) + rng.choice(NOUNS)


def _term_phrase(rng: random.Random, term: str) -> str:
    frame = rng.choice(TERM_FRAMES)
    return frame.format(term=term, verb=rng.choice(VERBS), noun=rng.choice(NOUNS),
                        modifier=rng.choice(PLACES))


def sentence(rng: random.Random, term_rate: float) -> tuple[str, str | None]:
    """One sentence, and the term written into it (None for an ordinary sentence)."""
    term = rng.choice(TERMS) if rng.random() < term_rate else None
    things = [_thing(rng) for _ in range(3)]
    if term is not None:
        things[rng.randrange(3)] = _term_phrase(rng, term)
    frame = rng.choice(FRAMES)
    text = frame.format(place=rng.choice(PLACES), time=rng.choice(TIMES),
                        verb=rng.choice(VERBS), verb2=rng.choice(VERBS),
                        adverb=rng.choice(ADVERBS), result=rng.choice(RESULTS),
                        speaker=rng.choice(SPEAKERS), thing=things[0], thing2=things[1],
                        thing3=things[2])
    if term is not None and term not in text:  # the frame had no slot for the chosen one
        return text, None
    return text, term


def chinese_document(rng: random.Random, sentences: int, term_rate: float = 0.3) -> str:
    """Paragraphs of 3–5 sentences; every document carries the browser notice at its end."""
    paragraphs, current = [], []
    for _ in range(sentences):
        current.append(sentence(rng, term_rate)[0])
        if len(current) >= rng.randint(3, 5):
            paragraphs.append("".join(current))
            current = []
    if current:
        paragraphs.append("".join(current))
    return "\n\n".join([*paragraphs, NOTICE]) + "\n"


PLACES_EN = ("Chongqing", "Sichuan", "Yunnan", "Guizhou", "Guangxi", "Shaanxi", "Gansu",
             "Qinghai", "Ningxia", "Xinjiang", "Chengdu", "Xi'an", "Kunming", "Nanning")
VERBS_EN = ("advance", "boost", "foster", "expand", "upgrade", "support", "develop", "promote")
THINGS_EN = ("industrial layout", "digital services", "logistics networks", "talent policies",
             "financial support", "rural infrastructure", "energy cooperation", "tourism",
             "public services", "market reforms", "technology platforms", "ecological protection")


def bilingual_pairs(rng: random.Random, pairs: int,
                    term_rate: float = 0.5) -> list[tuple[str, str, str | None, str | None]]:
    """(Chinese, English, term, rendering) rows: a generated sentence and an English line
    that renders the term in it (80% of 新质生产力 as the usual rendering, the rest drifting)."""
    rows = []
    for _ in range(pairs):
        text, term = sentence(rng, term_rate)
        place, verb = rng.choice(PLACES_EN), rng.choice(VERBS_EN)
        things = rng.sample(THINGS_EN, 2)
        rendering = None
        if term is not None:
            options = RENDERINGS[term]
            rendering = options[0] if len(options) == 1 or rng.random() < 0.8 else options[1]
            things[0] = f"the {rendering}"
        speaker = rng.choice(SPEAKERS_EN)
        english = f"{place} will {verb} {things[0]} and {things[1]}, {speaker} said."
        rows.append((text, english, term, rendering))
    return rows


def bilingual_document(rng: random.Random, pairs: int) -> str:
    """Chinese lines, each followed by its English line."""
    rows = bilingual_pairs(rng, pairs)
    return "\n".join(line for chinese, english, _, _ in rows for line in (chinese, english)) + "\n"


def write_corpus(folder: Path, documents: int, sentences: int, seed: int = 7) -> list[Path]:
    """`documents` Chinese documents plus one bilingual one per ten, as .txt files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(documents):
        path = folder / f"doc-{number:05d}.txt"
        path.write_text(chinese_document(rng, sentences), encoding="utf-8")
        written.append(path)
        if number % 10 == 0:
            pair_path = folder / f"bilingual-{number:05d}.txt"
            pair_path.write_text(bilingual_document(rng, max(2, sentences // 4)), encoding="utf-8")
            written.append(pair_path)
    return written


def filler_words(dictionary: Path, limit: int = 60000) -> list[tuple[str, int]]:
    """The `limit` most frequent words of a jieba dictionary file: (word, frequency)."""
    words = []
    with open(dictionary, encoding="utf-8") as stream:
        for line in stream:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                words.append((parts[0], int(parts[1])))
    words.sort(key=lambda item: -item[1])
    return words[:limit]


def varied_document(rng: random.Random, sentences: int, words: list[str],
                    cumulative_weights: list[int]) -> Iterator[str]:
    """Template sentences interleaved with runs of dictionary words drawn by frequency (give
    `itertools.accumulate` of the frequencies): a corpus whose word pairs are nearly all
    distinct, the hard case for the n-gram table's memory."""
    for _ in range(sentences):
        yield sentence(rng, term_rate=0.1)[0]
        yield "".join(rng.choices(words, cum_weights=cumulative_weights,
                                  k=rng.randint(6, 14))) + "。"
