"""zhen's engine gives argostranslate.translate's output, word for word, on the toy package.

argostranslate runs in a child process, tools/argos_reference.py (it imports torch and stanza),
with sockets disabled, its sentence splitter replaced by zhen's (MiniSBD would download a model)
so both see the same sentences, and its compute type (what ARGOS_COMPUTE_TYPE sets) fixed to the
one zhen uses; beam size 4 and Argos's other decoding settings on both sides.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhen.translate.argos import ArgosTranslator

REFERENCE = Path(__file__).resolve().parents[2] / "tools" / "argos_reference.py"

COMPUTE_TYPES = ["int8", "float32"]


def _texts(toy_heldout) -> list[str]:
    """Single sentences, multi-sentence paragraphs, several lines, and sentences without a stop."""
    sentences = [zh for zh, _ in toy_heldout]
    paragraphs = ["".join(sentences[i : i + 3]) for i in range(0, 60, 3)]
    lines = ["\n".join(sentences[i : i + 2]) for i in range(60, 80, 2)]
    unterminated = [zh.rstrip("。") for zh in sentences[80:90]]
    return (
        sentences[:100]
        + paragraphs
        + lines
        + unterminated
        + ["我们推动新质生产力！他们支持乡村振兴？"]
    )


@pytest.mark.slow
def test_zhen_equals_argostranslate(toy_package, toy_heldout, subprocess_env):
    texts = _texts(toy_heldout)
    env = {**subprocess_env, "ARGOS_PACKAGES_DIR": str(toy_package.path.parent), "ARGOS_DEBUG": "0"}
    child = subprocess.run(
        [sys.executable, str(REFERENCE)],
        input=json.dumps({"texts": texts, "compute_types": COMPUTE_TYPES}),
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    argos_outputs = json.loads(child.stdout.strip().splitlines()[-1])["outputs"]
    for compute_type in COMPUTE_TYPES:
        zhen_outputs = ArgosTranslator.from_package(
            toy_package, compute_type=compute_type
        ).translate_batch(texts)
        differences = [
            (t, z, a)
            for t, z, a in zip(texts, zhen_outputs, argos_outputs[compute_type], strict=True)
            if z != a
        ]
        assert differences == [], f"{compute_type}: {len(differences)} of {len(texts)} differ"
    assert any("\n" in out for out in argos_outputs["int8"])
