"""A page report as the `page_output` document of docs/schema/zhen.schema.json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from zhen.render.findings import finding_record, term_record
from zhen.render.records import SCHEMA_VERSION, date_record, page_record
from zhen.render.translation import translation_segment
from zhen.types import Report


def page_document(report: Report) -> dict[str, Any]:
    """The `zhen page --output-format json` document (the schema's page_output)."""
    page = report.page
    translations = [
        translation_segment(
            item.translation,
            block=item.block,
            role=page.blocks[item.block].role.value,
            start=item.span.start,
            end=item.span.end,
            line=item.span.line,
            column=item.span.column,
        )
        for item in report.translations
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "page",
        "page": page_record(page),
        "date": date_record(report.date),
        "engine": report.engine,
        "notice": report.notice,
        "translations": translations,
        "terms": [term_record(page.source, hit) for hit in report.terms],
        "findings": [finding_record(finding) for finding in report.findings],
        "summary": asdict(report.summary),
    }
