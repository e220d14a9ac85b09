"""Rendering check reports: linter lines, JSON per the project schema, SARIF 2.1.0, annotations."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator, Draft202012Validator

from check_support import POLICY_TERMS
from conftest import ROOT, STARTING_PAGE
from zhen.cli import main
from zhen.errors import InputError
from zhen.render.findings import github_annotation, lint_line, render, summary
from zhen.terms.run import CheckReport
from zhen.types import Finding, Severity

pytestmark = pytest.mark.usefixtures("isolated_segmenter")

SCHEMA = json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text(encoding="utf-8"))

# What the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) requires of the objects zhen
# writes: its "required" lists, the version enum, the level enum and the 1-based line/column
# minimums, restated here for the parts zhen uses.
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]}
_POSITIVE = {"type": "integer", "minimum": 1}
_REGION = {"type": "object", "properties": {
    "startLine": _POSITIVE, "startColumn": _POSITIVE, "endLine": _POSITIVE, "endColumn": _POSITIVE}}
_ARTIFACT_LOCATION = {"type": "object", "properties": {"uri": {"type": "string"}}}
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {
                    "driver": {"type": "object", "required": ["name"], "properties": {
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id"],
                            "properties": {"shortDescription": {
                                "type": "object", "required": ["text"]}}}}}}}},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"],
                    "properties": {"toolExecutionNotifications": {"type": "array", "items": {
                        "type": "object", "required": ["message"],
                        "properties": {"message": _MESSAGE}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": _MESSAGE,
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "properties": {
                                "artifactLocation": _ARTIFACT_LOCATION, "region": _REGION}}}}},
                        "fixes": {"type": "array", "items": {
                            "type": "object", "required": ["artifactChanges"],
                            "properties": {"artifactChanges": {"type": "array", "items": {
                                "type": "object", "required": ["artifactLocation", "replacements"],
                                "properties": {"replacements": {"type": "array", "items": {
                                    "type": "object", "required": ["deletedRegion"],
                                    "properties": {"deletedRegion": _REGION}}}}}}}}},
                    },
                }},
            },
        }},
    },
}

FINDING = Finding("docs/a b.txt", 3, 7, Severity.ERROR, "ZH001",
                  'deprecated rendering "new productive forces"', "new quality productive forces",
                  "new-quality-productive-forces", 40, 61, 3, 28)


def cli_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code in (0, 1, 2), result.output
    return result.stdout


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    page = folder / "page.txt"
    page.write_text("new productive forces; productive forces of new quality; the Belt and Road\n"
                    "推进高质量发展\n", encoding="utf-8")
    pairs = folder / "pairs.tsv"
    pairs.write_text("培育新质生产力\tfoster new growth\n", encoding="utf-8")
    return page, pairs, folder / "missing.txt"


def test_lint_line_format():
    assert lint_line(FINDING) == (
        'docs/a b.txt:3:7: error ZH001 deprecated rendering "new productive forces" '
        "[fix: new quality productive forces]")


def test_summary_counts_severities_files_and_problems():
    report = CheckReport((FINDING, FINDING), ("a", "b"), (InputError("no such file", "c"),))
    assert summary(report) == "2 findings (2 errors) in 2 files. 1 input could not be checked."
    assert summary(CheckReport((), ("a",), ())) == "No findings in 1 file."


def test_github_annotation_escapes_properties_and_data():
    finding = Finding("dir,x/a:b.txt", 1, 2, Severity.WARNING, "ZH003", "50% of\nit", None)
    assert github_annotation(finding) == (
        "::warning file=dir%2Cx/a%3Ab.txt,line=1,col=2,title=ZH003 near-miss::50%25 of%0Ait")


def test_json_output_validates_against_the_project_schema(mixed_inputs):
    page, pairs, missing = mixed_inputs
    document = json.loads(cli_output("--glossary", str(POLICY_TERMS), "--output-format", "json",
                                     str(page), str(missing), "--pairs", str(pairs)))
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []
    assert {f["code"] for f in document["findings"]} == {
        "ZH001", "ZH002", "ZH003", "ZH004", "ZH005"}
    assert document["problems"] == [{"path": str(missing), "line": None,
                                     "message": f"{missing}: no such file"}]


def test_json_output_of_the_starting_page_validates():
    document = json.loads(cli_output("--output-format", "json", str(STARTING_PAGE)))
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []
    assert document["summary"]["error"] == 0


def test_schema_refuses_a_finding_with_an_unknown_severity():
    document = json.loads(render(CheckReport((FINDING,), ("a",), ()), "json"))
    assert Draft202012Validator(SCHEMA).is_valid(document)
    document["findings"][0]["severity"] = "fatal"
    assert not Draft202012Validator(SCHEMA).is_valid(document)


def test_sarif_output_has_every_required_field(mixed_inputs):
    page, pairs, missing = mixed_inputs
    log = json.loads(cli_output("--glossary", str(POLICY_TERMS), "--output-format", "sarif",
                                str(page), str(missing), "--pairs", str(pairs)))
    assert list(Draft7Validator(SARIF_REQUIRED).iter_errors(log)) == []
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == ["ZH001", "ZH002", "ZH003", "ZH004", "ZH005", "ZH006"]
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels == {"ZH001": "error", "ZH002": "note", "ZH003": "warning", "ZH004": "error",
                      "ZH005": "note"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_result_points_at_the_region_and_offers_the_fix():
    log = json.loads(render(CheckReport((FINDING,), ("docs/a b.txt",), ()), "sarif"))
    assert list(Draft7Validator(SARIF_REQUIRED).iter_errors(log)) == []
    [result] = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/a%20b.txt"
    assert location["region"] == {"startLine": 3, "startColumn": 7, "endLine": 3,
                                  "endColumn": 28}
    [replacement] = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == "new quality productive forces"
    assert log["version"] == "2.1.0" and log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_unknown_output_is_refused():
    with pytest.raises(ValueError, match="unknown output"):
        render(CheckReport((), (), ()), "xml")
