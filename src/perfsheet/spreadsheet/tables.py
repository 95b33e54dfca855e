"""A sheet's header found by its labels: which declared sheet it is (``templates/workbook.yaml``), in
which row its header stands and which column holds each field. Labels are compared as the Word importer
compares them (no white space, half-width brackets); a header may carry its unit, 「(万元)」 or 「(元)」,
and a label above the table may say the sheet's amounts are in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from perfsheet.importer import reader
from perfsheet.importer.labels import Labels, labels, normalize
from perfsheet.spreadsheet.cells import SheetCell
from perfsheet.spreadsheet.declaration import MONEY, workbook
from perfsheet.spreadsheet.declaration import Sheet as Declared
from perfsheet.spreadsheet.package import Sheet

# The workbook's indicator columns are the 申报表's indicator header as printed (一级指标, 二级指标, 三级指标).
LEVEL1, LEVEL2, LEVEL3 = (labels().header[key][0] for key in (reader.LEVEL1, reader.LEVEL2, reader.LEVEL3))
# A header is looked for in the first rows only (a title and a unit line may stand above it).
MAX_HEADER_ROW = 30
_PERFORMANCE = "绩效"  # 「一级绩效指标」 is 一级指标
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")
_TEN_THOUSANDS = "万元"


def _variants_by_name(known: Labels) -> dict[str, tuple[str, ...]]:
    """The Word importer's variants by field name: the forms' definitions (templates/forms/) — the fields,
    the goals, the indicator header and the 自评's result columns."""
    found: dict[str, tuple[str, ...]] = {}
    for table in (known.fields, known.goals, known.header, known.result_columns):
        for name, variants in table.items():
            found[name] = found.get(name, ()) + tuple(variants)
    return found


def header_key(text: str) -> tuple[str, bool]:
    """A header cell as compared, and whether it says its amounts are in 万元."""
    key = normalize(text)
    unit = _UNIT_SUFFIX.search(key)
    if unit:
        key = key[: unit.start()]
    return key, bool(unit and unit.group(1) == _TEN_THOUSANDS)


@cache
def _column_keys(sheet: Declared) -> dict[str, str]:
    """Every accepted spelling (as compared) of the sheet's columns → the column's field."""
    by_name = _variants_by_name(labels())
    keys: dict[str, str] = {}
    for column in sheet.columns:
        name = column.field.rsplit(".", 1)[-1]
        spellings = (column.header, *column.variants, *by_name.get(column.header, ()), *by_name.get(name, ()))
        for spelling in spellings:
            keys.setdefault(header_key(spelling)[0], column.field)
    return keys


@dataclass(frozen=True)
class Table:
    """One sheet read as a declared sheet: its header row and each field's column."""

    sheet: Sheet
    declared: Declared
    header_row: int
    columns: dict[str, int]  # field → column (1-based)
    ten_thousands: frozenset[str]  # fields whose amounts are in 万元
    unit_label: str  # the label that says so, as printed ("" when the amounts are in 元)

    def cell(self, row: dict[int, SheetCell], field: str) -> SheetCell | None:
        column = self.columns.get(field)
        return row.get(column) if column is not None else None

    def text(self, row: dict[int, SheetCell], field: str) -> str:
        cell = self.cell(row, field)
        return cell.text.strip() if cell is not None else ""

    def rows(self) -> list[tuple[int, dict[int, SheetCell]]]:
        return [(number, cells) for number, cells in self.sheet.rows.items() if number > self.header_row]

    def above(self) -> list[SheetCell]:
        return [
            cell for number, cells in self.sheet.rows.items() if number < self.header_row for cell in cells.values()
        ]


def _match(row: dict[int, SheetCell], declared: Declared) -> tuple[dict[str, int], set[str]]:
    keys = _column_keys(declared)
    columns: dict[str, int] = {}
    in_ten_thousands: set[str] = set()
    for column, cell in row.items():
        if not isinstance(cell.value, str):
            continue
        key, ten_thousands = header_key(cell.value)
        field = keys.get(key) or keys.get(key.replace(_PERFORMANCE, ""))
        if field is not None and field not in columns:
            columns[field] = column
            if ten_thousands:
                in_ten_thousands.add(field)
    return columns, in_ten_thousands


def find_table(sheet: Sheet) -> Table | None:
    """The declared sheet ``sheet`` is, by the first row that names all of a declaration's markers (the
    declaration with the most markers wins: a 自评指标 sheet also names the 指标 sheet's); None when
    no row does."""
    best: tuple[int, int, int] | None = None
    found: Table | None = None
    for number in sorted(sheet.rows)[:MAX_HEADER_ROW]:
        row = sheet.rows[number]
        for declared in workbook().sheets:
            columns, in_ten_thousands = _match(row, declared)
            if not all(declared.field_of(marker) in columns for marker in declared.markers):
                continue
            rank = (len(declared.markers), len(columns), -number)
            if best is None or rank > best:
                best = rank
                found = Table(sheet, declared, number, columns, frozenset(in_ten_thousands), "")
        if found is not None:
            break
    if found is None:
        return None
    return _with_unit_label(found)


def _with_unit_label(table: Table) -> Table:
    """A label above the header such as 「单位：万元」 puts every amount of the sheet in 万元."""
    markers = labels().ten_thousands
    for cell in table.above():
        key = normalize(cell.text)
        if any(marker in key for marker in markers) and len(key) <= 20:
            money = frozenset(c.field for c in table.declared.columns if c.kind == MONEY)
            return Table(table.sheet, table.declared, table.header_row, table.columns, money, cell.text.strip())
    if table.ten_thousands:
        header = table.sheet.rows[table.header_row]
        label = next(
            header[table.columns[c.field]].text for c in table.declared.columns if c.field in table.ten_thousands
        )
        return Table(table.sheet, table.declared, table.header_row, table.columns, table.ten_thousands, label)
    return table
