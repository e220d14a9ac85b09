"""What each block of a page does — the one place where roles are decided.

Three kinds of evidence, strongest first:

1. the block's own text (`zhen.page.role_cues`): a breadcrumb ("首页 > 东区新闻 > 正文"), a
   language switch ("EN", "繁體"), a copyright, ICP or contact line, a byline ("责任编辑：龙慧"),
   a date-and-source line, a row of page tools ("字号 打印 分享"), a browser notice, a heading
   of related stories ("相关推荐", "Top News");
2. on HTML pages the nearest telling element around it (`zhen.page.role_regions`): `<nav>`,
   `<footer>`, `<aside>`, `<h1>`, and class or id words (nav, breadcrumb, footer, copyright,
   share, comment, related, hot, title, info, content …);
3. position: the headline (on HTML pages the block the document's `<title>` repeats, else an
   `<h1>`, else the first title-like line), then the article — body until its end (a related
   heading, the related or footer region) — then related stories and the footer. Before the
   headline, links are navigation and other text is other (site names, slogans).

Roles, each with an example: navigation ("position: EnglishChannel > Diary > Xi Focus: …"),
headline, dateline ("Source: | 2024-04-24 14:55:52 | Author:"), body, byline ("Editor: 林雨晨"),
related ("Top News" and its teasers), notice ("抱歉,您使用的浏览器版本过低…" and the short lines
right after it), footer ("Copyright © 2024 Xinhua News Agency"), other (the HTML `<title>`, page
tools, counters, logos, ads, blank blocks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhen.page.roles_html import html_roles
from zhen.page.roles_text import text_roles
from zhen.types import Role


@dataclass(frozen=True)
class Layout:
    """What the role rules may look at for one block."""

    text: str
    tag: str | None = None  # the HTML element holding the block
    #: the enclosing HTML elements, outermost first: (tag, words of its class and id)
    path: tuple[tuple[str, frozenset[str]], ...] = ()
    link_share: float = 0.0  # share of the block's characters inside links


def assign_roles(layouts: Sequence[Layout]) -> list[Role]:
    """One role per block, in document order."""
    if len(layouts) and layouts[0].tag is not None:
        return html_roles(layouts)
    return text_roles(_Texts(layouts))


class _Texts(Sequence[str]):
    """The texts of a text page's lines, read from their layouts when asked for: a very large
    page's lines are not all copied at once."""

    def __init__(self, layouts: Sequence[Layout]):
        self.layouts = layouts

    def __len__(self) -> int:
        return len(self.layouts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.layouts[index].text
