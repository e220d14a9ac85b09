"""Derivation and validation agree: a term whose Traditional forms zhen derives can be added.

Issue 16: `zhen glossary add --zh 看着 …` was refused, the Traditional form zhen derived itself
(看著, Taiwan's spelling) then failing validation ("matches no zh form"); imports hit the same
with 干, 像 and 于. Every case here goes through the real commands into a real file.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from zhen.cli import main
from zhen.glossary.store import load_glossary
from zhen.glossary.validate import validate_paths

CITE = "https://example.org/derived-forms 2024-01-01"

# Simplified characters with more than one Traditional counterpart, alone and in real words.
ONE_TO_MANY = ["看着", "干", "干部", "像", "好像", "于", "关于", "发展", "头发", "后来", "皇后",
               "这里", "面条", "只有", "台湾", "系统", "制度", "钟表", "复杂", "范围", "准备",
               "历史", "汇报", "尽管", "松树", "划算", "云彩", "余下"]


def zhen(*args: str):
    return CliRunner().invoke(main, list(args))


def test_glossary_add_of_a_form_whose_traditional_spelling_is_taiwanese(tmp_path):
    glossary = tmp_path / "terms.glossary"
    result = zhen("glossary", "add", "--glossary", str(glossary), "--zh", "看着",
                  "--preferred", "looking at", "--cite", CITE)
    assert result.exit_code == 0, result.output
    [concept] = load_glossary([glossary])
    assert (concept.zh, concept.zh_traditional) == (("看着",), ("看著",))
    assert validate_paths([glossary]) == []


@pytest.mark.parametrize("form", ONE_TO_MANY)
def test_every_derived_traditional_form_validates(tmp_path, form):
    glossary = tmp_path / "terms.glossary"
    result = zhen("glossary", "add", "--glossary", str(glossary), "--zh", form,
                  "--preferred", f"term {form}", "--cite", CITE)
    assert result.exit_code == 0, result.output
    assert len(load_glossary([glossary])) == 1
    assert validate_paths([glossary]) == []


def test_an_import_with_gan_xiang_and_yu_is_accepted_whole(tmp_path):
    glossary = tmp_path / "terms.glossary"
    deepl = tmp_path / "terms.csv"
    deepl.write_text("干,do\n像,image\n于,at\n干部,cadre\n好像,seem\n关于,about\n",
                     encoding="utf-8")
    result = zhen("glossary", "import", str(deepl), "--input-format", "deepl", "--glossary",
                  str(glossary), "--into", str(glossary), "--cite", CITE)
    assert result.exit_code == 0, result.output
    traditional = {concept.zh[0]: concept.zh_traditional for concept in load_glossary([glossary])}
    assert traditional["干"] == ("幹",) and traditional["于"] == ("於",)
    assert traditional["干部"] == ("幹部",) and traditional["关于"] == ("關於",)
    assert set(traditional) == {"干", "像", "于", "干部", "好像", "关于"}
    assert validate_paths([glossary]) == []
