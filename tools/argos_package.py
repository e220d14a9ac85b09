"""Build `.argosmodel` packages that argostranslate and zhen both accept, without downloading.

Used by the test suite (a random-weight package in a fraction of a second), by
`tools/build_tiny_model.py` (the trained toy packages committed under tests/data/) and by
`benchmarks/bench_translate.py` (a random-weight package the size of the real zh→en model).
`ctranslate2.specs` imports torch when it can (~1.5 s, ~900 MB), so `transformer_spec` blocks it
unless the caller has already imported torch on purpose.
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PLACEHOLDERS = tuple(f"⟦T{n}⟧" for n in range(1, 10))


@dataclass(frozen=True)
class Shape:
    """The hyper-parameters that fix a Transformer's tensor shapes."""

    encoder_layers: int = 2
    decoder_layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    max_positions: int = 256


@contextlib.contextmanager
def _torch_blocked() -> Iterator[None]:
    """Import ctranslate2.specs without torch, unless torch is already loaded on purpose."""
    if "torch" in sys.modules and sys.modules["torch"] is not None:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules["torch"]


def train_sentencepiece(
    sentences: Iterable[str], output: Path, *, vocab_size: int, user_symbols: Sequence[str] = ()
) -> Path:
    """A BPE model (unigram merged pairs of toy words into one piece); ids 0–3 = unk, s, /s, pad."""
    import sentencepiece as spm

    output.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(sentences)),
        model_prefix=str(output.with_suffix("")),
        model_type="bpe",
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=3,
        user_defined_symbols=list(user_symbols),
        minloglevel=2,
    )
    output.with_suffix("").with_suffix(".vocab").unlink(missing_ok=True)
    model = output.with_suffix("").with_suffix(".model")
    if model != output:
        model.replace(output)
    return output


