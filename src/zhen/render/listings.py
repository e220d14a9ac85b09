"""Listings of the glossary, the packages and the memory as JSON documents and CSV/TSV tables.

Each `*_document` function returns the JSON-ready dict of one `$defs/<kind>_output` entry of
docs/schema/zhen.schema.json; each `*_rows` function the rows of the table form, header first.
Pure functions of the library's records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from zhen.glossary.exchange.merge import ImportReport
from zhen.glossary.model import Concept, Rendering, Source
from zhen.glossary.query import GlossaryStats, SearchHit
from zhen.glossary.validate import Problem
from zhen.paths import GlossaryChoice
from zhen.render.records import SCHEMA_VERSION
from zhen.translate.memory import MemoryStats
from zhen.translate.packages import FolderCheck, Package

TABLES = {"csv": ",", "tsv": "\t"}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def table(rows: Iterable[Sequence[Any]], form: str) -> str:
    """Rows as CSV or TSV (RFC 4180 quoting; tabs and newlines inside a TSV value quoted too)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=TABLES[form], lineterminator="\n")
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue()


def _document(kind: str, **fields: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind, **fields}


def glossary_record(choice: GlossaryChoice) -> dict[str, Any]:
    return {"paths": [str(path) for path in choice.paths], "origin": choice.origin}


def _source(source: Source) -> dict[str, str]:
    return {"url": source.url, "date": source.date}


def _rendering(rendering: Rendering) -> dict[str, Any]:
    return {"text": rendering.text, "status": rendering.status.value, "reason": rendering.reason,
            "since": rendering.since, "until": rendering.until,
            "seen": [_source(seen) for seen in rendering.seen]}


def concept_record(concept: Concept) -> dict[str, Any]:
    origin = concept.origin
    return {
        "id": concept.id,
        "zh": list(concept.zh),
        "zh_traditional": list(concept.zh_traditional),
        "preferred": concept.approved_text or None,
        "english": [_rendering(rendering) for rendering in concept.english],
        "domain": concept.domain,
        "shares": list(concept.shares),
        "sources": [_source(source) for source in concept.sources],
        "note": concept.note,
        "added": concept.added,
        "updated": concept.updated,
        "needs_review": concept.needs_review,
        "path": str(origin.path) if origin else None,
        "line": origin.line if origin else None,
    }


# --- glossary ------------------------------------------------------------------------------------

CONCEPT_COLUMNS = ("id", "zh", "preferred", "domain", "needs_review")


def _concept_row(concept: Concept) -> list[Any]:
    return [concept.id, concept.zh[0] if concept.zh else "", concept.approved_text,
            concept.domain, "yes" if concept.needs_review else "no"]


def list_document(choice: GlossaryChoice, concepts: Sequence[Concept]) -> dict[str, Any]:
    return _document("glossary-list", glossary=glossary_record(choice),
                     concepts=[concept_record(concept) for concept in concepts])


def list_rows(concepts: Sequence[Concept]) -> list[list[Any]]:
    return [list(CONCEPT_COLUMNS), *(_concept_row(concept) for concept in concepts)]


def show_document(choice: GlossaryChoice, concept: Concept) -> dict[str, Any]:
    return _document("glossary-show", glossary=glossary_record(choice),
                     concept=concept_record(concept))


def search_document(choice: GlossaryChoice, query: str, hits: Sequence[SearchHit]
                    ) -> dict[str, Any]:
    return _document("glossary-search", glossary=glossary_record(choice), query=query,
                     hits=[{"field": hit.field, "text": hit.text, "exact": hit.exact,
                            "concept": concept_record(hit.concept)} for hit in hits])


def search_rows(hits: Sequence[SearchHit]) -> list[list[Any]]:
    return [[*CONCEPT_COLUMNS, "field", "text"],
            *([*_concept_row(hit.concept), hit.field, hit.text] for hit in hits)]


def stats_document(choice: GlossaryChoice, numbers: GlossaryStats) -> dict[str, Any]:
    fields = asdict(numbers)
    return _document("glossary-stats", glossary=glossary_record(choice),
                     **{key: list(value) if isinstance(value, tuple) else value
                        for key, value in fields.items()})


PROBLEM_COLUMNS = ("path", "line", "code", "concept_id", "message", "related")


def _problem(problem: Problem) -> dict[str, Any]:
    return {"path": str(problem.path), "line": problem.line or None, "code": problem.code,
            "concept_id": problem.concept_id, "message": problem.message,
            "related": problem.related}


def validate_document(choice: GlossaryChoice, files: int, problems: Sequence[Problem]
                      ) -> dict[str, Any]:
    return _document("glossary-validate", glossary=glossary_record(choice), files=files,
                     valid=not problems, problems=[_problem(problem) for problem in problems])


def validate_rows(problems: Sequence[Problem]) -> list[list[Any]]:
    return [list(PROBLEM_COLUMNS),
            *([_problem(problem)[column] for column in PROBLEM_COLUMNS] for problem in problems)]


def import_document(report: ImportReport, dry_run: bool) -> dict[str, Any]:
    return _document(
        "glossary-import", targets=[str(path) for path in report.targets], dry_run=dry_run,
        changes=report.changes, written=report.written,
        added=list(report.added), updated=list(report.updated),
        unchanged=len(report.unchanged),
        conflicts=[{"concept_id": c.concept_id, "reason": c.reason} for c in report.conflicts],
        notes=list(report.notes))


# --- models and the translation memory ------------------------------------------------------------

PACKAGE_COLUMNS = ("name", "from_code", "to_code", "package_version", "size", "path")


def _package(package: Package) -> dict[str, Any]:
    return {"name": package.name, "from_code": package.from_code, "to_code": package.to_code,
            "package_version": package.package_version, "code": package.code,
            "label": package.label, "size": package.size, "path": str(package.path)}


def packages_document(directory, packages: Sequence[Package]) -> dict[str, Any]:
    return _document("models-list", directory=str(directory),
                     packages=[_package(package) for package in packages])


def packages_rows(packages: Sequence[Package]) -> list[list[Any]]:
    return [list(PACKAGE_COLUMNS),
            *([_package(package)[column] for column in PACKAGE_COLUMNS] for package in packages)]


def verify_document(directory, checks: Sequence[FolderCheck]) -> dict[str, Any]:
    folders = [{"name": check.path.name, "path": str(check.path),
                "package": check.package.label if check.package else None,
                "ok": not check.problems, "problems": list(check.problems)} for check in checks]
    return _document("models-verify", directory=str(directory),
                     ok=bool(folders) and all(folder["ok"] for folder in folders), folders=folders)


def memory_document(stats: MemoryStats) -> dict[str, Any]:
    return _document("tm-stats", path=str(stats.path), size_bytes=stats.size_bytes,
                     entries=stats.entries, uses=stats.uses,
                     by_engine=[asdict(group) for group in stats.by_engine])
