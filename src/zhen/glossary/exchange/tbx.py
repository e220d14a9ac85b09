"""TBX import and export: TBX-Basic in its 2008 (`martif`/`termEntry`/`langSet`/`tig`|`ntig`) and
2019 (`tbx`/`conceptEntry`/`langSec`/`termSec`) dialects.

Reading goes through defusedxml's SAX parser with entity declarations forbidden, so an entity
expansion bomb is refused before it expands; every element keeps its line for error messages.
Mapping: subjectField ↔ domain, entry `note` ↔ note, `xref type="externalCrossReference"` ↔ source
(target = URL, text = date), `transacGrp` origination/modification ↔ added/updated, English term
statuses ↔ administrativeStatus (normativeAuthorization is read too), term `note` ↔ reason.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes

from defusedxml import DefusedXmlException
from defusedxml import sax as safe_sax

from zhen.chinese.convert import to_simplified
from zhen.errors import GlossaryError
from zhen.glossary.changes import concept_id_for, settle_statuses
from zhen.glossary.fileformat import CONCEPT_ID, DATE, REASON_SEPARATOR, rendering_details
from zhen.glossary.model import Concept, Glossary, Source, Status

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_2019_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
TBX_2019_SCHEMA = ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
                   "TBXcoreStructV03_TBX-Basic_integrated.rng")

_STATUS_VALUES = {
    "preferredTerm-admn-sts": Status.PREFERRED, "admittedTerm-admn-sts": Status.ADMITTED,
    "deprecatedTerm-admn-sts": Status.DEPRECATED, "supersededTerm-admn-sts": Status.SUPERSEDED,
    # normativeAuthorization (TBX 2008 core) values
    "preferredTerm": Status.PREFERRED, "admittedTerm": Status.ADMITTED,
    "deprecatedTerm": Status.DEPRECATED, "supersededTerm": Status.SUPERSEDED,
    "standardizedTerm": Status.ADMITTED, "legalTerm": Status.ADMITTED,
    "regulatedTerm": Status.ADMITTED,
}
_TRADITIONAL_TAGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def all(self, *tags: str) -> list[_Node]:
        return [child for child in self.children if child.tag in tags]

    def first(self, tag: str) -> _Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def walk(self, tag: str):
        for child in self.children:
            if child.tag == tag:
                yield child
            else:
                yield from child.walk(tag)


class _TreeBuilder(ContentHandler):
    """SAX events → _Node tree with line numbers; prefixes are dropped, `xml:lang` is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self.stack: list[_Node] = []

    def line(self) -> int:
        return self._locator.getLineNumber() if self._locator else 0

    def startElement(self, name, attrs):  # noqa: N802 (SAX API)
        node = _Node(name.rpartition(":")[2], dict(attrs.items()), self.line())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name):  # noqa: N802 (SAX API)
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].text += content


def _parse(data: bytes, path: Path) -> _Node:
    """Parse with entity declarations refused and nothing external loaded (a DOCTYPE naming
    the TBX DTD is fine: it is not fetched)."""
    builder = _TreeBuilder()
    parser = safe_sax.make_parser()
    parser.forbid_entities = True
    parser.forbid_external = False  # external DTD/entities are not loaded: features below
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(builder)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as error:
        raise GlossaryError(f"malformed XML: {error.getMessage()}", path,
                            error.getLineNumber()) from None
    except DefusedXmlException as error:
        name = getattr(error, "name", "")
        raise GlossaryError(f"refused: the XML declares an entity{f' ({name!r})' if name else ''}; "
                            "TBX needs none, and expanding entities (a 'billion laughs' bomb) "
                            "could exhaust memory", path, builder.line() or None) from None
    if builder.root is None:
        raise GlossaryError("empty XML document", path)
    return builder.root


def read_tbx(data: bytes, path: Path) -> tuple[list[Concept], list[str]]:
    """Concepts of a TBX file (either dialect) and notes on what was skipped or adjusted."""
    root = _parse(data, path)
    entry_tag = {"martif": "termEntry", "tbx": "conceptEntry"}.get(root.tag)
    if entry_tag is None:
        raise GlossaryError(f"not a TBX file: the root element is <{root.tag}>, "
                            "expected <martif> (TBX 2008) or <tbx> (TBX 2019)", path, root.line)
    notes: list[str] = []
    concepts = []
    for entry in root.walk(entry_tag):
        concept = _concept(entry, path, notes)
        if concept is not None:
            concepts.append(concept)
    return concepts, notes


def _concept(entry: _Node, path: Path, notes: list[str]) -> Concept | None:
    zh: list[str] = []
    zh_traditional: list[str] = []
    english: list[tuple[str, Status | None, str]] = []
    for lang_set in entry.all("langSet", "langSec"):
        lang = (lang_set.attrs.get("xml:lang") or lang_set.attrs.get("lang") or "").lower()
        for text, status, reason in _terms(lang_set, path):
            if lang.startswith("en"):
                english.append((text, status, reason))
            elif lang.startswith("zh"):
                if status is not None and not status.approved:
                    notes.append(f"{path}:{lang_set.line}: {status.value} Chinese term "
                                 f"{text!r} skipped")
                elif lang.startswith(_TRADITIONAL_TAGS) or to_simplified(text) != text:
                    zh_traditional.append(text)
                else:
                    zh.append(text)
    if not zh and zh_traditional:
        zh = [to_simplified(form) for form in zh_traditional]
    if not zh:
        notes.append(f"{path}:{entry.line}: entry without a Chinese term skipped")
        return None
    given_id = entry.attrs.get("id", "")
    concept_id = given_id if CONCEPT_ID.fullmatch(given_id) else ""
    if not concept_id:
        first_english = english[0][0] if english else zh[0]
        concept_id = concept_id_for(first_english)
    renderings = settle_statuses(concept_id, english, notes)
    return Concept(
        id=concept_id,
        zh=tuple(dict.fromkeys(zh)),
        zh_traditional=tuple(dict.fromkeys(zh_traditional)),
        english=renderings,
        domain=_descrip(entry, "subjectField"),
        shares=tuple(ref.attrs["target"] for ref in entry.all("ref")
                     if ref.attrs.get("type") == "crossReference" and ref.attrs.get("target")),
        sources=_sources(entry),
        note="\n".join(n.text.strip() for n in entry.all("note") if n.text.strip()),
        added=_transaction_date(entry, "origination"),
        updated=_transaction_date(entry, "modification"),
        needs_review=not any(r.status is Status.PREFERRED for r in renderings),
    )


