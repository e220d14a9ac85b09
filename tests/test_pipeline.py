"""The whole pipeline on one page: translations with their engine, terms, findings, summary."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from conftest import EXAMPLES, STARTING_PAGE
from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.glossary.store import load_glossary
from zhen.pipeline import run_page
from zhen.translate.base import Translator
from zhen.types import Language, Role, Severity

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

NOTICE = [
    ("抱歉,您使用的浏览器版本过低或开启了浏览器兼容模式,这会影响您正常浏览本网页",
     "Sorry, your browser version is too old or your browser is in compatibility mode, which will"
     " affect how you browse this page"),
    ("您可以进行以下操作:", "You can do the following:"),
    ("1.将浏览器切换回极速模式", "1. Switch your browser back to speed mode"),
    ("2.点击下面图标升级或更换您的浏览器",
     "2. Click an icon below to upgrade or change your browser"),
    ("3.暂不升级,继续浏览", "3. Not now, continue browsing"),
    ("继续浏览", "Continue browsing"),
]


@pytest.fixture(scope="module")
def report():
    return run_page(STARTING_PAGE)


def test_starting_page_is_translated_by_the_built_in_fallback(report):
    assert report.engine == "fallback"
    assert "zhen models install" in report.notice
    translated = [(item.span.text, item.translation.target) for item in report.translations]
    assert translated == [("林雨晨", "Lin Yuchen"), *NOTICE]
    engines = [item.translation.engine for item in report.translations]
    assert engines == ["romanized"] + ["fallback"] * len(NOTICE)  # names: pinyin, any engine
    assert not any(item.translation.is_gloss for item in report.translations)


def test_each_translation_knows_its_block_and_place_on_the_page(report):
    editor = report.translations[0]
    block = report.page.blocks[editor.block]
    assert block.text == "Editor: 林雨晨" and block.role is Role.BYLINE
    assert (editor.span.line, editor.span.column) == (57, 9)
    assert report.translation_of(block, editor.span).target == "Lin Yuchen"
    assert report.translation_of(block, block.spans[0]) is None  # "Editor:" is English


@pytest.mark.parametrize(
    "text, concept_id, line, column",
    [
        ("new quality productive forces", "new-quality-productive-forces", 21, 23),
        ("Belt and Road Initiative", "belt-and-road-initiative", 29, 205),
        ("carbon neutrality", "carbon-neutrality", 55, 254),
    ],
)
def test_glossary_terms_are_found_with_line_and_column(report, text, concept_id, line, column):
    assert any((h.text, h.concept_id, h.line, h.column) == (text, concept_id, line, column)
               for h in report.terms)


def test_starting_page_has_no_errors_and_a_full_summary(report):
    summary = report.summary
    assert report.errors == 0
    assert summary.findings_by_severity == {"error": 0, "warning": 0, "info": 20}
    assert all(f.severity is Severity.INFO and f.code == "ZH002" for f in report.findings)
    assert summary.segments == 7 and summary.glosses == 0 and summary.memory_hits == 0
    assert summary.blocks_by_role["notice"] == 6 and summary.blocks_by_role["byline"] == 1
    assert summary.blocks_by_language == {"en": 34, "zh": 6, "mixed": 1, "neutral": 0}
    assert summary.spans_by_language["zh"] == 7
    assert summary.terms == len(report.terms) > 50
    assert summary.seconds > 0


def test_findings_are_in_line_order(report):
    positions = [(finding.line, finding.column) for finding in report.findings]
    assert positions == sorted(positions)


class WrongTerms(Translator):
    """Renders 新质生产力 with its deprecated English, to see the translation check at work."""

    name = "wrong-terms"
    use_memory = False

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        return ["We develop new productive forces." if "新质生产力" in text else "Something."
                for text in texts]


def test_a_translation_s_term_problem_is_reported_at_its_chinese_span(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Headline about the economy\n\nOpening line.\n我们发展新质生产力。\n",
                    encoding="utf-8")
    glossary = Glossary((Concept("nqpf", ("新质生产力",), english=(
        Rendering("new quality productive forces", Status.PREFERRED),
        Rendering("new productive forces", Status.DEPRECATED, "pre-2024 wording"),
    )),))
    report = run_page(page, glossary=glossary, translator=WrongTerms())
    [finding] = [f for f in report.findings if f.message.startswith("translation of")]
    assert (finding.line, finding.column) == (4, 1)
    assert (finding.start, finding.end) == (42, 52)
    assert finding.severity is Severity.ERROR and finding.code == "ZH001"
    assert finding.path == str(page)
    assert finding.suggestion == "new quality productive forces"
    assert report.errors == 1
    assert report.engine == "wrong-terms" and report.notice is None


def test_an_html_page_goes_through_the_same_steps():
    report = run_page(EXAMPLES / "xinhua-style-new-quality-forces.html",
                      glossary=load_glossary())
    assert report.page.format == "html"
    targets = {item.span.text: item.translation.target for item in report.translations}
    assert targets["继续浏览"] == "Continue browsing"
    assert targets["(新质生产力)"] == "(new quality productive forces)"
    chinese_terms = [hit for hit in report.terms if hit.language is Language.ZH]
    assert [hit.text for hit in chinese_terms] == ["新质生产力"]
    assert report.page.text[chinese_terms[0].start:chinese_terms[0].end] == "新质生产力"


@pytest.mark.parametrize(
    "texts, expected",
    [(["Editor:", " ", "林雨晨"], "mixed"), (["继续浏览"], "zh"), (["Top News"], "en"),
     (["2024-04-24"], "neutral")],
)
def test_block_language(tmp_path, texts, expected):
    page = tmp_path / "one.txt"
    page.write_text("".join(texts) + "\n", encoding="utf-8")
    report = run_page(page, glossary=Glossary(()), memory=False)
    assert report.page.blocks[0].language == expected
