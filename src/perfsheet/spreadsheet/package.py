"""An .xlsx read as plain sheets: every non-empty cell with its row, column and value, nothing else.

A workbook comes from someone else and is untrusted. It is read like the Word files (importer/grid.py):
at most a bounded number of bytes, its members checked (count, names, declared sizes) and every part we
parse inflated with a count (a zip bomb stops at the limit, whatever its header claims), a part with a
DTD refused, the XML parsed in one streaming pass with entities, DTDs and the network off, rows and cells
counted. Numbers are read from the file's own digits into ``Decimal`` (a general reader would make them
floats); a formula is never evaluated: its cached value is read, and without one its text.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree

from perfsheet.diagnostics import fill, phrases
from perfsheet.importer.ooxml import NotReadable, PackageLimits, open_package
from perfsheet.spreadsheet.cells import (
    EPOCH_1900,
    EPOCH_1904,
    CellContext,
    SheetCell,
    cell_value,
    is_date_format,
    is_percent_format,
)

MAX_FILE_BYTES = 50_000_000
MAX_PART_BYTES = 100_000_000
MAX_PACKAGE_BYTES = 200_000_000
MAX_PARTS = 2_000
MAX_SHEETS = 64
MAX_ROWS = 50_000  # per sheet; 1,000 projects of a dozen indicators each is 12,000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_RELATIONSHIP_ID = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_SHARED_STRINGS = "sharedStrings"
_STYLES = "styles"
_CELL_REFERENCE = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_CHUNK = 1 << 20


@dataclass
class Sheet:
    name: str
    rows: dict[int, dict[int, SheetCell]] = field(default_factory=dict)  # row → column → cell, in order


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def sniff(head: bytes) -> None:
    """Refuse a legacy .xls or .et (OLE compound file), an .ods or anything else that is no .xlsx."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotReadable("E500")
    if not head.startswith(b"PK"):
        raise NotReadable("E502")
    if b"application/vnd.oasis.opendocument" in head[:200]:
        raise NotReadable("E501")


def _limit(what: str, limit: str) -> NotReadable:
    return NotReadable("E504", what=what, limit=limit)


class _Package:
    """The zip, each part inflated at most once and counted (the header's sizes are only a claim)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.inflated = 0

    def read(self, name: str) -> bytes:
        try:
            opened = self.archive.open(name)
        except KeyError:
            raise NotReadable("E502") from None
        chunks: list[bytes] = []
        size = 0
        with opened:
            while True:
                chunk = opened.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                self.inflated += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _limit(fill(phrases().part_size, name=name), fill(phrases().byte_limit, count=MAX_PART_BYTES))
                if self.inflated > MAX_PACKAGE_BYTES:
                    raise _limit(phrases().unpacked_size, fill(phrases().byte_limit, count=MAX_PACKAGE_BYTES))
                chunks.append(chunk)
        data = b"".join(chunks)
        if any(marker in data for marker in _DOCTYPE):
            raise NotReadable("E505", part=name)
        return data

    def exists(self, name: str) -> bool:
        try:
            self.archive.getinfo(name)
        except KeyError:
            return False
        return True


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _parse(package: _Package, name: str) -> Any:
    try:
        return etree.fromstring(package.read(name), _parser())
    except etree.XMLSyntaxError as exc:
        raise NotReadable("E506", part=name, line=exc.lineno or 0, detail=str(exc.msg or "")[:120]) from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _relationships(package: _Package, part: str) -> dict[str, tuple[str, str]]:
    """Each relationship id of ``part`` → (type, target part name)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if not package.exists(rels):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for element in _parse(package, rels):
        if element.get("TargetMode") == "External":
            continue  # an external link is never followed
        target = str(element.get("Target", ""))
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[str(element.get("Id", ""))] = (str(element.get("Type", "")), path)
    return found


def _tags(name: str) -> frozenset[str]:
    """An element's tag in both namespaces (transitional and strict Open XML)."""
    return frozenset({_MAIN + name, _STRICT_MAIN + name})


_TEXT, _PHONETIC, _VALUE, _FORMULA, _INLINE, _ROW = (_tags(n) for n in ("t", "rPh", "v", "f", "is", "row"))


def _text_of(element: Any) -> str:
    """The text of a string item (``si`` or ``is``): its runs, without phonetic guides (rPh/t)."""
    return "".join(t.text or "" for t in element.iter(*_TEXT) if t.getparent().tag not in _PHONETIC)


def _shared_strings(package: _Package, name: str | None) -> list[str]:
    if name is None or not package.exists(name):
        return []
    strings = [_text_of(item) for item in _parse(package, name) if _local(item.tag) == "si"]
    if len(strings) > MAX_CELLS:
        raise _limit(phrases().cell_count, fill(phrases().count_limit, count=MAX_CELLS))
    return strings


