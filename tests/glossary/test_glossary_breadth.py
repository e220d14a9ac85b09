"""The shipped glossary is broad and sourced (issue #13): at least 500 concepts, every claim
with a dated address, non-preferred renderings attested on real pages, Traditional forms that
convert back, and every Chinese form one word for the segmenter."""

from __future__ import annotations

import csv
import re
from itertools import accumulate
from pathlib import Path

import pytest

from conftest import ROOT
from zhen.chinese.convert import to_simplified
from zhen.glossary.model import Status
from zhen.glossary.normalize import normalize_english
from zhen.glossary.query import stats
from zhen.glossary.store import load_glossary
from zhen.glossary.validate import validate_paths
from zhen.page.reader import page_from_text
from zhen.terms.vocabulary import add_glossary_words

GLOSSARY = load_glossary()
EVIDENCE = ROOT / "glossary" / "evidence"
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Characters jieba never keeps inside a word (punctuation, quotes, brackets, dashes).
SPLIT_BY_JIEBA = re.compile(r"[^\w+#&.%-]|[－]")


def test_at_least_500_concepts_across_the_policy_domains():
    numbers = stats(GLOSSARY)
    assert numbers.concepts >= 500
    assert len(numbers.by_domain) >= 12
    assert min(numbers.by_domain.values()) >= 20


def test_every_concept_cites_a_source_and_every_source_is_a_dated_address():
    undated = [(c.id, s.url) for c in GLOSSARY for s in c.sources
               if not (s.url.startswith(("http://", "https://")) and DATE.fullmatch(s.date))]
    assert all(c.sources for c in GLOSSARY)
    assert undated == []


def test_every_superseded_rendering_says_when_it_gave_way():
    undated = [(c.id, r.text) for c in GLOSSARY for r in c.english
               if r.status is Status.SUPERSEDED and not DATE.fullmatch(r.since)]
    assert undated == []


def test_every_deprecated_rendering_cites_a_page_that_uses_it():
    unattested = [(c.id, r.text) for c in GLOSSARY for r in c.english
                  if r.status is Status.DEPRECATED and not r.seen]
    assert unattested == []


def test_at_least_150_concepts_carry_non_preferred_renderings_seen_in_real_text():
    assert len(stats(GLOSSARY).with_seen_variants) >= 150


def test_every_traditional_form_converts_back_to_a_simplified_form_of_its_concept():
    astray = [(c.id, form) for c in GLOSSARY for form in c.zh_traditional
              if to_simplified(form) not in c.zh]
    assert astray == []


def test_no_english_rendering_is_listed_under_two_concepts_unless_both_share_it():
    shared = [str(p) for p in validate_paths([ROOT / "glossary"])
              if p.code in ("shared-rendering", "preferred-elsewhere", "one-sided-share")]
    assert shared == []


@pytest.mark.usefixtures("isolated_segmenter")
def test_every_chinese_form_stays_one_word_inside_a_sentence():
    """Cut as a page is read (Traditional through its Simplified form). A form with punctuation
    inside (千村示范、万村整治) cannot be one word for jieba; its ends must still be word edges,
    which is what the matcher needs."""
    add_glossary_words(GLOSSARY)
    broken = []
    for concept in GLOSSARY:
        for form in concept.chinese_forms:
            before = "会议指出，要"
            page = page_from_text(f"{before}{form}，推动工作。")
            tokens = [token.text for token in page.blocks[0].spans[0].tokens]
            edges = list(accumulate(map(len, tokens), initial=0))
            start, end = len(before), len(before) + len(form)
            if SPLIT_BY_JIEBA.search(form):
                whole = start in edges and end in edges
            else:
                whole = start in edges and edges[edges.index(start) + 1] == end
            if not whole:
                broken.append((concept.id, form, "|".join(tokens)))
    assert broken == []


def test_the_readme_states_the_needs_review_count():
    readme = (ROOT / "glossary" / "README.md").read_text(encoding="utf-8")
    count = len(stats(GLOSSARY).needs_review)
    assert f"{count} concepts are marked `needs-review`" in readme


def _evidence_rows() -> list[dict[str, str]]:
    rows = []
    for path in sorted(EVIDENCE.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [{**row, "file": path.name}
                     for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return rows


def _folded(text: str) -> str:
    """Case, quotes, punctuation and the space/hyphen/none of compounds do not count
    ("intra-Party" is quoted as "intraparty")."""
    return re.sub(r"[\W_]+", "", normalize_english(text))


def test_every_evidence_row_quotes_what_it_claims_from_a_dated_address():
    rows = _evidence_rows()
    assert len(rows) >= 1000
    ids = {concept.id for concept in GLOSSARY}
    wrong = [(row["file"], row["concept"], row["text"]) for row in rows
             if row["concept"] not in ids or _folded(row["text"]) not in _folded(row["quote"])
             or not row["url"].startswith(("http://", "https://"))]
    assert wrong == []


def test_every_concept_of_the_breadth_work_quotes_its_preferred_rendering():
    """The concepts added for issue #13 (2026-12-06) each have an evidence row for their
    preferred English; the 118 earlier ones cite their sources in notes."""
    quoted = {(row["concept"], normalize_english(row["text"])) for row in _evidence_rows()
              if row["field"] == "preferred"}
    added = [c for c in GLOSSARY if c.added >= "2026-12-06" and c.preferred]
    assert len(added) >= 380
    missing = [c.id for c in added if (c.id, normalize_english(c.preferred.text)) not in quoted]
    assert missing == []


def test_evidence_files_are_one_per_domain_file():
    domains = {path.stem for path in (ROOT / "glossary").glob("*.glossary")}
    assert {path.stem for path in EVIDENCE.glob("*.tsv")} <= domains


def test_files_hold_one_domain_each():
    misplaced = [(c.id, c.domain, Path(c.origin.path).stem) for c in GLOSSARY
                 if c.domain != Path(c.origin.path).stem]
    assert misplaced == []
