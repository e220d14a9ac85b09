"""The Argos engine: an installed package's CTranslate2 model and SentencePiece model, no torch.

Speed is decided by batching: argostranslate calls CTranslate2 once per paragraph (about one
sentence per batch); this engine splits every text into paragraphs and sentences itself and sends
all sentences of all texts to ONE `translate_batch` call (batch_type="examples"), which CTranslate2
sorts by length and cuts into sub-batches. Tokenizing, beam search settings and detokenizing are
Argos's own, so outputs equal argostranslate's for the same sentences and settings.

Interface used by `zhen.translate.service` and `zhen.translate.enforce`:
    ArgosTranslator.from_package(package, beam_size=4, compute_type="int8", threads=0,
                                 device="auto")
    translator.translate_batch(texts) -> list[str]                 # one model call per batch
    translator.translate_sentences(sentences, attention=True)      # tokens + alignments
ctranslate2 and sentencepiece are imported on first use and each model loads once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from zhen.errors import ModelError
from zhen.translate.base import Translator
from zhen.translate.packages import Package
from zhen.translate.split import split_sentences

PLACEHOLDERS = tuple(f"⟦T{n}⟧" for n in range(1, 10))
DEVICES = ("auto", "cpu", "cuda")
#: CTranslate2's compute types; which a device supports, CTranslate2 says when the model loads.
COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16",
                 "bfloat16", "float32", "auto")
MAX_BATCH_SIZE = 64  # examples per sub-batch: a 50-sentence page in one (bench_translate.py)

_loaded: dict[tuple[str, str, str, int], tuple[object, object]] = {}
_loading = threading.Lock()


def resolve_device(device: str) -> str:
    """"cpu" or "cuda": `auto` takes CUDA when CTranslate2 sees a CUDA device; `cuda` without
    one is an error (CTranslate2's CPU-only wheels see none)."""
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}; use one of {', '.join(DEVICES)}")
    if device == "cpu":
        return "cpu"
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        return "cuda"
    if device == "cuda":
        raise ModelError("--device cuda: CTranslate2 sees no CUDA device here (no GPU, no CUDA "
                         "driver, or a CPU-only build); use --device cpu or auto")
    return "cpu"


def _check_compute_type(device: str, compute_type: str) -> None:
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type != "auto" and compute_type not in supported:
        raise ModelError(f"compute type {compute_type} does not run on {device} here; "
                         f"use one of {', '.join(sorted(supported))} or auto")


