"""Every listing in JSON (and CSV/TSV where it is a table), as docs/schema/zhen.schema.json says."""

from __future__ import annotations

import csv
import io
import json
import shutil

import click
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import ROOT, STARTING_PAGE, all_commands
from zhen.cli import main
from zhen.glossary.store import load_glossary
from zhen.translate.packages import install_package

SCHEMA = json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def valid_document(result, kind: str) -> dict:
    document = json.loads(result.stdout)
    assert document["kind"] == kind
    assert [error.message for error in VALIDATOR.iter_errors(document)] == []
    return document


def rows(text: str, form: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter={"csv": ",", "tsv": "\t"}[form]))


@pytest.fixture
def bad_glossary(tmp_path):
    path = tmp_path / "bad.glossary"
    path.write_text("[a]\nzh: 甲\npreferred: A\n\n[a]\nzh: 甲\npreferred: B\nsource: x\n",
                    encoding="utf-8")
    return path


def test_every_json_output_has_a_schema_definition():
    kinds = {definition["properties"]["kind"]["const"]
             for definition in SCHEMA["$defs"].values()
             if definition.get("properties", {}).get("kind", {}).get("const")}
    listed = {ref["$ref"].rsplit("/", 1)[1] for ref in SCHEMA["oneOf"]}
    assert listed == {name for name in SCHEMA["$defs"] if name.endswith("_output")}
    for path, command in all_commands():
        formats = next((p.type.choices for p in command.params
                        if isinstance(p, click.Option) and "--output-format" in p.opts), ())
        if "json" in formats and path != ("batch",):  # batch writes page documents
            kind = {"separate": "separate", "page": "page", "check": "check",
                    "translate": "translate"}.get(path[0], "-".join(path))
            assert kind.removeprefix("glossary-") in kinds or kind in kinds, path


def test_glossary_list_in_every_form():
    text = run("glossary", "list", "--domain", "opening-up")
    document = valid_document(run("glossary", "list", "--domain", "opening-up",
                                  "--output-format", "json"), "glossary-list")
    ids = [line.split("\t")[0] for line in text.stdout.splitlines()]
    assert [concept["id"] for concept in document["concepts"]] == ids
    belt = next(c for c in document["concepts"] if c["id"] == "belt-and-road-initiative")
    assert belt["preferred"] == "Belt and Road Initiative" and belt["domain"] == "opening-up"
    assert belt["path"].endswith("opening-up.glossary") and belt["line"] > 0
    assert document["glossary"]["origin"] == "./glossary"
    for form in ("csv", "tsv"):
        table = rows(run("glossary", "list", "--domain", "opening-up", "--output-format",
                         form).stdout, form)
        assert [row["id"] for row in table] == ids
        assert {"id", "zh", "preferred", "domain", "needs_review"} == set(table[0])


def test_glossary_show_json():
    document = valid_document(run("glossary", "show", "一帶一路", "--output-format", "json"),
                              "glossary-show")
    superseded = [r for r in document["concept"]["english"] if r["status"] == "superseded"]
    assert "One Belt, One Road" in [r["text"] for r in superseded]


def test_glossary_search_json_csv_and_no_match_exits_one():
    document = valid_document(run("glossary", "search", "新質生產力", "--output-format", "json"),
                              "glossary-search")
    assert document["hits"][0]["concept"]["id"] == "new-quality-productive-forces"
    assert document["hits"][0]["field"] == "zh" and document["hits"][0]["exact"]
    table = rows(run("glossary", "search", "belt and road", "--output-format", "tsv").stdout,
                 "tsv")
    assert table[0]["id"] == "belt-and-road-initiative" and table[0]["field"] == "preferred"
    for form in ("text", "json", "csv"):
        missing = run("glossary", "search", "no such concept anywhere", "--output-format", form)
        assert missing.exit_code == 1, form
    missing = run("glossary", "search", "no such concept anywhere", "--output-format", "json")
    assert valid_document(missing, "glossary-search")["hits"] == []


def test_glossary_stats_json():
    document = valid_document(run("glossary", "stats", "--output-format", "json"),
                              "glossary-stats")
    glossary = load_glossary()
    assert document["concepts"] == len(glossary) and document["files"] == len(glossary.files)
    assert sum(document["by_domain"].values()) == len(glossary)


def test_glossary_validate_json_and_tables(bad_glossary):
    clean = run("glossary", "validate", "--output-format", "json")
    assert clean.exit_code == 0
    assert valid_document(clean, "glossary-validate")["valid"] is True
    broken = run("glossary", "validate", "--glossary", str(bad_glossary), "--output-format",
                 "json")
    assert broken.exit_code == 1
    document = valid_document(broken, "glossary-validate")
    assert document["valid"] is False
    codes = {(problem["line"], problem["code"]) for problem in document["problems"]}
    assert {(5, "duplicate-id"), (6, "duplicate-chinese"), (8, "bad-source")} <= codes
    table = rows(run("glossary", "validate", "--glossary", str(bad_glossary),
                     "--output-format", "csv").stdout, "csv")
    assert {(int(row["line"]), row["code"]) for row in table} == codes


def test_glossary_import_json(tmp_path):
    economy = tmp_path / "economy.glossary"
    shutil.copy(ROOT / "glossary" / "economy.glossary", economy)
    result = run("glossary", "import", "--glossary", str(economy),
                 str(ROOT / "tests" / "data" / "glossary" / "omegat.txt"), "--dry-run",
                 "--output-format", "json", "--cite", "https://example.org/omegat",
                 "--skip-conflicts")
    assert result.exit_code == 0, result.output
    document = valid_document(result, "glossary-import")
    assert document["dry_run"] is True and document["written"] is False
    assert "rural-revitalization" in document["added"]


def test_models_list_and_verify_json(random_argosmodel, packages_dir):
    empty = run("models", "list", "--output-format", "json")
    assert valid_document(empty, "models-list")["packages"] == []
    nothing = run("models", "verify", "--output-format", "json")
    assert nothing.exit_code == 1 and valid_document(nothing, "models-verify")["ok"] is False
    package = install_package(random_argosmodel)
    listed = valid_document(run("models", "list", "--output-format", "json"), "models-list")
    assert [p["label"] for p in listed["packages"]] == [package.label]
    table = rows(run("models", "list", "--output-format", "csv").stdout, "csv")
    assert table[0]["name"] == package.name and int(table[0]["size"]) == package.size
    verified = run("models", "verify", "--output-format", "json")
    assert verified.exit_code == 0
    assert valid_document(verified, "models-verify")["folders"][0]["ok"] is True


def test_tm_stats_json():
    run("translate", "--engine", "fallback", "继续浏览")
    valid_document(run("tm", "stats", "--output-format", "json"), "tm-stats")


@pytest.mark.parametrize("args", [
    ["translate", "--engine", "fallback", "继续浏览。上一篇。"],
    ["translate", "--engine", "fallback", "--file", str(STARTING_PAGE)],
])
def test_translate_json(args):
    valid_document(run(*args, "--output-format", "json"), "translate")
