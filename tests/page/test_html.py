"""HTML pages: visible blocks only, roles from elements, offsets back into the markup."""

from __future__ import annotations

import html

import pytest

from conftest import EXAMPLES
from zhen.page.html import extract_blocks
from zhen.page.reader import read_page
from zhen.types import Language, Role

HTML_PAGE = EXAMPLES / "xinhua-style-new-quality-forces.html"


@pytest.fixture
def page():
    return read_page(HTML_PAGE)


def _role_of(page, text):
    return next(block.role for block in page.blocks if block.text == text)


def test_format_is_detected_and_blocks_are_in_document_order(page):
    assert page.format == "html"
    texts = [block.text for block in page.blocks]
    assert texts.index("Home") < texts.index("Related News") < texts.index("新华网版权所有")


@pytest.mark.parametrize(
    "hidden",
    [
        "written by script",
        "pageConfig",
        "font-family",
        "Advertisement",
        "Hidden survey",
        "请填写问卷",
        "Please enable JavaScript",
    ],
)
def test_script_style_hidden_and_noscript_text_is_dropped(page, hidden):
    assert not any(hidden in block.text for block in page.blocks)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("China steps up push for new quality productive forces - Xinhua", Role.OTHER),  # <title>
        ("Home", Role.NAVIGATION),
        ("Business", Role.NAVIGATION),
        ("China steps up push for new quality productive forces in manufacturing", Role.HEADLINE),
        ("Source: Xinhua | 2024-03-12 09:18:05 | Author: Zhang Wei", Role.DATELINE),
        ("Editor: 欧阳晓敏", Role.BYLINE),
        ("Related News", Role.RELATED),
        ("China's economy off to a stable start in 2024", Role.RELATED),
        ("您可以进行以下操作：", Role.NOTICE),
        ("继续浏览", Role.NOTICE),
        ("Copyright © 2024 Xinhua News Agency. All rights reserved.", Role.FOOTER),
        ("新华网版权所有", Role.FOOTER),
    ],
)
def test_roles_from_elements_and_cues(page, text, role):
    assert _role_of(page, text) is role


def test_body_paragraphs_are_body_with_entities_decoded_and_space_collapsed(page):
    body = [block for block in page.blocks if block.role is Role.BODY]
    assert len(body) == 3
    assert body[0].text.startswith(
        "BEIJING, March 11 (Xinhua) -- China will speed up the development of new quality "
        "productive forces (新质生产力) in line"
    )
    assert "industries & planning" in body[1].text and "innovation—a goal" in body[1].text
    assert '"two sessions"' in body[1].text


def test_byline_name_is_one_romanized_token(page):
    byline = next(block for block in page.blocks if block.role is Role.BYLINE)
    name = byline.spans[-1]
    assert [(t.text, t.pos, t.romanized) for t in name.tokens] == [
        ("欧阳晓敏", "nr", "Ouyang Xiaomin")
    ]


def test_every_offset_points_at_the_same_text_in_the_markup(page):
    markup = HTML_PAGE.read_text(encoding="utf-8")
    assert page.text == markup

    def shown(start, end):
        return " ".join(html.unescape(markup[start:end]).split())

    for block in page.blocks:
        assert "".join(span.text for span in block.spans) == block.text
        for span in block.spans:
            if span.language is not Language.NEUTRAL:
                assert shown(span.start, span.end) == span.text
            line, column = span.line, span.column
            assert markup.split("\n")[line - 1][column - 1 :].startswith(
                markup[span.start : span.end].split("\n")[0]
            )
            for token in span.tokens:
                assert shown(token.start, token.end) == token.text.strip()


def _source(markup, block, start, end):
    """The markup behind block.text[start:end]."""
    return markup[block.source.start(start) : block.source.end(end)]


def test_an_entity_maps_to_its_whole_source_range():
    markup = "<p>A &amp; B&#8212;C&nbsp;D</p>"
    (block,) = extract_blocks(markup)
    assert block.text == "A & B—C\xa0D"
    ampersand, dash = block.text.index("&"), block.text.index("—")
    assert _source(markup, block, ampersand, ampersand + 1) == "&amp;"
    assert _source(markup, block, dash, dash + 1) == "&#8212;"
    assert _source(markup, block, 0, len(block.text)) == "A &amp; B&#8212;C&nbsp;D"


def test_white_space_runs_collapse_to_one_space_mapping_the_whole_run():
    markup = "<div>\n  Editor:\n     <b>林雨晨</b>\n</div>"
    (block,) = extract_blocks(markup)
    assert block.text == "Editor: 林雨晨"
    space, name = block.text.index(" "), block.text.index("林")
    assert _source(markup, block, space, space + 1) == "\n     "
    assert _source(markup, block, name, name + 3) == "林雨晨"


@pytest.mark.parametrize(
    ("markup", "texts"),
    [
        ("<p>one<p>two", ["one", "two"]),
        ("<ul><li>a<li>b</ul>", ["a", "b"]),
        ("line one<br>line two", ["line one", "line two"]),
        ("<p>kept <span style='visibility: hidden'>gone</span>too</p>", ["kept too"]),
        ("<div>text <!-- comment --> more</div>", ["text more"]),
        ("<p>unclosed <b>bold", ["unclosed bold"]),
        ("<p>stray </i> end tag</p>", ["stray end tag"]),
        ("<template><p>no</p></template><p>yes</p>", ["yes"]),
    ],
)
def test_block_boundaries_and_malformed_markup(markup, texts):
    assert [block.text for block in extract_blocks(markup)] == texts
