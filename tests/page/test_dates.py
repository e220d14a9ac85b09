"""A page's date: its dateline, its <meta> publish date, its address — read from real pages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from zhen.page.dates import address_date, date_in_text, judged_date, page_date, parse_iso_date
from zhen.page.reader import page_from_text, read_page
from zhen.types import DateSource

DATA = Path(__file__).resolve().parents[1] / "data"
REAL_PAGES = DATA / "real-pages"

# (file of tests/data/real-pages, the date pages.tsv gives for it, where zhen finds it)
DATED_PAGES = [
    ("28-xinhuanet-wuhan-heroic-city.html", "2020-02-19", DateSource.DATELINE),
    ("30-zj-fgw-deqing-investment.html", "2016-11-22", DateSource.DATELINE),
    ("31-gov-cn-gongbao-special-bonds.html", "2007-08-20", DateSource.META),
    ("34-people-zheng-banqiao-orchid.html", "2019-06-15", DateSource.DATELINE),
    ("39-bbc-zhongwen-leung-chun-ying.html", "2012-12-10", DateSource.DATELINE),  # 更新时间 …
    ("47-shanxi-gov-brand-silk-road-brazil.html", "2019-09-18", DateSource.DATELINE),
    ("02-shm-yantai-daily-guonei.txt", "2023-03-15", DateSource.DATELINE),
    ("10-peopleapp-renmin-ribao-epaper.txt", "2025-12-22", DateSource.DATELINE),
    ("22-e-info-tw-bixilian-impressions.txt", "2011-06-12", DateSource.DATELINE),
    ("08-81cn-npc-deputies-passage.txt", "2019-03-08", DateSource.DATELINE),
]


@pytest.mark.parametrize("name, date, source", DATED_PAGES, ids=[n for n, _, _ in DATED_PAGES])
def test_real_pages_are_dated_as_their_labels_say(name, date, source):
    dated = page_date(read_page(REAL_PAGES / name, words=False))
    assert (dated.date, dated.source) == (date, source)
    assert dated.evidence


def test_the_xinhua_tibet_page_is_dated_by_its_dateline():
    dated = page_date(read_page(DATA / "dated" / "xinhua-tibet-work-meeting.txt", words=False))
    assert dated.date == "2020-08-29"
    assert dated.source is DateSource.DATELINE
    assert dated.evidence == "(Xinhua) 15:52, August 29, 2020"


def test_a_date_in_a_caption_sentence_is_not_a_dateline():
    page = page_from_text("Photo taken on Jan. 18, 2019 shows the frozen Namtso Lake in Tibet.\n",
                          words=False)
    assert page_date(page) is None


@pytest.mark.parametrize("address, date", [
    ("http://epaper.chinadaily.com.cn/a/202010/17/WS5f8a1d07a31099a23435108f.html", "2020-10-17"),
    ("http://en.people.cn/n3/2020/0829/c90000-9739858.html", "2020-08-29"),
    ("https://khabarasia.com/opinion/20240827-chinas-new-productive-forces-a-catalytic-shift",
     "2024-08-27"),
    ("http://en.qstheory.cn/2022-09/14/c_811634.htm", "2022-09-14"),
    ("http://english.scio.gov.cn/pressroom/2023-12/27/content_116905907.htm", "2023-12-27"),
    ("https://www.ichongqing.info/2020/11/26/theres-no-rivalry-between-chongqing-and-chengdu/",
     "2020-11-26"),
    ("http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html", "2012-06-24"),
    ("http://tech.qq.com/a/20161014/006270.htm", "2016-10-14"),
    ("examples/xinhua-western-region-2024-04-23.txt", "2024-04-23"),
    ("https://news.cgtn.com/news/2022-04/China-issues-guidelines/index.html", "2022-04"),
    ("https://www.bjreview.com/Photo_Gallery/Shimmering_nights/", None),
    ("http://www.chinaservicesinfo.com/s/201913/45/WS5cbd84ca.html", None),  # no 13th month
])
def test_dates_in_addresses_and_file_names(address, date):
    assert address_date(address) == date


@pytest.mark.parametrize("text, date", [
    ("Updated: May 21, 2021 Xinhua Print", "2021-05-21"),
    ("Updated: Aug 1,2018 4:53 PM     english.gov.cn", "2018-08-01"),
    ("Source:Xinhua 2023-11-23", "2023-11-23"),
    ("2019年06月15日08:18 来源：人民网-文化频道", "2019-06-15"),
    ("Published 29 August 2020", "2020-08-29"),
    ("Updated:2020.07.02", "2020-07-02"),
    ("The meeting was held on Feb 30, 2020.", None),
])
def test_dates_written_in_text(text, date):
    found = date_in_text(text)
    assert (found[0] if found else None) == date


def test_a_meta_publish_date_dates_an_html_page():
    markup = ('<html><head><meta property="article:published_time" '
              'content="2024-03-06T08:00:00+08:00"></head><body><p>New quality productive '
              'forces.</p></body></html>')
    dated = page_date(page_from_text(markup, words=False))
    assert (dated.date, dated.source) == ("2024-03-06", DateSource.META)


def test_a_canonical_address_dates_an_html_page_without_another_date():
    markup = ('<html><head><link rel="canonical" href="http://www.chinadaily.com.cn/a/202010/17/'
              'WS5f8a.html"></head><body><p>Text.</p></body></html>')
    dated = page_date(page_from_text(markup, name="page.html", words=False))
    assert (dated.date, dated.source) == ("2020-10-17", DateSource.ADDRESS)


def test_as_of_wins_and_today_is_the_last_resort():
    page = read_page(DATA / "dated" / "xinhua-tibet-work-meeting.txt", words=False)
    assert judged_date(page, "2024-06-01") == judged_date(None, "2024-06-01")
    assert judged_date(page, "2024-06-01").source is DateSource.AS_OF
    undated = page_from_text("Tibet\n", name="notes.txt", words=False)
    today = judged_date(undated, today=datetime.date(2026, 1, 2))
    assert (today.date, today.source) == ("2026-01-02", DateSource.TODAY)
    assert judged_date(None, address="pairs-2019-01-18.tsv").date == "2019-01-18"


@pytest.mark.parametrize("value, iso", [
    ("2024", "2024"), ("2024-06", "2024-06"), ("2024-06-01", "2024-06-01"),
    ("2024-13", None), ("2024-02-30", None), ("June 2024", None), ("24-06-01", None),
])
def test_as_of_takes_iso_dates_only(value, iso):
    assert parse_iso_date(value) == iso
