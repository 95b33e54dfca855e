"""``export``: one or many collections → one .xlsx workbook, the sheets of ``templates/workbook.yaml``.

Money, dates, points and rates are numbers with number formats (never text), the 合计 rows are
SUBTOTAL formulas (so they follow the bureau's filters and edits), text from the project files is always
a string cell (one that begins like a formula is marked as text, never made a formula). The same
collections give the same bytes: fixed document properties and zip entry dates.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import from_catalogue, phrases
from perfsheet.files.identity import is_one_of
from perfsheet.files.safe import FileProblem, file_diagnostic, remove_stale_temporaries, write_file
from perfsheet.model import labels
from perfsheet.rules.check import CheckResult, check_paths
from perfsheet.spreadsheet.declaration import MONEY, TEXT, Sheet, workbook
from perfsheet.spreadsheet.rows import ROW_SOURCES, Row, Value

SUFFIX = ".xlsx"
# Fixed, so that the same collections give the same file (zip's earliest date; a round date for the
# document properties).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_PROPERTIES_DATE = datetime(2000, 1, 1)
_CREATOR = "perfsheet"
# Text that a spreadsheet (or a CSV reader after it) would take for a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The most characters a cell holds (Excel's limit; LibreOffice's is larger).
MAX_CELL_TEXT = 32_767
# Day 0 of the 1900 date system as spreadsheets count it (with Lotus's leap day 1900-02-29).
_EPOCH = date(1899, 12, 30)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FONT = Font(bold=True)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEADER_STYLE = "perfsheet 表头"


@dataclass
class ExportResult:
    check: CheckResult
    path: Path | None = None


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a CJK (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _shown(value: Value, kind: str) -> str:
    """Roughly what the cell shows, to size the column."""
    if isinstance(value, Decimal) and kind == MONEY:
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _number_text(value: Decimal | date | int) -> str:
    """A number as the file stores it: the Decimal's own digits, a date's serial day (1900 system)."""
    if isinstance(value, date):
        return str((value - _EPOCH).days)
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _styles(book: Workbook) -> None:
    """One named style per kind of cell, for the header and for the 合计 rows: a cell takes its style by
    name (setting font, border and format on each cell costs more than writing the whole file)."""
    for kind in workbook().kinds:
        number_format = workbook().number_format(kind) or "General"
        book.add_named_style(
            NamedStyle(_style_name(kind), alignment=_WRAP, border=_BORDER, number_format=number_format)
        )
        book.add_named_style(
            NamedStyle(_style_name(kind, total=True), font=_TOTAL_FONT, border=_BORDER, number_format=number_format)
        )
    book.add_named_style(
        NamedStyle(_HEADER_STYLE, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_HEADER_ALIGNMENT, border=_BORDER)
    )


def _style_name(kind: str, total: bool = False) -> str:
    return f"perfsheet {kind}{' 合计' if total else ''}"


class TextTooLong(Exception):
    """A text longer than a spreadsheet cell holds (a spreadsheet would cut it or call the file broken)."""

    def __init__(self, sheet: str, cell: str, length: int) -> None:
        super().__init__(sheet, cell, length)
        self.sheet, self.cell, self.length = sheet, cell, length


def _write_cell(sheet: Worksheet, row: int, column: int, value: Value, kind: str) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.style = _style_name(kind)
    if value is None or value == "":
        return
    if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
        raise TextTooLong(sheet.title, cell.coordinate, len(value))
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would make a text beginning with = a formula
        if value.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True  # and the spreadsheet keeps it text when the cell is edited
        return
    # Given a number, openpyxl writes float("%.16g") digits (8.70 → 8.699999999999999); given the
    # digits as text with the numeric type, it writes them as they are.
    cell.value = _number_text(value)
    cell.data_type = "n"


def _header(sheet: Worksheet, spec: Sheet) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.data_type = "s"
        cell.style = _HEADER_STYLE


def _label_column(spec: Sheet) -> int:
    """Where a 合计 row says what it is: the 项目名称 column (the first column without one)."""
    return next((i for i, c in enumerate(spec.columns, start=1) if c.field == labels.NAME), 1)


def _total_row(sheet: Worksheet, spec: Sheet, row: int, first: int, last: int, label: str, unit: str | None) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=row, column=index)
        cell.style = _style_name(column.kind if column.summed else TEXT, total=True)
        if column.summed:
            letter = get_column_letter(index)
            # 109: the sum of the rows a filter shows, without the SUBTOTAL rows inside the range.
            cell.value = f"=SUBTOTAL(109,{letter}{first}:{letter}{last})"
        elif index == _label_column(spec):
            cell.value = label
        elif column.field == labels.UNIT and unit is not None:
            cell.value = unit
            cell.data_type = "s"
            if unit.startswith(_FORMULA_STARTS):
                cell.quotePrefix = True


def _fill_sheet(sheet: Worksheet, spec: Sheet, groups: Sequence[tuple[str, list[Row]]]) -> None:
    declared = workbook()
    _header(sheet, spec)
    widths = [display_width(column.header) + 2 for column in spec.columns]
    row = 2
    per_unit = spec.summed and len(groups) > 1
    for unit, rows in groups:
        first = row
        for values in rows:
            for index, column in enumerate(spec.columns, start=1):
                value = values.get(column.field)
                _write_cell(sheet, row, index, value, column.kind)
                shown = _shown(value, column.kind)
                # Measured only while it could still widen the column (a long goal is cut at the maximum).
                if widths[index - 1] < declared.max_width and 2 * len(shown) + 2 > widths[index - 1]:
                    longest = max(display_width(line) for line in shown.split("\n"))
                    widths[index - 1] = max(widths[index - 1], longest + 2)
            row += 1
        if per_unit and rows:
            _total_row(sheet, spec, row, first, row - 1, phrases().total, unit)
            row += 1
    last = max(row - 1, 1)
    last_letter = get_column_letter(len(spec.columns))
    sheet.auto_filter.ref = f"A1:{last_letter}{last}"
    if spec.summed and row > 2:
        _total_row(sheet, spec, row, 2, row - 1, declared.grand_total, None)
    total_width = 0
    for index, column in enumerate(spec.columns, start=1):
        width = min(max(column.width, widths[index - 1]), declared.max_width)
        sheet.column_dimensions[get_column_letter(index)].width = width
        total_width += width
    label = _label_column(spec)
    sheet.freeze_panes = f"{get_column_letter(label + 1)}2"
    _print_setup(sheet, total_width, label)


def _print_setup(sheet: Worksheet, total_width: int, label: int) -> None:
    """A4 landscape, the header row on every page. A sheet a little wider than the page is shrunk to its
    width; one much wider is printed at the smallest readable scale over several pages across, each
    starting with the columns up to the project's name."""
    printing = workbook().printing
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if total_width <= printing.page_width:
        return
    if total_width * printing.min_scale <= printing.page_width * 100:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        return
    sheet.page_setup.scale = printing.min_scale
    sheet.print_title_cols = f"A:{get_column_letter(label)}"


