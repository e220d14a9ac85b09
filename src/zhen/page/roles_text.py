"""Roles on a text page, where lines are all there is: their text, length and order.

A line's own cue comes first (`zhen.page.role_cues`). Then the headline: the first title-like
line that a dateline, byline or paragraph follows; before it, menus are navigation and the rest
(site names, slogans, counters) other. After it the article: paragraphs are body, a title-like
line followed by a dateline, or a bulleted one followed by a paragraph, is the next item's
headline (listing pages, e-papers); a line of four characters or one word right before a
headline is its channel label. The article ends with its byline — short lines after it are
the site's menus — or a related heading ("Top News"), under which everything is related until a
notice or the footer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhen.chinese.convert import to_simplified
from zhen.chinese.names import COMMON_SURNAMES
from zhen.page import role_cues as cue
from zhen.types import Role

_PARAGRAPH = 80  # characters: a line this long is prose
_SHORT_LINE = 16  # characters: a line of a menu or a list of names
_RUN = 4  # consecutive short lines make a menu or a list
_TITLE_LINES = 6  # a title broken over lines takes at most this many
_LOOKAHEAD = 2  # lines after a headline where its dateline, byline or first paragraph is
_BULLET = re.compile(r"^\s*[•·・▪◆■●]\s*")
_TEASER_DATE = re.compile(r"\s\d{1,2}[/-]\d{1,2}\s*$|\s\d{4}-\d{1,2}-\d{1,2}\s*$")
_MENU = re.compile(r"^\s*\S{1,12}(?:\s*(?:\||｜|·)\s*\S{1,12}){2,}\s*$")
_LABEL = re.compile(r"^\s*(?:[^\W\d_]{1,4}|[A-Za-z]+)\s*$")


def text_roles(texts: Sequence[str]) -> list[Role]:
    cues = [cue.text_role(text) for text in texts]
    in_run = _short_runs(texts, cues)
    headline = _headline(texts, cues, in_run)
    roles: list[Role] = []
    zone = "top" if headline is not None else "article"
    body_seen = False
    for index in range(len(texts)):
        role = _line_role(texts, cues, in_run, index, headline, zone, roles)
        if index == headline:
            zone = "article"
        body_seen = body_seen or role is Role.BODY
        if body_seen and cues[index] is Role.RELATED and zone in ("article", "after"):
            zone = "related"  # "Top News": the teasers under it
        elif zone == "article" and body_seen and role is Role.BYLINE and not (
                index + 1 < len(texts) and len(texts[index + 1]) >= _PARAGRAPH):
            zone = "after"  # the article ends with its byline (unless prose follows it)
        elif zone in ("after", "related") and role is Role.FOOTER:
            zone = "footer"
        roles.append(role)
    return _titles_over_lines(texts, roles)


def _line_role(texts: Sequence[str], cues: list[Role | None], in_run: list[bool], index: int,
               headline: int | None, zone: str, roles: list[Role]) -> Role:
    text, text_cue = texts[index], cues[index]
    if roles and roles[-1] is Role.NOTICE and text_cue is None and len(text) <= 40 and not (
            cue.SENTENCE_END.search(text)):
        return Role.NOTICE
    if index == headline:
        return Role.HEADLINE
    if zone == "footer" and text_cue in (None, Role.NAVIGATION, Role.FOOTER):
        return Role.FOOTER  # the rest of the footer: subscribe, partner sites
    label = _LABEL.match(text) and (index + 1 == headline or (
        index + 1 < len(texts) and _item_headline(texts, cues, index + 1)))
    if label and (text_cue is None or cue.CHANNEL_OR_TOOL.match(text)):
        return Role.NAVIGATION  # a channel label over a headline ("文章", "Comment")
    if text_cue is not None:
        if text_cue is Role.DATELINE and roles and roles[-1] is Role.BODY and (
                cue.is_mostly_date(text)):
            return Role.BODY  # a signing date inside a document
        return text_cue
    if (_MENU.match(text) or cue.CAPS_MENU.match(text)) and len(text) <= cue.SHORT:
        return Role.NAVIGATION
    if _BULLET.match(text) and _TEASER_DATE.search(text):
        return Role.RELATED  # "·   张涛看望慰问春节... 01/22"
    if roles and roles[-1] is Role.HEADLINE and _names_only(text):
        return Role.BYLINE  # the author's name under the headline
    if zone == "related":
        return Role.RELATED
    if zone == "top":
        return Role.OTHER
    if headline is None and index == 0 and _LABEL.match(text):
        return Role.NAVIGATION  # a tab name opening an excerpt ("Afleveringen")
    if _item_headline(texts, cues, index):
        return Role.HEADLINE
    if zone == "after" and (in_run[index] or len(text) <= _SHORT_LINE):
        return Role.NAVIGATION
    return Role.BODY


def _headline(texts: Sequence[str], cues: list[Role | None], in_run: list[bool]) -> int | None:
    """The first title-like line that a dateline, a byline (or the author's name) or a
    paragraph follows; None when prose comes before any such line."""
    for index, text in enumerate(texts):
        if len(text) >= _PARAGRAPH:
            return None
        if cues[index] is not None or not _could_be_headline(text):
            continue
        after = next((n for n in range(index + 1, len(texts)) if cues[n] is not Role.OTHER),
                     None)
        if after is None:
            continue
        credited = cues[after] in (Role.DATELINE, Role.BYLINE) or _names_only(texts[after])
        if credited or (len(texts[after]) >= _PARAGRAPH and not in_run[index]):
            return index  # the last short line of a list can be the headline its byline follows
    return None


def _could_be_headline(text: str) -> bool:
    """Title-like (a question or exclamation is fine), two words or four characters at least."""
    stripped = text.strip()
    title_like = cue.is_title_like(text) or (len(stripped) <= 50 and stripped[-1:] in "!！?？")
    long_enough = len(stripped.split()) >= 2 or len(stripped.replace(" ", "")) >= 4 and not (
        stripped.isascii())
    return title_like and long_enough and not _MENU.match(text)


def _names_only(text: str) -> bool:
    """A short line of names only ("刘祺", "- 刘骥跃 张 勇"), the first with a common surname."""
    if len(text) > 20 or not cue.NAME_LINE.match(text):
        return False
    first = to_simplified(text.strip(" -—–"))[:1]
    return first in COMMON_SURNAMES


def _item_headline(texts: Sequence[str], cues: list[Role | None], index: int) -> bool:
    """An item of a listing page: a title with its dateline or byline under it, or a short
    bulleted title with its paragraph."""
    text = texts[index]
    if cues[index] is not None or not cue.is_title_like(text) or index + 1 >= len(texts):
        return False
    after = index + 1
    if cues[after] in (Role.DATELINE, Role.BYLINE):
        return True
    return bool(_BULLET.match(text)) and len(text.strip()) <= 40 and (
        len(texts[after]) >= _PARAGRAPH)


def _short_runs(texts: Sequence[str], cues: list[Role | None]) -> list[bool]:
    """Lines inside a run of at least four short lines: a menu, a list of sites."""
    short = [len(text) <= 4 * _SHORT_LINE and len(text.strip()) <= _SHORT_LINE
             and not cue.SENTENCE_END.search(text) for text in texts]
    marks = [False] * len(texts)
    start = 0
    for index in range(len(texts) + 1):
        if index == len(texts) or not short[index]:
            if index - start >= _RUN:
                marks[start:index] = [True] * (index - start)
            start = index + 1
    return marks


def _titles_over_lines(texts: Sequence[str], roles: list[Role]) -> list[Role]:
    """A document title broken over several lines, repeating the headline, is headline too."""
    return titles_over_lines(texts, roles, "")


def titles_over_lines(texts: Sequence[str], roles: list[Role], title: str) -> list[Role]:
    """Runs of two or more short lines that together spell the headline (or the document's
    <title>) are headline: 關于印發《懷化市… / 增長主動仗… / 政策措施〉實施方案》的通知."""
    headlines = [_plain(texts[i]) for i, role in enumerate(roles) if role is Role.HEADLINE]
    known = [text for text in [*headlines, _plain(title)] if len(text) >= 8]
    index = 0
    while index < len(texts):
        joined, longest = "", 0
        for end in range(index, min(len(texts), index + _TITLE_LINES)):
            if not cue.is_title_like(texts[end]) or len(texts[end]) > 40:
                break
            joined += _plain(texts[end])
            if end > index and len(joined) >= 8 and any(joined in text for text in known):
                longest = end + 1
        if not longest and _repeats_headline(texts[index], known) and roles[index] is Role.BODY:
            longest = index + 1  # the document's title printed again under the headline
        if longest:
            roles[index:longest] = [Role.HEADLINE] * (longest - index)
        index = max(longest, index + 1)
    return roles


def _repeats_headline(text: str, known: list[str]) -> bool:
    if not cue.is_title_like(text):
        return False
    plain = _plain(text)
    return len(plain) >= 10 and any(
        plain in other and len(other) > len(plain) for other in known)


def _plain(text: str) -> str:
    """Text without white space and brackets, to compare titles written two ways."""
    return re.sub(r"[\s《》〈〉<>「」『』“”\"']", "", text)