def vocabulary(sentencepiece_model: Path, size: int | None = None) -> list[str]:
    """The model's vocabulary: every SentencePiece piece, padded with dummies up to `size`."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sentencepiece_model))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if size is not None:
        pieces += [f"<extra_{i}>" for i in range(size - len(pieces))]
    return pieces


def sinusoid_table(positions: int, d_model: int) -> np.ndarray:
    """sin in the first half, cos in the second: the layout CTranslate2 uses by default."""
    position = np.arange(positions, dtype=np.float32)[:, None]
    rates = np.exp(np.arange(0, d_model, 2, dtype=np.float32) * -(math.log(10000.0) / d_model))
    return np.concatenate([np.sin(position * rates), np.cos(position * rates)], axis=1)


def random_weights(shape: Shape, vocabulary_size: int, *, seed: int = 0) -> dict[str, np.ndarray]:
    """Weights named like a torch.nn.Transformer state dict, so one filler serves both builds."""
    rng = np.random.default_rng(seed)
    d, f = shape.d_model, shape.ffn

    def matrix(rows: int, columns: int) -> np.ndarray:
        return (rng.standard_normal((rows, columns)) / math.sqrt(columns)).astype(np.float32)

    weights = {
        "src_embed.weight": matrix(vocabulary_size, d),
        "tgt_embed.weight": matrix(vocabulary_size, d),
        "generator.weight": matrix(vocabulary_size, d),
        "generator.bias": np.zeros(vocabulary_size, np.float32),
    }
    blocks = [
        ("encoder", shape.encoder_layers, ["self_attn"], 2),
        ("decoder", shape.decoder_layers, ["self_attn", "multihead_attn"], 3),
    ]
    for side, layers, attentions, norms in blocks:
        for name in [f"transformer.{side}.norm"] + [
            f"transformer.{side}.layers.{i}.norm{n}"
            for i in range(layers)
            for n in range(1, norms + 1)
        ]:
            weights[f"{name}.weight"] = np.ones(d, np.float32)
            weights[f"{name}.bias"] = np.zeros(d, np.float32)
        for i in range(layers):
            prefix = f"transformer.{side}.layers.{i}"
            for attention in attentions:
                weights[f"{prefix}.{attention}.in_proj_weight"] = matrix(3 * d, d)
                weights[f"{prefix}.{attention}.in_proj_bias"] = np.zeros(3 * d, np.float32)
                weights[f"{prefix}.{attention}.out_proj.weight"] = matrix(d, d)
                weights[f"{prefix}.{attention}.out_proj.bias"] = np.zeros(d, np.float32)
            weights[f"{prefix}.linear1.weight"] = matrix(f, d)
            weights[f"{prefix}.linear1.bias"] = np.zeros(f, np.float32)
            weights[f"{prefix}.linear2.weight"] = matrix(d, f)
            weights[f"{prefix}.linear2.bias"] = np.zeros(d, np.float32)
    return weights


def transformer_spec(
    weights: dict[str, np.ndarray], shape: Shape, vocab: list[str], *, alignment_heads: int = 1
):
    """A CTranslate2 TransformerSpec from torch.nn.Transformer(norm_first=True) weights.

    Pre-norm layers map one-to-one; torch's fused in_proj is split into CTranslate2's fused
    q|k|v (self-attention) and q + k|v (cross-attention). Arrays are copied: `optimize` changes
    the arrays it is given. CTranslate2 returns the average attention of the first
    `alignment_heads` heads of the last decoder layer as alignments.
    """
    with _torch_blocked():
        from ctranslate2.specs import TransformerSpec

    def w(name: str) -> np.ndarray:
        return np.array(weights[name], dtype=np.float32, copy=True)

    spec = TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.heads, alignment_heads=alignment_heads
    )
    spec.config.layer_norm_epsilon = 1e-6
    d = shape.d_model
    table = sinusoid_table(shape.max_positions, d)

    def norm(target, name: str) -> None:
        target.gamma, target.beta = w(f"{name}.weight"), w(f"{name}.bias")

    def linear(target, weight: np.ndarray, bias: np.ndarray) -> None:
        target.weight, target.bias = weight, bias

    for side, stack in (("encoder", spec.encoder), ("decoder", spec.decoder)):
        embed = "src_embed" if side == "encoder" else "tgt_embed"
        embeddings = stack.embeddings[0] if side == "encoder" else stack.embeddings
        embeddings.weight = w(f"{embed}.weight")
        stack.position_encodings.encodings = table.copy()
        norm(stack.layer_norm, f"transformer.{side}.norm")
        for i, layer in enumerate(stack.layer):
            prefix = f"transformer.{side}.layers.{i}"
            norm(layer.self_attention.layer_norm, f"{prefix}.norm1")
            linear(
                layer.self_attention.linear[0],
                w(f"{prefix}.self_attn.in_proj_weight"),
                w(f"{prefix}.self_attn.in_proj_bias"),
            )
            linear(
                layer.self_attention.linear[1],
                w(f"{prefix}.self_attn.out_proj.weight"),
                w(f"{prefix}.self_attn.out_proj.bias"),
            )
            if side == "decoder":
                cross = f"{prefix}.multihead_attn"
                in_weight, in_bias = w(f"{cross}.in_proj_weight"), w(f"{cross}.in_proj_bias")
                norm(layer.attention.layer_norm, f"{prefix}.norm2")
                linear(layer.attention.linear[0], in_weight[:d].copy(), in_bias[:d].copy())
                linear(layer.attention.linear[1], in_weight[d:].copy(), in_bias[d:].copy())
                linear(
                    layer.attention.linear[2],
                    w(f"{cross}.out_proj.weight"),
                    w(f"{cross}.out_proj.bias"),
                )
            norm(layer.ffn.layer_norm, f"{prefix}.norm{3 if side == 'decoder' else 2}")
            linear(layer.ffn.linear_0, w(f"{prefix}.linear1.weight"), w(f"{prefix}.linear1.bias"))
            linear(layer.ffn.linear_1, w(f"{prefix}.linear2.weight"), w(f"{prefix}.linear2.bias"))
    linear(spec.decoder.projection, w("generator.weight"), w("generator.bias"))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def metadata(
    *, from_code: str = "zh", to_code: str = "en", version: str = "0.1", **extra: object
) -> dict[str, object]:
    names = {"zh": "Chinese", "en": "English"}
    return {
        "package_version": version,
        "argos_version": "1.11.0",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
        "type": "translate",
        "code": f"translate-{from_code}_{to_code}",
        "links": [],
        **extra,
    }


def write_package(
    output: Path,
    *,
    spec,
    sentencepiece_model: Path,
    package_metadata: dict,
    quantization: str = "int8",
    readme: str = "Built for zhen's tests.\n",
) -> Path:
    """Save the spec, zip it with metadata and the SentencePiece model under one top folder."""
    folder = f"{package_metadata['code']}-{package_metadata['package_version']}"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / folder
        (root / "model").mkdir(parents=True)
        spec.validate()
        spec.optimize(quantization)
        spec.save(str(root / "model"))
        shutil.copyfile(sentencepiece_model, root / "sentencepiece.model")
        (root / "metadata.json").write_text(json.dumps(package_metadata, indent=2) + "\n")
        (root / "README.md").write_text(readme)
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{folder}/", "")
            for path in sorted(root.rglob("*")):
                archive.write(path, f"{folder}/{path.relative_to(root).as_posix()}")
        partial.replace(output)
    return output


def build_random_package(
    output: Path,
    *,
    sentences: Sequence[str],
    shape: Shape = Shape(),
    vocabulary_size: int | None = None,
    seed: int = 0,
    quantization: str = "int8",
    user_symbols: Sequence[str] = (),
    **metadata_fields: object,
) -> Path:
    """A valid package whose model has random weights: for plumbing tests and benchmarks."""
    with tempfile.TemporaryDirectory() as scratch:
        sp_model = train_sentencepiece(
            sentences,
            Path(scratch) / "sentencepiece.model",
            vocab_size=200,
            user_symbols=user_symbols,
        )
        vocab = vocabulary(sp_model, vocabulary_size)
        spec = transformer_spec(random_weights(shape, len(vocab), seed=seed), shape, vocab)
        return write_package(
            output,
            spec=spec,
            sentencepiece_model=sp_model,
            package_metadata=metadata(**metadata_fields),
            quantization=quantization,
        )
