"""``import FILE.xlsx``: a workbook → project files. Our own export reads back to the same files; an
indicator sheet made by hand is read by its header labels (columns in any order, merged or blank-repeated
项目/一级/二级 cells filled down, the 指标值 in one cell or split over 比较符/数值/计量单位, amounts in 万元
by the sheet's label). Every row is read or reported with its sheet, row and column.

The files are written by the Word importer's writer (importer/writer.py), so a value that parses is
written canonically and one that does not is kept verbatim for ``validate`` to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from perfsheet.diagnostics import from_catalogue, listing
from perfsheet.files.safe import FileProblem
from perfsheet.importer.labels import normalize
from perfsheet.importer.ooxml import NotReadable
from perfsheet.importer.reader import FormData, canonical_level1, canonical_level2, relocate
from perfsheet.model import labels
from perfsheet.model.values import ValueProblem, format_target_number, parse_target
from perfsheet.spreadsheet.cells import SheetCell
from perfsheet.spreadsheet.package import read_xlsx
from perfsheet.spreadsheet.rows import COMPARATOR, MEASURE, NUMBER, UNIT
from perfsheet.spreadsheet.tables import LEVEL1, LEVEL2, LEVEL3, Table, find_table
from perfsheet.spreadsheet.workbook_state import (
    ProjectRead,
    Reader,
    WorkbookImport,
    is_total,
    row_text,
)
from perfsheet.spreadsheet.year_sheets import evaluations, monitorings, progress, results

# What import reads as a workbook (the legacy and OpenDocument ones only to say how to save them as .xlsx).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")

_SIMPLE_FIELDS = (
    labels.NAME,
    labels.NATURE,
    labels.CATEGORY,
    labels.DEPARTMENT,
    labels.IMPLEMENTER,
    labels.START,
    labels.END,
)


def _name_above(table: Table) -> str:
    """「项目名称：……」 above the header, in one cell or in the next cell to its right."""
    label = labels.NAME
    for number, cells in table.sheet.rows.items():
        if number >= table.header_row:
            break
        ordered = sorted(cells.items())
        for index, (_column, cell) in enumerate(ordered):
            key = normalize(cell.text)
            if not key.startswith(label):
                continue
            rest = key[len(label) :].lstrip(":")
            if rest:
                return cell.text.strip()[cell.text.strip().find(rest[0]) :].strip()
            following = [c.text.strip() for _c, c in ordered[index + 1 :] if c.text.strip()]
            if following:
                return following[0]
    return ""


def _units(reader: Reader, table: Table) -> None:
    for number, row in table.rows():
        unit = table.text(row, UNIT)
        if not unit:
            reader.report_in_sheet("E509", table, number, 1, row=number, missing=UNIT, text=row_text(row))
            continue
        read = reader.unit(unit)
        year = table.cell(row, labels.YEAR)
        if year is not None and isinstance(year.value, Decimal) and year.value == year.value.to_integral():
            read.year = int(year.value)
        elif year is not None and year.text.strip().isdigit():
            read.year = int(year.text.strip())
        read.department = table.text(row, labels.SETTINGS_DEPARTMENT)
        reader.result.rows_read += 1


def _projects(reader: Reader, table: Table) -> None:
    reader.summary_read = True
    first_rows: dict[tuple[str, str], int] = {}
    for number, row in table.rows():
        if is_total(table, row):
            continue
        name = table.text(row, labels.NAME)
        if not name:
            reader.report_in_sheet(
                "E509",
                table,
                number,
                table.columns.get(labels.NAME, 1),
                row=number,
                missing=labels.NAME,
                text=row_text(row),
            )
            continue
        unit = table.text(row, UNIT)
        if (unit, name) in first_rows:
            reader.report_in_sheet(
                "E512", table, number, table.columns[labels.NAME], row=number, name=name, first=first_rows[(unit, name)]
            )
            continue
        first_rows[(unit, name)] = number
        form = FormData(0, indicator_block=True)
        for key in _SIMPLE_FIELDS:
            text = reader.cell_text(table, row, key)
            if text:
                form.fields[key] = text
        form.fields[labels.NAME] = name
        for key in (labels.OVERALL_GOAL, labels.ANNUAL_GOAL):
            form.goals[key] = reader.cell_text(table, row, key)
        for label in labels.ANNUAL_FUND_LABELS:
            form.annual_funds[label] = reader.cell_text(table, row, f"{labels.ANNUAL_FUNDS}.{label}")
        for label in labels.PROJECT_FUND_LABELS:
            form.project_funds[label] = reader.cell_text(table, row, f"{labels.PROJECT_FUNDS}.{label}")
        reader.unit(unit).projects[name] = ProjectRead(unit, form)
        reader.result.rows_read += 1


def _split_value(reader: Reader, table: Table, row: dict[int, SheetCell]) -> str:
    """比较符 + 数值 + 计量单位 as one 指标值 (「≥1.00(场)」); what is there, as it is, otherwise."""
    comparator, unit = table.text(row, COMPARATOR), table.text(row, MEASURE)
    cell = table.cell(row, NUMBER)
    number = ""
    if cell is not None:
        number = format_target_number(cell.value) if isinstance(cell.value, Decimal) else cell.text.strip()
    if cell is not None and cell.percent and not unit:
        unit = "%"  # 90% typed in the 数值 column
    if comparator and number and unit:
        return f"{comparator}{number}({unit})"
    return f"{comparator}{number}{unit}"


def _same_target(first: str, second: str) -> bool:
    try:
        return parse_target(first) == parse_target(second)
    except ValueProblem:
        return first == second


@dataclass
class _FillDown:
    """Merged or blank-repeated 项目/一级/二级 cells: a blank continues the one above, within a project."""

    project: str = ""
    level1: str = ""
    level2: str = ""

    def next(self, project: str, level1: str, level2: str) -> tuple[str, str, str]:
        if project and project != self.project:
            self.project, self.level1, self.level2 = project, "", ""
        if level1 and level1 != self.level1:
            self.level1, self.level2 = level1, ""
        self.level2 = level2 or self.level2
        return self.project, self.level1, self.level2


def _indicator_value(reader: Reader, table: Table, number: int, row: dict[int, SheetCell]) -> str:
    printed = reader.cell_text(table, row, labels.INDICATOR_VALUE)
    split = _split_value(reader, table, row) if any(f in table.columns for f in (COMPARATOR, NUMBER)) else ""
    if printed and split and not _same_target(printed, split):
        reader.report_in_sheet(
            "E513", table, number, table.columns[labels.INDICATOR_VALUE], row=number, printed=printed, split=split
        )
    return printed or split


def _indicators(reader: Reader, table: Table) -> None:
    fill = _FillDown(project=_name_above(table) if labels.NAME not in table.columns else "")
    if labels.NAME not in table.columns and not fill.project:
        fill.project = table.sheet.name
        reader.report_in_sheet("E517", table, table.header_row, 1, name=table.sheet.name)
    name_column = table.columns.get(LEVEL3, 1)
    for number, row in table.rows():
        project, level1, level2 = fill.next(
            table.text(row, labels.NAME),
            canonical_level1(table.text(row, LEVEL1)),
            table.text(row, LEVEL2),
        )
        level2 = canonical_level2(level1, level2)
        indicator = table.text(row, LEVEL3)
        value = _indicator_value(reader, table, number, row)
        if not indicator and not value:
            continue  # a row that only continues a merged 一级/二级 cell
        named = ((LEVEL3, indicator), (labels.NAME, project), (LEVEL1, level1), (LEVEL2, level2))
        missing = [what for what, text in named if not text]
        if missing:
            reader.report_in_sheet(
                "E509", table, number, name_column, row=number, missing=listing(missing), text=row_text(row)
            )
            continue
        unit = table.text(row, UNIT)
        read = reader.project(unit, project)
        if read is None:
            if reader.summary_read:  # a project sheet lists the projects: this one is not among them
                reader.report_in_sheet(
                    "E514", table, number, table.columns.get(labels.NAME, 1), row=number, name=project
                )
            read = ProjectRead(unit, FormData(0, fields={labels.NAME: project}, indicator_block=True))
            reader.unit(unit).projects[project] = read
        group1, group2 = relocate(level1, level2)
        read.form.indicators.setdefault(group1, {}).setdefault(group2, []).append((indicator, value))
        reader.result.rows_read += 1


# What each declared sheet's ``行`` is read by: units first, then projects, their indicators, 监控 and 自评.
READERS = {
    "单位": _units, "项目": _projects, "指标": _indicators, "监控": monitorings, "监控指标": progress,
    "自评": evaluations, "自评指标": results,
}  # fmt: skip


def import_workbook(path: Path, shown: str | None = None) -> WorkbookImport:
    """Read every recognisable sheet of ``path``; what cannot be read comes back as located diagnostics."""
    shown = shown or str(path)
    result = WorkbookImport()
    reader = Reader(shown, result)
    try:
        sheets = read_xlsx(path)
    except (NotReadable, FileProblem) as refused:
        result.diagnostics.append(from_catalogue(refused.code, shown, None, **refused.params))
        result.unreadable = True
        return result
    tables: list[Table] = []
    for sheet in sheets:
        table = find_table(sheet)
        if table is None:
            if sheet.rows:
                reader.report_in_sheet("E508", None, 0, 0, sheet=sheet.name)
            continue
        tables.append(table)
    if not tables:
        result.diagnostics.append(from_catalogue("E507", shown, None, sheets=len(sheets)))
        result.unreadable = True
        return result
    order = list(READERS)
    for table in sorted(tables, key=lambda t: order.index(t.declared.rows)):
        if table.unit_label:
            reader.report_in_sheet("E518", table, table.header_row, 1, label=table.unit_label)
        READERS[table.declared.rows](reader, table)
        result.sheets_read += 1
    return result
