"""Roles on an HTML page: the block's own text, the elements around it, and where it stands.

Zones in page order: "top" (before the headline: menus are navigation, the rest other), the
"article" (body, until its byline or the first related box or footer), then "after" (teasers are
related, widgets other). The headline is the block the document's <title> repeats (the title
minus the site name), else the first <h1>, else a title region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhen.page import role_cues as cue
from zhen.page.role_regions import BOXES, box_of, in_footer, region_of
from zhen.page.roles_text import titles_over_lines
from zhen.types import Role

_LINKED = 0.5  # a block with at least this share of its characters in links is a link
_PROSE = 80  # characters of unlinked text that read as a paragraph
_TITLE_PARTS = re.compile(r"\s*(?:[-_|–—]|\s[-|]\s)\s*")
_LIST_ITEMS = frozenset({"li", "dt", "dd"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_LISTS = (Role.NAVIGATION, Role.RELATED, Role.FOOTER)


def html_roles(layouts: Sequence) -> list[Role]:
    """One role per block of an HTML page (`layouts`: `zhen.page.roles.Layout`)."""
    cues = [None if layout.tag == "title" else cue.text_role(layout.text) for layout in layouts]
    regions = [_region(layout) for layout in layouts]
    headline = _headline(layouts, cues, regions)
    roles: list[Role] = []
    zone = "top"
    body_seen = False
    for index, layout in enumerate(layouts):
        if layout.tag == "title":
            roles.append(Role.OTHER)
            continue
        if index == headline or (zone == "article" and roles[-1] is Role.HEADLINE
                                 and _subtitle(layout, cues[index], regions[index])):
            roles.append(Role.HEADLINE)
            zone = "article"
            continue
        role = _role(layout, cues[index], regions[index], zone, roles)
        if roles and roles[-1] is Role.HEADLINE and len(layout.text) <= 20 and (
                cue.AGENCY.match(layout.text)):
            role = Role.DATELINE  # 新华社, alone under the headline
        body_seen = body_seen or role is Role.BODY
        if zone == "article" and body_seen and role in (Role.BYLINE, Role.RELATED) and not (
                _prose_follows(layouts, index)):
            zone = "after"  # the article ends with its byline, or where related stories start
        zone = _next_zone(zone, role, cues[index], regions[index], headline)
        roles.append(role)
    roles = _box_headings(layouts, _separators(layouts, roles, regions))
    title = next((layout.text for layout in layouts if layout.tag == "title"), "")
    return titles_over_lines([layout.text for layout in layouts], roles, title)


def _role(layout, text_cue: Role | None, region: Role | None, zone: str,
          previous: list[Role]) -> Role:
    role = _raw_role(layout, text_cue, region, zone, previous)
    if role in (Role.OTHER, Role.RELATED) and in_footer(layout.path):
        return Role.FOOTER  # the app, social and partner links of the page footer
    return role


def _raw_role(layout, text_cue: Role | None, region: Role | None, zone: str,
              previous: list[Role]) -> Role:
    text = layout.text
    if previous and previous[-1] is Role.NOTICE and _notice_step(text, text_cue):
        return Role.NOTICE  # the steps after a browser notice ("继续浏览")
    if text_cue is not None:
        return _cue_in_context(layout, text_cue, region, zone)
    if region is Role.OTHER and layout.link_share >= _LINKED and zone != "top" and (
            cue.is_title_like(text) and len(text.strip()) >= 12):
        return Role.RELATED  # a teaser in a "most commented" or picture box
    if region in (Role.NAVIGATION, Role.FOOTER, Role.OTHER, Role.RELATED):
        return region
    if zone == "top":
        if region is Role.HEADLINE and cue.is_title_like(text):
            return Role.HEADLINE
        if region in (Role.DATELINE, Role.BYLINE) and len(text) <= cue.SHORT:
            return region
        return Role.NAVIGATION if layout.link_share >= _LINKED else Role.OTHER
    if zone in ("after", "footer"):
        if layout.link_share >= _LINKED or _teaser(layout):
            return Role.RELATED
        return Role.OTHER
    if region in (Role.DATELINE, Role.BYLINE) and len(text) <= cue.SHORT:
        return region
    if layout.tag in _LIST_ITEMS and layout.link_share >= 0.6:
        return Role.RELATED
    return Role.BODY


def _cue_in_context(layout, text_cue: Role, region: Role | None, zone: str) -> Role:
    """A text cue, unless the place says otherwise: a teaser's date in a related list, 评论 as
    a channel in a menu, the site's 登录 at the top and a comment box's further down."""
    text = layout.text
    if zone in ("after", "footer") and text_cue is Role.DATELINE and cue.is_mostly_date(text):
        return Role.RELATED  # the date beside a teaser
    if text_cue is Role.OTHER and region is Role.NAVIGATION and cue.CHANNEL_OR_TOOL.match(text):
        return Role.NAVIGATION
    if text_cue in (Role.OTHER, Role.NAVIGATION) and in_footer(layout.path):
        return Role.FOOTER  # app, mobile and service links of the footer
    if text_cue is Role.NAVIGATION and region is Role.OTHER and cue.UTILITIES.match(text):
        return Role.NAVIGATION if zone == "top" else Role.OTHER
    if zone == "top" and region is Role.NAVIGATION and text_cue in (Role.FOOTER, Role.RELATED):
        return Role.NAVIGATION  # 联系我们, 留言精选 in the site's menu
    if zone == "top" and text_cue is Role.RELATED and layout.link_share >= _LINKED:
        return Role.NAVIGATION  # 精选: a channel
    if zone == "article" and text_cue is Role.OTHER and cue.SECTION_NUMBER.match(text):
        return Role.BODY  # "1", "2": the article's numbered parts
    return text_cue


def _notice_step(text: str, text_cue: Role | None) -> bool:
    return text_cue is None and len(text) <= 40 and not cue.SENTENCE_END.search(text)


def _prose_follows(layouts: Sequence, index: int) -> bool:
    """Whether an unlinked paragraph comes next: then a byline line is inside the article."""
    following = layouts[index + 1] if index + 1 < len(layouts) else None
    return following is not None and len(following.text) >= _PROSE and (
        following.link_share < _LINKED)


def _region(layout) -> Role | None:
    """The nearest telling element's role; for a link, the box around it (a menu, the footer,
    a list of related stories) even when a nearer element says title or content."""
    region = region_of(layout.path)
    if region not in BOXES and layout.link_share >= _LINKED:
        return box_of(layout.path) or region
    return region


def _next_zone(zone: str, role: Role, text_cue: Role | None, region: Role | None,
               headline: int | None) -> str:
    if zone == "footer":
        return zone
    if role is Role.FOOTER and (zone == "after" or region is Role.FOOTER and zone == "article"):
        return "footer"
    if zone == "top" and role in (Role.BODY, Role.DATELINE, Role.BYLINE) and headline is None:
        return "article"
    if zone == "article" and (text_cue is Role.RELATED or region in (Role.RELATED, Role.FOOTER)):
        return "after"
    return zone


def _subtitle(layout, text_cue: Role | None, region: Role | None) -> bool:
    """A deck right under the headline: a heading element or a title region, or a line that
    opens with a dash ("——优化区域经济布局,促进区域协调发展")."""
    if text_cue is not None or not cue.is_title_like(layout.text):
        return False
    return (layout.tag in _HEADINGS or region is Role.HEADLINE
            or layout.text.lstrip().startswith(("——", "--", "—")))


def _teaser(layout) -> bool:
    return layout.tag in _LIST_ITEMS and cue.is_title_like(layout.text)


def _headline(layouts: Sequence, cues: list[Role | None], regions: list[Role | None]
              ) -> int | None:
    """The block the document's <title> repeats, else the first <h1>, else a title region."""
    title = next((layout.text for layout in layouts if layout.tag == "title"), "")
    candidates = []
    for index, layout in enumerate(layouts):
        if layout.tag == "title" or cues[index] is not None:
            continue
        if regions[index] in BOXES:
            continue
        repeats = _repeats_title(layout.text, title)
        if repeats or layout.tag == "h1" or (
                regions[index] is Role.HEADLINE and cue.is_title_like(layout.text)):
            candidates.append((0 if repeats else 1 if layout.tag == "h1" else 2, index))
    return min(candidates)[1] if candidates else None


