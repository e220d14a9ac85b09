"""TMX 1.4 export and import of the translation memory, so CAT tools and zhen share work.

Each exported <tu> carries zhen's memory key as x-zhen-* props, so a round trip puts every entry
back under its engine, model version and glossary digest. A <tu> without them (a TMX from another
tool) is imported as a human translation, which the memory recalls for every engine.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from zhen import __version__
from zhen.errors import InputError
from zhen.files import open_output
from zhen.translate.memory import IMPORTED_ENGINE, Entry, MemoryKey, TranslationMemory

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PROP_ENGINE, _PROP_MODEL, _PROP_GLOSSARY = (
    "x-zhen-engine",
    "x-zhen-model-version",
    "x-zhen-glossary-digest",
)
# Characters XML 1.0 cannot hold at all; they are dropped on export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Inline codes hold the original markup of a segment, not its text.
_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int  # <tu> elements without a usable source and target


def write_tmx(entries: Iterable[Entry], stream: TextIO) -> int:
    """Write entries as one TMX 1.4 document; returns how many <tu> were written."""
    entries = list(entries)
    sources = {entry.key.source_language for entry in entries}
    header_source = sources.pop() if len(sources) == 1 else "*all*"
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    stream.write(
        f'  <header creationtool="zhen" creationtoolversion={quoteattr(__version__)}'
        ' datatype="plaintext" segtype="sentence" adminlang="en"'
        f' srclang={quoteattr(header_source)} o-tmf="zhen"/>\n  <body>\n'
    )
    for entry in entries:
        stream.write(_tu(entry))
    stream.write("  </body>\n</tmx>\n")
    return len(entries)


def export_tmx(entries: Iterable[Entry], destination: str | Path, stdout: TextIO) -> int:
    """Write to a file atomically (`zhen.files.open_output`: no partial file on failure, one
    OutputError line for a folder that is missing, read-only or full), or to `stdout` for "-"."""
    if str(destination) == "-":
        return write_tmx(entries, stdout)
    with open_output(Path(destination)) as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        count = write_tmx(entries, stream)
        stream.flush()
        stream.detach()  # the bytes are in `raw`, which open_output renames into place
    return count


def _tu(entry: Entry) -> str:
    key = entry.key
    props = "".join(
        f'      <prop type="{kind}">{escape(_xml_text(value))}</prop>\n'
        for kind, value in (
            (_PROP_ENGINE, key.engine),
            (_PROP_MODEL, key.model_version),
            (_PROP_GLOSSARY, key.glossary_digest),
        )
        if key.engine != IMPORTED_ENGINE
    )
    created = _tmx_date(entry.created)
    return (
        f"    <tu srclang={quoteattr(key.source_language)}"
        f' creationdate="{created}" usagecount="{entry.uses}">\n'
        f"{props}"
        f"{_tuv(key.source_language, entry.source)}{_tuv(key.target_language, entry.target)}"
        "    </tu>\n"
    )


def _tuv(language: str, text: str) -> str:
    return f"      <tuv xml:lang={quoteattr(language)}><seg>{escape(_xml_text(text))}</seg></tuv>\n"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _tmx_date(iso: str) -> str:
    """ISO 8601 UTC (2024-04-23T12:00:00Z) → TMX's YYYYMMDDThhmmssZ."""
    return iso.replace("-", "").replace(":", "") if iso else ""


def _iso_date(tmx: str | None) -> str:
    if not tmx:
        return ""
    try:
        return datetime.strptime(tmx, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""


def _open_binary(path: str | Path):
    """The file, or standard input for "-"."""
    if str(path) == "-":
        return contextlib.nullcontext(sys.stdin.buffer)
    return open(path, "rb")


def read_tmx(path: str | Path) -> tuple[list[Entry], int]:
    """Entries of a TMX file (any version zhen can parse) and how many <tu> were skipped."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    entries: list[Entry] = []
    skipped = 0
    header_source = ""
    try:
        with _open_binary(path) as stream:
            events = iterparse(stream, events=("start", "end"))
            _, root = next(events)
            if _local(root.tag) != "tmx":
                raise InputError(f"not a TMX file (root element <{_local(root.tag)}>)", path)
            for event, element in events:
                name = _local(element.tag)
                if event == "start" or name not in ("header", "tu"):
                    continue
                if name == "header":
                    header_source = element.get("srclang", "")
                    continue
                found = _entries_of(element, header_source)
                entries.extend(found)
                skipped += not found
                root.clear()
    except StopIteration:
        raise InputError("not a TMX file (empty)", path) from None
    except ParseError as error:
        line = error.position[0] if error.position else None
        problem = re.sub(r": line \d+, column \d+$", "", str(error))
        raise InputError(f"not a valid TMX file ({problem})", path, line) from None
    except DefusedXmlException as error:
        raise InputError(f"refused TMX file: {error}", path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    return entries, skipped


def _entries_of(tu: Element, header_source: str) -> list[Entry]:
    variants = [(_language(tuv), _segment_text(tuv)) for tuv in tu if _local(tuv.tag) == "tuv"]
    variants = [
        (language, text) for language, text in variants if language and text and text.strip()
    ]
    if len(variants) < 2:
        return []
    declared = _primary(tu.get("srclang") or header_source)
    source = next((v for v in variants if v[0] == declared), variants[0])
    props = {prop.get("type"): (prop.text or "") for prop in tu if _local(prop.tag) == "prop"}
    engine = props.get(_PROP_ENGINE) or IMPORTED_ENGINE
    created = _iso_date(tu.get("creationdate"))
    uses = int(tu.get("usagecount", "0")) if tu.get("usagecount", "0").isdigit() else 0
    return [
        Entry(
            MemoryKey(
                engine,
                props.get(_PROP_MODEL, ""),
                props.get(_PROP_GLOSSARY, ""),
                source[0],
                language,
            ),
            source=source[1],
            target=text,
            created=created,
            uses=uses,
        )
        for language, text in variants
        if language != source[0]
    ]


def _segment_text(tuv: Element) -> str | None:
    seg = next((child for child in tuv if _local(child.tag) == "seg"), None)
    if seg is None:
        return None
    return "".join(_visible_text(seg))


def _visible_text(element: Element) -> Iterator[str]:
    """A segment's own text: inline codes (<bpt>, <ph>…) add their tails, not their markup."""
    yield element.text or ""
    for child in element:
        if _local(child.tag) not in _INLINE_CODES:
            yield from _visible_text(child)
        yield child.tail or ""


def _language(tuv: Element) -> str:
    return _primary(tuv.get(_XML_LANG) or tuv.get("lang") or "")


def _primary(tag: str) -> str:
    """zh-CN, ZH_hans, zh → zh; *all* → "" (no particular language)."""
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return "" if primary in ("", "*all*") else primary


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def import_tmx(memory: TranslationMemory, path: Path) -> ImportResult:
    """Read the whole file first, then add it in one transaction: a bad file adds nothing."""
    entries, skipped = read_tmx(path)
    return ImportResult(memory.add_entries(entries), skipped)
