"""A fuzz sweep kept in the suite: separate, check and page over hostile inputs.

Issue 16's sweep fed zhen random bytes, cut multi-byte text, BOMs, lone surrogates, mixed line
ends and HTML torture. These properties hold for every input, and hypothesis (derandomized, so
every run tries the same inputs) looks for one that breaks them:

- no traceback: a page is read, or refused with one InputError line; the commands exit 0, 1
  (findings) or 2 (refused input), never with another exception;
- valid JSON: separate's document (streamed as `zhen separate` writes it), check's and page's
  follow docs/schema/zhen.schema.json;
- offsets map back: on a text page every block, span and word is the text at its offsets; on an
  HTML page every offset lies in the markup, in order; lines and columns are those of the offset.
"""

from __future__ import annotations

import codecs
import html
import json
import random
from dataclasses import replace

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, ROOT
from zhen.cli import main
from zhen.errors import InputError
from zhen.glossary.store import load_glossary
from zhen.offsets import LineIndex
from zhen.page.reader import page_from_bytes
from zhen.pipeline import report_page
from zhen.render.findings import json_record
from zhen.render.report_json import page_document
from zhen.render.separation import write_json
from zhen.terms.run import CheckReport, FoundTerm, check_page
from zhen.translate.fallback import FallbackTranslator

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

SCHEMA = Draft202012Validator(
    json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text(encoding="utf-8")))
REAL = [path.read_text(encoding="utf-8") for path in
        [*sorted(EXAMPLES.iterdir()), *sorted((ROOT / "tests" / "data" / "real-pages").glob(
            "[0-4]*.txt"))]]
GLOSSARY = load_glossary()
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


# --- inputs ---------------------------------------------------------------------------------------

@st.composite
def cut_text(draw) -> bytes:
    """A real page in UTF-8, GB18030, Big5 or UTF-16 with its BOM, cut anywhere."""
    text = draw(st.sampled_from(REAL))
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "utf-8-sig"]))
    data = text.encode(encoding, errors="replace")
    start = draw(st.integers(0, max(0, len(data) - 1)))
    return data[start : start + draw(st.integers(1, 3000))]


_TAGS = ["p", "div", "br", "li", "ul", "h1", "title", "script", "style", "nav", "footer", "svg",
         "table", "td", "tr", "span", "a", "b", "template", "noscript", "pre", "head", "body"]
_TEXT = st.sampled_from(["推动新质生产力发展", "new quality productive forces", "Editor: 林雨晨",
                         "繼續瀏覽", " ", "\t", "\r\n", "\r", "\n\n", "\u2028", "\ufeff", "\x00",
                         "&amp;", "&#x1F600;", "&#xD800;", "&#99999999;", "&nbsp;", "&unknown;",
                         "&", "<", ">", "<!--", "-->", "<![CDATA[x]]>", "<!doctype html>",
                         "\ud800", "新质生产力 productive forces.", "x" * 300, "中" * 300])


@st.composite
def html_torture(draw) -> bytes:
    """Markup from tags (closed, unclosed, stray ends, hidden), attributes, entities, comments,
    odd line ends and text in both scripts; lone surrogates written as the bytes they would be."""
    parts = ["<!doctype html>"] if draw(st.booleans()) else ["<p>"]
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            attributes = draw(st.sampled_from(["", " hidden", ' style="display:none"',
                                               ' class="nav footer"', " id=x y='z", ' a="<>"']))
            parts.append(f"<{tag}{attributes}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(_TEXT))
    return "".join(parts).encode("utf-8", "surrogatepass")


INPUTS = st.one_of(st.binary(max_size=3000), cut_text(), html_torture())


# --- properties -----------------------------------------------------------------------------------

def _page_or_refusal(data: bytes):
    try:
        return page_from_bytes(data, name="fuzz")
    except InputError as refusal:
        assert "\n" not in refusal.message and refusal.message.startswith("fuzz")
        return None


def _offsets_map_back(page) -> None:
    text, lines = page.text, LineIndex(page.text)
    previous = 0
    for block in page.blocks:
        assert 0 <= block.start <= block.end <= len(text) and block.start >= previous
        previous = block.start
        assert lines.line_column(block.start) == (block.line, block.column)
        if page.format == "text":
            assert text[block.start : block.end] == block.text
        assert "".join(span.text for span in block.spans) == block.text
        for span in block.spans:
            assert block.start <= span.start <= span.end <= block.end
            assert lines.line_column(span.start) == (span.line, span.column)
            if page.format == "text":
                assert text[span.start : span.end] == span.text
            for token in span.tokens:
                assert span.start <= token.start <= token.end <= span.end
                if page.format == "text":
                    assert text[token.start : token.end] == token.text
    for damage in page.damage:
        assert text[damage.start] == "\ufffd"


def _valid(document: dict) -> None:
    assert list(SCHEMA.iter_errors(json.loads(json.dumps(document)))) == []


@FUZZ
@given(INPUTS)
def test_separate_and_check_keep_their_promises(data):
    page = _page_or_refusal(data)
    if page is None:
        return
    _offsets_map_back(page)
    chunks: list[str] = []
    write_json(replace(page, blocks=()), chunks.append, iter(page.blocks))  # as separate does
    _valid(json.loads("".join(chunks)))
    checked = check_page(page, GLOSSARY)
    for finding in checked.findings:
        assert 0 <= finding.start <= finding.end <= len(page.text)
        assert LineIndex(page.text).line_column(finding.start) == (finding.line, finding.column)
    report = CheckReport(checked.findings, (page.source,), (),
                         tuple(FoundTerm(page.source, hit) for hit in checked.terms))
    _valid(json_record(report))


@FUZZ
@given(st.one_of(cut_text(), html_torture()))
def test_page_keeps_its_promises(data):
    page = _page_or_refusal(data)
    if page is None:
        return
    report = report_page(page, glossary=GLOSSARY, translator=FallbackTranslator(GLOSSARY),
                         memory=False)
    _valid(page_document(report))
    for item in report.translations:
        assert item.span.start <= item.span.end <= len(page.text)


def test_the_commands_exit_0_1_or_2_on_a_corpus_of_hostile_files(tmp_path):
    """The sweep's shape, through the command line: files of random bytes, cut pages and HTML
    torture, each run through separate, check and page."""
    chooser = random.Random(16)
    corpus = [bytes(chooser.randrange(256) for _ in range(chooser.randrange(1, 2000)))
              for _ in range(4)]
    for text in REAL[:6]:
        for encoding in ("utf-8", "gb18030", "big5"):
            data = text.encode(encoding, errors="replace")
            corpus.append(data[: chooser.randrange(1, len(data))])
    corpus += [codecs.BOM_UTF8 + "<p>中\r文</p>\u2028<script>x".encode(),
               b"<p>&#xD800;&#99999999;&unknown;<!--" + "\ud800".encode(
                   "utf-8", "surrogatepass"),
               ("<div>" * 500 + html.escape("新质生产力 & forces") + "</div>" * 3).encode()]
    runner = CliRunner()
    for number, data in enumerate(corpus):
        path = tmp_path / f"fuzz-{number}.txt"
        path.write_bytes(data)
        for command in (["separate", "--output-format", "json"], ["check"],
                        ["page", "--engine", "fallback", "--no-memory"]):
            result = runner.invoke(main, [*command, str(path)])
            assert result.exit_code in (0, 1, 2), (number, command, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                (number, command, result.exception)
            if command[0] == "separate" and result.exit_code == 0:
                _valid(json.loads(result.stdout))