def _repeats_title(text: str, title: str) -> bool:
    text = " ".join(text.split())
    if len(text) < 4 or not title:
        return False
    title = " ".join(title.split())
    parts = [part for part in _TITLE_PARTS.split(title) if part]
    return text == title or text in parts or (len(text) >= 8 and title.startswith(text))


def _box_headings(layouts: Sequence, roles: list[Role]) -> list[Role]:
    """A short heading or tab over teasers ("图说能源", "热图") belongs to the related box."""
    for index in range(len(roles) - 1):
        layout = layouts[index]
        short = len(layout.text) <= 40 and 2 <= len(layout.text.strip()) <= 10
        heading = roles[index] is Role.OTHER and layout.link_share < _LINKED and (
            cue.text_role(layout.text) is None)
        tab = roles[index] is Role.NAVIGATION and Role.BODY in roles[:index] and (
            Role.HEADLINE in roles[:index])
        if short and (heading or tab) and roles[index + 1] is Role.RELATED:
            roles[index] = Role.RELATED
    return roles


def _separators(layouts: Sequence, roles: list[Role], regions: list[Role | None]
                ) -> list[Role]:
    """A lone "|" or "," between links of a menu, a list of teasers or the footer belongs to
    them; elsewhere it is other."""
    for index, layout in enumerate(layouts):
        if not cue.SEPARATOR.match(layout.text):
            continue
        if regions[index] in _LISTS:
            roles[index] = regions[index]
        elif index and roles[index - 1] in _LISTS:
            roles[index] = roles[index - 1]
    return roles
