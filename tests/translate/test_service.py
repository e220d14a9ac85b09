"""The translation service: engine choice, one batch per page, memory; and the term check of
translations as the pipeline runs it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from conftest import EXAMPLES, STARTING_PAGE
from zhen.errors import ModelError
from zhen.glossary.model import Glossary
from zhen.pipeline import translate_texts as translate_and_check
from zhen.render.translation import replaced_text, summary
from zhen.translate.base import Translator
from zhen.translate.fallback import FallbackTranslator
from zhen.translate.memory import TranslationMemory
from zhen.translate.service import (
    ROMANIZED,
    choose_translator,
    translate_page,
    translate_texts,
)
from zhen.types import (
    Block,
    Language,
    Page,
    PageTranslation,
    Role,
    Span,
    TranslatedSpan,
    Translation,
)

pytestmark = pytest.mark.usefixtures("isolated_segmenter")


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))  # a fresh memory per test


@pytest.fixture
def glossary() -> Glossary:
    from zhen.glossary.store import load_glossary

    return load_glossary()


@pytest.fixture
def page():
    from zhen.page.reader import read_page

    return read_page(STARTING_PAGE)


class CountingTranslator(Translator):
    """'EN(<source>)' for every sentence; sentences end at 。; records every batch."""

    name = "counting"
    model_version = "1"

    def __init__(self, renderings: dict[str, str] | None = None):
        self.batches: list[list[str]] = []
        self.renderings = renderings or {}

    def split_sentences(self, text: str) -> list[str]:
        return re.findall(r"[^。]+。?", text)

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        self.batches.append(list(texts))
        return [self.renderings.get(text, f"EN({text})") for text in texts]


def test_a_repeated_page_needs_zero_model_calls_the_second_time(page, glossary):
    engine = CountingTranslator()
    first = translate_page(page, glossary=glossary, translator=engine)
    assert len(engine.batches) == 1
    assert not any(item.translation.memory_hit for item in first.spans)

    second = translate_page(page, glossary=glossary, translator=engine)
    assert len(engine.batches) == 1  # zero model calls
    engine_spans = [item for item in second.spans if item.translation.engine != ROMANIZED]
    assert [item.span.text for item in second.spans if item not in engine_spans] == ["林雨晨"]
    assert all(item.translation.memory_hit for item in engine_spans)
    assert [i.translation.target for i in second.spans] == [
        i.translation.target for i in first.spans
    ]
    assert summary([i.translation for i in second.spans])["memory_hits"] == len(engine_spans)


def test_all_sentences_of_all_segments_go_in_one_batch(glossary):
    engine = CountingTranslator()
    results = translate_texts(
        ["继续浏览。上一篇。", "下一篇", "继续浏览。"], glossary=glossary, translator=engine
    )
    assert engine.batches == [["继续浏览。", "上一篇。", "下一篇"]]  # each distinct sentence once
    assert [len(r.sentences) for r in results] == [2, 1, 1]
    assert results[0].target == "EN(继续浏览。) EN(上一篇。)"
    assert results[2].target == "EN(继续浏览。)"


def test_a_changed_glossary_is_not_served_from_the_memory(glossary):
    engine = CountingTranslator()
    translate_texts(["继续浏览"], glossary=glossary, translator=engine)
    edited = Glossary(glossary.concepts, glossary.files, digest="edited-glossary")
    again = translate_texts(["继续浏览"], glossary=edited, translator=engine)
    assert len(engine.batches) == 2
    assert not again[0].memory_hit


def test_memory_can_be_turned_off():
    engine = CountingTranslator()
    for _ in range(2):
        translate_texts(["继续浏览"], translator=engine, memory=False)
    assert len(engine.batches) == 2
    assert TranslationMemory().stats().entries == 0


def test_remaining_term_mismatches_are_reported(glossary):
    engine = CountingTranslator({"发展新质生产力。": "develop new productive forces."})
    [result], _ = translate_and_check(["发展新质生产力。"], glossary=glossary, translator=engine)
    assert result.mismatches == ("new-quality-productive-forces",)
    assert result.terms_enforced == ()
    assert [f.concept_id for f in result.findings] == ["new-quality-productive-forces"]


def test_terms_rendered_as_approved_are_listed_as_enforced(glossary):
    engine = CountingTranslator({"发展新质生产力。": "develop new quality productive forces."})
    [result], _ = translate_and_check(["发展新质生产力。"], glossary=glossary, translator=engine)
    assert result.terms_enforced == ("new-quality-productive-forces",)
    assert result.mismatches == ()


def test_white_space_only_texts_are_kept_untranslated():
    engine = CountingTranslator()
    assert [t.target for t in translate_texts(["  ", "下一篇"], translator=engine)] == [
        "  ",
        "EN(下一篇)",
    ]


def test_without_a_package_zhen_falls_back_and_says_how_to_install_a_model(glossary):
    choice = choose_translator("zh", "en", glossary=glossary)
    assert isinstance(choice.translator, FallbackTranslator)
    assert "no Argos zh→en model installed" in choice.notice
    assert "zhen models install" in choice.notice
    assert "\n" not in choice.notice


def test_forcing_the_fallback_needs_no_notice():
    assert choose_translator("zh", "en", "fallback").notice is None


@pytest.mark.parametrize(
    "source, target, engine, problem",
    [
        ("zh", "en", "argos", "no Argos zh→en package is installed"),
        ("en", "zh", None, "fallback translates Chinese to English only"),
        ("en", "zh", "fallback", "fallback translates Chinese to English only"),
        ("zh", "en", "google", "unknown engine"),
    ],
)
def test_impossible_engine_choices_are_model_errors(source, target, engine, problem):
    with pytest.raises(ModelError, match=problem):
        choose_translator(source, target, engine)


def test_the_fallback_is_never_remembered(glossary):
    translate_and_check(["继续浏览", "今天天气很好"], glossary=glossary, engine="fallback")
    assert TranslationMemory().stats().entries == 0


def test_translating_the_starting_page_replaces_only_its_chinese(page, glossary):
    fallback = choose_translator("zh", "en", "fallback", glossary=glossary).translator
    result = translate_page(page, glossary=glossary, translator=fallback)
    text = replaced_text(result)
    lines = text.split("\n")
    original = STARTING_PAGE.read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(original)
    assert "Editor: Lin Yuchen" in lines
    assert "3. Not now, continue browsing" in lines
    assert lines[0] == original[0]  # English lines are untouched
    assert not re.search(r"[\u4e00-\u9fff]", text)
    assert result.engine == "fallback"
    byline = next(item for item in result.spans if item.span.text == "林雨晨")
    assert (byline.translation.target, byline.translation.is_gloss) == ("Lin Yuchen", False)


def _page(text: str, spans: list[tuple[str, Language]], format: str) -> Page:
    built, position = [], 0
    for piece, language in spans:
        built.append(Span(piece, language, position, position + len(piece), 1, position + 1))
        position += len(piece)
    return Page(
        "<test>",
        text,
        format,
        "utf-8",
        (Block(0, text, Role.BODY, 0, len(text), 1, 1, tuple(built)),),
    )


@pytest.mark.parametrize("format", ["text", "html"])
def test_replacement_spaces_english_away_from_letters(format):
    page = _page(
        "使用zhen工具",
        [("使用", Language.ZH), ("zhen", Language.EN), ("工具", Language.ZH)],
        format,
    )
    spans = tuple(
        TranslatedSpan(0, span, Translation(span.text, target, "test"))
        for span, target in zip(
            [page.blocks[0].spans[0], page.blocks[0].spans[2]], ["use", "tool"], strict=True
        )
    )
    assert replaced_text(PageTranslation(page, spans, "test")).rstrip("\n") == "use zhen tool"


@pytest.fixture
def installed(random_package, monkeypatch):
    """The random-weight Argos zh→en package, installed where zhen looks."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(random_package.path.parent))
    return random_package


