"""Words of a term that name something else, on real text: a body's name that other states
share, a quoted title, a place's name taken by another state.

Rows are those of tests/data/real-term-usage.tsv (its address, date and publisher there); other
sentences are quotes of glossary/evidence/*.tsv, checked with the address they were copied from.
"""

from __future__ import annotations

import pytest

from check_support import real_term_usage
from zhen.glossary.store import load_glossary
from zhen.page.reader import page_from_text
from zhen.terms.lexicon import lexicon
from zhen.terms.run import CheckOptions, check_page
from zhen.terms.senses import speaks_of_china

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

SHIPPED = load_glossary()
ROWS = real_term_usage()

# glossary/evidence/institutions.tsv and governance.tsv (Breaking Latest News, 2022-10-27)
HEADS = ("as well as the head of the Central Propaganda Department, the head of the Central "
         "Organization Department, and the director of the Central Office.")
HEADS_ADDRESS = ("https://www.breakinglatest.news/news/hong-kong-media-shi-taifeng-in-charge-of-"
                 "the-united-front-work-department-and-chen-wenqing-as-secretary-of-the-political-"
                 "and-legal-committee-photo-xi-jinping-20th-national-congress-politburo-me/")
HEADS_CONCEPTS = {"publicity-department-of-the-cpc-central-committee",
                  "organization-department-of-the-cpc-central-committee",
                  "general-office-of-the-cpc-central-committee"}
# glossary/evidence/governance.tsv and institutions.tsv: the headline of an SCMP page
# (2022-10-27) and a sentence of the same page
HEADLINE = ("Politburo newcomer and Xi protégé confirmed as China’s new propaganda chief before "
            "presenting summary of 20th party congress")
LI_SHULEI = ("Li Shulei, formerly No 2 in the central propaganda department, has been confirmed "
             "as Communist Party propaganda chief.")


def problems(text: str, address: str = "<row>", date: str | None = None) -> set[tuple[str, str]]:
    """(code, concept) of each error and warning of `text` checked as a page at `address`."""
    page = page_from_text(text + "\n", name=address, format="text")
    return {(f.code, f.concept_id) for f in check_page(page, SHIPPED, CheckOptions(as_of=date))
            .findings if f.severity.value in ("error", "warning")}


def row_problems(row_id: str, address: str | None = None) -> set[str]:
    """Codes of the errors and warnings for the row's concept, at the row's address."""
    row = ROWS[row_id]
    found = problems(row["sentence"], row["url"] if address is None else address,
                     row["date"] or None)
    return {code for code, concept in found if concept == row["concept"]}


@pytest.mark.parametrize("row_id, why", [
    ("t123", "the Soviet Politburo (American Jewish Year Book), no country named"),
    ("t170", "Vietnam's Politburo of the 13th Party Congress, no country named"),
])
def test_a_body_name_other_states_share_is_not_chinas_without_china_on_the_page(row_id, why):
    assert row_problems(row_id) == set(), why


def test_the_page_address_can_say_the_body_is_chinas():
    # t056: "Hu, 59, was not chosen to return to the Politburo, …" on a page whose address is
    # …/xi-jinping-secured-third-term.html
    assert row_problems("t056") == {"ZH001"}
    assert row_problems("t056", address="<row>") == set()
    found = problems(HEADS, HEADS_ADDRESS)
    assert {concept for code, concept in found if code == "ZH001"} == HEADS_CONCEPTS
    assert not problems(HEADS)


def test_a_longer_word_of_the_address_may_start_with_china():
    # glossary/evidence/governance.tsv, chinascope.org, 2013-12
    sentence = ("All members of the Standing Committee of the Communist Party Politburo attended "
                "the Conference.")
    wrong = ("ZH001", "political-bureau-of-the-cpc-central-committee")
    assert wrong in problems(sentence, "http://chinascope.org/archives/4665")
    assert wrong not in problems(sentence)


def test_the_rest_of_the_page_can_say_the_body_is_chinas():
    wrong = ("ZH001", "publicity-department-of-the-cpc-central-committee")
    assert wrong in problems(HEADLINE + "\n\n" + LI_SHULEI, "<page>")
    assert wrong not in problems(LI_SHULEI, "<page>")


def test_chinese_script_speaks_of_china_and_a_roman_numeral_does_not():
    words = lexicon()
    assert speaks_of_china(["中共中央政治局"], "", words)  # the glossary's zh of the Politburo
    # en.daihoidang.vn (Communist Party of Vietnam), its congresses numbered in Roman numerals
    congress = ("2011\nNguyen Phu Trong\n11TH NATIONAL PARTY CONGRESS\nCOMPREHENSIVELY PROMOTING "
                "NATIONAL RENEWAL CAUSE\nXI")
    assert not speaks_of_china([congress], "https://en.daihoidang.vn/lich-su.vnp", words)
    assert speaks_of_china([LI_SHULEI], "https://www.scmp.com/news/china/politics/", words)


def test_a_quoted_title_that_puts_its_own_words_is_no_near_miss():
    # t308: Hu Jintao's 2011 speech “Broad Vision, Shared Prosperity” (共享繁荣, not 共同富裕)
    assert row_problems("t308") == set()


def test_a_quoted_title_that_holds_the_terms_words_still_writes_the_term():
    # t130: Xi's 2017 Geneva speech titled "Work Together to Build a Community with Shared
    # Future for Mankind" (the term without its "a")
    assert row_problems("t130") == {"ZH003"}


def test_a_place_taken_by_another_state_is_the_land_as_it_was():
    # t071 (Asia Financial, undated): "Tibet Policy Institute" names an institute, "its
    # occupation of Tibet" the land taken in 1950, not today's autonomous region
    assert row_problems("t071") == set()
    # the same name in a 2025 earthquake report is the region (t293)
    assert row_problems("t293") == {"ZH001"}
