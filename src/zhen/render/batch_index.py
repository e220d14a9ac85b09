"""The index of a batch's HTML reports: one self-contained page linking every page's report with
its counts, the pages with errors first.

Like the reports it links, it loads nothing from anywhere (a Content Security Policy forbids it,
and it has no script) and escapes every page name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from zhen.render.report_html_style import FONTS

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
_COUNTS = re.compile(r'<meta name="zhen-counts" content="([^"]*)">')
_SEVERITIES = ("error", "warning", "info")
_STYLE = f"""
body {{ font: 15px/1.5 {FONTS}; margin: 0 auto; max-width: 1400px; padding: 0 2em 2em;
       color: #1d1d1f; }}
header {{ position: sticky; top: 0; background: #fff; padding: 0.6em 0;
          border-bottom: 2px solid #e3e3e3; }}
h1 {{ font-size: 1.2em; margin: 0 0 0.2em; }}
.count {{ margin-right: 0.9em; }} .count b {{ font-size: 1.1em; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 1em; }}
th, td {{ border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.5em; text-align: left; }}
td.number {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.error b {{ color: #c5221f; }} td.warning b {{ color: #b06000; }}
tr.failed td {{ color: #c5221f; }}
"""


@dataclass(frozen=True)
class IndexEntry:
    """One page of the batch: where its report is (relative to the index) and what it counts."""

    page: str
    report: str | None  # None: the page failed, so there is no report
    status: str
    counts: dict[str, int] = field(default_factory=dict)  # segments, terms, error, warning, info
    error: str | None = None


def counts_of_report(html: str) -> dict[str, int]:
    """The counts an HTML page report carries in its head (for pages a batch skipped)."""
    found = _COUNTS.search(html[:4096])
    if found is None:
        return {}
    pairs = (item.split("=", 1) for item in found.group(1).split())
    return {name: int(value) for name, value in pairs if value.isdigit()}


def index_html(entries: Sequence[IndexEntry], title: str = "zhen batch") -> str:
    ordered = sorted(entries, key=lambda e: (e.report is not None,
                                             -e.counts.get("error", 0),
                                             -e.counts.get("warning", 0), e.page))
    totals = {name: sum(e.counts.get(name, 0) for e in entries)
              for name in ("segments", "terms", *_SEVERITIES)}
    failed = sum(entry.report is None for entry in entries)
    rows = "".join(_row(entry) for entry in ordered)
    count = "".join(f'<span class="count"><b>{totals[name]}</b> {label}</span>' for name, label in
                    (("segments", "Chinese segments"), ("terms", "glossary terms"),
                     ("error", "errors"), ("warning", "warnings"), ("info", "info")))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{escape(title)}: {len(entries)} pages"
        f"{f', {failed} failed' if failed else ''}</h1>\n<div>{count}</div>\n</header>\n"
        "<table>\n<thead><tr><th>Page</th><th>Status</th><th>Chinese segments</th>"
        "<th>Terms</th><th>Errors</th><th>Warnings</th><th>Info</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n"
    )


def _row(entry: IndexEntry) -> str:
    if entry.report is None:
        problem = escape(entry.error or "no report")
        return (f'<tr class="failed"><td>{escape(entry.page)}</td><td>{escape(entry.status)}</td>'
                f'<td colspan="5">{problem}</td></tr>\n')
    link = f'<a href="{escape(quote(entry.report), quote=True)}">{escape(entry.page)}</a>'
    numbers = "".join(f'<td class="number">{entry.counts.get(name, 0)}</td>'
                      for name in ("segments", "terms"))
    numbers += "".join(f'<td class="number {name}"><b>{entry.counts.get(name, 0)}</b></td>'
                       for name in _SEVERITIES)
    return f"<tr><td>{link}</td><td>{escape(entry.status)}</td>{numbers}</tr>\n"
