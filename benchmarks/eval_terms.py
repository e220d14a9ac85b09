"""How well `zhen check` catches what a reviewer catches in real published English.

Each row of an evaluation set is one real sentence, one glossary concept and a label: `flag` (a
non-standard, superseded or near-miss rendering) or `clean` (the preferred or an admitted
rendering, a historical one, or a hard negative). By default both sets are run, each reported on
its own: tests/data/real-term-usage.tsv, the set the near-miss matcher was written against, and
tests/data/real-term-usage-2.tsv, collected afterwards from other pages (see their .md files).
Every sentence is checked as a page of its own, as `zhen check` checks a page, judged at the row's
date (the page's own date; rows without one are dated by their address, else today).

Prints, overall and per kind of variation:
- recall: flag rows that get a warning or an error for their concept;
- false warnings: clean rows that get a warning or an error for their concept;
and the historical rows reported as ZH006 (info). `--show` lists the rows each figure misses.

Run: python benchmarks/eval_terms.py [--set FILE.tsv ...] [--glossary PATH] [--show]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_SETS = (ROOT / "tests" / "data" / "real-term-usage.tsv",
                ROOT / "tests" / "data" / "real-term-usage-2.tsv")
FAILING = ("warning", "error")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def judge(rows, glossary) -> list[tuple[dict[str, str], set[str], list]]:
    """Each row with the severities of its concept's findings, and those findings."""
    from zhen.page.reader import page_from_text
    from zhen.terms.run import CheckOptions, check_page
    from zhen.terms.vocabulary import add_glossary_words

    add_glossary_words(glossary)
    judged = []
    for row in rows:
        page = page_from_text(row["sentence"] + "\n", name=row.get("url") or "<row>",
                              format="text")
        options = CheckOptions(as_of=row.get("date") or None)
        findings = [f for f in check_page(page, glossary, options).findings
                    if f.concept_id == row["concept"]]
        judged.append((row, {f.severity.value for f in findings}, findings))
    return judged


def rate(count: int, total: int) -> str:
    return f"{count:>3}/{total:<3} {100 * count / total:5.1f}%" if total else "  -"


def report(judged, show: bool) -> dict[str, float]:
    flagged = Counter()
    flags = Counter()
    warned = Counter()
    cleans = Counter()
    historical = Counter()
    missed, wrong = [], []
    for row, severities, findings in judged:
        kind = row["kind"]
        failing = bool(severities & set(FAILING))
        if row["label"] == "flag":
            flags[kind] += 1
            flagged[kind] += failing
            if not failing:
                missed.append(row)
        else:
            cleans[kind] += 1
            warned[kind] += failing
            if failing:
                wrong.append((row, findings))
            if kind == "historical" and any(f.code == "ZH006" for f in findings):
                historical[kind] += 1
    recall = sum(flagged.values()) / max(1, sum(flags.values()))
    false_rate = sum(warned.values()) / max(1, sum(cleans.values()))
    print(f"recall on flag rows:          {rate(sum(flagged.values()), sum(flags.values()))}"
          "   (target >= 90%)")
    for kind in sorted(flags):
        print(f"  {kind:<26} {rate(flagged[kind], flags[kind])}")
    print(f"false warnings on clean rows: {rate(sum(warned.values()), sum(cleans.values()))}"
          "   (target <= 2%)")
    for kind in sorted(cleans):
        print(f"  {kind:<26} {rate(warned[kind], cleans[kind])}")
    print(f"historical rows reported as ZH006 (info): {historical['historical']} of "
          f"{cleans['historical']}")
    if show:
        print("\nflag rows without a warning or an error for their concept:")
        for row in missed:
            print(f"  {row['id']} {row['kind']:<14} {row['concept']}: {row['rendering']}")
        print("\nclean rows with a warning or an error for their concept:")
        for row, findings in wrong:
            print(f"  {row['id']} {row['kind']:<14} {row['concept']}: {row['rendering']}")
            for finding in findings:
                print(f"      {finding.severity.value} {finding.code} {finding.message}")
    return {"recall": recall, "false_warnings": false_rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", type=Path, dest="sets",
                        help="evaluation set (TSV; repeatable; default: both sets)")
    parser.add_argument("--glossary", action="append", type=Path,
                        help="glossary file or folder (repeatable; default: the shipped one)")
    parser.add_argument("--show", action="store_true", help="list the rows each figure misses")
    options = parser.parse_args()

    from zhen.glossary.store import load_glossary

    glossary = load_glossary(options.glossary)
    for number, path in enumerate(options.sets or DEFAULT_SETS):
        rows = read_rows(path)
        print(f"{chr(10) if number else ''}{path.name}: {len(rows)} rows, "
              f"glossary of {len(glossary)} concepts")
        report(judge(rows, glossary), options.show)


if __name__ == "__main__":
    main()
