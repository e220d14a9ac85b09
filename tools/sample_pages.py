"""Generated mixed Chinese/English news pages, for batch tests and benchmarks.

Each page looks like the starting page (examples/): its English article paragraphs, a byline
with a Chinese name, a Chinese browser notice, and, on half of them, a Chinese paragraph with
policy terms (which the built-in fallback glosses). HTML pages have a news site's
menus, scripts and footer around the article; two pages in three are HTML like that, the rest
text as a browser saves it. Deterministic for a given seed.
"""

from __future__ import annotations

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
