"""What each block of a page does — the one place where roles are decided.

Every rule is a cue a person would point at: position, length, cue words, link lists and, on HTML
pages, the element that holds the block. Roles, each with an example from the starting page:

- navigation — a breadcrumb or menu before the headline: "position: EnglishChannel > Diary > Xi
  Focus: …" (cue: two or more ">"/"»"/"|" separators or "position:"/"当前位置"; HTML: inside
  <nav>, or an element whose class/id says nav/menu/breadcrumb, or a list of links before the h1).
- headline — the first short, title-like block after the navigation: "Xi Focus: Xi chairs
  symposium on boosting development of China's western region in new era" (HTML: <h1>).
- dateline — a short source/date line: "Source: | 2024-04-24 14:55:52 | Author:" (cue: starts
  with Source/来源/Published/发布时间, or a short line that is mostly a date and time).
- body — the article's paragraphs between headline and byline: "CHONGQING, April 23 (Xinhua) --
  Chinese President Xi Jinping on Tuesday stressed …".
- byline — who wrote or edited it: "Editor: 林雨晨" (cue: Editor/Author/Reporter/By/责任编辑/
  编辑/记者/作者 followed by a colon, on a short line).
- related — teasers for other stories: the "Top News" heading (cue: Top News/Related/More
  stories/相关新闻/推荐阅读 …) and every block after it; HTML: <aside>, or a list of links after
  the headline.
- notice — a message about the reader's browser, not the story: "抱歉,您使用的浏览器版本过低…"
  (cue: 浏览器/browser/兼容模式/JavaScript/cookies), and the short lines right after such a
  block ("您可以进行以下操作:", "3.暂不升级,继续浏览", "继续浏览").
- footer — copyright and site registration: "Copyright © 2024 Xinhua News Agency" (cue:
  Copyright/©/版权所有/All rights reserved/ICP备; HTML: <footer>).
- other — anything no rule claims, e.g. the HTML <title> (shown in the browser tab, not on the
  page) or text before the headline that is no navigation.

Cue rules win over position: a notice or footer inside the article zone is still a notice or
footer. Position decides the rest: before the headline, then the article, then the related zone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from zhen.types import Role


@dataclass(frozen=True)
class Layout:
    """What the role rules may look at for one block."""

    text: str
    tag: str | None = None  # the HTML element holding the block
    ancestors: tuple[str, ...] = ()  # enclosing HTML elements, outermost first
    hints: frozenset[str] = field(default_factory=frozenset)  # words of class/id attributes
    link_share: float = 0.0  # share of the block's characters inside links


_SHORT = 120  # characters: datelines, bylines, headings and notice steps are shorter
_HEADLINE_MAX = 200

_BREADCRUMB = re.compile(
    r"(?:\s[>»›|/＞]\s.*){2,}|^\s*(?:position|当前位置|您的位置|您现在的位置)\s*[:：]", re.I
)
_DATELINE = re.compile(
    r"^\s*(?:source|来源|來源|published|updated|发布时间|發佈時間|发布日期|时间|日期)\s*[:：]", re.I
)
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_BYLINE = re.compile(
    r"^\s*(?:(?:editors?|authors?|reporters?|writers?|correspondents?|translators?|photographers?"
    r"|责任编辑|責任編輯|编辑|編輯|记者|記者|作者|撰稿|翻译|翻譯|摄影|攝影)\s*[:：]|by\s+[A-Z])",
    re.I,
)
_RELATED = re.compile(
    r"^\s*(?:top news|top stories|related(?: news| stories| articles| reading)?"
    r"|more(?: news| stories)?|latest(?: news)?|most (?:popular|read|viewed)"
    r"|recommended(?: reading)?|editor'?s picks?"
    r"|you may (?:also )?like|相关新闻|相關新聞|相关阅读|相關閱讀|相关文章|推荐阅读|推薦閱讀"
    r"|热点新闻|熱點新聞|更多新闻|更多)\s*[:：]?\s*$",
    re.I,
)
_NOTICE = re.compile(
    r"浏览器|瀏覽器|兼容模式|相容模式|极速模式|極速模式|browser|javascript|cookies?\b", re.I
)
_FOOTER = re.compile(
    r"版权所有|版權所有|copyright|©|all rights reserved|icp备|icp證|icp证|公网安备|公網安備", re.I
)
_SENTENCE_END = re.compile(r"[.!?。！？]['\"’”」』）)]*\s*$")

_NAV_HINTS = frozenset(
    {
        "nav",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "position",
        "location",
    }
)
_FOOTER_HINTS = frozenset({"footer", "copyright", "foot"})
_NOTICE_HINTS = frozenset({"notice", "browser", "compat", "upgrade"})
_RELATED_HINTS = frozenset({"related", "relate", "recommend", "recommended", "topnews", "sidebar"})
_LIST_ITEMS = frozenset({"li", "dt", "dd"})


def assign_roles(layouts: Sequence[Layout]) -> list[Role]:
    """One role per block, in document order."""
    roles: list[Role] = []
    zone = "top"  # → "article" after the headline → "related" after a related heading
    for layout in layouts:
        role = _cue_role(layout, previous=roles[-1] if roles else None)
        if role is None:
            role = _position_role(layout, zone)
        if role is Role.HEADLINE and zone == "top":
            zone = "article"
        elif role is Role.RELATED:
            zone = "related"
        elif zone == "top" and role in (Role.BODY, Role.DATELINE, Role.BYLINE):
            zone = "article"
        roles.append(role)
    return roles


def _cue_role(layout: Layout, previous: Role | None) -> Role | None:
    """Roles that cue words or enclosing elements decide wherever the block stands."""
    text = layout.text
    if layout.tag == "title":
        return Role.OTHER  # the browser tab's title, not text on the page
    short = len(text) <= _SHORT
    context = set(layout.ancestors) | set(layout.hints)
    if "footer" in context or context & _FOOTER_HINTS or (short and _FOOTER.search(text)):
        return Role.FOOTER
    if (short and _NOTICE.search(text)) or context & _NOTICE_HINTS:
        return Role.NOTICE
    if previous is Role.NOTICE and len(text) <= 40:
        return Role.NOTICE
    if "nav" in layout.ancestors or context & _NAV_HINTS:
        return Role.NAVIGATION
    if short and _RELATED.match(text):
        return Role.RELATED
    if "aside" in layout.ancestors or context & _RELATED_HINTS:
        return Role.RELATED
    if short and (_DATELINE.match(text) or _is_mostly_date(text)):
        return Role.DATELINE
    if short and _BYLINE.match(text):
        return Role.BYLINE
    return None


def _position_role(layout: Layout, zone: str) -> Role:
    """Roles that follow from where the block stands: before, in or after the article."""
    text = layout.text
    if zone == "top":
        if (len(text) <= _HEADLINE_MAX and _BREADCRUMB.search(text)) or _is_link_list_item(layout):
            return Role.NAVIGATION
        if layout.tag == "h1" or _is_title_like(text):
            return Role.HEADLINE
        return Role.OTHER if layout.tag is not None else Role.BODY
    if zone == "related":
        return Role.RELATED
    if layout.tag == "h1":
        return Role.HEADLINE
    if _is_link_list_item(layout):
        return Role.RELATED
    return Role.BODY


def _is_title_like(text: str) -> bool:
    """Short, no sentence end: how headlines look on a text page."""
    return len(text) <= _HEADLINE_MAX and bool(text.strip()) and not _SENTENCE_END.search(text)


def _is_mostly_date(text: str) -> bool:
    match = _DATE.search(text)
    return match is not None and len(match.group()) >= len(text.strip()) * 0.4


def _is_link_list_item(layout: Layout) -> bool:
    return layout.tag in _LIST_ITEMS and layout.link_share >= 0.6
