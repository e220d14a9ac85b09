"""Glossary-enforced output on the trained toy packages, with and without placeholder symbols.

The toy models render twelve glossary terms differently from the glossary (新质生产力 → "new
productive forces"); enforcement must put the approved rendering in their place in every held-out
sentence. The glossary here is the tests' own, built from tests/data/argos/toy-dictionary.tsv, so
curated-data changes cannot break these tests.

The toy models decode greedily here: under Argos's beam search (beam 4, patience 1) a few long
outputs lose to short wrong sentences that end first (see tools/build_tiny_model.py). Decoding
settings do not change how enforcement works; tests/test_parity.py runs the defaults.
"""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest

from conftest import ARGOS_DATA
from zhen.errors import InputError
from zhen.glossary.model import Concept, Glossary, Rendering, Status
from zhen.translate.argos import ArgosTranslator
from zhen.translate.enforce import TermSpan, translate_enforced


def _toy_terms() -> list[dict[str, str]]:
    with (ARGOS_DATA / "toy-dictionary.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == "term"]


TERMS = _toy_terms()


def _glossary(
    *, list_toy_renderings: bool = False, admitted: dict[str, str] | None = None
) -> Glossary:
    concepts = []
    for n, row in enumerate(TERMS, 1):
        english = [Rendering(row["approved"], Status.PREFERRED)]
        if list_toy_renderings:
            english.append(Rendering(row["en"], Status.DEPRECATED, "toy model's rendering"))
        if admitted and row["zh"] in admitted:
            english.append(Rendering(admitted[row["zh"]], Status.ADMITTED))
        concepts.append(Concept(id=f"toy-{n}", zh=(row["zh"],), english=tuple(english)))
    return Glossary(tuple(concepts), digest="toy")


GLOSSARY = _glossary()
GREEDY = {"beam_size": 1}


def find_terms(text: str) -> list[TermSpan]:
    """Stand-in for zhen.terms.chinese.ChineseMatcher: longest glossary form at each position."""
    forms = sorted(
        ((form, c.id) for c in GLOSSARY for form in c.chinese_forms), key=lambda f: -len(f[0])
    )
    found, position = [], 0
    while position < len(text):
        hit = next(((f, i) for f, i in forms if text.startswith(f, position)), None)
        if hit:
            found.append(TermSpan(hit[1], position, position + len(hit[0])))
            position += len(hit[0])
        else:
            position += 1
    return found


def _expected(zh: str, en: str) -> tuple[str, tuple[str, ...]]:
    """The held-out English with each toy rendering of a term in the sentence replaced by hand."""
    ids = []
    for _, n, row in sorted(
        (zh.index(r["zh"]), n, r) for n, r in enumerate(TERMS, 1) if r["zh"] in zh
    ):
        assert row["en"] in en
        en = en.replace(row["en"], row["approved"], 1)
        ids.append(f"toy-{n}")
    return en, tuple(ids)


@pytest.fixture(scope="module")
def term_sentences(toy_heldout) -> list[tuple[str, str]]:
    """Held-out sentences that contain at least one glossary term (city cluster ≠ cities)."""
    chosen = [(zh, en) for zh, en in toy_heldout if find_terms(zh)]
    assert len(chosen) >= 50
    return chosen


@pytest.fixture(params=["toy_package", "toy_placeholder_package"])
def translator(request) -> ArgosTranslator:
    return ArgosTranslator.from_package(request.getfixturevalue(request.param), **GREEDY)


def test_the_toy_models_translate_held_out_sentences_exactly(translator, toy_heldout):
    outputs = translator.translate_batch([zh for zh, _ in toy_heldout])
    wrong = [(zh, en, out) for (zh, en), out in zip(toy_heldout, outputs, strict=True) if out != en]
    assert wrong == []
    assert translator.model_calls == 1


def test_the_placeholder_package_keeps_placeholders_whole(toy_package, toy_placeholder_package):
    assert ArgosTranslator.from_package(toy_placeholder_package, **GREEDY).placeholders == tuple(
        f"⟦T{n}⟧" for n in range(1, 10)
    )
    assert ArgosTranslator.from_package(toy_package, **GREEDY).placeholders == ()


def test_enforcement_reaches_every_term_of_every_sentence(translator, term_sentences):
    raw = translator.translate_batch([zh for zh, _ in term_sentences])
    results = translate_enforced(
        translator, [zh for zh, _ in term_sentences], GLOSSARY, find_terms=find_terms
    )
    misses = []
    for (zh, en), before, result in zip(term_sentences, raw, results, strict=True):
        target, ids = _expected(zh, en)
        assert before == en  # the model's own rendering, which enforcement must change
        if (result.target, result.terms_enforced) != (target, ids):
            misses.append((zh, result.target, target))
    assert misses == [], f"{len(misses)} of {len(term_sentences)} sentences not enforced"
    assert all(result.engine == translator.name for result in results)


def test_enforced_output_has_no_toy_rendering_left(translator, term_sentences):
    results = translate_enforced(
        translator, [zh for zh, _ in term_sentences], GLOSSARY, find_terms=find_terms
    )
    for (zh, _), result in zip(term_sentences, results, strict=True):
        rest = result.target
        for row in TERMS:
            rest = rest.replace(row["approved"], "")
        assert not [row["en"] for row in TERMS if row["zh"] in zh and row["en"] in rest]


def test_multi_sentence_segments_are_enforced_in_one_model_call(translator, term_sentences):
    groups = [term_sentences[i : i + 3] for i in range(0, 30, 3)]
    segments = ["".join(zh for zh, _ in group) for group in groups]
    before = translator.model_calls
    results = translate_enforced(translator, segments, GLOSSARY, find_terms=find_terms)
    assert translator.model_calls == before + 1
    for group, result in zip(groups, results, strict=True):
        assert result.target == " ".join(_expected(zh, en)[0] for zh, en in group)


def test_sentences_without_terms_translate_as_without_enforcement(translator, toy_heldout):
    plain = [zh for zh, _ in toy_heldout if not find_terms(zh)][:20]
    results = translate_enforced(translator, plain, GLOSSARY, find_terms=find_terms)
    assert [r.target for r in results] == translator.translate_batch(plain)
    assert all(r.terms_enforced == () for r in results)


def test_prefer_chooses_an_admitted_rendering(translator):
    glossary = _glossary(admitted={"西部大开发": "Western Development strategy"})
    [result] = translate_enforced(
        translator,
        ["我们推动西部大开发。"],
        glossary,
        prefer={"西部大开发": "western development strategy"},
        find_terms=find_terms,
    )
    assert result.target == "We promote Western Development strategy."


@pytest.mark.parametrize(
    "prefer, problem",
    [
        (
            {"西部大开发": "development of the western region"},
            "is not an approved rendering of 西部大开发",
        ),
        ({"不存在": "anything"}, "no such glossary term"),
    ],
)
def test_prefer_must_name_an_approved_rendering(toy_package, prefer, problem):
    translator = ArgosTranslator.from_package(toy_package, **GREEDY)
    with pytest.raises(InputError, match=problem):
        translate_enforced(
            translator, ["我们推动西部大开发。"], GLOSSARY, prefer=prefer, find_terms=find_terms
        )


def test_a_rendering_the_glossary_lists_is_replaced_without_attention(toy_package):
    """The finder points at 。, which no output word aligns to; the listed variant is found."""
    translator = ArgosTranslator.from_package(toy_package, **GREEDY)
    glossary = _glossary(list_toy_renderings=True)
    [result] = translate_enforced(
        translator,
        ["农民支持新质生产力。"],
        glossary,
        find_terms=lambda text: [TermSpan("toy-1", len(text) - 1, len(text))],
    )
    assert result.target == "Farmers support new quality productive forces."
    assert result.terms_enforced == ("toy-1",)


def test_an_approved_rendering_the_model_already_gives_is_kept(toy_package):
    glossary = _glossary(admitted={"城市群": "city belt"})
    translator = ArgosTranslator.from_package(toy_package, **GREEDY)
    [result] = translate_enforced(
        translator,
        ["农民支持城市群。"],
        glossary,
        prefer={"城市群": "City Belt"},
        find_terms=find_terms,
    )
    assert (result.target, result.terms_enforced) == ("Farmers support city belt.", ("toy-5",))


def test_a_lost_placeholder_falls_back_to_alignment(toy_placeholder_package):
    class LosingTranslator(ArgosTranslator):
        """Drops every placeholder from outputs of masked sentences, as a weak model might."""

        def translate_sentences(self, sentences, **options):
            outputs = super().translate_sentences(sentences, **options)
            return [replace(o, target=o.target.replace("⟦T1⟧", "")) for o in outputs]

    translator = LosingTranslator.from_package(toy_placeholder_package, **GREEDY)
    [result] = translate_enforced(
        translator, ["工人积极重视乡村振兴。"], GLOSSARY, find_terms=find_terms
    )
    assert result.target == "Workers actively value rural revitalization."
    assert translator.model_calls == 2


def test_a_sentence_initial_rendering_keeps_its_capital(toy_package):
    english = (Rendering("rural residents", Status.PREFERRED),)
    farmers = Concept(id="farmers", zh=("农民",), english=english)
    glossary = Glossary((*GLOSSARY.concepts, farmers))

    def find(text: str) -> list[TermSpan]:
        return [TermSpan("farmers", 0, 2), TermSpan("toy-1", 4, 9)]

    translator = ArgosTranslator.from_package(toy_package, **GREEDY)
    [result] = translate_enforced(translator, ["农民支持新质生产力。"], glossary, find_terms=find)
    assert result.target == "Rural residents support new quality productive forces."


def test_english_sources_are_not_enforced(random_package):
    translator = ArgosTranslator.from_package(
        replace(random_package, from_code="en", to_code="zh"), max_decoding_length=8
    )
    [result] = translate_enforced(
        translator, ["We promote new productive forces."], GLOSSARY, find_terms=find_terms
    )
    assert result.terms_enforced == ()
