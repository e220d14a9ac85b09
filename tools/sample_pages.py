"""Generated mixed Chinese/English news pages, for batch tests and benchmarks.

Each page looks like the starting page (examples/): its English article paragraphs, a byline
with a Chinese name, a Chinese browser notice, and, on half of them, a Chinese paragraph with
policy terms (which the built-in fallback glosses). HTML pages have a news site's
menus, scripts and footer around the article; two pages in three are HTML like that, the rest
text as a browser saves it. Deterministic for a given seed.
"""

from __future__ import annotations

import importlib.util
import random
from html import escape
from pathlib import Path

# The starting page's article paragraphs: real Xinhua English with many glossary terms.
STARTING_PAGE = (
    Path(__file__).resolve().parents[1] / "examples" / "xinhua-western-region-2024-04-23.txt"
)


def article_paragraphs() -> list[str]:
    lines = STARTING_PAGE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if len(line) > 150 and "Mid-Autumn" not in line]


NAMES = ["林雨晨", "王晓明", "张伟", "欧阳晓敏", "李娜", "陈静", "刘洋", "赵磊"]
NOTICE = [
    "抱歉,您使用的浏览器版本过低或开启了浏览器兼容模式,这会影响您正常浏览本网页",
    "您可以进行以下操作:",
    "1.将浏览器切换回极速模式",
    "2.点击下面图标升级或更换您的浏览器",
    "3.暂不升级,继续浏览",
    "继续浏览",
]
CHINESE_PARAGRAPHS = [
    "会议强调，要因地制宜发展新质生产力，推动高质量发展。",
    "要坚持共建一带一路倡议，推进高水平对外开放。",
    "各地要积极稳妥推进碳达峰碳中和，加快发展方式绿色转型。",
]


def page_text(number: int, rng: random.Random, paragraphs: list[str]) -> list[tuple[str, str]]:
    """(element, text) blocks of one page: about as long as the starting page."""
    blocks = [("h1", f"Xi Focus: western region symposium, report {number}"),
              ("p", f"Source: Xinhua | 2024-04-{1 + number % 28:02d} 14:55:52")]
    blocks += [("p", text) for text in rng.sample(paragraphs, rng.randint(12, len(paragraphs)))]
    if number % 2 == 0:
        blocks.append(("p", rng.choice(CHINESE_PARAGRAPHS)))
    blocks.append(("p", f"Editor: {rng.choice(NAMES)}"))
    blocks += [("p", line) for line in NOTICE]
    return blocks


def as_text(blocks: list[tuple[str, str]]) -> str:
    return "\n\n".join(text for _, text in blocks) + "\n"


SECTIONS = ["Home", "China", "World", "Business", "Sci-Tech", "Culture", "Sports", "Photos",
            "Video", "Opinion", "In-depth", "Travel", "Health", "Lifestyle", "Xi Focus"]
TEASERS = [
    "China's economy off to a stable start in 2024", "Lianghui Watch: new industries",
    "Xi stresses high-quality development in Hunan", "How an American Scholar Fell for China",
    "New energy vehicles lead export growth", "Rural revitalization in the western region",
    "Chengdu-Chongqing economic circle draws investors", "Green transformation gathers pace",
]
TRACKER = (
    "var _analytics = _analytics || []; (function () { var s = document.createElement('script');"
    " s.src = '/static/js/stats.js?v=' + Date.now(); document.head.appendChild(s); })();\n"
)
STYLE = ".nav li{display:inline-block;margin:0 8px}.footer{font-size:12px;color:#666}\n"


def as_html(blocks: list[tuple[str, str]]) -> str:
    """The page as a news site serves it: menus, scripts, styles, teasers and a footer around
    the article (about 45 KB; a real article page's markup is 40-100 KB)."""
    nav = "".join(f'<li><a href="/{name.lower()}/index.htm">{name}</a></li>' for name in SECTIONS)
    body = "\n".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in blocks)
    teasers = "".join(f'<li><a href="/2024-04/{n}.htm">{escape(text)}</a></li>\n'
                      for n, text in enumerate(TEASERS * 3))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(blocks[0][1])}</title>\n"
        + '<meta name="keywords" content="Xi Jinping, western region, symposium">\n' * 4
        + f"<style>{STYLE * 40}</style>\n<script>{TRACKER * 60}</script>\n</head>\n<body>\n"
        f'<div class="header"><ul class="nav">{nav * 3}</ul></div>\n'
        '<div class="position">position: <a href="/">EnglishChannel</a> &gt; Diary</div>\n'
        f'<div class="main"><div class="article">\n{body}\n</div>\n'
        f'<div class="related"><h3>Top News</h3><ul>\n{teasers}</ul></div></div>\n'
        f'<div class="footer"><ul>{nav}</ul><p>Copyright &copy; 2024 Xinhua News Agency. '
        "All rights reserved.</p></div>\n"
        f"<script>{TRACKER * 30}</script>\n</body></html>\n"
    )


def write_sample_pages(folder: Path, count: int, seed: int = 2024) -> list[Path]:
    """`count` pages in `folder` (page-000.txt, page-002.html, …); returns their paths."""
    rng = random.Random(seed)
    paragraphs = article_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        blocks = page_text(number, rng, paragraphs)
        is_html = number % 3 != 0
        path = folder / f"page-{number:03d}.{'html' if is_html else 'txt'}"
        path.write_text(as_html(blocks) if is_html else as_text(blocks), encoding="utf-8")
        written.append(path)
    return written


def chinese_paragraphs(count: int, rng: random.Random) -> list[str]:
    """News-length paragraphs of dictionary words, drawn by their jieba frequency."""
    spec = importlib.util.find_spec("jieba")
    dictionary = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words, weights = [], []
    with open(dictionary, encoding="utf-8") as lines:
        for line in lines:
            word, frequency, _ = line.split()
            words.append(word)
            weights.append(int(frequency))
    paragraphs = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            clauses = [
                "".join(rng.choices(words, weights, k=rng.randint(4, 12)))
                for _ in range(rng.randint(1, 3))
            ]
            sentences.append("，".join(clauses) + "。")
        paragraphs.append("".join(sentences))
    return paragraphs


def chinese_page(megabytes: float, terms: list[str], seed: int = 7) -> str:
    """A long Chinese news page (text): a headline, a dateline, paragraphs of dictionary words
    with glossary terms (`terms`) woven in every few clauses, a byline and the browser notice."""
    rng = random.Random(seed)
    paragraphs = chinese_paragraphs(300, rng)
    lines = ["西部地区高质量发展座谈会在重庆召开", "来源：新华社 | 2024-04-23 14:55:52"]
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(paragraphs)
        clauses = paragraph.split("，")
        for index in range(0, len(clauses), 3):
            clauses[index] = rng.choice(terms) + clauses[index]
        lines.append("，".join(clauses))
        size += len(lines[-1].encode()) + 2
    lines += [f"责任编辑：{rng.choice(NAMES)}", *NOTICE]
    return "\n\n".join(lines) + "\n"
