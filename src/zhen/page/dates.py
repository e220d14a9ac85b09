"""When a page was written: the date its renderings are judged at.

In order: `--as-of`, else the page's own date — a dateline near the top ("Updated: May 21, 2021",
"(Xinhua) 15:52, August 29, 2020", "Source:Xinhua 2023-11-23"), an HTML `<meta>` publish date
or JSON-LD `datePublished`, a date in its address or file name (`/202010/17/`, `/n3/2020/0829/`,
`xinhua-2024-04-23.txt`) — else today. Dates are ISO strings as precise as the page says.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from zhen.types import Block, DateSource, Page, Role, TextDate

__all__ = ["address_date", "date_in_text", "judged_date", "page_date", "parse_iso_date"]

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TEXT_DATES = [re.compile(pattern, re.I) for pattern in (
    _YEAR + r"\s*[-/.年]\s*(?P<mm>[01]?\d)\s*[-/.月]\s*(?P<day>[0-3]?\d)(?!\d)",
    r"(?<![\w])" + _MONTH + r"\s+" + _DAY + r",?\s*" + _YEAR + r"(?!\d)",
    r"(?<!\d)" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"(?!\d)",
)]
_ADDRESS_DATES = [re.compile(pattern) for pattern in (
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<mm>[01]\d)/(?P<day>[0-3]\d)(?!\d)",  # /202010/17/
    r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<mm>[01]\d)(?P<day>[0-3]\d)(?!\d)",  # /2020/0829/
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_/.](?P<mm>[01]?\d)[-_/.](?P<day>[0-3]?\d)(?!\d)",
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<mm>[01]\d)(?P<day>[0-3]\d)(?!\d)",  # 20240827-…
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_/](?P<mm>[01]\d)(?=/)",  # /2022-03/ → a month
)]
_DATELINE_WORDS = re.compile(
    r"updated|published|posted|released|source|date|time|print|share|wechat|editor|xinhua"
    r"|\d{1,2}:\d{2}(?::\d{2})?|[（(][^()（）]{0,30}[)）]|发布时间|发布日期|来源|时间|日期|[\W_]+",
    re.I)
_DATELINE_LEFTOVER = 30  # characters a dateline may hold besides its date and cue words
_HEAD_BLOCKS = 15  # blocks from the top where a dateline may stand
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_META_NAMES = frozenset((
    "article:published_time", "og:published_time", "og:article:published_time", "published_time",
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "datepublished",
    "sailthru.date", "parsely-pub-date", "citation_date", "citation_publication_date",
    "firstpublishedtime"))
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_CANONICAL = re.compile(
    r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*\bhref\s*=\s*["']([^"']+)["']"""
    r"""|<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*\bcontent\s*=\s*["']([^"']+)["']""",
    re.I)
_ISO = re.compile(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")


def parse_iso_date(value: str) -> str | None:
    """`value` if it is an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that exists, else None."""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    return _iso(int(year), int(month) if month else None, int(day) if day else None)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def date_in_text(text: str) -> tuple[str, int, int] | None:
    """The first full date written in `text` (2020-08-29, August 29, 2020, 29 Aug 2020,
    2020年8月29日) as (ISO date, start, end), or None."""
    found = []
    for pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mm"]) if parts.get("mm") else _MONTHS[parts["month"].lower()]
            iso = _iso(int(parts["year"]), month, int(parts["day"]))
            if iso is not None:
                found.append((match.start(), iso, match.end()))
                break
    if not found:
        return None
    start, iso, end = min(found)
    return iso, start, end


def address_date(address: str) -> str | None:
    """A date in a URL or file name: /202010/17/, /n3/2020/0829/, 2024-04-23, 20240827-…"""
    for pattern in _ADDRESS_DATES:
        for match in pattern.finditer(address):
            parts = match.groupdict()
            iso = _iso(int(parts["year"]), int(parts["mm"]),
                       int(parts["day"]) if parts.get("day") else None)
            if iso is not None:
                return iso
    return None


def page_date(page: Page) -> TextDate | None:
    """The page's own date: its dateline, else its <meta> publish date, else its address."""
    dated = _dateline_date(page)
    if dated is None and page.format == "html":
        dated = _meta_date(page.text)
    if dated is None:
        for address in _addresses(page):
            iso = address_date(address)
            if iso is not None:
                return TextDate(iso, DateSource.ADDRESS, address)
    return dated


def judged_date(page: Page | None, as_of: str | None = None, *, address: str = "",
                today: datetime.date | None = None) -> TextDate:
    """The date a text is judged at: `as_of`, else the page's own date (or, for a file that is
    not a page, the date in its `address`), else today."""
    if as_of:
        return TextDate(as_of, DateSource.AS_OF, "--as-of")
    dated = page_date(page) if page is not None else None
    if dated is None and address:
        iso = address_date(address)
        if iso is not None:
            dated = TextDate(iso, DateSource.ADDRESS, address)
    if dated is None:
        dated = TextDate((today or datetime.date.today()).isoformat(), DateSource.TODAY)
    return dated


def dating_blocks(blocks: Iterable[Block]) -> list[Block]:
    """The blocks a page's date may stand on — its first blocks and every dateline — in page
    order: all `page_date` needs of a page too large to hold block by block."""
    return [block for index, block in enumerate(blocks)
            if index < _HEAD_BLOCKS or block.role is Role.DATELINE]


def _dateline_date(page: Page) -> TextDate | None:
    """A date on a dateline block, or on a short block near the top that is mostly a date."""
    blocks = [block for block in page.blocks if block.role is Role.DATELINE]
    blocks += [block for block in page.blocks[:_HEAD_BLOCKS]
               if block.role not in (Role.DATELINE, Role.NAVIGATION, Role.FOOTER)]
    for block in blocks:
        found = date_in_text(block.text)
        if found is None:
            continue
        iso, start, end = found
        rest = block.text[:start] + " " + block.text[end:]
        if block.role is Role.DATELINE or len(_DATELINE_WORDS.sub("", rest)) <= _DATELINE_LEFTOVER:
            return TextDate(iso, DateSource.DATELINE, " ".join(block.text.split()))
    return None


def _meta_date(markup: str) -> TextDate | None:
    head = markup[:200_000]
    for tag in _META_TAG.findall(head):
        attributes = {name.lower(): value.strip("\"'")
                      for name, value in _ATTRIBUTE.findall(tag)}
        key = (attributes.get("property") or attributes.get("name")
               or attributes.get("itemprop") or "").lower()
        if key in _META_NAMES and "content" in attributes:
            iso = _leading_iso(attributes["content"])
            if iso is not None:
                return TextDate(iso, DateSource.META, tag)
    match = _JSON_LD_DATE.search(head)
    if match is not None:
        iso = _leading_iso(match.group(1))
        if iso is not None:
            return TextDate(iso, DateSource.META, match.group())
    return None


def _leading_iso(value: str) -> str | None:
    """The date at the start of a timestamp (2024-04-23T15:30:00+08:00 → 2024-04-23)."""
    match = _ISO.match(value.strip().replace("/", "-"))
    return parse_iso_date(match.group()) if match else None


def _addresses(page: Page) -> Iterable[str]:
    if page.format == "html":
        for match in _CANONICAL.finditer(page.text[:200_000]):
            yield match.group(1) or match.group(2)
    yield page.source
