"""Stage 5, emit: layout data → WordprocessingML strings, a whole table in one pass.

No python-docx object model here: building cells through ``table.cell()`` and ``merge()`` costs 100×
(measured when the writer was designed). Element order follows the OOXML schema (tcPr: tcW, gridSpan,
vMerge, shd, vAlign; pPr: pStyle, keepNext, pageBreakBefore, jc).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate

from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.style import Style

_PARAGRAPH_STYLES = {
    "title": "FormTitle",
    "cover_title": "CoverTitle",
    "subtitle": "FormSubtitle",
    "sentence": "FormSentence",
    "note": "FormNote",
    "spacer": "Spacer",
    "joint": "TableJoint",
}


# Characters XML 1.0 cannot carry. validate refuses them wherever they are typed; meeting one here is a
# bug, and writing it would make a document no reader opens.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Cells' XML kept for reuse (bounded: a collection's unique texts, goals and names, are not kept for long).
_CACHED_CELLS = 1 << 14


class NotWellFormed(ValueError):
    """A text the writer must never emit (a bug upstream: the run stops, exit 3, nothing written)."""


def escape(text: str) -> str:
    """The three characters text in XML may not hold as they are (xml.sax.saxutils would bring
    urllib.request, http and ssl into every build's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str, run_properties: str) -> str:
    """Text runs; a tab becomes ``w:tab`` so that nothing the user typed is lost."""
    forbidden = _NOT_XML.search(text)
    if forbidden:
        raise NotWellFormed(f"U+{ord(forbidden.group()):04X} cannot be written into document.xml: {text[:40]!r}")
    rpr = f"<w:rPr>{run_properties}</w:rPr>" if run_properties else ""
    if "\t" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    pieces = []
    for index, chunk in enumerate(text.split("\t")):
        if index:
            pieces.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if chunk:
            pieces.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
    return "".join(pieces)


def paragraph_xml(paragraph: Paragraph) -> str:
    """A paragraph; a line break the layout put in its text (a sentence's last item kept whole) is a
    ``w:br``."""
    page_break = "<w:pageBreakBefore/>" if paragraph.page_break_before else ""
    style = _PARAGRAPH_STYLES[paragraph.role]
    runs = "<w:r><w:br/></w:r>".join(_runs(line, "") for line in paragraph.text.split("\n"))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{page_break}</w:pPr>{runs}</w:p>'


class TableWriter:
    """Writes tables with the roles' alignment and weight from ``templates/form.yaml``."""

    def __init__(self, look: Style) -> None:
        self.roles = look.roles
        self.table_style = look.table
        self._row_height = f'<w:trHeight w:val="{self.table_style.min_row_height}"/>'
        self._tcpr_cache: dict[tuple[int, int, str, str | None], str] = {}
        self._text_cache: dict[tuple[str, bool, str], tuple[str, str]] = {}
        # Each cell's XML by the cell, its width, keep-with-next and size: a thousand forms repeat their
        # labels and most values, and a cell is written the same wherever it stands.
        self._cells: dict[tuple[Cell, int, bool, str], bytes] = {}
        self._row_cache: dict[tuple[bool, int | None, bool], bytes] = {}

    def table_xml(self, table: Table) -> bytes:
        """The table in UTF-8: its cells' XML is kept encoded, so the body is never encoded as a whole."""
        width = sum(table.widths)
        border = self.table_style.border_size
        margin = self.table_style.cell_margin
        borders = "".join(
            f'<w:{side} w:val="nil"/>'
            if side == "bottom" and table.open_bottom
            else f'<w:{side} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        size = f'<w:sz w:val="{round(table.size * 2)}"/><w:szCs w:val="{round(table.size * 2)}"/>' if table.size else ""
        head = "".join([
            "<w:tbl><w:tblPr>",
            f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>',
            f"<w:tblBorders>{borders}</w:tblBorders>",
            '<w:tblLayout w:type="fixed"/>',
            f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/>',
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in table.widths),
            "</w:tblGrid>",
        ])  # fmt: skip
        parts = [head.encode()]
        edges = tuple(accumulate(table.widths, initial=0))
        for row in table.rows:
            self._row_xml(parts, row, edges, size)
        parts.append(b"</w:tbl>")
        return b"".join(parts)

    def _row_xml(self, parts: list[bytes], row: Row, edges: tuple[int, ...], size: str) -> None:
        """A row onto ``parts``; ``edges`` are the grid's column boundaries (0, then each column's right
        edge)."""
        columns = len(edges) - 1
        key = (row.can_split, row.height, row.header)
        properties = self._row_cache.get(key)
        if properties is None:
            text = "" if row.can_split else "<w:cantSplit/>"
            text += self._row_height if row.height is None else f'<w:trHeight w:val="{row.height}"/>'
            if row.header:
                text += "<w:tblHeader/>"
            properties = self._row_cache[key] = f"<w:tr><w:trPr>{text}</w:trPr>".encode()
        parts.append(properties)
        cells = self._cells
        keep = row.keep_with_next
        column = 0
        for cell in row.cells:
            end = column + cell.span
            if end > columns:
                column = end  # past the grid's last column: refused below
                break
            cell_key = (cell, edges[end] - edges[column], keep, size)
            xml = cells.get(cell_key)
            if xml is None:
                if len(cells) >= _CACHED_CELLS:
                    cells.clear()
                xml = cells[cell_key] = self._cell_xml(cell, cell_key[1], keep, size).encode()
            parts.append(xml)
            column = end
        if column != columns:
            raise ValueError(f"row spans {row.width} columns, the grid has {columns}")
        parts.append(b"</w:tr>")

    def _cell_xml(self, cell: Cell, width: int, keep_with_next: bool, size: str) -> str:
        tcpr = self._cell_properties(width, cell.span, cell.merge, self.roles[cell.role].fill)
        ppr, rpr = self._text_properties(cell.role, keep_with_next, size)
        # The user's line breaks become paragraphs; an empty cell still needs one paragraph.
        text = cell.text
        if not text:
            paragraphs = f"<w:p>{ppr}</w:p>"
        else:
            paragraphs = "".join(f"<w:p>{ppr}{_runs(line, rpr)}</w:p>" for line in text.split("\n"))
        return f"<w:tc>{tcpr}{paragraphs}</w:tc>"

    def _cell_properties(self, width: int, span: int, merge: str, fill: str | None = None) -> str:
        """``w:tcPr``, cached: a thousand forms repeat the same few hundred combinations."""
        key = (width, span, merge, fill)
        cached = self._tcpr_cache.get(key)
        if cached is None:
            parts = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
            if span > 1:
                parts.append(f'<w:gridSpan w:val="{span}"/>')
            if merge == "restart":
                parts.append('<w:vMerge w:val="restart"/>')
            elif merge == "continue":
                parts.append("<w:vMerge/>")
            if fill is not None:
                parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
            parts.append('<w:vAlign w:val="center"/>')
            cached = self._tcpr_cache[key] = f"<w:tcPr>{''.join(parts)}</w:tcPr>"
        return cached

    def _text_properties(self, role_name: str, keep_with_next: bool, size: str) -> tuple[str, str]:
        key = (role_name, keep_with_next, size)
        cached = self._text_cache.get(key)
        if cached is None:
            role = self.roles[role_name]
            keep = "<w:keepNext/>" if keep_with_next else ""
            ppr = f'<w:pPr><w:pStyle w:val="TableText"/>{keep}<w:jc w:val="{role.align}"/></w:pPr>'
            rpr = ("<w:b/><w:bCs/>" if role.bold else "") + size
            cached = self._text_cache[key] = (ppr, rpr)
        return cached


def body_chunks(blocks: Iterable[Block], look: Style) -> Iterator[bytes]:
    """The document body block by block, in UTF-8; a table at the very end gets a hairline paragraph so
    that no blank page follows it."""
    writer = TableWriter(look)
    last: Block | None = None
    for block in blocks:
        yield writer.table_xml(block) if isinstance(block, Table) else paragraph_xml(block).encode()
        last = block
    if isinstance(last, Table):
        yield paragraph_xml(Paragraph("", "spacer")).encode()
