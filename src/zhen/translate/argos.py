"""The Argos engine: an installed package's CTranslate2 model and SentencePiece model, no torch.

Speed is decided by batching: argostranslate calls CTranslate2 once per paragraph (about one
sentence per batch); this engine splits every text into paragraphs and sentences itself and sends
all sentences of all texts to ONE `translate_batch` call (batch_type="examples"), which CTranslate2
sorts by length and cuts into sub-batches. Tokenizing, beam search settings and detokenizing are
Argos's own, so outputs equal argostranslate's for the same sentences and settings.

Interface used by `zhen.translate.service` and `zhen.translate.enforce`:
    ArgosTranslator.from_package(package, beam_size=4, compute_type="int8", threads=0)
    translator.translate_batch(texts) -> list[str]                 # one model call per batch
    translator.translate_sentences(sentences, attention=True)      # tokens + alignments
ctranslate2 and sentencepiece are imported on first use and each model loads once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import ModelError
from zhen.translate.base import Translator
from zhen.translate.packages import Package
from zhen.translate.split import split_sentences

COMPUTE_TYPES = ("int8", "int8_float32", "int16", "float32", "auto")
MAX_BATCH_SIZE = 32  # examples per sub-batch: throughput flattens beyond this on 2 cores

_loaded: dict[tuple[str, str, int], tuple[object, object]] = {}
_loading = threading.Lock()


def _load(package: Package, compute_type: str, threads: int):
    """The (ctranslate2.Translator, SentencePieceProcessor) pair, loaded once per process."""
    key = (str(package.path), compute_type, threads)
    with _loading:
        if key not in _loaded:
            import ctranslate2
            import sentencepiece

            try:
                model = ctranslate2.Translator(
                    str(package.path / "model"),
                    device="cpu",
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
    source_tokens: tuple[str, ...]
    target_tokens: tuple[str, ...]  # without the package's target_prefix
    attention: tuple[tuple[float, ...], ...] = ()  # one row per target token, over source tokens


class ArgosTranslator(Translator):
    """Translates with an installed Argos package; `model_calls` counts CTranslate2 calls."""

    def __init__(
        self,
        package: Package,
        *,
        beam_size: int = 4,
        compute_type: str = "int8",
        threads: int = 0,
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
        self.source_language = package.from_code
        self.target_language = package.to_code
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.threads = threads
        self.max_batch_size = max_batch_size
        self.max_decoding_length = max_decoding_length  # CTranslate2's (and Argos's) default: 256
        self.model_calls = 0

    @classmethod
    def from_package(cls, package: Package, **options) -> ArgosTranslator:
        return cls(package, **options)

    @property
    def _model(self):
        return _load(self.package, self.compute_type, self.threads)

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
                    sentence, tuple(source), tuple(tokens), tuple(tuple(row) for row in rows)
                )
            )
        return translated

    def split(self, text: str) -> list[list[str]]:
        """Paragraphs (lines, as Argos splits them) of sentences."""
        return [split_sentences(line, self.source_language) for line in text.split("\n")]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        paragraphs = [self.split(text) for text in texts]
        sentences = [s for text in paragraphs for paragraph in text for s in paragraph]
        translated = iter(self.translate_sentences(sentences))
        return [
            "\n".join(self.join(next(translated) for _ in paragraph) for paragraph in text)
            for text in paragraphs
        ]

    def join(self, sentences) -> str:
        """A paragraph as Argos renders it: its sentences' pieces concatenated, decoded once."""
        return self.decode([token for sentence in sentences for token in sentence.target_tokens])


def translator_for(package_path: Path, **options) -> ArgosTranslator:
    """An engine for a package folder (e.g. an unpacked test package)."""
    from zhen.translate.packages import read_package

    return ArgosTranslator.from_package(read_package(package_path), **options)
