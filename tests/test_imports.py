"""Importing zhen or asking for help must not pay for heavy libraries (torch: ~2 s, ~1 GB)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["torch", "stanza", "spacy", "argostranslate.translate", "ctranslate2", "sentencepiece",
         "jieba", "opencc", "pypinyin", "numpy", "ahocorasick", "Stemmer"]

PROBE = """
import json, sys
import zhen
{extra}
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def _loaded_heavy_modules(extra: str, env: dict[str, str]) -> list[str]:
    code = PROBE.format(extra=extra, heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_zhen_loads_no_heavy_module(subprocess_env):
    assert _loaded_heavy_modules("", subprocess_env) == []


def test_help_of_every_command_loads_no_heavy_module(subprocess_env):
    extra = """
import contextlib, io
from zhen.cli import main
import click
def walk(group, path):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield path + [name]
        if isinstance(command, click.Group):
            yield from walk(command, path + [name])
for argv in [[]] + list(walk(main, [])):
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main(argv + ["--help"], standalone_mode=False)
        except SystemExit:
            pass
"""
    assert _loaded_heavy_modules(extra, subprocess_env) == []
