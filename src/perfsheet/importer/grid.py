"""A .docx read as plain grids: every table a list of rows, every row one entry per grid column, with
real merges resolved (gridSpan across, vMerge down) so that a merged cell shows its text in every
column and row it covers.

A Word file comes from someone else and is untrusted: the package is read from at most a bounded number
of bytes, its members are checked (count, names, inflated sizes) before anything is inflated, and
``document.xml`` is parsed in one streaming pass with entities, DTDs and the network off, keeping only
the tables' text. Merges are resolved column by column as the rows go by, so time and memory grow
linearly with the document. Every limit is a constant here, each refusal a catalogue code.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lxml import etree

from perfsheet.diagnostics import fill, phrases
from perfsheet.files.safe import read_user_file

# Generous above any real form collection: build's own output of 1,000 projects is under 1 MB.
MAX_FILE_BYTES = 50_000_000
MAX_PART_BYTES = 50_000_000
MAX_PACKAGE_BYTES = 200_000_000
MAX_PARTS = 2_000
MAX_COLUMNS = 64
MAX_GRID_CELLS = 2_000_000
MAX_TABLE_NESTING = 8
# A part may inflate to what its compressed size justifies: Word's own parts shrink 5 to 20 times, build's
# 1,000 near-identical forms 41 times; 82 KB inflating to 50 MB of empty paragraphs (600 times) is no
# document. Small parts are exempt (a short, repetitive styles part may shrink more).
MAX_INFLATE_RATIO = 100
_RATIO_GRACE_BYTES = 1_000_000
# Word nests a few dozen elements at most (text boxes in nested tables); every libxml2 stops at 256 or more
# with its own English message, so perfsheet bounds the depth first, whichever parser is installed.
MAX_ELEMENT_DEPTH = 160
_CHUNK_BYTES = 65_536

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _TABLE, _ROW, _CELL, _PARAGRAPH, _RUN = (_W + n for n in ("body", "tbl", "tr", "tc", "p", "r"))
_TEXT, _TAB, _BREAK, _CARRIAGE = (_W + n for n in ("t", "tab", "br", "cr"))
_GRID_SPAN, _VMERGE, _GRID_BEFORE, _VAL = _W + "gridSpan", _W + "vMerge", _W + "gridBefore", _W + "val"
_READ_TAGS = frozenset(
    (_TABLE, _ROW, _CELL, _PARAGRAPH, _TEXT, _TAB, _BREAK, _CARRIAGE, _GRID_SPAN, _VMERGE, _GRID_BEFORE)
)
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


@dataclass(frozen=True)
class GridCell:
    """The text of a grid position and which physical cell it comes from (merged positions share it)."""

    text: str
    origin: str


@dataclass(frozen=True)
class Grid:
    number: int  # 1-based, in document order
    rows: list[list[GridCell]]


@dataclass(frozen=True)
class DocxContent:
    paragraphs: list[str]
    grids: list[Grid]


class NotReadable(Exception):
    """The file is not a .docx we can read safely; ``code`` is the diagnostic's catalogue code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(head: bytes) -> None:
    """Refuse a PDF, a legacy .doc, an OpenDocument file or anything else that is not a Word 2007+ package."""
    if head.startswith(b"%PDF"):
        raise NotReadable("E331")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotReadable("E330")
    if not head.startswith(b"PK"):
        raise NotReadable("E332")
    if b"application/vnd.oasis.opendocument" in head[:200]:
        raise NotReadable("E339")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class PackageLimits:
    """What a zip package may hold, checked before anything is inflated, and the catalogue codes that
    refuse a member named outside the package and a package over a limit (Word files and workbooks)."""

    file_bytes: int
    parts: int
    part_bytes: int
    package_bytes: int
    broken: str
    unsafe_name: str
    over_limit: str


