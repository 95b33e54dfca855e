"""``import FILE.xlsx``: a workbook → project files. Our own export reads back to the same files; an
indicator sheet made by hand is read by its header labels (columns in any order, merged or blank-repeated
项目/一级/二级 cells filled down, the 指标值 in one cell or split over 比较符/数值/计量单位, amounts in 万元
by the sheet's label). Every row is read or reported with its sheet, row and column.

The files are written by the Word importer's writer (importer/writer.py), so a value that parses is
written canonically and one that does not is kept verbatim for ``validate`` to show.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfsheet.collection.discovery import SETTINGS_FILE, project_file_name
from perfsheet.diagnostics import Diagnostic, Position, from_catalogue, listing, phrases
from perfsheet.files.names import safe_file_name
from perfsheet.files.safe import FileProblem
from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.monitoring import MonitoringData, monitoring_yaml
from perfsheet.importer.ooxml import NotReadable
from perfsheet.importer.reader import (
    FormData,
    canonical_level1,
    canonical_level2,
    normalize,
    relocate,
)
from perfsheet.importer.writer import money_text, project_yaml, settings_yaml
from perfsheet.model import labels
from perfsheet.model.json_schema import editor_schema_files
from perfsheet.model.values import ValueProblem, format_target_number, parse_target
from perfsheet.spreadsheet.declaration import MONEY, workbook
from perfsheet.spreadsheet.package import SheetCell, column_letter, read_xlsx
from perfsheet.spreadsheet.rows import COMPARATOR, LIGHT, MEASURE, NUMBER, UNIT
from perfsheet.spreadsheet.tables import LEVEL1, LEVEL2, LEVEL3, Table, find_table

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


@dataclass
class ProjectRead:
    """One project as the workbook has it: the form's fields, and its 自评 when a sheet has one."""

    unit: str
    form: FormData
    evaluation: EvaluationData | None = None
    monitoring: MonitoringData | None = None

    @property
    def name(self) -> str:
        return self.form.fields.get(labels.NAME, "")


@dataclass
class UnitRead:
    """One 编报单位's settings and projects, in the workbook's order."""

    unit: str
    year: int | None = None
    department: str = ""
    projects: dict[str, ProjectRead] = field(default_factory=dict)

    def settings_yaml(self) -> str:
        return settings_yaml(self.year, self.unit, self.settings_department(), phrases().workbook_note)

    def project_files(
        self, first_number: int = 1, taken: set[str] | None = None, defaults: tuple[str, str] | None = None
    ) -> dict[str, str]:
        """File name → text of each project, numbered from ``first_number``, no name of ``taken``; a
        主管部门 / 实施单位 equal to ``defaults`` (the folder's, else this unit's) is left to them."""
        names = set(taken or ())
        files: dict[str, str] = {}
        department, unit = defaults or (self.settings_department(), self.unit)
        for number, project in enumerate(self.projects.values(), start=first_number):
            name = project_file_name(number, project.name, names)
            names.add(name)
            monitoring = monitoring_yaml(project.form, project.monitoring) if project.monitoring is not None else ""
            files[name] = project_yaml(project.form, department, unit, project.evaluation, monitoring)
        return files

    def settings_department(self) -> str:
        """The 主管部门 of the unit's row, else the one most of its projects name."""
        departments = Counter(p.form.fields.get(labels.DEPARTMENT, "") for p in self.projects.values())
        return self.department or next((d for d, _n in departments.most_common() if d), "")


@dataclass
class WorkbookImport:
    units: dict[str, UnitRead] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sheets_read: int = 0
    rows_read: int = 0
    unreadable: bool = False

    @property
    def projects(self) -> int:
        return sum(len(unit.projects) for unit in self.units.values())

    def files(self) -> dict[str, str]:
        """Every file of the collection (one folder per 编报单位 when there are several)."""
        files: dict[str, str] = {}
        several = len(self.units) > 1
        folders: set[str] = set()
        for number, unit in enumerate(self.units.values(), start=1):
            prefix = ""
            if several:
                folder = safe_file_name(unit.unit, "", fallback=f"单位{number}")
                while folder in folders:
                    folder += "_"
                folders.add(folder)
                prefix = folder + "/"
            files[prefix + SETTINGS_FILE] = unit.settings_yaml()
            files.update({prefix + name: text for name, text in unit.project_files().items()})
            for path, text in editor_schema_files(Path()).items():
                files[prefix + path.as_posix()] = text
        return files


