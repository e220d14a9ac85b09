"""The fallback translates a page with the page's own words, cutting nothing again.

Cutting every clause anew took most of `zhen page` on a long page (issue 16: a 3.3 MB page took
49 s); the page was already cut into words when it was read.
"""

from __future__ import annotations

import contextlib

import pytest

import zhen.translate.fallback as fallback
from conftest import EXAMPLES, ROOT
from zhen.glossary.store import load_glossary
from zhen.page.reader import read_page
from zhen.terms.vocabulary import add_glossary_words
from zhen.translate.fallback import FallbackTranslator
from zhen.translate.service import translate_page

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

SIMPLIFIED = [EXAMPLES / "xinhua-western-region-2024-04-23.txt",
              EXAMPLES / "xinhua-style-new-quality-forces.html",
              ROOT / "tests" / "data" / "real-pages" / "01-dzllzg-xuexi-shibao-yulun.txt"]


@pytest.fixture(scope="module")
def translator():
    glossary = load_glossary()
    add_glossary_words(glossary)
    return FallbackTranslator(glossary)


def _targets(page, translator):
    translated = translate_page(page, translator=translator, memory=False)
    return [item.translation.target for item in translated.spans]


@pytest.mark.parametrize("path", SIMPLIFIED, ids=lambda path: path.name)
def test_a_page_translated_with_its_own_words_cuts_nothing_again(path, translator, monkeypatch):
    page = read_page(path)
    cut_again = []
    original = fallback.segment
    monkeypatch.setattr(fallback, "segment", lambda text: cut_again.append(text) or
                        original(text))
    with_words = _targets(page, translator)
    assert cut_again == []
    monkeypatch.setattr(translator, "page_words", lambda segments: contextlib.nullcontext())
    assert _targets(page, translator) == with_words  # Simplified text: the same words


def test_a_traditional_page_keeps_words_the_page_cut_through_simplified(translator):
    # 辦公室 cut clause by clause came out as 辦 + 公室 ("do office").
    page = read_page(ROOT / "tests" / "data" / "real-pages" /
                     "05-jzmfx-huaihua-gov-notice-traditional.txt")
    targets = _targets(page, translator)
    assert any("government office" in target for target in targets)
    assert not any("government do office" in target for target in targets)
