"""What `pip install zhen` brings: zhen's own needs, not argostranslate's torch stack."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
HEAVY = {"torch", "stanza", "spacy", "onnxruntime", "sympy", "argostranslate", "thinc"}


def closure(requirements: list[str]) -> set[str]:
    """Every distribution `requirements` pull in (no extras), read from the installed metadata."""
    found: set[str] = set()
    todo = list(requirements)
    while todo:
        requirement = Requirement(todo.pop())
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        todo.extend(importlib.metadata.requires(name) or [])
    return found


def test_the_default_install_has_no_torch_nor_argostranslate():
    default = closure(PYPROJECT["project"]["dependencies"])
    assert {"ctranslate2", "sentencepiece", "jieba", "numpy"} <= default
    assert default & HEAVY == set()
    assert not any(name.startswith("nvidia-") for name in default)
    assert default & {"ray", "warcio"} == set()  # zhen batch --ray and WARC inputs: extras


def test_ray_and_warcio_are_the_extras_of_their_own_names():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert [canonicalize_name(Requirement(item).name) for item in extras["ray"]] == ["ray"]
    assert [canonicalize_name(Requirement(item).name) for item in extras["warc"]] == ["warcio"]


def test_argostranslate_is_an_optional_extra_that_brings_torch():
    """The extra the tests install, so parity with argostranslate stays tested."""
    extra = PYPROJECT["project"]["optional-dependencies"]["argos"]
    assert [canonicalize_name(Requirement(item).name) for item in extra] == ["argostranslate"]
    assert {"torch", "stanza"} <= closure(extra)  # what the default install leaves out


def test_make_demo_installs_the_default_set_and_make_test_the_extras():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install .*?(-e \S+)$", makefile, re.M)
    assert installs == ["-e .", "-e '.[test,argos,ray,warc]'"]
    demo = re.search(r"^demo: (.+)$", makefile, re.M).group(1).split()
    assert demo == ["install"] and re.search(r"^install: \$\(STAMP\)$", makefile, re.M)