def workbook_bytes(collections: Sequence[Collection]) -> bytes:
    """The workbook of ``collections`` (validated, with settings), as the bytes of an .xlsx file."""
    book = Workbook()
    book.remove(book.active)
    _styles(book)
    for spec in workbook().sheets:
        source = ROW_SOURCES[spec.rows]
        groups = [(c.settings.unit if c.settings else "", list(source(c))) for c in collections]
        if spec.only_with_rows and not any(rows for _unit, rows in groups):
            continue
        _fill_sheet(book.create_sheet(spec.name), spec, groups)
    book.properties.creator = _CREATOR
    book.properties.lastModifiedBy = _CREATOR
    book.properties.created = book.properties.modified = _PROPERTIES_DATE
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not save_workbook: that one stamps the time of saving into the properties.
        ExcelWriter(book, archive).save()
    return _with_fixed_dates(written.getvalue())


def _with_fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated alike and marked as made on no particular system."""
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()


def _output_problem(collections: Sequence[Collection], target: Path) -> str | None:
    if target.is_dir():
        return "E520"
    if target.suffix.lower() != SUFFIX:
        return "E521"
    if is_one_of(target, [path for collection in collections for path in collection.paths_read()]):
        return "E522"
    return None


def export(paths: Sequence[Path], output: Path) -> ExportResult:
    """Validate ``paths`` (one collection each) and, when every one passes, write their workbook to
    ``output``: never over an input, never half a file (an earlier workbook stays until the new one is
    complete)."""
    result = ExportResult(check_paths(paths))
    report = result.check.report
    if report.failed(False):
        return result
    collections = result.check.collections
    empty = [str(c.root) for c in collections if c.settings is None or not c.valid_projects]
    if empty or not collections:
        for shown in empty or [str(output)]:
            report.add(from_catalogue("E304", shown, None))
        return result
    target = Path(os.path.abspath(output))
    problem = _output_problem(collections, target)
    if problem is not None:
        report.add(from_catalogue(problem, str(target), None, path=str(target)))
        return result
    remove_stale_temporaries(target)
    try:
        result.path = write_file(target, workbook_bytes(collections), replace=True)
    except FileProblem as failure:
        report.add(file_diagnostic(failure))
    except TextTooLong as long:
        limit = f"{MAX_CELL_TEXT:,}"
        report.add(
            from_catalogue(
                "E523", str(target), None, sheet=long.sheet, cell=long.cell, length=f"{long.length:,}", limit=limit
            )
        )
    return result
