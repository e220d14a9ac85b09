"""Check reports → linter lines, JSON, SARIF 2.1.0 or GitHub workflow annotations.

Pure functions of a report; the JSON shape is the `check_report` definition of
docs/schema/zhen.schema.json, and SARIF carries every field the SARIF 2.1.0 schema requires.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from urllib.parse import quote

import click

from zhen import __version__
from zhen.render.records import SCHEMA_VERSION, date_record
from zhen.render.words import plural
from zhen.terms.checks import CHECKS
from zhen.terms.fix import fixable
from zhen.terms.run import CheckReport
from zhen.types import Finding, Severity, TermHit

__all__ = ["OUTPUTS", "render"]

OUTPUTS = ("lint", "json", "sarif", "github")
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: CheckReport, output: str, *, color: bool = False) -> str:
    """The report in one of OUTPUTS; ends with a newline unless it is empty."""
    if output == "lint":
        return lint(report, color=color)
    if output == "json":
        return json.dumps(json_record(report), ensure_ascii=False, indent=2) + "\n"
    if output == "sarif":
        return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
    if output == "github":
        return github_annotations(report)
    raise ValueError(f"unknown output {output!r}; use one of {', '.join(OUTPUTS)}")


def lint_line(finding: Finding, *, color: bool = False) -> str:
    """PATH:LINE:COL: SEVERITY CODE message [fix: suggestion]"""
    where = f"{finding.path}:{finding.line}:{finding.column}:"
    severity = finding.severity.value
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLORS[finding.severity], bold=True)
    line = f"{where} {severity} {finding.code} {finding.message}"
    if finding.suggestion:
        fix = f"[fix: {finding.suggestion}]"
        line += " " + (click.style(fix, fg="green") if color else fix)
    return line


def lint(report: CheckReport, *, color: bool = False) -> str:
    lines = [lint_line(finding, color=color) for finding in report.findings]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: CheckReport) -> str:
    """One line: how many findings of each severity, in how many files."""
    counts = Counter(finding.severity for finding in report.findings)
    files = plural(len(report.checked), "file")
    if not report.findings:
        text = f"No findings in {files}."
    else:
        parts = ", ".join(plural(counts[s], s.value) for s in Severity if counts[s])
        text = f"{plural(len(report.findings), 'finding')} ({parts}) in {files}."
    if report.problems:
        text += f" {plural(len(report.problems), 'input')} could not be checked."
    return text + _dates(report)


def _dates(report: CheckReport) -> str:
    """The date the inputs were judged at: one input's date, or where several got theirs."""
    if len(report.dates) == 1:
        date = report.dates[0][1]
        return f" Judged as of {date.date} ({date.source.value})."
    sources = Counter(date.source.value for _, date in report.dates)
    if not sources:
        return ""
    counts = ", ".join(f"{source} {count}" for source, count in sources.items())
    return f" Judged as of each input's date ({counts})."


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "start": finding.start,
        "end": finding.end,
        "severity": finding.severity.value,
        "code": finding.code,
        "name": CHECKS[finding.code].name if finding.code in CHECKS else finding.code,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "concept_id": finding.concept_id,
    }


def term_record(path: str, hit: TermHit) -> dict[str, Any]:
    return {
        "path": path,
        "line": hit.line,
        "column": hit.column,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "language": hit.language.value,
        "concept_id": hit.concept_id,
        "status": hit.status,
        "rendering": hit.rendering,
        "approved": hit.approved,
    }


def json_record(report: CheckReport) -> dict[str, Any]:
    counts = Counter(finding.severity for finding in report.findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "check",
        "findings": [finding_record(finding) for finding in report.findings],
        "terms": [term_record(term.path, term.hit) for term in report.terms],
        "problems": [{"path": p.path, "line": p.line, "message": p.message}
                     for p in report.problems],
        "dates": [{"path": path, **date_record(date)} for path, date in report.dates],
        "summary": {
            "files_checked": len(report.checked),
            **{severity.value: counts[severity] for severity in Severity},
            "problems": len(report.problems),
        },
    }


def _rules() -> list[dict[str, Any]]:
    return [{
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": check.title},
        "defaultConfiguration": {"level": _SARIF_LEVELS[check.severity]},
    } for check in CHECKS.values()]


def _artifact(path: str) -> dict[str, str]:
    return {"uri": quote(path.replace("\\", "/"), safe="/:._-~")}


def _region(finding: Finding) -> dict[str, int]:
    region = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None and finding.end_column is not None:
        region.update(endLine=finding.end_line, endColumn=finding.end_column)
    return region


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    text = finding.message
    if finding.suggestion:
        text += f" Use: {finding.suggestion}"
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _SARIF_LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(finding.path), "region": _region(finding)}}],
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.concept_id:
        result["properties"] = {"conceptId": finding.concept_id}
    if fixable(finding):  # the same findings `zhen check --fix` fixes
        result["fixes"] = [{
            "description": {"text": f"Replace with the preferred rendering: {finding.suggestion}"},
            "artifactChanges": [{
                "artifactLocation": _artifact(finding.path),
                "replacements": [{"deletedRegion": _region(finding),
                                  "insertedContent": {"text": finding.suggestion}}],
            }],
        }]
    return result


def sarif_log(report: CheckReport) -> dict[str, Any]:
    rules = _rules()
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    notifications = [{
        "level": "error",
        "message": {"text": problem.message},
        **({"locations": [{"physicalLocation": {"artifactLocation": _artifact(problem.path)}}]}
           if problem.path else {}),
    } for problem in report.problems]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "zhen", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not report.problems,
                             "toolExecutionNotifications": notifications}],
            "results": [_sarif_result(finding, rule_index) for finding in report.findings],
        }],
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """`::error file=…,line=…,col=…,title=…::message` for a GitHub Actions log."""
    properties = [f"file={_escape_property(finding.path)}", f"line={finding.line}",
                  f"col={finding.column}"]
    if finding.end_line is not None and finding.end_line == finding.line:
        properties.append(f"endColumn={finding.end_column}")
    name = CHECKS[finding.code].name if finding.code in CHECKS else ""
    properties.append(f"title={_escape_property(f'{finding.code} {name}'.strip())}")
    message = finding.message + (f" [fix: {finding.suggestion}]" if finding.suggestion else "")
    return f"::{_GITHUB_LEVELS[finding.severity]} {','.join(properties)}::{_escape_data(message)}"


def github_annotations(report: CheckReport) -> str:
    lines = [github_annotation(finding) for finding in report.findings]
    for problem in report.problems:
        where = f" file={_escape_property(problem.path)}" if problem.path else ""
        if problem.path and problem.line:
            where += f",line={problem.line}"
        lines.append(f"::error{where}::{_escape_data(problem.message)}")
    return "\n".join(lines) + "\n" if lines else ""
