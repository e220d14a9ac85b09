"""How well zhen labels real pages: block roles and person names against hand labels.

The set is tests/data/real-pages (its README says how the pages were chosen and labelled). For
every page zhen reads the file as `zhen separate` does, then:

- roles: each block's role against the labelled role of the block with the same index (the
  labelled text must equal zhen's block text, or the script stops: the blocks moved);
- names: the distinct words zhen romanizes as person names (tokens with a romanization) against
  the distinct labelled names of the page. Precision counts every romanized word; recall leaves
  out labelled names whose note marks them as foreign (the note says "foreign", "Japanese",
  "Korean" or "Vietnamese", or "short form" of such a name: of the row above, or with the Latin
  original in parentheses, "short form (Aldrin)"): their Chinese transliterations have no
  surname to find, and the set's rules list them for completeness. A labelled name written with
  a space inside (`张 勇`) counts as found when zhen romanizes it, space or not.

Prints overall and per-role accuracy, the confusions, name precision and recall with every
miss and false name listed, and how many found names zhen romanized exactly as labelled.

    PYTHONPATH=src .venv/bin/python benchmarks/eval_pages.py [--pages DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhen.page.reader import read_page  # noqa: E402
from zhen.types import Page  # noqa: E402

PAGES = ROOT / "tests" / "data" / "real-pages"
FOREIGN_NOTES = ("foreign", "japanese", "korean", "vietnamese")
_LATIN_ORIGINAL = re.compile(r"\([A-Z][A-Za-z]+\)")
TARGETS = {"roles": 0.95, "precision": 0.98, "recall": 0.95}


@dataclass
class Labels:
    roles: list[tuple[int, str, str]]  # (block index, role, text)
    names: dict[str, str]  # name → note
    romanized: dict[str, str]  # name → romanization
    foreign: set[str]  # names left out of recall


@dataclass
class Tally:
    roles: Counter = field(default_factory=Counter)  # (labelled, found) → blocks
    true_names: list[tuple[str, str]] = field(default_factory=list)  # (page, name)
    false_names: list[tuple[str, str, str]] = field(default_factory=list)  # (page, name, roman)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (page, name, note)
    left_out: int = 0  # foreign names not counted in recall
    foreign_found: int = 0  # of the true names, foreign ones
    exact: int = 0  # found names romanized as labelled


def read_labels(page: Path) -> Labels:
    stem = page.with_suffix("")
    roles = []
    for line in stem.with_suffix(".roles.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        index, role, text = line.split("\t", 2)
        roles.append((int(index), role, text))
    names, romanized, foreign = {}, {}, set()
    for line in stem.with_suffix(".names.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#"):
            break  # "# not-names" and what follows
        name, roman, note = (line.split("\t") + ["", ""])[:3]
        above_foreign = bool(names) and list(names)[-1] in foreign
        if _foreign(note) or (note.startswith("short form") and (
                above_foreign and "of the above" in note or _LATIN_ORIGINAL.search(note))):
            foreign.add(name)
        names[name] = note
        romanized[name] = roman
    return Labels(roles, names, romanized, foreign)


def romanized_words(page: Page) -> dict[str, str]:
    """Every distinct word zhen romanizes as a person name on the page → its romanization."""
    return {token.text: token.romanized
            for block in page.blocks for span in block.spans for token in span.tokens
            if token.romanized}


def evaluate(page_file: Path, tally: Tally) -> None:
    labels = read_labels(page_file)
    page = read_page(page_file)
    if len(page.blocks) != len(labels.roles):
        sys.exit(f"{page_file.name}: zhen finds {len(page.blocks)} blocks, "
                 f"{len(labels.roles)} are labelled")
    for block, (index, role, text) in zip(page.blocks, labels.roles, strict=True):
        if block.index != index or " ".join(block.text.split()) != " ".join(text.split()):
            sys.exit(f"{page_file.name}: block {index} reads {block.text[:40]!r}, "
                     f"labelled {text[:40]!r}")
        tally.roles[(role, block.role.value)] += 1
    found = romanized_words(page)
    compact = {name.replace(" ", ""): name for name in labels.names}
    for written, roman in found.items():
        word = written.replace(" ", "").replace("\u3000", "")
        if word in compact:
            tally.true_names.append((page_file.name, word))
            tally.exact += roman == labels.romanized[compact[word]]
            tally.foreign_found += compact[word] in labels.foreign
        else:
            tally.false_names.append((page_file.name, written, roman))
    for name, note in labels.names.items():
        if name in labels.foreign:
            tally.left_out += 1
        elif name.replace(" ", "") not in {w.replace(" ", "") for w in found}:
            tally.missed.append((page_file.name, name, note))


def report(tally: Tally, quiet: bool) -> bool:
    total = sum(tally.roles.values())
    right = sum(count for (label, found), count in tally.roles.items() if label == found)
    role_accuracy = right / total
    print(f"roles: {right}/{total} blocks right = {role_accuracy:.1%} "
          f"(target {TARGETS['roles']:.0%})")
    by_role: Counter = Counter()
    for (label, _), count in tally.roles.items():
        by_role[label] += count
    for role, count in by_role.most_common():
        hits = tally.roles[(role, role)]
        print(f"  {role:<11} {hits:>4}/{count:<4} {hits / count:6.1%}")
    confusions = [(count, label, found) for (label, found), count in tally.roles.items()
                  if label != found]
    if confusions and not quiet:
        print("  confusions (labelled → zhen):")
        for count, label, found in sorted(confusions, reverse=True):
            print(f"    {count:>4}  {label} → {found}")
    found = len(tally.true_names) + len(tally.false_names)
    precision = len(tally.true_names) / found if found else 1.0
    counted = len(tally.true_names) - tally.foreign_found + len(tally.missed)
    recall = (counted - len(tally.missed)) / counted if counted else 1.0
    print(f"names: precision {len(tally.true_names)}/{found} = {precision:.1%} "
          f"(target {TARGETS['precision']:.0%}); recall {counted - len(tally.missed)}/{counted}"
          f" = {recall:.1%} (target {TARGETS['recall']:.0%}; {tally.left_out} foreign names "
          "left out)")
    print(f"  romanized as labelled: {tally.exact}/{len(tally.true_names)}")
    if not quiet:
        for page, word, roman in tally.false_names:
            print(f"  not a name: {page}: {word} → {roman}")
        for page, name, note in tally.missed:
            print(f"  missed: {page}: {name} ({note})")
    return (role_accuracy >= TARGETS["roles"] and precision >= TARGETS["precision"]
            and recall >= TARGETS["recall"])


def _foreign(note: str) -> bool:
    return any(word in note.lower() for word in FOREIGN_NOTES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="a folder of labelled pages")
    parser.add_argument("--quiet", action="store_true", help="figures only, no lists")
    arguments = parser.parse_args()
    os.environ.setdefault("ZHEN_CACHE_DIR", str(Path(tempfile.gettempdir()) / "zhen-eval-cache"))
    tally = Tally()
    files = sorted(path for path in arguments.pages.iterdir()
                   if path.suffix in (".txt", ".html") and path.name[:2].isdigit())
    for page_file in files:
        evaluate(page_file, tally)
    print(f"{len(files)} pages from {arguments.pages}")
    met = report(tally, arguments.quiet)
    print("all targets met" if met else "targets not met")


if __name__ == "__main__":
    main()
