"""Train the two tiny zh→en Argos packages zhen's tests translate with (`make fixtures`).

A 50-word toy dictionary (tests/data/argos/toy-dictionary.tsv) makes sentences of a subject, an
optional adverb, a verb and one or two objects; English is the word-by-word translation. Twelve
objects are real glossary terms that the toy dictionary renders *differently* from the glossary
(新质生产力 → "new productive forces", not "new quality productive forces"), so glossary
enforcement visibly changes the output. Training sentences are drawn from that grammar with a
fixed seed (the dictionary and this script are the training data); the held-out sentences, which
training never sees, are written to toy-heldout.tsv. Two models are trained with torch on CPU
(a few minutes each) and saved as .argosmodel packages:

- translate-zh_en-1.0-toy: a plain package, like a real Argos model (no placeholder symbols);
- translate-zh_en-1.0-toy-placeholders: its SentencePiece model has ⟦T1⟧…⟦T9⟧ as user symbols and
  training copies them, so terms can be masked.

Each model must translate every held-out sentence exactly with CTranslate2 (int8, greedy) or
the build fails. Greedy, because with Argos's beam search (beam 4, patience 1: the search stops
once 4 hypotheses have ended) a toy model whose every wrong branch is a short complete sentence
("Workers education.") loses a few long outputs that greedy decoding gets right; the beam-4
share is printed too. The outputs are committed so CI never trains.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import argos_package  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "argos"
SHAPE = argos_package.Shape(encoder_layers=2, decoder_layers=2, d_model=64, heads=4, ffn=128)
PAD, BOS, EOS = 3, 1, 2
SEED = 20240423
ALIGNMENT_WEIGHT = 0.3  # guided alignment (as OpenNMT-py's --lambda_align) on one head


@dataclass(frozen=True)
class Word:
    zh: str
    en: str
    kind: str  # subject, adverb, verb, object, term, and


def read_dictionary(path: Path = DATA / "toy-dictionary.tsv") -> list[Word]:
    with path.open(encoding="utf-8") as handle:
        return [
            Word(row["zh"], row["en"], row["kind"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def _sentence(words: list[Word]) -> tuple[str, str]:
    return "".join(w.zh for w in words) + "。", " ".join(w.en for w in words) + "."


def generate(dictionary: list[Word], rng: random.Random) -> list[Word]:
    """Subject [adverb] verb object [和 object]: 3 to 6 toy words."""
    kinds = {
        kind: [w for w in dictionary if w.kind == kind] for kind in {w.kind for w in dictionary}
    }
    objects = kinds["object"] + kinds["term"]
    words = [rng.choice(kinds["subject"])]
    if rng.random() < 0.5:
        words.append(rng.choice(kinds["adverb"]))
    words.append(rng.choice(kinds["verb"]))
    first = rng.choice(objects)
    words.append(first)
    if rng.random() < 0.35:
        words += [kinds["and"][0], rng.choice([o for o in objects if o != first])]
    return words


def mask(words: list[Word], rng: random.Random) -> list[Word]:
    """Replace one or both objects with distinct placeholders, copied verbatim to the English."""
    numbers = rng.sample(range(1, 10), 2)
    objects = [i for i, w in enumerate(words) if w.kind in ("object", "term")]
    chosen = objects if len(objects) == 1 or rng.random() < 0.5 else [rng.choice(objects)]
    masked = list(words)
    for i, number in zip(chosen, numbers, strict=False):
        symbol = argos_package.PLACEHOLDERS[number - 1]
        masked[i] = Word(symbol, symbol, "placeholder")
    return masked


def _distinct(count: int, make, exclude: set[str] = frozenset()) -> dict[str, str]:
    pairs: dict[str, str] = {}
    while len(pairs) < count:
        zh, en = make()
        if zh not in exclude:
            pairs[zh] = en
    return pairs


def make_heldout(dictionary: list[Word], size: int = 300) -> list[tuple[str, str]]:
    """Held-out pairs: plain sentences, then a third as many with placeholders."""
    rng = random.Random(SEED)
    plain = _distinct(size, lambda: _sentence(generate(dictionary, rng)))
    masked = _distinct(size // 3, lambda: _sentence(mask(generate(dictionary, rng), rng)))
    return [*plain.items(), *masked.items()]


class TrainingStream:
    """Fresh sentences from the grammar for every batch (seeded), never a held-out one.

    A fixed set of 10,000 sentences was memorized (train loss 0.0002) but left 4% of held-out
    sentences wrong; drawing from the whole grammar generalizes.
    """

    def __init__(
        self, dictionary: list[Word], heldout: list[tuple[str, str]], *, placeholders: bool
    ):
        self.dictionary = dictionary
        self.excluded = {zh for zh, _ in heldout}
        self.placeholders = placeholders
        self.rng = random.Random(SEED + 1)

    def words(self) -> list[Word]:
        while True:
            words = generate(self.dictionary, self.rng)
            if self.placeholders and self.rng.random() < 0.25:
                words = mask(words, self.rng)
            if _sentence(words)[0] not in self.excluded:
                return words


def write_pairs(path: Path, pairs: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("zh\ten\n")
        handle.writelines(f"{zh}\t{en}\n" for zh, en in pairs)


def read_pairs(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["zh"], row["en"]) for row in csv.DictReader(handle, delimiter="\t")]


def _model_class():
    import torch
    from torch import nn

    class TinyTransformer(nn.Module):
        """torch.nn.Transformer laid out exactly as argos_package.transformer_spec expects."""

        def __init__(self, vocabulary_size: int):
            super().__init__()
            d = SHAPE.d_model
            self.src_embed = nn.Embedding(vocabulary_size, d)
            self.tgt_embed = nn.Embedding(vocabulary_size, d)
            self.transformer = nn.Transformer(
                d_model=d,
                nhead=SHAPE.heads,
                num_encoder_layers=SHAPE.encoder_layers,
                num_decoder_layers=SHAPE.decoder_layers,
                dim_feedforward=SHAPE.ffn,
                dropout=0.0,
                norm_first=True,
                layer_norm_eps=1e-6,
                batch_first=True,
            )
            self.generator = nn.Linear(d, vocabulary_size)
            table = argos_package.sinusoid_table(SHAPE.max_positions, d)
            self.register_buffer("positions", torch.from_numpy(table), persistent=False)
            self.alignment = None
            cross = self.transformer.decoder.layers[-1].multihead_attn
            plain_forward = cross.forward

            def forward_keeping_weights(*args, **kwargs):
                kwargs.update(need_weights=True, average_attn_weights=False)
                output, weights = plain_forward(*args, **kwargs)
                self.alignment = weights[:, 0]  # head 0: CTranslate2's alignment head
                return output, weights

            cross.forward = forward_keeping_weights

        def embed(self, table, tokens):
            return table(tokens) * math.sqrt(SHAPE.d_model) + self.positions[: tokens.shape[1]]

        def forward(self, source, target_in):
            causal = nn.Transformer.generate_square_subsequent_mask(target_in.shape[1])
            hidden = self.transformer(
                self.embed(self.src_embed, source),
                self.embed(self.tgt_embed, target_in),
                tgt_mask=causal,
                tgt_is_causal=True,
                src_key_padding_mask=source == PAD,
                tgt_key_padding_mask=target_in == PAD,
                memory_key_padding_mask=source == PAD,
            )
            return self.generator(hidden)

    return TinyTransformer


def _piece_words(tokenizer, text: str, word_ends: list[int]) -> list[int]:
    """For each SentencePiece piece of `text`, the index of the toy word it belongs to.

    A word owns the characters from the end of the previous word to its own end, so the space
    (a lone ▁ piece) before a word belongs to that word.
    """
    char_of_byte = []
    for index, char in enumerate(text):
        char_of_byte += [index] * len(char.encode("utf-8"))
    char_of_byte.append(len(text))
    owners = []
    for piece in tokenizer.encode(text, return_type="proto").pieces:
        char = char_of_byte[piece.begin]
        owners.append(
            next((i for i, end in enumerate(word_ends) if char < end), len(word_ends) - 1)
        )
    return owners


def _word_ends(parts: list[str], separator: str, stop: str) -> list[int]:
    ends, position = [], 0
    for k, part in enumerate(parts):
        position += (len(separator) if k else 0) + len(part)
        ends.append(position)
    return ends + [position + len(stop)]


def _batch(stream: TrainingStream, tokenizer):
    """Source ids, decoder input, expected output and the gold alignment of every output piece.

    Toy word i of the Chinese is toy word i of the English (。 is ., </s> aligns to 。): each
    output piece should attend to the source pieces of its word.
    """
    import torch

    sentences = [stream.words() for _ in range(64)]
    sources, targets, gold = [], [], []
    for words in sentences:
        zh, en = _sentence(words)
        source_owner = _piece_words(tokenizer, zh, _word_ends([w.zh for w in words], "", "。"))
        target_owner = _piece_words(tokenizer, en, _word_ends([w.en for w in words], " ", "."))
        sources.append(tokenizer.encode(zh))
        targets.append(tokenizer.encode(en))
        gold.append(
            [
                [float(owner == word) for owner in source_owner]
                for word in target_owner + [len(words)]
            ]
        )
    width_s, width_t = max(map(len, sources)), max(map(len, targets)) + 1

    def padded(rows, width):
        return torch.tensor([row + [PAD] * (width - len(row)) for row in rows])

    alignment = torch.zeros(len(sentences), width_t, width_s)
    for b, rows in enumerate(gold):
        for t, row in enumerate(rows):
            alignment[b, t, : len(row)] = torch.tensor(row) / max(sum(row), 1.0)
    return (
        padded(sources, width_s),
        padded([[BOS] + t for t in targets], width_t),
        padded([t + [EOS] for t in targets], width_t),
        alignment,
    )


def exact_share(package_dir: Path, pairs: list[tuple[str, str]], beam_size: int) -> float:
    """Share of pairs the package translates exactly, run the way zhen runs it (int8)."""
    src = Path(__file__).resolve().parents[1] / "src"
    sys.path.insert(0, str(src))
    from zhen.translate import argos
    from zhen.translate.packages import read_package

    argos._loaded.clear()
    translator = argos.ArgosTranslator.from_package(
        read_package(package_dir), beam_size=beam_size, max_decoding_length=64
    )
    outputs = translator.translate_batch([zh for zh, _ in pairs])
    return sum(out == en for out, (_, en) in zip(outputs, pairs, strict=True)) / len(pairs)


def train_package(
    name: str, version: str, dictionary, heldout, *, placeholders: bool, steps: int
) -> Path:
    import sentencepiece as spm
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    stream = TrainingStream(dictionary, heldout, placeholders=placeholders)
    if not placeholders:
        heldout = [p for p in heldout if "⟦" not in p[0]]
    # SentencePiece learns from a sample of the same stream (plus every placeholder symbol).
    sample = [text for _ in range(20_000) for text in _sentence(stream.words())]
    # The plain package, enforced by alignment, keeps every Chinese character a piece (as most are
    # in real zh models): BPE on unspaced Chinese merges across words ("和中国式现代化"), and a
    # piece half in a term cannot be aligned to the term alone. The placeholder package masks
    # terms instead, so its SentencePiece model is plain BPE plus the ⟦Tk⟧ symbols.
    if placeholders:
        symbols = [*argos_package.PLACEHOLDERS]
    else:
        symbols = sorted({ch for w in dictionary for ch in w.zh} | {"。"})
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        sp_path = argos_package.train_sentencepiece(
            sample,
            scratch / "sentencepiece.model",
            vocab_size=640,
            user_symbols=symbols,
        )
        tokenizer = spm.SentencePieceProcessor(model_file=str(sp_path))
        vocab = argos_package.vocabulary(sp_path)
        model = _model_class()(len(vocab))
        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer,
            lambda step: min(
                (step + 1) / 200, 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps))
            ),
        )
        loss_of = torch.nn.CrossEntropyLoss(ignore_index=PAD)
        output = DATA / f"{name}.argosmodel"
        started = time.perf_counter()
        for step in range(1, steps + 1):
            source, target_in, target_out, gold = _batch(stream, tokenizer)
            logits = model(source, target_in)
            loss = loss_of(logits.reshape(-1, logits.shape[-1]), target_out.reshape(-1))
            attended = (gold * torch.log(model.alignment + 1e-9)).sum(-1)
            real = (target_out != PAD).float()
            loss = loss - ALIGNMENT_WEIGHT * (attended * real).sum() / real.sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            if step % 250 == 0 and step >= 1000 or step == steps:
                weights = {k: v.detach().numpy() for k, v in model.state_dict().items()}
                spec = argos_package.transformer_spec(weights, SHAPE, vocab)
                argos_package.write_package(
                    output,
                    spec=spec,
                    sentencepiece_model=sp_path,
                    package_metadata=argos_package.metadata(version=version),
                    readme=f"zhen's toy zh→en test model ({name}): tools/build_tiny_model.py\n",
                )
                with tempfile.TemporaryDirectory() as unpacked:
                    import zipfile

                    zipfile.ZipFile(output).extractall(unpacked)
                    folder = next(Path(unpacked).iterdir())
                    greedy = exact_share(folder, heldout, beam_size=1)
                    beam = exact_share(folder, heldout, beam_size=4)
                print(
                    f"{name}: step {step}, loss {loss.item():.4f}, held-out exact: "
                    f"greedy {greedy:.1%}, beam 4 {beam:.1%}, "
                    f"{time.perf_counter() - started:.0f} s",
                    flush=True,
                )
                if greedy == 1.0:
                    return output
    raise SystemExit(f"{name}: held-out sentences not all exact after {steps} steps")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--only", choices=["plain", "placeholders"], help="build one package only")
    args = parser.parse_args()
    dictionary = read_dictionary()
    heldout = make_heldout(dictionary)
    write_pairs(DATA / "toy-heldout.tsv", heldout)
    builds = [
        ("plain", "translate-zh_en-1.0-toy", "1.0-toy", False),
        ("placeholders", "translate-zh_en-1.0-toy-placeholders", "1.0-toy-placeholders", True),
    ]
    for kind, name, version, placeholders in builds:
        if args.only in (None, kind):
            path = train_package(
                name, version, dictionary, heldout, placeholders=placeholders, steps=args.steps
            )
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
