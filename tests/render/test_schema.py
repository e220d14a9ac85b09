"""The JSON output follows docs/schema/zhen.schema.json, and the schema follows the records."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, ROOT, STARTING_PAGE
from zhen.cli import main
from zhen.types import Language, Role, Variant

SCHEMA = json.loads((ROOT / "docs" / "schema" / "zhen.schema.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "page", [STARTING_PAGE, EXAMPLES / "xinhua-style-new-quality-forces.html"], ids=["text", "html"]
)
def test_separate_json_validates(page):
    result = CliRunner().invoke(main, ["separate", str(page), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    errors = list(Draft202012Validator(SCHEMA).iter_errors(json.loads(result.stdout)))
    assert errors == []


@pytest.mark.parametrize(
    "broken",
    [
        {"schema_version": 2},
        {"kind": "check"},
        {"page": {"source": "x", "format": "pdf", "encoding": "utf-8", "length": 0, "blocks": []}},
    ],
)
def test_schema_rejects_documents_it_does_not_describe(broken):
    document = {
        "schema_version": 1,
        "kind": "separate",
        "page": {"source": "x", "format": "text", "encoding": "utf-8", "length": 0, "blocks": []},
    }
    assert Draft202012Validator(SCHEMA).is_valid(document)
    assert not Draft202012Validator(SCHEMA).is_valid(document | broken)


@pytest.mark.parametrize(
    ("definition", "enum"),
    [("role", Role), ("language", Language)],
)
def test_schema_enums_list_every_record_value(definition, enum):
    assert SCHEMA["$defs"][definition]["enum"] == [member.value for member in enum]


def test_schema_variant_lists_every_variant_and_null():
    assert SCHEMA["$defs"]["variant"]["enum"] == [member.value for member in Variant] + [None]


@pytest.mark.usefixtures("isolated_segmenter")
@pytest.mark.parametrize("command", ["separate", "check", "page"])
@pytest.mark.parametrize(
    "page", [STARTING_PAGE, EXAMPLES / "xinhua-style-new-quality-forces.html"], ids=["text", "html"]
)
def test_json_of_separate_check_and_page_validates(command, page):
    result = CliRunner().invoke(main, [command, str(page), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["kind"] == command
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []


@pytest.fixture(scope="module")
def page_json(isolated_segmenter) -> str:
    from zhen.pipeline import run_page
    from zhen.render.report_json import page_document

    return json.dumps(page_document(run_page(STARTING_PAGE)))


@pytest.mark.parametrize(
    "broken",
    [
        lambda d: d.pop("translations"),
        lambda d: d["summary"]["findings_by_severity"].pop("error"),
        lambda d: d["summary"]["blocks_by_role"].update(sidebar=1),
        lambda d: d["translations"][0].update(engine=None),
        lambda d: d["terms"][0].update(language="fr"),
    ],
    ids=["no translations", "no error count", "unknown role", "no engine", "unknown language"],
)
def test_schema_rejects_a_broken_page_document(page_json, broken):
    document = json.loads(page_json)
    assert Draft202012Validator(SCHEMA).is_valid(document)
    broken(document)
    assert not Draft202012Validator(SCHEMA).is_valid(document)
