"""Near misses: unlisted wordings of a glossary term are caught; ordinary official prose is not.

The variants come from the variants_seen column of the project's policy-term sources (marked
"seen") and from the rule's own cases (reordered, one word dropped, added or inflected). They are
checked against tests/data/policy-terms.glossary with no exact hits passed in, so a variant that
the glossary happens to list as deprecated still exercises the detector.
"""

from __future__ import annotations

import pytest

from check_support import concept, glossary, policy_terms
from conftest import STARTING_PAGE
from zhen.glossary.store import load_glossary
from zhen.terms.english import EnglishMatcher
from zhen.terms.nearmiss import DEFAULT_THRESHOLD, NearMissDetector, edit_budget

TERMS = policy_terms()

CAUGHT = [
    # (wording, concept it is a near miss of)
    ("new productive forces of quality", "new-quality-productive-forces"),
    ("new-quality productivity", "new-quality-productive-forces"),
    ("productive forces of new quality", "new-quality-productive-forces"),
    ("new productive forces", "new-quality-productive-forces"),  # seen
    ("new quality productivity", "new-quality-productive-forces"),  # seen
    ("new high-quality productive forces", "new-quality-productive-forces"),  # seen
    ("quality new productive forces", "new-quality-productive-forces"),
    ("development of high quality", "high-quality-development"),
    ("development with high quality", "high-quality-development"),
    ("economic circle of Chengdu-Chongqing", "chengdu-chongqing-economic-circle"),
    ("Chengdu-Chongqing twin economic circle", "chengdu-chongqing-economic-circle"),
    ("Initiative of the Belt and Road", "belt-and-road-initiative"),
    ("Road and Belt Initiative", "belt-and-road-initiative"),
    ("New International Land-Sea Corridor", "new-international-land-sea-trade-corridor"),
    ("International New Land-Sea Trade Corridor", "new-international-land-sea-trade-corridor"),
    ("corridor for new international land-sea trade", "new-international-land-sea-trade-corridor"),
    ("symposium on advancing the development of China's western region in the new era",
     "western-region-symposium-2024"),
    ("well-coordinated environmental conservation, greater opening-up and high-quality "
     "development", "western-region-policy-2024"),  # seen
    ("cluster of cities", "city-cluster"),
    ("prosperity in common", "common-prosperity"),
    ("neutrality of carbon", "carbon-neutrality"),
    ("institutional openness", "institutional-opening-up"),  # seen
    ("opening-up of institutions", "institutional-opening-up"),
    ("modern system of industries", "modern-industrial-system"),
    ("holistic national security approach", "holistic-national-security"),
    ("major-country diplomacy with distinct Chinese characteristics", "major-country-diplomacy"),
    ("people's whole-process democracy", "whole-process-peoples-democracy"),
    ("whole-process democracy", "whole-process-peoples-democracy"),
    ("shared-future community for mankind", "community-with-shared-future"),
    ("Xi Jinping Thought on Chinese Socialism for a New Era", "xi-thought"),
    ("full and rigorous self-governance of the Party", "party-self-governance"),
    ("rigorous and full Party self-governance", "party-self-governance"),
    ("free trade pilot zones", "pilot-free-trade-zones"),
    ("pilot zones for free trade", "pilot-free-trade-zones"),
    ("opening-up of a high standard", "high-standard-opening-up"),
    ("East-West Power Transmission Project", "west-east-power-transmission"),
    ("West-East Electric Power Transmission Project", "west-east-power-transmission"),
    ("China-Europe Express Railway", "china-europe-railway-express"),
    ("Europe-China Railway Express", "china-europe-railway-express"),
    ("Golden Waterway of the Yangtze River", "yangtze-golden-waterway"),  # seen
    ("North-South Water Diversion Project", "south-north-water-diversion"),
    ("Greater Bay Area of Guangdong, Hong Kong and Macao", "greater-bay-area"),
    ("Beijing-Tianjin-Hebei coordinated development", "beijing-tianjin-hebei"),
    ("targeted alleviation of poverty", "targeted-poverty-alleviation"),
    ("philosophy of new development", "new-development-philosophy"),
    ("pattern of new development", "new-development-pattern"),
    ("unified national market", "national-unified-market"),
    ("policy of employment first", "employment-first-policy"),
    ("thematic campaign of education", "thematic-education"),
    ("Party's great founding spirit", "founding-spirit"),
    ("multiethnic unified country", "unified-multiethnic-country"),
    ("socialist modern country", "modern-socialist-country"),
    ("deepen reform comprehensively", "deepen-reform"),
    ("National Rural Revitalization Administration", "rural-revitalization-administration"),
    ("Central Ethnic Affairs Conference", "ethnic-affairs-conference"),
    ("peak carbon emissions", "peak-carbon-emissions"),
]