def _terms(lang_set: _Node, path: Path):
    for group in lang_set.all("tig", "ntig", "termSec"):
        holder = group.first("termGrp") or group  # ntig keeps term and termNotes in a termGrp
        term = holder.first("term")
        if term is None or not term.text.strip():
            raise GlossaryError(f"<{group.tag}> without a term", path, group.line)
        status = None
        for note in holder.all("termNote"):
            if note.attrs.get("type") in ("administrativeStatus", "normativeAuthorization"):
                value = note.text.strip()
                if value not in _STATUS_VALUES:
                    raise GlossaryError(f"unknown {note.attrs['type']} {value!r}", path, note.line)
                status = _STATUS_VALUES[value]
        reason = REASON_SEPARATOR.join(n.text.strip() for n in group.all("note") if n.text.strip())
        yield term.text.strip(), status, reason


def _descrip(entry: _Node, kind: str) -> str:
    return next((d.text.strip() for d in entry.all("descrip") if d.attrs.get("type") == kind), "")


def _sources(entry: _Node) -> tuple[Source, ...]:
    """Citations: zhen's entry-level xrefs, and `admin type="source"` at any level."""
    sources = []
    for ref in entry.all("xref"):
        if ref.attrs.get("type") == "externalCrossReference" and ref.attrs.get("target"):
            date = ref.text.strip()
            sources.append(Source(ref.attrs["target"], date if DATE.fullmatch(date) else ""))
    for admin in entry.walk("admin"):
        if admin.attrs.get("type") == "source" and admin.text.strip():
            sources.append(Source(admin.text.strip()))
    return tuple(sources)


def _transaction_date(entry: _Node, kind: str) -> str:
    for group in entry.all("transacGrp"):
        transaction = group.first("transac")
        date = group.first("date")
        if transaction is not None and transaction.text.strip() == kind and date is not None:
            return date.text.strip()
    return ""


def write_tbx(glossary: Glossary, dialect: str = "2019") -> str:
    """The glossary as TBX-Basic XML, dialect "2019" (TBX v3, DCA style) or "2008" (martif)."""
    if dialect == "2019":
        root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en",
                                  "xmlns": TBX_2019_NAMESPACE})
        header = ET.SubElement(root, "tbxHeader")
        entry_tag, lang_tag, term_tag = "conceptEntry", "langSec", "termSec"
    else:
        root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
        header = ET.SubElement(root, "martifHeader")
        entry_tag, lang_tag, term_tag = "termEntry", "langSet", "tig"
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = "zhen policy-term glossary"
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = "Exported by zhen"
    if dialect == "2008":
        encoding = ET.SubElement(header, "encodingDesc")
        ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in sorted(glossary, key=lambda c: c.id):
        entry = ET.SubElement(body, entry_tag, {"id": concept.id})
        _write_entry(entry, concept, lang_tag, term_tag)
    ET.indent(root)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if dialect == "2019":
        declaration += (f'<?xml-model href="{TBX_2019_SCHEMA}" type="application/xml" '
                        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
    return declaration + ET.tostring(root, encoding="unicode") + "\n"


def _write_entry(entry: ET.Element, concept: Concept, lang_tag: str, term_tag: str) -> None:
    if concept.domain:
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = concept.domain
    if concept.note:
        ET.SubElement(entry, "note").text = concept.note
    for other in concept.shares:
        ET.SubElement(entry, "ref", {"type": "crossReference", "target": other}).text = other
    for source in concept.sources:
        ref = ET.SubElement(entry, "xref", {"type": "externalCrossReference", "target": source.url})
        ref.text = source.date or source.url
    for kind, date in (("origination", concept.added), ("modification", concept.updated)):
        if date:
            group = ET.SubElement(entry, "transacGrp")
            ET.SubElement(group, "transac", {"type": "transactionType"}).text = kind
            ET.SubElement(group, "date").text = date
    for lang, forms in (("zh-Hans", concept.zh), ("zh-Hant", concept.zh_traditional)):
        if forms:
            lang_set = ET.SubElement(entry, lang_tag, {XML_LANG: lang})
            for form in forms:
                ET.SubElement(ET.SubElement(lang_set, term_tag), "term").text = form
    if concept.english:
        lang_set = ET.SubElement(entry, lang_tag, {XML_LANG: "en"})
        for rendering in concept.english:
            term = ET.SubElement(lang_set, term_tag)
            ET.SubElement(term, "term").text = rendering.text
            ET.SubElement(term, "termNote", {"type": "administrativeStatus"}).text = \
                rendering.status.tbx
            for detail in rendering_details(rendering):  # since/until/seen, then the reason
                ET.SubElement(term, "note").text = detail
