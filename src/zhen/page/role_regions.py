"""What the HTML around a block says about its role: elements and class or id words.

The nearest enclosing element that says something decides: a link inside `<div class="nav">`
inside `<div class="footer">` is navigation (a site menu repeated at the bottom), a share button
inside the article is a page tool. Class and id words are split at every non-letter
("h-title" → h, title); the words below are the ones sites use for these regions, in English
and in the pinyin initials Chinese sites use (xgxw 相关新闻, ewm 二维码, zw 正文).
"""

from __future__ import annotations

from collections.abc import Sequence

from zhen.types import Role


def _words(text: str) -> frozenset[str]:
    """Class and id words written one after another, space-separated."""
    return frozenset(text.split())


#: Elements that are a region by themselves.
_ELEMENTS = {"nav": Role.NAVIGATION, "footer": Role.FOOTER, "aside": Role.RELATED}
#: Class and id words, by the role of the region they name; a word names one role only.
_WORDS: dict[Role, frozenset[str]] = {
    Role.OTHER: _words(
        "share shares fx bshare bdshare bsbox ewm qrcode erweima fllow follow tool tools btool "
        "toolbar fonts zihao fontsize print love zan like comment comments cmt commt comm "
        "reply login logon nologin register download down app ad ads adv advert advertisement "
        "logo weixin wechat weibo collection collect vote fav favorite loginmanage counter "
        "magazine subscribe feedback player autoplay mood emotion"),
    Role.FOOTER: _words(
        "footer foot copyright copyrights pagebottom bottomnav"),
    Role.NAVIGATION: _words(
        "nav navbar navigation menu menus topnav subnav mainnav sitenav breadcrumb breadcrumbs "
        "crumb crumbs path position pos location channels pagination pager paging "
        "keyword keywords tags lang language languages topbar"),
    Role.RELATED: _words(
        "related relate relates recommend recommended tuijian hot hotnews rank ranking "
        "sidebar side aside xgxw jxxw rthotnews ctread changelist teaser teasers topstories "
        "popular mostpopular mostread livestats"),
    Role.BYLINE: _words("author zb bianji byline"),
    Role.DATELINE: _words("info time date source pubtime publish meta ly laiyuan pubdate"),
    Role.HEADLINE: _words("title tit headline biaoti heading"),
    Role.BODY: _words(
        "content article detail text artibody zw cont post entry story newscontent txt neirong "
        "dochtmlcon"),
}
#: Links to other sites ("friend links", 友情链接 yqlj) are footer even in a submenu.
_FRIEND_LINKS = _words("friend friends friendlink friendlinks flink yqlj")
#: Within one element the more specific region comes first: a share box in an article is a page
#: tool, a menu in the footer ("footer nav") is navigation.
_ORDER = (Role.OTHER, Role.NAVIGATION, Role.FOOTER, Role.RELATED, Role.BYLINE, Role.DATELINE,
          Role.HEADLINE, Role.BODY)
_SUBSTRINGS = {Role.NAVIGATION: ("nav", "crumb", "menu"),
               Role.FOOTER: ("footer", "copyright", "foot"),
               Role.OTHER: ("share", "comment", "qrcode", "download"),
               Role.RELATED: ("related", "recommend", "hotnews", "sidebar")}


def region_of(path: Sequence[tuple[str, frozenset[str]]]) -> Role | None:
    """The role the nearest telling element gives, or None. When that element names two
    regions, a page tool and the footer ("ewm footer"), the one the outer elements name too
    wins: a QR code inside the page footer is footer, a comment module's "footer" is not."""
    telling = [roles for tag, words in reversed(path) if (roles := element_roles(tag, words))]
    if not telling:
        return None
    nearest = telling[0]
    footer_around = any(Role.FOOTER in roles for roles in telling[1:])
    if nearest[0] is Role.OTHER and Role.FOOTER in nearest and footer_around:
        return Role.FOOTER
    return nearest[0]


BOXES = (Role.OTHER, Role.NAVIGATION, Role.FOOTER, Role.RELATED)


def box_of(path: Sequence[tuple[str, frozenset[str]]]) -> Role | None:
    """The nearest enclosing page tool, menu, footer or related box, however far out."""
    return next((role for role in regions_of(path) if role in BOXES), None)


def in_footer(path: Sequence[tuple[str, frozenset[str]]]) -> bool:
    """Inside the page footer: an enclosing element whose first region is the footer (not a
    comment module's "cmt footer")."""
    return any((roles := element_roles(tag, words)) and roles[0] is Role.FOOTER
               for tag, words in path)


def regions_of(path: Sequence[tuple[str, frozenset[str]]]) -> list[Role]:
    """Every role the enclosing elements give, nearest first (without repeats)."""
    roles: list[Role] = []
    for tag, words in reversed(path):
        for role in element_roles(tag, words):
            if role not in roles:
                roles.append(role)
    return roles


def element_roles(tag: str, words: frozenset[str]) -> list[Role]:
    """The roles one element names, most specific first."""
    if tag in _ELEMENTS:
        return [_ELEMENTS[tag]]
    if words & _FRIEND_LINKS:
        return [Role.FOOTER]
    return [role for role in _ORDER if words & _WORDS[role] or any(
        part in word for part in _SUBSTRINGS.get(role, ()) for word in words)]
