"""A .docx read as plain grids: every table a list of rows, every row one entry per grid column, with
real merges resolved (gridSpan across, vMerge down) so that a merged cell shows its text in every
column and row it covers."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError

import docx


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
    """The file is not a .docx; ``code`` is the diagnostic's catalogue code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def sniff(path: Path) -> None:
    """Refuse a PDF, a legacy .doc or anything else that is not a Word 2007+ package."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"%PDF"):
        raise NotReadable("E331")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotReadable("E330")
    if not zipfile.is_zipfile(path):
        raise NotReadable("E332")


def read_docx(path: Path) -> DocxContent:
    sniff(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NotReadable("E332") from exc
    grids = []
    for number, table in enumerate(document.tables, start=1):
        rows = []
        tree = table._tbl.getroottree()
        for row in table.rows:
            # python-docx resolves gridSpan and vMerge: a merged cell comes back once per grid column
            # and row it covers, as the same underlying element, named here by its path.
            rows.append([GridCell(cell.text, tree.getpath(cell._tc)) for cell in row.cells])
        grids.append(Grid(number, rows))
    return DocxContent([p.text for p in document.paragraphs], grids)
