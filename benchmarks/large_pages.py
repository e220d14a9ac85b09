"""Large pages made of real text, for the memory and time benchmarks of issue 16.

Every line comes from a real published page: the pages in examples/ and the 47 stored pages of
tests/data/real-pages (their README gives each page's address and date). Nothing is invented:
a large page is those lines repeated in a shuffled order (fixed seed), so its mix of English,
Simplified and Traditional Chinese, bylines and notices is the real pages' mix.

    mixed_text_page(path, megabytes)      many lines, English and Chinese as the pages have them
    single_line_chinese(path, megabytes)  the Chinese lines joined into one line (no line break)
    paragraphs_html(path, paragraphs)     an HTML page of that many <p> paragraphs
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT / "tests" / "data" / "real-pages"]
_HAN = range(0x4E00, 0xA000)


def real_lines() -> list[str]:
    """Every non-blank line of the stored text pages, HTML pages as their visible text."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from zhen.page.html import extract_blocks

    lines = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix == ".txt":
                text = path.read_text(encoding="utf-8")
                lines += [line.strip() for line in text.splitlines() if line.strip()]
            elif path.suffix == ".html":
                lines += [block.text for block in extract_blocks(path.read_text(encoding="utf-8"))]
    return lines


def _chinese(line: str) -> bool:
    return sum(ord(character) in _HAN for character in line) >= len(line) / 3


def _repeated(lines: list[str], size: int, seed: int, separator: str) -> str:
    """`lines` in shuffled rounds until the text reaches `size` bytes of UTF-8."""
    chooser = random.Random(seed)
    parts, total = [], 0
    while total < size:
        round_ = lines[:]
        chooser.shuffle(round_)
        for line in round_:
            parts.append(line)
            total += len(line.encode("utf-8")) + len(separator)
            if total >= size:
                break
    return separator.join(parts)


def mixed_text_page(path: Path, megabytes: float, seed: int = 16) -> Path:
    """A text page of the real lines, one paragraph a line, blank lines between some."""
    text = _repeated(real_lines(), int(megabytes * 1_000_000), seed, "\n\n")
    path.write_text(text + "\n", encoding="utf-8")
    return path


def single_line_chinese(path: Path, megabytes: float, seed: int = 16) -> Path:
    """The mostly Chinese lines joined without a line break: one block, one huge Chinese span."""
    lines = [line for line in real_lines() if _chinese(line)]
    path.write_text(_repeated(lines, int(megabytes * 1_000_000), seed, ""), encoding="utf-8")
    return path


def real_sentences() -> list[str]:
    """The real lines cut after each sentence end (。！？.!?)."""
    return [sentence for line in real_lines()
            for sentence in re.split(r"(?<=[。！？.!?])\s*", line) if sentence.strip()]


def paragraphs_html(path: Path, paragraphs: int, seed: int = 16) -> Path:
    """An HTML page whose body is `paragraphs` <p> elements, each a real sentence."""
    chooser = random.Random(seed)
    sentences = real_sentences()
    body = "\n".join(f"<p>{html.escape(chooser.choice(sentences))}</p>"
                      for _ in range(paragraphs))
    path.write_text("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Real lines"
                    f"</title></head>\n<body>\n{body}\n</body></html>\n", encoding="utf-8")
    return path
