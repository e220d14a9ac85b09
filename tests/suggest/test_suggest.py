"""`zhen glossary suggest`: candidate terms from a generated corpus, their evidence, the filters,
the outputs, --accept, and bad input.

The corpus (tests/suggest_corpus.py) is the starting page plus generated Chinese documents that
keep writing 新质生产力, 西部陆海新通道 and the made-up 低空经济; the first two are taken out of
a copy of the shipped glossary. Expected figures are counted from the generated files here, not
by the code under test.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import suggest_corpus
from conftest import ROOT, STARTING_PAGE
from zhen.cli import main
from zhen.glossary.fileformat import format_file
from zhen.glossary.normalize import normalize_english
from zhen.glossary.store import load_glossary, read_file
from zhen.suggest.candidates import Suggestions, SuggestOptions, suggest
from zhen.types import Language

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

REMOVED = ("new-quality-productive-forces", "new-international-land-sea-trade-corridor")
_RUNS: dict[str, Suggestions] = {}


@contextlib.contextmanager
def fresh_segmenter():
    """A segmenter of its own: glossary words added by earlier runs would keep 新质生产力 whole."""
    import zhen.chinese.segment

    saved, zhen.chinese.segment._segmenter = zhen.chinese.segment._segmenter, None
    try:
        yield
    finally:
        zhen.chinese.segment._segmenter = saved


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("suggest-corpus")
    suggest_corpus.write_corpus(folder, documents=30, sentences=40)
    shutil.copy(STARTING_PAGE, folder)
    return folder


@pytest.fixture(scope="module")
def reduced_glossary(tmp_path_factory) -> Path:
    """The shipped glossary without the concepts of 新质生产力 and 西部陆海新通道."""
    folder = tmp_path_factory.mktemp("glossary")
    for path in sorted((ROOT / "glossary").glob("*.glossary")):
        gfile = read_file(path)
        kept = tuple(e for e in gfile.entries if e.concept.id not in REMOVED)
        (folder / path.name).write_text(format_file(replace(gfile, entries=kept)),
                                        encoding="utf-8")
    return folder


def run_once(key: str, sources: list[str], glossary_paths: list[Path] | None,
             **options) -> Suggestions:
    """suggest(), run once per key for the module (each test's own environment is in place)."""
    if key not in _RUNS:
        with fresh_segmenter():
            _RUNS[key] = suggest(sources, load_glossary(glossary_paths),
                                 SuggestOptions(**options))
    return _RUNS[key]


@pytest.fixture
def reduced_run(corpus_dir, reduced_glossary) -> Suggestions:
    return run_once("reduced", [str(corpus_dir)], [reduced_glossary], top=10)


@pytest.fixture
def full_run(corpus_dir) -> Suggestions:
    return run_once("full", [str(corpus_dir)], None, top=30)


def chinese(suggestions: Suggestions) -> list:
    return [c for c in suggestions.candidates if c.language is Language.ZH]


def file_counts(folder: Path, term: str) -> tuple[int, int]:
    """Occurrences of `term` in the folder's files and the number of files holding it."""
    counts = [path.read_text(encoding="utf-8").count(term) for path in folder.iterdir()]
    return sum(counts), sum(1 for count in counts if count)


@pytest.mark.parametrize("text", ["我们要发展新质生产力和低空经济，推进西部陆海新通道建设。",
                                  "责任编辑：林雨晨", suggest_corpus.NOTICE])
def test_words_are_the_words_segment_gives(text):
    from zhen.chinese.segment import segment, words

    assert words(text) == [token.text for token in segment(text)]


@pytest.mark.parametrize("page", [STARTING_PAGE,
                                  ROOT / "examples" / "xinhua-style-new-quality-forces.html"])
def test_reading_without_words_gives_the_same_blocks_and_spans(page):
    from zhen.page.reader import read_page

    full, bare = read_page(page), read_page(page, words=False)
    assert [(b.text, b.role, b.line) for b in full.blocks] == [
        (b.text, b.role, b.line) for b in bare.blocks]
    assert [replace(span, tokens=(), variant=None) for b in full.blocks for span in b.spans] == [
        span for b in bare.blocks for span in b.spans]


def test_the_three_terms_come_out_in_the_top_ten_with_contexts(reduced_run, corpus_dir):
    top = chinese(reduced_run)[:10]
    by_text = {candidate.text: candidate for candidate in top}
    assert set(suggest_corpus.TERMS) <= set(by_text), [c.text for c in top]
    for term in suggest_corpus.TERMS:
        candidate = by_text[term]
        assert (candidate.frequency, candidate.documents) == file_counts(corpus_dir, term)
        assert len(candidate.contexts) == 2
        assert candidate.contexts[0].path != candidate.contexts[1].path  # two documents
        for context in candidate.contexts:
            line = Path(context.path).read_text(encoding="utf-8").splitlines()[context.line - 1]
            assert term in context.text
            assert context.text.strip("…") in line


def assert_nothing_known(suggestions: Suggestions, glossary_paths) -> None:
    glossary = load_glossary(glossary_paths)
    forms = {form for concept in glossary for form in concept.chinese_forms}
    renderings = {normalize_english(r.text) for concept in glossary for r in concept.english}
    for candidate in suggestions.candidates:
        assert candidate.text not in forms
        assert not any(word in forms for word in candidate.words)
        assert normalize_english(candidate.text) not in renderings


def test_nothing_already_in_the_glossary_is_suggested(reduced_run, full_run, reduced_glossary):
    assert_nothing_known(reduced_run, [reduced_glossary])
    assert_nothing_known(full_run, None)
    texts = [candidate.text for candidate in chinese(full_run)]
    assert "新质生产力" not in texts and "西部陆海新通道" not in texts
    assert "低空经济" in texts[:3]


def test_english_phrases_are_suggested_unless_they_are_glossary_renderings(full_run):
    english = [c.text for c in full_run.candidates if c.language is Language.EN]
    assert "low-altitude economy" in english  # the made-up term's rendering
    assert "New Western Land-Sea Corridor" not in english  # admitted in the shipped glossary
    assert not [text for text in english if "productive forces" in text]


@pytest.mark.parametrize("distractor", ["浏览器", "张伟", "表示", "会议强调", "进一步加强",
                                        "2024", "4月23日", "12.5"])
def test_notices_names_dates_figures_and_stock_phrases_are_not_suggested(full_run, distractor):
    assert not [c.text for c in full_run.candidates if distractor in c.text]


def test_the_english_seen_near_a_term_is_counted_per_rendering(tmp_path, reduced_glossary):
    rows = suggest_corpus.bilingual_pairs(random.Random(3), 300)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{zh}\t{en}\n" for zh, en, _, _ in rows), encoding="utf-8")
    expected = Counter((term, rendering) for _, _, term, rendering in rows if term)
    with fresh_segmenter():
        found = suggest([], load_glossary([reduced_glossary]), pairs=[str(pairs)])
    seen = {c.text: [(r.text, r.count) for r in c.renderings] for c in chinese(found)}
    usual, drifting = suggest_corpus.RENDERINGS["新质生产力"]
    assert seen["新质生产力"] == [(usual, expected["新质生产力", usual]),
                                (drifting, expected["新质生产力", drifting])]
    low_altitude = "low-altitude economy"
    assert seen["低空经济"] == [(low_altitude, expected["低空经济", low_altitude])]
    context = next(c for c in found.candidates if c.text == "低空经济").contexts[0]
    assert (context.path, "低空经济" in rows[context.line - 1][0]) == (str(pairs), True)


def test_notice_blocks_of_html_pages_are_left_out(tmp_path):
    html = (ROOT / "examples" / "xinhua-style-new-quality-forces.html").read_bytes()
    for number in range(4):
        (tmp_path / f"page-{number}.html").write_bytes(html)
    result = CliRunner().invoke(main, ["glossary", "suggest", str(tmp_path), "--min-freq", "2",
                                       "--output-format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["documents"] == 4
    assert not [c["text"] for c in record["candidates"] if "浏览" in c["text"]]


def test_traditional_pages_count_with_simplified_ones(tmp_path):
    from zhen.chinese.convert import to_traditional

    rng = random.Random(5)
    for number in range(8):
        text = suggest_corpus.chinese_document(rng, 30)
        (tmp_path / f"{number}.txt").write_text(to_traditional(text), encoding="utf-8")
    with fresh_segmenter():
        found = suggest([str(tmp_path)], load_glossary(), SuggestOptions(top=10))
    candidate = next(c for c in found.candidates if c.text == "低空经济")
    assert (candidate.frequency, candidate.documents) == file_counts(tmp_path, "低空經濟")
    assert all("低空經濟" in context.text for context in candidate.contexts)


def test_standard_input_is_a_corpus_too(corpus_dir):
    text = (corpus_dir / "doc-00001.txt").read_text(encoding="utf-8") * 3
    result = CliRunner().invoke(main, ["glossary", "suggest", "-", "--output-format", "json"],
                                input=text.encode())
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    candidate = next(c for c in record["candidates"] if c["text"] == "低空经济")
    assert candidate["frequency"] == text.count("低空经济")
    assert {context["path"] for context in candidate["contexts"]} == {"<stdin>"}


@pytest.mark.parametrize("output", ["text", "json", "tsv"])
def test_outputs(corpus_dir, output):
    result = CliRunner().invoke(main, ["glossary", "suggest", str(corpus_dir), "--top", "5",
                                       "--output-format", output])
    assert result.exit_code == 0, result.output
    if output == "json":
        from jsonschema import Draft202012Validator

        schema = json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text("utf-8"))
        record = json.loads(result.stdout)
        assert list(Draft202012Validator(schema).iter_errors(record)) == []
        assert record["kind"] == "suggest"
        assert record["documents"] == len(list(corpus_dir.iterdir()))
        assert record["candidates"][0]["text"] == "低空经济"
        assert {"gloss", "english_nearby", "contexts"} <= set(record["candidates"][0])
    elif output == "tsv":
        from zhen.render.suggestions import TSV_COLUMNS

        rows = [row.split("\t") for row in result.stdout.splitlines()]
        assert rows[0] == list(TSV_COLUMNS)
        assert {len(row) for row in rows} == {len(TSV_COLUMNS)}
        assert rows[1][2] == "低空经济"
    else:
        assert "Chinese candidates" in result.stdout
        assert "  1. 低空经济  [di-kong-jing-ji]" in result.stdout
        assert "低空 (low altitude) + 经济 (economy)" in result.stdout


@pytest.fixture
def writable_glossary(tmp_path, reduced_glossary) -> Path:
    folder = tmp_path / "glossary"
    shutil.copytree(reduced_glossary, folder)
    return folder


def test_accept_writes_a_needs_review_concept(corpus_dir, writable_glossary):
    from zhen.glossary.validate import validate_paths

    before = validate_paths([writable_glossary])
    with fresh_segmenter():
        result = CliRunner().invoke(main, ["glossary", "suggest", str(corpus_dir), "--glossary",
                                           str(writable_glossary), "--accept", "di-kong-jing-ji",
                                           "--domain", "economy", "--output-format", "json"])
    assert result.exit_code == 0, result.output
    assert "added [di-kong-jing-ji] 低空经济" in result.stderr
    concept = load_glossary([writable_glossary]).get("di-kong-jing-ji")
    assert concept.zh == ("低空经济",) and concept.zh_traditional == ("低空經濟",)
    assert concept.needs_review and concept.preferred is None
    assert [(r.text, r.status.value) for r in concept.english] == [
        ("low-altitude economy", "admitted")]
    assert concept.sources[0].url.startswith("file:///")
    assert concept.domain == "economy" and concept.origin.path.name == "economy.glossary"
    assert validate_paths([writable_glossary]) == before
    with fresh_segmenter():
        again = suggest([str(corpus_dir)], load_glossary([writable_glossary]))
    assert "低空经济" not in [candidate.text for candidate in again.candidates]


@pytest.mark.parametrize(("accepted", "message"), [
    ("no-such-id", "no candidate 'no-such-id'"),
    ("en-western-region", "is an English candidate"),
])
def test_refused_accepts_leave_the_glossary_as_it_was(corpus_dir, writable_glossary, accepted,
                                                      message):
    before = {path.name: path.read_bytes() for path in writable_glossary.iterdir()}
    result = CliRunner().invoke(main, ["glossary", "suggest", str(corpus_dir), "--glossary",
                                       str(writable_glossary), "--accept", accepted,
                                       "--domain", "economy"])
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""
    assert {path.name: path.read_bytes() for path in writable_glossary.iterdir()} == before


def test_accepting_from_standard_input_needs_a_source(corpus_dir, writable_glossary):
    text = (corpus_dir / "doc-00002.txt").read_text(encoding="utf-8") * 3
    arguments = ["glossary", "suggest", "-", "--glossary", str(writable_glossary), "--accept",
                 "低空经济", "--domain", "economy"]
    refused = CliRunner().invoke(main, arguments, input=text.encode())
    assert refused.exit_code == 2 and "give --cite URL" in refused.stderr
    accepted = CliRunner().invoke(main, [*arguments, "--cite", "https://example.org/a"],
                                  input=text.encode())
    assert accepted.exit_code == 0, accepted.output
    concept = load_glossary([writable_glossary]).get("di-kong-jing-ji")
    assert concept.sources[0].url == "https://example.org/a"


def _binary(folder: Path) -> str:
    path = folder / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return str(path)


def _missing(folder: Path) -> str:
    return str(folder / "missing.txt")


def _broken_link(folder: Path) -> str:
    link = folder / "link.txt"
    link.symlink_to(folder / "gone.txt")
    return str(link)


def _empty_file(folder: Path) -> str:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return str(path)


def _no_page_files(folder: Path) -> str:
    (folder / "inside").mkdir()
    (folder / "inside" / "data.bin").write_bytes(b"\x00")
    return str(folder / "inside")


def _no_text(folder: Path) -> str:
    path = folder / "figures.txt"
    path.write_text("2024-04-23 12:00\n1, 2, 3 ...\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("make", "problem"), [
    (_binary, "binary"),
    (_missing, "no such file"),
    (_broken_link, "no such file"),
    (_empty_file, "empty file"),
    (_no_page_files, "folder holds no page files"),
    (_no_text, "the corpus holds no Chinese or English text"),
])
def test_bad_input_is_one_clear_error(tmp_path, make, problem):
    source = make(tmp_path)
    result = CliRunner().invoke(main, ["glossary", "suggest", source])
    assert result.exit_code == 2
    assert result.stdout == ""
    said = [line for line in result.stderr.splitlines() if not line.startswith("glossary: ")]
    assert len(said) == 1 and said[0].startswith("Error: ") and source in said[0]
    assert problem.lower() in said[0].lower()


def test_no_corpus_at_a_terminal_is_a_usage_error(monkeypatch):
    monkeypatch.setattr("zhen.cli.options.stdin_is_piped", lambda: False)
    result = CliRunner().invoke(main, ["glossary", "suggest"])
    assert result.exit_code == 2 and "no corpus" in result.stderr


def test_a_small_table_is_pruned_and_still_finds_the_terms(corpus_dir, reduced_glossary):
    found = run_once("pruned", [str(corpus_dir)], [reduced_glossary], top=10, capacity=2000)
    assert found.pruned_below > 0
    texts = [candidate.text for candidate in chinese(found)]
    assert set(suggest_corpus.TERMS) <= set(texts)


def test_a_page_counted_in_chunks_gives_the_same_suggestions(tmp_path, corpus_dir, monkeypatch):
    import zhen.suggest.candidates as suggest_module

    page = tmp_path / "one-page.txt"
    page.write_text("".join(path.read_text(encoding="utf-8")
                            for path in sorted(corpus_dir.glob("doc-*.txt"))[:8]),
                    encoding="utf-8")

    def summary() -> list[tuple]:
        found = suggest([str(page)], load_glossary(), SuggestOptions(top=10))
        return [(c.text, c.frequency, c.documents, c.score, c.contexts) for c in found.candidates]

    whole = summary()
    monkeypatch.setattr(suggest_module, "CHUNK_CHARACTERS", 300)
    assert summary() == whole
    assert len(whole) > 3


def test_the_table_counts_every_order_across_batches(monkeypatch):
    import zhen.suggest.ngrams as ngrams

    monkeypatch.setattr(ngrams, "BATCH_WORDS", 4)  # a flush after almost every list
    table = ngrams.NgramTable(3)
    for words in (["a", "b", "c", "a", "b"], ["\n"], ["b", "c"], ["a", "b", "c"]):
        table.add(words)
    assert table.total == 10  # the separator is not a word
    assert [table.count(n) for n in (["a", "b"], ["b", "c"], ["a", "b", "c"], ["c", "a"])] == [
        3, 3, 2, 1]
    assert table.count(["z", "a"]) == 0 and table.count(["a", "b", "c", "d"][:3]) == 2
    ids = np.array([[table.ids["a"], table.ids["b"]]])
    # a b: 3 of 10 words; a: 3, b: 4 → log2(3 · 10 / (3 · 4))
    assert table.cohesion(ids, np.array([3]))[0] == pytest.approx(np.log2(30 / 12))


def test_pruning_keeps_the_table_bounded_and_frequent_ngrams_whole():
    from zhen.suggest.ngrams import NgramTable

    table = NgramTable(2, capacity=50)
    rng = random.Random(1)
    for _ in range(40):
        table.add([f"w{rng.randrange(10_000)}" for _ in range(20)] + ["低空", "经济"])
    table.flush()
    assert table.size() <= 50 and table.prunes > 0 and table.floor >= 1
    assert table.count(["低空", "经济"]) == 40


def test_resolver_finds_the_words_of_hashes():
    from zhen.suggest.ngrams import NgramTable, Resolver, rolling_hashes

    table = NgramTable(3)
    ids = table.add(["西部", "陆海", "新", "通道", "。"])
    wanted = [rolling_hashes(ids, 2)[:1], rolling_hashes(ids, 3)[1:2]]
    resolver = Resolver(wanted)
    resolver.feed(ids)
    vocabulary = table.vocabulary()
    found = [[tuple(vocabulary[i] for i in words) for words in order.values()]
             for order in resolver.found]
    assert found == [[("西部", "陆海")], [("陆海", "新", "通道")]] and resolver.done


def test_renderings_nest_as_documented():
    from zhen.suggest.evidence import choose_renderings

    counts = Counter({"new quality productive forces": 12, "quality productive forces": 12,
                      "new quality productive": 12, "quality productive": 12, "quality": 12,
                      "new productive forces": 3, "new productive": 3,
                      "productive forces": 15, "productive": 15, "forces": 15, "new": 15,
                      "digital services": 2, "services": 2, "digital": 2})
    rates = {"digital services": 0.2, "services": 0.3, "digital": 0.3}
    chosen = choose_renderings(counts, 15, lambda phrase: rates.get(phrase, 0.001))
    assert chosen == [("new quality productive forces", 12), ("new productive forces", 3)]