def _number_styles(package: _Package, name: str | None) -> tuple[frozenset[int], frozenset[int]]:
    """The cell style indexes whose number format shows a date, and those that show a percentage."""
    if name is None or not package.exists(name):
        return frozenset(), frozenset()
    root = _parse(package, name)
    codes: dict[int, str] = {}
    dated: set[int] = set()
    percent: set[int] = set()
    for element in root:
        if _local(element.tag) == "numFmts":
            for number_format in element:
                try:
                    codes[int(number_format.get("numFmtId", "-1"))] = str(number_format.get("formatCode", ""))
                except ValueError:
                    continue
        elif _local(element.tag) == "cellXfs":
            for index, xf in enumerate(element):
                try:
                    format_id = int(xf.get("numFmtId", "0"))
                except ValueError:
                    continue
                if is_date_format(format_id, codes.get(format_id)):
                    dated.add(index)
                elif is_percent_format(format_id, codes.get(format_id)):
                    percent.add(index)
    return frozenset(dated), frozenset(percent)


def _read_cell(element: Any, position: tuple[int, int], context: CellContext) -> SheetCell | None:
    kind = str(element.get("t", "n"))
    try:
        style = int(element.get("s", "0"))
    except ValueError:
        style = 0
    raw: str | None = None
    formula: str | None = None
    inline: str | None = None
    for child in element:
        tag = child.tag
        if tag in _VALUE:
            raw = child.text if child.text and child.text.strip() else None  # <v/>: no cached value
        elif tag in _FORMULA:
            formula = child.text or ""
        elif tag in _INLINE:
            inline = _text_of(child)
    cell = cell_value(kind, raw, inline, style, context)
    row, column = position
    if cell is None:
        if formula:  # a formula the file has no result for: read as its text, never evaluated
            return SheetCell(row, column, "=" + formula, formula="=" + formula)
        return None
    return SheetCell(row, column, cell.value, error=cell.error, percent=cell.percent)


def _read_sheet(stream: IO[bytes], name: str, context: CellContext, budget: list[int]) -> Sheet:
    sheet = Sheet(name)
    row_number = 0
    events: Iterator[tuple[str, Any]] = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(_MAIN + "row", _MAIN + "c", _STRICT_MAIN + "row", _STRICT_MAIN + "c"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    column = 0
    for event, element in events:
        if element.tag in _ROW:
            if event == "start":
                try:
                    row_number = int(element.get("r", row_number + 1))
                except ValueError:
                    row_number += 1
                if row_number > MAX_ROWS or len(sheet.rows) >= MAX_ROWS:
                    raise _limit(fill(phrases().sheet_rows, sheet=name), fill(phrases().count_limit, count=MAX_ROWS))
                column = 0
            else:
                element.clear()
            continue
        if event == "start":
            continue
        match = _CELL_REFERENCE.match(str(element.get("r", "")))
        column = _column_number(match.group(1)) if match else column + 1
        if match:
            row_number = int(match.group(2))
        if column > MAX_COLUMNS:
            raise _limit(fill(phrases().sheet_columns, sheet=name), fill(phrases().count_limit, count=MAX_COLUMNS))
        cell = _read_cell(element, (row_number, column), context)
        element.clear()
        if cell is None or (isinstance(cell.value, str) and not cell.value.strip()):
            continue
        budget[0] -= 1
        if budget[0] < 0:
            raise _limit(phrases().cell_count, fill(phrases().count_limit, count=MAX_CELLS))
        sheet.rows.setdefault(row_number, {})[column] = cell
    return sheet


def _workbook_part(package: _Package) -> str:
    for kind, target in _relationships(package, "").values():
        if kind in _OFFICE_DOCUMENT:
            return target
    raise NotReadable("E502")


def _sheets(package: _Package) -> list[Sheet]:
    part = _workbook_part(package)
    root = _parse(package, part)
    relationships = _relationships(package, part)
    by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in relationships.values()}
    properties = next((e for e in root if _local(e.tag) == "workbookPr"), None)
    date1904 = properties is not None and str(properties.get("date1904", "0")).lower() in ("1", "true")
    dated, percent = _number_styles(package, by_type.get(_STYLES))
    context = CellContext(
        _shared_strings(package, by_type.get(_SHARED_STRINGS)),
        dated,
        percent,
        EPOCH_1904 if date1904 else EPOCH_1900,
    )
    listed = [e for sheets in root if _local(sheets.tag) == "sheets" for e in sheets]
    if len(listed) > MAX_SHEETS:
        raise _limit(phrases().sheet_count, fill(phrases().count_limit, count=MAX_SHEETS))
    budget = [MAX_CELLS]
    found: list[Sheet] = []
    for entry in listed:
        key = entry.get(_RELATIONSHIP_ID) or entry.get(_STRICT_RELATIONSHIP_ID)
        kind, target = relationships.get(str(key), ("", ""))
        if not kind.endswith("/worksheet"):
            continue  # a chart sheet or a dialog sheet holds no cells
        data = package.read(target)
        try:
            found.append(_read_sheet(io.BytesIO(data), str(entry.get("name", "")), context, budget))
        except etree.XMLSyntaxError as exc:
            raise NotReadable("E506", part=target, line=exc.lineno or 0, detail=str(exc.msg or "")[:120]) from None
    return found


def read_xlsx(path: Path) -> list[Sheet]:
    """The worksheets of ``path`` within the limits above; raises :class:`NotReadable` (or ``FileProblem``)."""
    limits = PackageLimits(MAX_FILE_BYTES, MAX_PARTS, MAX_PART_BYTES, MAX_PACKAGE_BYTES, "E502", "E503", "E504")
    with open_package(path, sniff, limits) as archive:
        try:
            return _sheets(_Package(archive))
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise NotReadable("E502") from None