def test_an_installed_package_is_chosen_over_the_fallback(installed):
    choice = choose_translator("zh", "en")
    assert choice.translator.name == f"argos:{installed.label}"
    assert choice.notice is None
    assert isinstance(choose_translator("zh", "en", "fallback").translator, FallbackTranslator)


def test_a_repeated_page_makes_no_argos_model_call_the_second_time(installed, page, glossary):
    translator = choose_translator("zh", "en", glossary=glossary).translator
    first = translate_page(page, glossary=glossary, translator=translator)
    calls = translator.model_calls
    assert 1 <= calls <= 2  # all sentences at once (a second call only for lost placeholders)
    second = translate_page(page, glossary=glossary, translator=translator)
    assert translator.model_calls == calls
    assert all(i.translation.memory_hit for i in second.spans if i.translation.engine != ROMANIZED)
    assert [i.translation.target for i in second.spans] == [
        i.translation.target for i in first.spans
    ]
    assert {item.translation.engine for item in second.spans} == {translator.name, ROMANIZED}


def test_a_name_only_span_is_romanized_and_never_sent_to_the_engine(glossary):
    from zhen.page.reader import read_page

    page = read_page(EXAMPLES / "xinhua-style-new-quality-forces.html")
    engine = CountingTranslator()
    result = translate_page(page, glossary=glossary, translator=engine)
    byline = next(item for item in result.spans if item.span.text == "欧阳晓敏")
    assert (byline.translation.target, byline.translation.engine) == ("Ouyang Xiaomin", "romanized")
    assert "欧阳晓敏" not in [sentence for batch in engine.batches for sentence in batch]
    lines = replaced_text(result).splitlines()
    assert "Editor: Ouyang Xiaomin" in lines  # an HTML page: one line per block


def test_the_argos_engine_comes_glossary_enforced_and_keyed_by_the_preference(installed, glossary):
    from zhen.translate.enforce import EnforcingTranslator

    plain = choose_translator("zh", "en", glossary=glossary).translator
    preferring = choose_translator(
        "zh", "en", glossary=glossary, prefer={"新发展格局": "new development paradigm"}
    ).translator
    assert isinstance(plain, EnforcingTranslator) and isinstance(preferring, EnforcingTranslator)
    assert plain.model_version != preferring.model_version  # the memory keeps them apart