CLEAN = [
    "China will further liberate and develop the productive forces and deepen reform in key areas.",
    "The economy reported high-quality growth in the first quarter, official data showed.",
    "Emerging industries such as new energy vehicles and biomedicine grew rapidly last year.",
    "The plan aims to cut carbon dioxide emissions per unit of GDP by 18 percent.",
    "More funding went to strategic industries, including integrated circuits and aviation.",
    "The economic circle around the two cities now accounts for a third of the region's output.",
    "The country aims to become carbon neutral before 2060.",
    "Local governments will revitalize rural areas and raise farmers' incomes.",
    "China's western region has seen significant achievements in ecological conservation.",
    "The quality of development in the western region has improved steadily.",
    "Companies are seizing new development opportunities in the digital economy.",
    "Productivity in the manufacturing sector rose 3.2 percent year on year.",
    "The new quality inspection standards took effect on Monday.",
    "Xi called for efforts to improve the quality and efficiency of public services.",
    "The region will build a modern economy with distinctive local features.",
    "The corridor links western provinces with ports in Southeast Asia by rail and sea.",
    "Trade between China and Europe reached a record high, with more freight trains running.",
    "The Yangtze River Delta is one of the country's most dynamic economic regions.",
    "Efforts will be made to promote common development and shared benefits.",
    "The report highlights the role of science and technology in national development.",
    "Officials pledged to strengthen the Party's leadership over economic work.",
    "The symposium was attended by senior officials from several provinces.",
    "Premier Li said the government will keep prices stable and expand domestic demand.",
    "The city has set up new industrial parks to attract high-tech companies.",
    "China has made great progress in poverty alleviation over the past decade.",
    "The new policy targets small and medium-sized enterprises in the service sector.",
    "Security and development are two sides of the same coin, Xi said.",
    "The two cities have strengthened cooperation in transport, industry and public services.",
    "The country will open wider to the outside world and attract more foreign investment.",
    "The meeting reviewed a report on the work of ethnic affairs in border areas.",
    "Reform and opening up has transformed the Chinese economy over four decades.",
    "Clean energy now accounts for more than half of new power capacity.",
    "The province will expand high-level ecological protection along the river.",
    "Chinese enterprises are investing in new energy, new materials and new infrastructure.",
    "The western region will play a bigger role in the country's overall development.",
    "Rural areas have seen improved roads, water supply and internet access.",
    "The forum discussed the future of industries hit by global supply chain disruption.",
    "Carbon emissions from coal-fired power plants fell in the first half of the year.",
    "The government encourages innovation-driven development across all sectors.",
    "Party members were urged to study the spirit of the plenary session.",
    "The country's development is faced with difficulties and challenges, he said.",
    "A national market for data trading is being built step by step.",
]


def near_misses(text: str, terms=TERMS, threshold: float = DEFAULT_THRESHOLD):
    return NearMissDetector(terms, threshold).find(text, EnglishMatcher(terms).find(text))


@pytest.mark.parametrize("wording, concept_id", CAUGHT, ids=[w for w, _ in CAUGHT])
def test_unlisted_wording_of_a_term_is_a_near_miss(wording, concept_id):
    text = f"Officials said the {wording} matters."
    found = NearMissDetector(TERMS).find(text)
    assert [(miss.concept_id, miss.text) for miss in found] == [(concept_id, wording)]
    [miss] = found
    assert text[miss.start:miss.end] == wording
    assert miss.suggestion == TERMS.get(concept_id).preferred.text
    assert miss.explanation


@pytest.mark.parametrize("sentence", CLEAN)
def test_ordinary_official_prose_has_no_near_miss(sentence):
    assert near_misses(sentence) == []


def test_enough_cases_on_both_sides():
    assert len(CAUGHT) >= 30 and len(CLEAN) >= 30


@pytest.mark.parametrize("terms", [TERMS, load_glossary()], ids=["test glossary", "shipped"])
def test_the_starting_page_has_no_near_miss(terms):
    text = STARTING_PAGE.read_text(encoding="utf-8")
    assert near_misses(text, terms) == []


def test_listed_renderings_are_left_to_the_exact_matcher():
    text = "Xi stressed new quality productive forces and the Belt and Road Initiative."
    assert near_misses(text) == []


def test_function_words_alone_do_not_make_a_near_miss():
    # The headline drops "the" twice from the listed rendering: still that rendering.
    text = "Xi chairs symposium on boosting development of China's western region in new era"
    assert NearMissDetector(TERMS).find(text) == []


@pytest.mark.parametrize("wording, explanation", [
    ("new productive forces of quality", "words reordered"),
    ("new-quality productivity", "'productive forces' fused into 'productivity'"),
    ("new productive forces", "'quality' dropped"),
    ("new high-quality productive forces", "'high' added"),
    ("institutional openness", "'opening' written 'openness'"),
])
def test_each_near_miss_says_how_it_differs(wording, explanation):
    [miss] = NearMissDetector(TERMS).find(wording)
    assert miss.explanation == explanation


def test_threshold_trades_recall_for_precision():
    wording = "new-quality productivity"  # shares ~70% of the term's rarity weight
    [miss] = NearMissDetector(TERMS, threshold=0.5).find(wording)
    assert 0.5 <= miss.score < 0.9
    assert NearMissDetector(TERMS, threshold=0.9).find(wording) == []
    assert NearMissDetector(TERMS, threshold=0.9).find("productive forces of new quality")


def test_threshold_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        NearMissDetector(TERMS, threshold=1.5)


def test_rare_shared_words_weigh_more_than_common_ones():
    """Dropping a word most terms share costs less score than dropping a rare one."""
    terms = glossary(
        concept("a", "甲", "national green hydrogen strategy"),
        concept("b", "乙", "green development"),
        concept("c", "丙", "green finance"),
    )
    [common_dropped] = NearMissDetector(terms, 0.0).find("a national hydrogen strategy")
    [rare_dropped] = NearMissDetector(terms, 0.0).find("a national green strategy")
    assert common_dropped.explanation == "'green' dropped"
    assert rare_dropped.explanation == "'hydrogen' dropped"
    assert common_dropped.score > rare_dropped.score


def test_a_sentence_break_or_an_exact_hit_ends_the_window():
    assert NearMissDetector(TERMS).find("They want new quality. Productive forces grew.") == []
    text = "forces of the Belt and Road Initiative, new quality"
    assert near_misses(text) == []


def test_edit_budget_grows_with_the_term():
    assert [edit_budget(n) for n in (2, 3, 4, 7, 8)] == [0, 0, 1, 1, 2]
