"""A .docx read as plain grids: every table a list of rows, every row one entry per grid column, with
real merges resolved (gridSpan across, vMerge down) so that a merged cell shows its text in every
column and row it covers.

A Word file comes from someone else and is untrusted: the package is opened by ``ooxml`` (bounded bytes,
members checked before anything is inflated), and ``document.xml`` is parsed in one streaming pass with
entities, DTDs and the network off, keeping only the tables' text. Merges are resolved column by column
as the rows go by, so time and memory grow linearly with the document. Every limit is a constant here,
each refusal a catalogue code.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from perfsheet.diagnostics import fill, phrases
from perfsheet.importer.ooxml import (
    MAX_FILE_BYTES,
    MAX_PACKAGE_BYTES,
    MAX_PART_BYTES,
    MAX_PARTS,
    NotReadable,
    PackageLimits,
    main_part,
    open_package,
    sniff,
)

MAX_COLUMNS = 64
MAX_GRID_CELLS = 2_000_000
MAX_TABLE_NESTING = 8
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
        name = main_part(archive)
        try:
            with archive.open(name) as opened:
                return _read_document(cast(zipfile.ZipExtFile, opened))
        except KeyError:
            raise NotReadable("E332") from None
        except etree.XMLSyntaxError as exc:
            raise NotReadable("E338", part=name, line=exc.lineno or 0, detail=str(exc.msg or "")[:120]) from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise NotReadable("E332") from None