class _Reader:
    def __init__(self, shown: str, result: WorkbookImport) -> None:
        self.shown = shown
        self.result = result
        self.summary_read = False  # a sheet of projects (汇总) was read

    def report_in_sheet(self, code: str, table: Table | None, at_row: int, at_column: int, **params: Any) -> None:
        where = Position(max(at_row, 1), max(at_column, 1)) if at_row else None
        if table is not None:
            params["sheet"] = table.sheet.name
        self.result.diagnostics.append(from_catalogue(code, self.shown, where, **params))

    def unit(self, name: str) -> UnitRead:
        if name not in self.result.units:
            self.result.units[name] = UnitRead(name)
        return self.result.units[name]

    def project(self, unit: str, name: str) -> ProjectRead | None:
        found = self.result.units.get(unit)
        if found is not None and name in found.projects:
            return found.projects[name]
        # A sheet without the 编报单位 column: the only unit with that project.
        matches = [u.projects[name] for u in self.result.units.values() if name in u.projects]
        return matches[0] if len(matches) == 1 and not unit else None

    def cell_text(self, table: Table, row: dict[int, SheetCell], field_name: str) -> str:
        """A cell as the project file will hold it: amounts in 元, dates ISO, formulas and errors reported."""
        cell = table.cell(row, field_name)
        if cell is None:
            return ""
        where = f"{column_letter(cell.column)}{cell.row}"
        if cell.formula is not None:
            self.report_in_sheet("E510", table, cell.row, cell.column, cell=where, formula=cell.formula)
        elif cell.error:
            self.report_in_sheet("E511", table, cell.row, cell.column, cell=where, value=cell.text)
        text = cell.text.strip()
        column = table.declared.columns[[c.field for c in table.declared.columns].index(field_name)]
        if column.kind == MONEY and text:
            return money_text(text, field_name in table.ten_thousands)
        return text


def _row_text(row: dict[int, SheetCell]) -> str:
    return " | ".join(cell.text.strip() for cell in row.values() if cell.text.strip())[:200]


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


def _units(reader: _Reader, table: Table) -> None:
    for number, row in table.rows():
        unit = table.text(row, UNIT)
        if not unit:
            reader.report_in_sheet("E509", table, number, 1, row=number, missing=UNIT, text=_row_text(row))
            continue
        read = reader.unit(unit)
        year = table.cell(row, labels.YEAR)
        if year is not None and isinstance(year.value, Decimal) and year.value == year.value.to_integral():
            read.year = int(year.value)
        elif year is not None and year.text.strip().isdigit():
            read.year = int(year.text.strip())
        read.department = table.text(row, labels.SETTINGS_DEPARTMENT)
        reader.result.rows_read += 1


def _is_total(table: Table, row: dict[int, SheetCell]) -> bool:
    """A 合计 or 总计 row (ours: a label in the name column, nothing in the project's own text columns)."""
    name = table.text(row, labels.NAME)
    return name in (phrases().total, workbook().grand_total) and not table.text(row, labels.NATURE)


def _projects(reader: _Reader, table: Table) -> None:
    reader.summary_read = True
    first_rows: dict[tuple[str, str], int] = {}
    for number, row in table.rows():
        if _is_total(table, row):
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
                text=_row_text(row),
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


def _split_value(reader: _Reader, table: Table, row: dict[int, SheetCell]) -> str:
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


def _indicator_value(reader: _Reader, table: Table, number: int, row: dict[int, SheetCell]) -> str:
    printed = reader.cell_text(table, row, labels.INDICATOR_VALUE)
    split = _split_value(reader, table, row) if any(f in table.columns for f in (COMPARATOR, NUMBER)) else ""
    if printed and split and not _same_target(printed, split):
        reader.report_in_sheet(
            "E513", table, number, table.columns[labels.INDICATOR_VALUE], row=number, printed=printed, split=split
        )
    return printed or split


def _indicators(reader: _Reader, table: Table) -> None:
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
                "E509", table, number, name_column, row=number, missing=listing(missing), text=_row_text(row)
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


def _project_of(reader: _Reader, table: Table, number: int, row: dict[int, SheetCell]) -> ProjectRead | None:
    """The project a row of a 自评 or 监控 sheet belongs to; None (and why) when it names none."""
    name = table.text(row, labels.NAME)
    read = reader.project(table.text(row, UNIT), name) if name else None
    if read is None:
        if name:
            reader.report_in_sheet("E519", table, number, table.columns.get(labels.NAME, 1), row=number, name=name)
        else:
            reader.report_in_sheet("E509", table, number, 1, row=number, missing=labels.NAME, text=_row_text(row))
    return read


def _evaluation_of(reader: _Reader, table: Table, number: int, row: dict[int, SheetCell]) -> EvaluationData | None:
    read = _project_of(reader, table, number, row)
    if read is None:
        return None
    if read.evaluation is None:
        read.evaluation = EvaluationData(0)
    return read.evaluation


