"""The Argos engine's plumbing, on a random-weight package: batching, decoding, loading, options."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from zhen.errors import ModelError
from zhen.translate import argos
from zhen.translate.argos import ArgosTranslator
from zhen.translate.packages import read_package

# Random weights rarely predict the end of a sentence: cap outputs so plumbing tests stay fast.
FAST = {"max_decoding_length": 12}


class RecordingModel:
    """Stands in front of the loaded CTranslate2 model and records every call."""

    def __init__(self, model):
        self.model = model
        self.calls = []

    def translate_batch(self, source, target_prefix=None, **options):
        self.calls.append((source, target_prefix, options))
        return self.model.translate_batch(source, target_prefix=target_prefix, **options)


@pytest.fixture
def recorded(random_package, monkeypatch):
    translator = ArgosTranslator.from_package(random_package, **FAST)
    model, tokenizer = translator._model
    recording = RecordingModel(model)
    key = (str(random_package.path), "cpu", "int8", 0)
    monkeypatch.setitem(argos._loaded, key, (recording, tokenizer))
    return translator, recording


def test_every_sentence_of_every_text_goes_in_one_model_call(recorded):
    translator, recording = recorded
    texts = [
        "我们推动新质生产力。他们支持乡村振兴！",
        "城市群继续发展经济。",
        "第一行。\n第二行。第三句。",
    ]
    outputs = translator.translate_batch(texts)
    assert len(outputs) == 3 and all(isinstance(o, str) for o in outputs)
    assert outputs[2].count("\n") == 1  # paragraphs stay paragraphs
    [(sources, prefix, options)] = recording.calls
    assert len(sources) == 6  # 2 + 1 + 3 sentences
    assert sources[0] == translator.encode("我们推动新质生产力。")
    assert prefix is None
    assert options["batch_type"] == "examples" and options["beam_size"] == 4
    assert options["length_penalty"] == 0.2 and options["replace_unknowns"] is True
    assert translator.model_calls == 1


def test_outputs_keep_input_order_whatever_the_batch_sorting(random_package):
    texts = [
        "我们推动新质生产力。",
        "城市群继续发展经济！他们支持乡村振兴。我们推动新质生产力。",
        "他们支持乡村振兴。",
    ]
    translator = ArgosTranslator.from_package(random_package, **FAST)
    one_by_one = [translator.translate_batch([text])[0] for text in texts]
    assert translator.translate_batch(texts) == one_by_one


def test_nothing_to_translate_makes_no_model_call(recorded):
    translator, recording = recorded
    assert translator.translate_batch([]) == []
    assert translator.translate_batch(["", "  "]) == ["", ""]
    assert recording.calls == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We promote new productive forces.", "We promote new productive forces."),
        ("High-standard opening-up", "High-standard opening-up"),
        ("uses snake_case names", "uses snake case names"),  # Argos turns underscores into spaces
        ("", ""),
    ],
)
def test_decoding_is_argos_decoding(random_package, text, expected):
    translator = ArgosTranslator.from_package(random_package, **FAST)
    assert translator.decode(translator.encode(text)) == expected


@pytest.mark.parametrize(
    "pieces",
    [
        ["▁", "▁We"],
        ["▁We", "▁", "▁"],
        ["We", "▁promote"],
        ["▁snake", "_", "case"],
        ["<unk>", "▁We"],
    ],
)
def test_decoding_equals_argostranslates_tokenizer(random_package, pieces):
    from argostranslate.tokenizer import SentencePieceTokenizer  # imports sentencepiece only

    argos_value = SentencePieceTokenizer(random_package.path / "sentencepiece.model").decode(pieces)
    argos_value = argos_value[1:] if argos_value.startswith(" ") else argos_value
    assert ArgosTranslator.from_package(random_package, **FAST).decode(pieces) == argos_value


def test_target_prefix_is_sent_and_stripped(random_package, tmp_path, monkeypatch):
    folder = tmp_path / random_package.name
    shutil.copytree(random_package.path, folder)
    package = dataclasses.replace(read_package(folder), target_prefix="▁We")
    translator = ArgosTranslator.from_package(package, **FAST)
    model, tokenizer = translator._model
    recording = RecordingModel(model)
    monkeypatch.setitem(argos._loaded, (str(folder), "cpu", "int8", 0), (recording, tokenizer))
    [result] = translator.translate_sentences(["我们推动新质生产力。"], attention=True)
    [(_, prefix, _)] = recording.calls
    assert prefix == [["▁We"]]
    raw = model.translate_batch(
        [result.source_tokens],
        target_prefix=prefix,
        beam_size=4,
        length_penalty=0.2,
        replace_unknowns=True,
        return_attention=True,
        max_decoding_length=12,
    )
    assert raw[0].hypotheses[0][0] == "▁We"
    assert list(result.target_tokens) == raw[0].hypotheses[0][1:]
    assert len(result.attention) == len(result.target_tokens)


def test_a_package_loads_once_per_process(random_package):
    first = ArgosTranslator.from_package(random_package, **FAST)._model
    second = ArgosTranslator.from_package(random_package, beam_size=2)._model
    assert first[0] is second[0] and first[1] is second[1]


def test_attention_rows_cover_the_source(random_package):
    translator = ArgosTranslator.from_package(random_package, **FAST)
    [result] = translator.translate_sentences(["我们推动新质生产力。"], attention=True)
    assert len(result.attention) == len(result.target_tokens)
    assert all(len(row) == len(result.source_tokens) for row in result.attention)
    assert all(abs(sum(row) - 1) < 1e-3 for row in result.attention)


def test_decoding_options_pass_through(random_package):
    translator = ArgosTranslator.from_package(random_package, **FAST)
    [result] = translator.translate_sentences(
        ["我们推动新质生产力。"], min_decoding_length=7, max_decoding_length=7
    )
    assert len(result.target_tokens) == 7


def test_engine_name_and_languages(random_package):
    translator = ArgosTranslator.from_package(random_package, **FAST)
    assert translator.name == "argos:translate-zh_en-0.1"
    assert (translator.source_language, translator.target_language) == ("zh", "en")


@pytest.mark.parametrize(
    "options, problem",
    [
        ({"compute_type": "int4"}, "unknown compute type 'int4'"),
        ({"beam_size": 0}, "at least 1"),
        ({"threads": -1}, "at least 0"),
        ({"max_decoding_length": 0}, "at least 1"),
    ],
)
def test_bad_options_are_model_errors(random_package, options, problem):
    with pytest.raises(ModelError, match=problem):
        ArgosTranslator.from_package(random_package, **options)


def test_a_broken_model_is_a_model_error_naming_the_package(random_package, tmp_path):
    folder = tmp_path / random_package.name
    shutil.copytree(random_package.path, folder)
    (folder / "model" / "model.bin").write_bytes(b"not a model")
    translator = ArgosTranslator.from_package(read_package(folder))
    with pytest.raises(ModelError) as raised:
        translator.translate_batch(["我们。"])
    assert raised.value.message.startswith(f"{folder}: cannot load the package")
    assert "zhen models verify" in raised.value.message


@pytest.mark.parametrize(
    ("cuda_devices", "asked", "runs_on"),
    [(0, "auto", "cpu"), (0, "cpu", "cpu"), (2, "auto", "cuda"), (2, "cuda", "cuda"),
     (2, "cpu", "cpu")],
)
def test_auto_takes_cuda_when_ctranslate2_sees_a_device(random_package, monkeypatch,
                                                        cuda_devices, asked, runs_on):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: cuda_devices)
    assert ArgosTranslator.from_package(random_package, device=asked).device == runs_on


def test_cuda_without_a_device_is_a_model_error_saying_what_to_use(random_package, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ModelError, match="sees no CUDA device .*use --device cpu or auto"):
        ArgosTranslator.from_package(random_package, device="cuda")
    with pytest.raises(ModelError, match="unknown device 'gpu'"):
        ArgosTranslator.from_package(random_package, device="gpu")


def test_a_compute_type_the_device_cannot_run_is_refused_when_the_model_loads(random_package):
    """On this machine only the CPU path runs: float16 is a GPU compute type."""
    translator = ArgosTranslator.from_package(random_package, device="cpu",
                                              compute_type="float16")
    with pytest.raises(ModelError, match="compute type float16 does not run on cpu here"):
        translator.translate_batch(["我们。"])
    float32 = ArgosTranslator.from_package(random_package, device="cpu", compute_type="float32")
    assert len(float32.translate_batch(["我们。"])) == 1
