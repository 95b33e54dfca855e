"""What a workbook import builds as it reads, sheet by sheet: the units, their projects (each a form, a
自评 and a 监控 as the Word importer reads them), the counts, and the reader's shared steps (a cell as
the project file holds it, the project a row belongs to, a located report)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfsheet.collection.discovery import SETTINGS_FILE, project_file_name
from perfsheet.diagnostics import Diagnostic, Position, from_catalogue, phrases
from perfsheet.files.names import safe_file_name
from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.monitoring import MonitoringData, monitoring_yaml
from perfsheet.importer.reader import FormData
from perfsheet.importer.writer import money_text, project_yaml, settings_yaml
from perfsheet.model import labels
from perfsheet.model.json_schema import editor_schema_files
from perfsheet.spreadsheet.cells import SheetCell
from perfsheet.spreadsheet.declaration import MONEY, workbook
from perfsheet.spreadsheet.package import column_letter
from perfsheet.spreadsheet.rows import UNIT
from perfsheet.spreadsheet.tables import Table


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


class Reader:
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


def row_text(row: dict[int, SheetCell]) -> str:
    return " | ".join(cell.text.strip() for cell in row.values() if cell.text.strip())[:200]


def is_total(table: Table, row: dict[int, SheetCell]) -> bool:
    """A 合计 or 总计 row (ours: a label in the name column, nothing in the project's own text columns)."""
    name = table.text(row, labels.NAME)
    return name in (phrases().total, workbook().grand_total) and not table.text(row, labels.NATURE)


def project_of(reader: Reader, table: Table, number: int, row: dict[int, SheetCell]) -> ProjectRead | None:
    """The project a row of a 自评 or 监控 sheet belongs to; None (and why) when it names none."""
    name = table.text(row, labels.NAME)
    read = reader.project(table.text(row, UNIT), name) if name else None
    if read is None:
        if name:
            reader.report_in_sheet("E519", table, number, table.columns.get(labels.NAME, 1), row=number, name=name)
        else:
            reader.report_in_sheet("E509", table, number, 1, row=number, missing=labels.NAME, text=row_text(row))
    return read