def _load(package: Package, device: str, compute_type: str, threads: int):
    """The (ctranslate2.Translator, SentencePieceProcessor) pair, loaded once per process."""
    key = (str(package.path), device, compute_type, threads)
    with _loading:
        if key not in _loaded:
            import ctranslate2
            import sentencepiece

            _check_compute_type(device, compute_type)
            try:
                model = ctranslate2.Translator(
                    str(package.path / "model"),
                    device=device,
                    compute_type=compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
                tokenizer = sentencepiece.SentencePieceProcessor(
                    model_file=str(package.path / "sentencepiece.model")
                )
            except (OSError, RuntimeError, ValueError) as error:
                raise ModelError(
                    f"cannot load the package ({error}); try `zhen models verify`", package.path
                ) from None
            _loaded[key] = (model, tokenizer)
        return _loaded[key]


@dataclass(frozen=True)
class SentenceTranslation:
    """One sentence through the model: pieces in and out, and where each output piece looked."""

    source: str
    target: str  # decoded as Argos decodes
    source_tokens: tuple[str, ...]
    target_tokens: tuple[str, ...]  # without the package's target_prefix
    attention: tuple[tuple[float, ...], ...] = ()  # one row per target token, over source tokens

    @property
    def starts_word(self) -> bool:
        """Whether decoding it after another sentence puts a space first (its first piece has ▁)."""
        return bool(self.target_tokens) and self.target_tokens[0].startswith("▁")


Layout = list[list[list[str]]]  # texts → paragraphs (lines) → sentences


def assemble(layout: Layout, rendered: Sequence[tuple[str, bool]]) -> list[str]:
    """Put sentence outputs back into texts and lines, as Argos renders a paragraph.

    Argos decodes a paragraph's pieces in one go, which puts a space before every sentence whose
    first piece starts a word; `rendered` holds (text, starts_word) per sentence, in order.
    """
    outputs = iter(rendered)
    texts = []
    for paragraphs in layout:
        lines = []
        for sentences in paragraphs:
            line = ""
            for _ in sentences:
                text, starts_word = next(outputs)
                line += (" " if line and text and starts_word else "") + text
            lines.append(line)
        texts.append("\n".join(lines))
    return texts


class ArgosTranslator(Translator):
    """Translates with an installed Argos package; `model_calls` counts CTranslate2 calls."""

    def __init__(
        self,
        package: Package,
        *,
        beam_size: int = 4,
        compute_type: str = "int8",
        threads: int = 0,
        device: str = "auto",
        max_batch_size: int = MAX_BATCH_SIZE,
        max_decoding_length: int = 256,
    ):
        if compute_type not in COMPUTE_TYPES:
            raise ModelError(
                f"unknown compute type {compute_type!r}; use one of {', '.join(COMPUTE_TYPES)}"
            )
        if min(beam_size, max_batch_size, max_decoding_length) < 1 or threads < 0:
            raise ModelError(
                "beam size, batch size and decoding length must be at least 1, threads at least 0"
            )
        self.package = package
        self.name = f"argos:{package.label}"
        self.model_version = package.package_version
        self.source_language = package.from_code
        self.target_language = package.to_code
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.device = resolve_device(device)
        self.threads = threads
        self.max_batch_size = max_batch_size
        self.max_decoding_length = max_decoding_length  # CTranslate2's (and Argos's) default: 256
        self.model_calls = 0

    @classmethod
    def from_package(cls, package: Package, **options) -> ArgosTranslator:
        return cls(package, **options)

    @property
    def _model(self):
        return _load(self.package, self.device, self.compute_type, self.threads)

    def encode(self, sentence: str) -> list[str]:
        return self._model[1].encode(sentence, out_type=str)

    def decode(self, tokens: Sequence[str]) -> str:
        """Argos's detokenizer: decode pieces, ▁ and _ become spaces, drop one leading space."""
        text = self._model[1].decode_pieces(list(tokens)).replace("▁", " ").replace("_", " ")
        return text[1:] if text.startswith(" ") else text

    def translate_sentences(
        self, sentences: Sequence[str], *, attention: bool = False, **decoding
    ) -> list[SentenceTranslation]:
        """All sentences in one CTranslate2 call; `decoding` overrides e.g. max_decoding_length."""
        if not sentences:
            return []
        model, tokenizer = self._model
        sources = [tokenizer.encode(sentence, out_type=str) for sentence in sentences]
        prefix = self.package.target_prefix
        options = dict(
            beam_size=self.beam_size,
            length_penalty=0.2,
            replace_unknowns=True,
            max_batch_size=self.max_batch_size,
            batch_type="examples",
            max_decoding_length=self.max_decoding_length,
            return_attention=attention,
        )
        options.update(decoding)
        self.model_calls += 1
        results = model.translate_batch(
            sources, target_prefix=[[prefix]] * len(sources) if prefix else None, **options
        )
        translated = []
        for sentence, source, result in zip(sentences, sources, results, strict=True):
            tokens = result.hypotheses[0]
            rows = result.attention[0] if attention else ()
            if prefix and tokens[:1] == [prefix]:
                tokens, rows = tokens[1:], rows[1:]
            translated.append(
                SentenceTranslation(
                    sentence,
                    self.decode(tokens),
                    tuple(source),
                    tuple(tokens),
                    tuple(tuple(row) for row in rows),
                )
            )
        return translated

    def split(self, text: str) -> list[list[str]]:
        """Paragraphs (lines, as Argos splits them) of sentences."""
        return [split_sentences(line, self.source_language) for line in text.split("\n")]

    def layout(self, texts: Sequence[str]) -> tuple[Layout, list[str]]:
        """The texts' paragraphs of sentences, and all their sentences in order."""
        layout = [self.split(text) for text in texts]
        return layout, [s for paragraphs in layout for sentences in paragraphs for s in sentences]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        layout, sentences = self.layout(texts)
        translated = self.translate_sentences(sentences)
        return assemble(layout, [(t.target, t.starts_word) for t in translated])

    @cached_property
    def placeholders(self) -> tuple[str, ...]:
        """The ⟦T1⟧…⟦T9⟧ symbols this package's SentencePiece model keeps whole (user symbols)."""
        tokenizer = self._model[1]
        return tuple(p for p in PLACEHOLDERS if p in tokenizer.encode(f"a{p}b", out_type=str))

    def source_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Character offsets in `sentence` of each source piece (pieces are normalized: … → ...)."""
        encoded = self._model[1].encode(sentence, return_type="proto")
        byte_to_char = _byte_to_char(sentence)
        return [(byte_to_char[piece.begin], byte_to_char[piece.end]) for piece in encoded.pieces]

    def target_spans(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """Character offsets of each target piece's text in `decode(tokens)`, spaces excluded."""
        spans, previous = [], 0
        for k in range(len(tokens)):
            end = len(self.decode(tokens[: k + 1]))
            start = min(previous + (1 if k and tokens[k].startswith("▁") else 0), end)
            spans.append((start, end))
            previous = end
        return spans


def _byte_to_char(text: str) -> list[int]:
    """Index: UTF-8 byte offset → character offset (one past the end included)."""
    table = []
    for index, char in enumerate(text):
        table.extend([index] * len(char.encode("utf-8")))
    table.append(len(text))
    return table
