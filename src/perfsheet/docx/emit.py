"""Stage 5, emit: layout data → WordprocessingML strings, a whole table in one pass.

No python-docx object model here: building cells through ``table.cell()`` and ``merge()`` costs 100×
(layout.md §3). Element order follows the OOXML schema (tcPr: tcW, gridSpan, vMerge, vAlign; pPr:
pStyle, keepNext, pageBreakBefore, jc).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from perfsheet.layout.model import Block, Cell, Paragraph, Row, Table

_PARAGRAPH_STYLES = {
    "title": "FormTitle",
    "cover_title": "CoverTitle",
    "subtitle": "FormSubtitle",
    "sentence": "FormSentence",
    "note": "FormNote",
    "spacer": "Spacer",
}


def _runs(text: str, run_properties: str) -> str:
    """Text runs; a tab becomes ``w:tab`` so that nothing the user typed is lost."""
    rpr = f"<w:rPr>{run_properties}</w:rPr>" if run_properties else ""
    pieces = []
    for index, chunk in enumerate(text.split("\t")):
        if index:
            pieces.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if chunk:
            pieces.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
    return "".join(pieces)


def paragraph_xml(paragraph: Paragraph) -> str:
    page_break = "<w:pageBreakBefore/>" if paragraph.page_break_before else ""
    style = _PARAGRAPH_STYLES[paragraph.role]
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{page_break}</w:pPr>{_runs(paragraph.text, "")}</w:p>'


class TableWriter:
    """Writes tables with the roles' alignment and weight from ``templates/form.yaml``."""

    def __init__(self, style: dict[str, Any]) -> None:
        self.roles: dict[str, dict[str, Any]] = style["roles"]
        self.table_style: dict[str, Any] = style["table"]

    def table_xml(self, table: Table) -> str:
        width = sum(table.widths)
        border = self.table_style["border_size"]
        margin = self.table_style["cell_margin"]
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        size = f'<w:sz w:val="{round(table.size * 2)}"/><w:szCs w:val="{round(table.size * 2)}"/>' if table.size else ""
        parts = [
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
        ]
        for row in table.rows:
            parts.append(self._row_xml(row, table.widths, size))
        parts.append("</w:tbl>")
        return "".join(parts)

    def _row_xml(self, row: Row, widths: tuple[int, ...], size: str) -> str:
        if row.width != len(widths):
            raise ValueError(f"row spans {row.width} columns, the grid has {len(widths)}")
        properties = [] if row.can_split else ["<w:cantSplit/>"]
        properties.append(f'<w:trHeight w:val="{self.table_style["min_row_height"]}"/>')
        if row.header:
            properties.append("<w:tblHeader/>")
        cells = []
        column = 0
        for cell in row.cells:
            cell_width = sum(widths[column : column + cell.span])
            column += cell.span
            cells.append(self._cell_xml(cell, cell_width, row.keep_with_next, size))
        return f"<w:tr><w:trPr>{''.join(properties)}</w:trPr>{''.join(cells)}</w:tr>"

    def _cell_xml(self, cell: Cell, width: int, keep_with_next: bool, size: str) -> str:
        role = self.roles[cell.role]
        tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
        if cell.span > 1:
            tcpr.append(f'<w:gridSpan w:val="{cell.span}"/>')
        if cell.merge == "restart":
            tcpr.append('<w:vMerge w:val="restart"/>')
        elif cell.merge == "continue":
            tcpr.append("<w:vMerge/>")
        tcpr.append('<w:vAlign w:val="center"/>')
        keep = "<w:keepNext/>" if keep_with_next else ""
        ppr = f'<w:pPr><w:pStyle w:val="TableText"/>{keep}<w:jc w:val="{role["align"]}"/></w:pPr>'
        rpr = ("<w:b/><w:bCs/>" if role.get("bold") else "") + size
        # The user's line breaks become paragraphs; an empty cell still needs one paragraph.
        lines = cell.text.split("\n") if cell.text else [""]
        paragraphs = "".join(f"<w:p>{ppr}{_runs(line, rpr)}</w:p>" for line in lines)
        return f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{paragraphs}</w:tc>"


def body_xml(blocks: list[Block], style: dict[str, Any]) -> str:
    """The document body; a table at the very end gets a hairline paragraph so no blank page follows."""
    writer = TableWriter(style)
    parts = [writer.table_xml(b) if isinstance(b, Table) else paragraph_xml(b) for b in blocks]
    if blocks and isinstance(blocks[-1], Table):
        parts.append(paragraph_xml(Paragraph("", "spacer")))
    return "".join(parts)
