"""The shipped glossary's content: sources, the curated statuses, and the starting page's terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhen.glossary.model import Status
from zhen.glossary.normalize import normalize_english
from zhen.glossary.store import load_glossary

STARTING_PAGE = Path(__file__).resolve().parents[2] / "examples" / \
    "xinhua-western-region-2024-04-23.txt"
XINHUA_PAGE_SOURCE = "https://stdaily.com/web/English/2024-04/24/content_1958282.html"


def occurs(rendering: str, text: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(normalize_english(rendering)) + r"(?!\w)"
    return re.search(pattern, text) is not None


def status_of(concept_id: str, text: str) -> Status | None:
    concept = load_glossary().get(concept_id)
    key = normalize_english(text)
    return next((r.status for r in concept.english if normalize_english(r.text) == key), None)


def test_at_least_eighty_concepts_each_citing_a_source():
    glossary = load_glossary()
    assert len(glossary) >= 80
    for concept in glossary:
        assert concept.sources and all(s.url.startswith("http") for s in concept.sources)


def test_the_starting_page_uses_no_deprecated_or_superseded_rendering():
    page = normalize_english(STARTING_PAGE.read_text(encoding="utf-8"))
    used = [(concept.id, r.text) for concept in load_glossary() for r in concept.english
            if not r.status.approved and occurs(r.text, page)]
    assert used == []


@pytest.mark.parametrize(
    ("concept_id", "rendering"),
    [
        ("new-quality-productive-forces", "new quality productive forces"),
        ("high-quality-development", "high-quality development"),
        ("belt-and-road-initiative", "Belt and Road Initiative"),
        ("chengdu-chongqing-economic-circle", "Chengdu-Chongqing economic circle"),
        ("new-international-land-sea-trade-corridor", "new western land-sea corridor"),
        ("west-to-east-power-transmission", "west-to-east power transmission program"),
        ("western-region-development-symposium",
         "symposium on boosting the development of China's western region in the new era"),
        ("environmental-conservation-openness-and-high-quality-development",
         "well-coordinated environmental conservation, greater openness and high-quality "
         "development"),
        ("general-secretary-of-the-cpc-central-committee",
         "general secretary of the Communist Party of China (CPC) Central Committee"),
        ("member-of-the-political-bureau-standing-committee",
         "members of the Standing Committee of the Political Bureau of the CPC Central Committee"),
        ("pilot-free-trade-zones", "pilot free trade zones"),
        ("institutional-opening-up", "institutional opening up"),
        ("future-industries", "industries of the future"),
        ("strategic-emerging-industries", "strategic emerging industries"),
        ("new-quality-productive-forces-local-conditions",
         "fostering new quality productive forces in accordance with local conditions"),
        ("forging-a-sense-of-community-for-the-chinese-nation",
         "forge a strong sense of community for the Chinese nation"),
        ("comprehensive-rural-revitalization", "comprehensive rural revitalization"),
        ("new-urbanization", "new urbanization"),
        ("chinese-modernization", "Chinese modernization"),
        ("peak-carbon-dioxide-emissions", "peaking carbon dioxide emissions"),
        ("carbon-neutrality", "carbon neutrality"),
    ],
)
def test_the_starting_pages_policy_terms_are_approved_and_cite_it(concept_id, rendering):
    page = normalize_english(STARTING_PAGE.read_text(encoding="utf-8"))
    assert occurs(rendering, page)
    assert status_of(concept_id, rendering) in (Status.PREFERRED, Status.ADMITTED)
    sources = [s.url for s in load_glossary().get(concept_id).sources]
    assert XINHUA_PAGE_SOURCE in sources


@pytest.mark.parametrize(
    ("concept_id", "rendering", "status"),
    [
        # several official renderings: admitted
        ("new-international-land-sea-trade-corridor", "New Western Land-Sea Trade Corridor",
         Status.ADMITTED),
        ("china-europe-railway-express", "China-Europe freight train", Status.ADMITTED),
        ("future-industries", "future-oriented industries", Status.ADMITTED),
        ("according-to-local-conditions", "tailored to local conditions", Status.ADMITTED),
        ("new-development-pattern", "new development paradigm", Status.ADMITTED),
        ("rural-revitalization", "rural vitalization", Status.ADMITTED),
        # once official, replaced: superseded
        ("belt-and-road-initiative", "One Belt, One Road", Status.SUPERSEDED),
        ("belt-and-road-initiative", "OBOR", Status.SUPERSEDED),
        ("new-quality-productive-forces", "new productive forces", Status.SUPERSEDED),
        # the official English of the 20th CPC National Congress report (2022) uses both
        ("chinese-modernization", "Chinese path to modernization", Status.ADMITTED),
        ("community-with-a-shared-future-for-mankind", "community of common destiny",
         Status.SUPERSEDED),
        ("xizang-autonomous-region", "Tibet Autonomous Region", Status.SUPERSEDED),
        # non-standard: deprecated
        ("belt-and-road-initiative", "Belt and Road strategy", Status.DEPRECATED),
        ("new-quality-productive-forces", "new quality productivity", Status.DEPRECATED),
        ("communist-party-of-china", "CCP", Status.DEPRECATED),
        ("chengdu-chongqing-economic-circle", "Chengdu-Chongqing Twin-City Economic Circle",
         Status.DEPRECATED),
    ],
)
def test_curated_statuses_follow_the_sources_notes(concept_id, rendering, status):
    assert status_of(concept_id, rendering) is status