def _evaluations(reader: _Reader, table: Table) -> None:
    for number, row in table.rows():
        if _is_total(table, row):
            continue
        evaluation = _evaluation_of(reader, table, number, row)
        if evaluation is None:
            continue
        for label, amounts in (
            (labels.EVALUATION_BUDGET, evaluation.budget),
            (labels.EVALUATION_SPENT, evaluation.spent),
        ):
            for source in labels.SPENT_FUND_LABELS:
                amounts[source] = reader.cell_text(table, row, f"{label}.{source}")
        evaluation.achieved = reader.cell_text(table, row, labels.EVALUATION_ACHIEVED)
        reader.result.rows_read += 1


_RESULT_FIELDS = (labels.RESULT_ACTUAL, labels.RESULT_POINTS, labels.RESULT_SCORE, labels.RESULT_DEVIATION)


def _results(reader: _Reader, table: Table) -> None:
    for number, row in table.rows():
        indicator = table.text(row, LEVEL3)
        if not indicator:
            reader.report_in_sheet(
                "E509",
                table,
                number,
                table.columns.get(LEVEL3, 1),
                row=number,
                missing=LEVEL3,
                text=_row_text(row),
            )
            continue
        evaluation = _evaluation_of(reader, table, number, row)
        if evaluation is None:
            continue
        cells = {key: reader.cell_text(table, row, key) for key in _RESULT_FIELDS}
        evaluation.results[indicator] = {key: text for key, text in cells.items() if text}
        reader.result.rows_read += 1


def _monitoring_of(reader: _Reader, table: Table, number: int, row: dict[int, SheetCell]) -> MonitoringData | None:
    read = _project_of(reader, table, number, row)
    if read is None:
        return None
    if read.monitoring is None:
        read.monitoring = MonitoringData(0)
    return read.monitoring


def _monitorings(reader: _Reader, table: Table) -> None:
    for number, row in table.rows():
        if _is_total(table, row):
            continue
        monitoring = _monitoring_of(reader, table, number, row)
        if monitoring is None:
            continue
        month = reader.cell_text(table, row, labels.MONITORING_MONTH)
        monitoring.month = int(month) if month.isdigit() else month or None
        for label, amounts in (
            (labels.MONITORING_BUDGET, monitoring.budget),
            (labels.MONITORING_SPENT, monitoring.spent),
            (labels.MONITORING_FORECAST, monitoring.forecast),
        ):
            for source in labels.SPENT_FUND_LABELS:
                amounts[source] = reader.cell_text(table, row, f"{label}.{source}")
        monitoring.progress = reader.cell_text(table, row, labels.MONITORING_PROGRESS)
        reader.result.rows_read += 1


_PROGRESS_FIELDS = (
    labels.PROGRESS_CURRENT, labels.PROGRESS_FORECAST, labels.PROGRESS_ATTAINMENT, labels.PROGRESS_EXPLANATION,
    labels.PROGRESS_LIKELIHOOD, labels.PROGRESS_MEASURES,
)  # fmt: skip
_REASONS = re.compile(r"[、,，;；\s]+")


def _progress(reader: _Reader, table: Table) -> None:
    for number, row in table.rows():
        indicator = table.text(row, LEVEL3)
        if not indicator:
            column = table.columns.get(LEVEL3, 1)
            reader.report_in_sheet("E509", table, number, column, row=number, missing=LEVEL3, text=_row_text(row))
            continue
        monitoring = _monitoring_of(reader, table, number, row)
        if monitoring is None:
            continue
        cells = {key: reader.cell_text(table, row, key) for key in _PROGRESS_FIELDS}
        monitoring.results[indicator] = {key: text for key, text in cells.items() if text}
        reasons = reader.cell_text(table, row, labels.PROGRESS_REASONS)
        monitoring.reasons[indicator] = [reason for reason in _REASONS.split(reasons) if reason]
        monitoring.lights[indicator] = reader.cell_text(table, row, LIGHT)
        reader.result.rows_read += 1


# What each declared sheet's ``行`` is read by: units first, then projects, their indicators, 监控 and 自评.
READERS = {
    "单位": _units, "项目": _projects, "指标": _indicators, "监控": _monitorings, "监控指标": _progress,
    "自评": _evaluations, "自评指标": _results,
}  # fmt: skip


def import_workbook(path: Path, shown: str | None = None) -> WorkbookImport:
    """Read every recognisable sheet of ``path``; what cannot be read comes back as located diagnostics."""
    shown = shown or str(path)
    result = WorkbookImport()
    reader = _Reader(shown, result)
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
