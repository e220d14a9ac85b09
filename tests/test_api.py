"""The library's front door: `import zhen` is light, every exported name resolves, and the
README's Python example runs as written."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys

import pytest

import zhen
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_import_zhen_imports_none_of_its_modules(subprocess_env):
    code = "import sys, zhen; print(sorted(m for m in sys.modules if m.startswith('zhen')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=subprocess_env, check=True)
    assert result.stdout.strip() == "['zhen']"


@pytest.mark.parametrize("name", zhen.__all__)
def test_every_exported_name_resolves(name):
    assert getattr(zhen, name) is not None
    assert name in dir(zhen)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'read_pages'"):
        zhen.read_pages  # noqa: B018


def test_a_page_can_be_read_from_a_path_bytes_or_text():
    page = ROOT / "examples" / "xinhua-western-region-2024-04-23.txt"
    from_path = zhen.read_page(page)
    from_bytes = zhen.page_from_bytes(page.read_bytes(), name=str(page))
    from_text = zhen.page_from_text(page.read_text(encoding="utf-8"), name=str(page))
    assert from_path == from_bytes == from_text
    assert zhen.page_from_text("<p>你好</p>").format == "html"
    with pytest.raises(zhen.InputError, match="<bytes>: empty file"):
        zhen.page_from_bytes(b"")


def test_the_readme_python_example_runs(monkeypatch):
    example = re.search(r"## Using zhen from Python.*?```python\n(.*?)```", README, re.S)
    assert example, "README has no Python example under 'Using zhen from Python'"
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example.group(1), "README.md", "exec"), {})
    output = printed.getvalue()
    assert "Editor: 林雨晨 → Lin Yuchen" in output
    assert "ZH001" in output
    assert "no-such-page.html: no such file 2" in output