def check_members(archive: zipfile.ZipFile, limits: PackageLimits) -> None:
    members = archive.infolist()
    if len(members) > limits.parts:
        raise NotReadable(
            limits.over_limit, what=phrases().part_count, limit=fill(phrases().count_limit, count=limits.parts)
        )
    total = 0
    for member in members:
        name = member.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise NotReadable(limits.unsafe_name, name=name)
        if member.file_size > limits.part_bytes:
            raise NotReadable(
                limits.over_limit,
                what=fill(phrases().part_size, name=name),
                limit=fill(phrases().byte_limit, count=limits.part_bytes),
            )
        if member.file_size > _RATIO_GRACE_BYTES and member.file_size > MAX_INFLATE_RATIO * member.compress_size:
            raise NotReadable(
                "E336",
                what=fill(phrases().part_ratio, name=name),
                limit=fill(phrases().ratio_limit, count=MAX_INFLATE_RATIO),
            )
        total += member.file_size
    if total > limits.package_bytes:
        raise NotReadable(
            limits.over_limit,
            what=phrases().unpacked_size,
            limit=fill(phrases().byte_limit, count=limits.package_bytes),
        )


def open_package(path: Path, sniff: Callable[[bytes], None], limits: PackageLimits) -> zipfile.ZipFile:
    """The zip package at ``path``: read within its byte limit, its first bytes sniffed (a file of another
    kind refused with its own message), its members checked; raises :class:`NotReadable`."""
    data = read_user_file(path, limits.file_bytes)
    sniff(data[:200])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotReadable(limits.broken) from None
    try:
        check_members(archive, limits)
    except NotReadable:
        archive.close()
        raise
    return archive


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document's member name, from the package relationships (usually word/document.xml)."""
    try:
        with archive.open("_rels/.rels") as stream:
            relationships = etree.parse(stream, _safe_parser()).getroot()
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        raise NotReadable("E332") from None
    for relationship in relationships:
        if relationship.get("Type") in (_OFFICE_DOCUMENT, _STRICT_OFFICE_DOCUMENT):
            return str(posixpath.normpath(str(relationship.get("Target", "")).lstrip("/")))
    raise NotReadable("E332")


@dataclass
class _Cell:
    span: int = 1
    merge: str | None = None  # None: no vMerge; "restart"; "continue"
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _TableBuilder:
    """Rows of one top-level table, merges resolved as each row ends."""

    number: int
    rows: list[list[GridCell]] = field(default_factory=list)
    row: list[_Cell] = field(default_factory=list)
    skipped: int = 0  # gridBefore of the current row

    def end_row(self, budget: list[int]) -> None:
        above = self.rows[-1] if self.rows else []
        resolved: list[GridCell] = []
        index = len(self.rows)
        for _ in range(self.skipped):
            resolved.append(GridCell("", f"{self.number}:{index}:{len(resolved)}"))
        for cell in self.row:
            column = len(resolved)
            if cell.merge == "continue" and column < len(above):
                shared = above[column]
            else:
                shared = GridCell("\n".join(cell.paragraphs), f"{self.number}:{index}:{column}")
            resolved.extend([shared] * cell.span)
            if len(resolved) > MAX_COLUMNS:
                raise NotReadable(
                    "E336",
                    what=fill(phrases().table_columns, number=self.number),
                    limit=fill(phrases().column_limit, count=MAX_COLUMNS),
                )
        budget[0] -= len(resolved)
        if budget[0] < 0:
            raise NotReadable(
                "E336", what=phrases().cell_count, limit=fill(phrases().count_limit, count=MAX_GRID_CELLS)
            )
        self.rows.append(resolved)
        self.row, self.skipped = [], 0


def _grid_span(value: str | None) -> int:
    try:
        span = int(value or "1")
    except ValueError:
        return 1
    if span > MAX_COLUMNS:
        raise NotReadable("E336", what=phrases().merged_columns, limit=fill(phrases().column_limit, count=MAX_COLUMNS))
    return max(span, 1)


