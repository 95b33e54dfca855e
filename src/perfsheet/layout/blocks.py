"""The layout's plain data: paragraphs and tables of cells with spans and roles, nothing Word-specific.

A table is a grid: every row's spans add up to the number of columns, and a vertically merged cell is
written out in every row it covers (``merge="restart"`` on the first, ``"continue"`` below), so the emit
step never has to compute a merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Merge = Literal["", "restart", "continue"]


# Named tuples rather than dataclasses: a thousand forms make over a hundred thousand cells.
class Cell(NamedTuple):
    text: str
    role: str
    span: int = 1
    merge: Merge = ""

    def continued(self) -> Cell:
        """The same cell as seen from a row further down its vertical merge."""
        return Cell("", self.role, self.span, "continue")


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    can_split: bool = False
    keep_with_next: bool = False
    header: bool = False
    # The row's height in twips, at least (a form's rows are set to their estimated height, so that each
    # page holds what the page-break estimate put on it); None for the table's minimum row height.
    height: int | None = None

    @property
    def width(self) -> int:
        return sum(cell.span for cell in self.cells)

    def single_texts(self) -> list[str]:
        """Per grid column, the text of the cell that covers it alone ("" under a wider cell or a merge
        continued from above): what fits a column to its values reads."""
        texts: list[str] = []
        for cell in self.cells:
            texts.append(cell.text if cell.span == 1 and cell.merge != "continue" else "")
            texts.extend([""] * (cell.span - 1))
        return texts


@dataclass(frozen=True)
class Table:
    widths: tuple[int, ...]
    rows: tuple[Row, ...]
    size: float | None = None
    # The table continues in the next one (the indicator block): no bottom border of its own.
    open_bottom: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: Literal["title", "cover_title", "subtitle", "sentence", "note", "spacer", "joint"]
    page_break_before: bool = False


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