class _DocumentTarget:
    """lxml's parser target for document.xml: called for every element as the parser meets it, so no tree
    is ever built (memory stays flat whatever the file holds) and perfsheet's own limits are checked
    before the parser's (whose depth limit and wording change between libxml2 releases)."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.grids: list[Grid] = []
        self.budget = [MAX_GRID_CELLS]
        self.table: _TableBuilder | None = None
        self.cell: _Cell | None = None
        self.nesting = 0  # tables
        self.stack: list[str] = []  # the open elements' tags
        self.paragraph: list[str] | None = None  # the text of the paragraph being read, when it is one we keep
        self.paragraph_depth = 0
        self.in_text = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        stack = self.stack
        if len(stack) >= MAX_ELEMENT_DEPTH:
            raise NotReadable(
                "E336", what=phrases().element_nesting, limit=fill(phrases().nesting_limit, count=MAX_ELEMENT_DEPTH)
            )
        parent = stack[-1] if stack else None
        stack.append(tag)
        if tag not in _READ_TAGS:
            return
        if tag == _TABLE:
            self.nesting += 1
            if self.nesting > MAX_TABLE_NESTING:
                raise NotReadable(
                    "E336", what=phrases().table_nesting, limit=fill(phrases().nesting_limit, count=MAX_TABLE_NESTING)
                )
            if self.nesting == 1:
                self.table = _TableBuilder(len(self.grids) + 1)
        elif tag == _PARAGRAPH:
            self.paragraph_depth += 1
            if self.paragraph_depth == 1 and (
                (parent == _BODY and self.nesting == 0) or (parent == _CELL and self.nesting == 1)
            ):
                self.paragraph = []
        elif tag == _TEXT:
            self.in_text = self.paragraph is not None and self.paragraph_depth == 1
        elif tag in (_TAB, _BREAK, _CARRIAGE):
            if self.paragraph is not None and self.paragraph_depth == 1 and parent == _RUN:
                self.paragraph.append("\t" if tag == _TAB else "\n")
        elif self.nesting == 1 and self.table is not None:
            cell = self.cell
            if tag == _CELL:
                self.cell = _Cell()
            elif tag == _GRID_SPAN and cell is not None:
                cell.span = _grid_span(attrib.get(_VAL))
            elif tag == _VMERGE and cell is not None:
                cell.merge = "restart" if attrib.get(_VAL) == "restart" else "continue"
            elif tag == _GRID_BEFORE and cell is None:
                self.table.skipped = min(_grid_span(attrib.get(_VAL)), MAX_COLUMNS)

    def doctype(self, _name: str | None, _public: str | None, _system: str | None) -> None:
        """Word never writes a DTD; wherever one stands (after a comment of any length too), the file is
        refused before its entities are declared, so no cell text can hang on one."""
        raise NotReadable("E337")

    def data(self, text: str) -> None:
        if self.in_text and self.paragraph is not None:
            self.paragraph.append(text)

    def end(self, tag: str) -> None:
        self.stack.pop()
        if tag not in _READ_TAGS:
            return
        if tag == _TEXT:
            self.in_text = False
        elif tag == _PARAGRAPH:
            self.paragraph_depth -= 1
            if self.paragraph_depth == 0 and self.paragraph is not None:
                text = "".join(self.paragraph)
                if self.cell is not None and self.nesting == 1:
                    self.cell.paragraphs.append(text)
                elif self.nesting == 0 and text:  # an empty one says nothing (and a flood of them costs nothing)
                    self.paragraphs.append(text)
                self.paragraph = None
        elif tag == _TABLE:
            if self.nesting == 1 and self.table is not None:
                self.grids.append(Grid(self.table.number, self.table.rows))
                self.table = None
            self.nesting -= 1
        elif self.nesting == 1 and self.table is not None:
            if tag == _CELL and self.cell is not None:
                self.table.row.append(self.cell)
                self.cell = None
            elif tag == _ROW:
                self.table.end_row(self.budget)

    def close(self) -> DocxContent:
        return DocxContent(self.paragraphs, self.grids)


def _read_document(stream: io.BufferedIOBase) -> DocxContent:
    """One streaming pass over document.xml: body paragraphs and top-level tables, nothing else kept."""
    parser = etree.XMLParser(
        target=_DocumentTarget(), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    while chunk := stream.read(_CHUNK_BYTES):
        parser.feed(chunk)
    return cast(DocxContent, parser.close())


def read_docx(path: Path) -> DocxContent:
    """Read ``path`` within the limits above; raises :class:`NotReadable` (or ``FileProblem``)."""
    limits = PackageLimits(MAX_FILE_BYTES, MAX_PARTS, MAX_PART_BYTES, MAX_PACKAGE_BYTES, "E332", "E335", "E336")
    with open_package(path, sniff, limits) as archive:
        name = _main_part(archive)
        try:
            with archive.open(name) as opened:
                return _read_document(cast(zipfile.ZipExtFile, opened))
        except KeyError:
            raise NotReadable("E332") from None
        except etree.XMLSyntaxError as exc:
            raise NotReadable("E338", part=name, line=exc.lineno or 0, detail=str(exc.msg or "")[:120]) from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise NotReadable("E332") from None
