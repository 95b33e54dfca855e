"""The exported workbook: the declared sheets, numbers as numbers with their formats, 合计 as formulas,
text that looks like a formula kept as text, and the same bytes every time."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from perfsheet.collection.loading import Collection
from perfsheet.model import Quantitative, labels
from perfsheet.model.values import format_target_number
from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet.declaration import workbook
from perfsheet.spreadsheet.export import export, workbook_bytes
from perfsheet.spreadsheet.package import read_xlsx
from tests.conftest import EVALUATED_PROJECT, EXAMPLES, write_collection
from tests.spreadsheet.conftest import HOSTILE_GOAL, HOSTILE_NAME, SECOND_UNIT


def _sheet_xml(data: bytes, name: str) -> str:
    """The XML of the worksheet called ``name``."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    index = book.sheetnames.index(name) + 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def _annual_totals(collections: list[Collection]) -> list[Decimal]:
    return [
        sum((p.annual_funds.total for c in collections for _f, p in c.valid_projects), Decimal("0.00")),
        sum((p.annual_funds.fiscal or Decimal(0) for c in collections for _f, p in c.valid_projects), Decimal("0")),
    ]


def test_the_same_collections_give_the_same_bytes(two_units: tuple[list[Collection], bytes], tmp_path: Path) -> None:
    collections, data = two_units
    assert workbook_bytes(collections) == data
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        assert export([EXAMPLES], target).path == target
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == ["2000-01-01T00:00:00Z"] * 2


def test_every_declared_sheet_in_order_and_no_evaluation_sheet_without_evaluations(tmp_path: Path) -> None:
    from tests.conftest import CLEAN_PROJECT
    from tests.monitoring.cases import MONITORING

    names = [sheet.name for sheet in workbook().sheets]
    both = EVALUATED_PROJECT + MONITORING  # monitored at mid-year, evaluated at year end
    evaluated = check_paths([write_collection(tmp_path / "e", {"01-a.yaml": both})]).collections
    declared = check_paths([write_collection(tmp_path / "d", {"01-a.yaml": CLEAN_PROJECT})]).collections
    assert openpyxl.load_workbook(io.BytesIO(workbook_bytes(evaluated))).sheetnames == names
    only = [s.name for s in workbook().sheets if not s.only_with_rows]
    assert openpyxl.load_workbook(io.BytesIO(workbook_bytes(declared))).sheetnames == only
    assert len(only) < len(names)


def test_money_and_dates_are_numbers_with_formats_and_totals_are_subtotal_formulas(
    two_units: tuple[list[Collection], bytes],
) -> None:
    collections, data = two_units
    sheet = openpyxl.load_workbook(io.BytesIO(data))["汇总"]
    header = [cell.value for cell in sheet[1]]
    money = header.index(labels.ANNUAL_TOTAL) + 1
    start = header.index(labels.START) + 1
    projects = sum(len(c.valid_projects) for c in collections)
    for row in range(2, 2 + len(collections[0].valid_projects)):
        cell = sheet.cell(row=row, column=money)
        assert cell.data_type == "n" and cell.number_format == "#,##0.00"
        assert sheet.cell(row=row, column=start).is_date
    # One 合计 per unit after its projects, then the 总计 over all of them.
    formulas = [sheet.cell(row=r, column=money).value for r in range(2, sheet.max_row + 1)]
    subtotals = [f for f in formulas if isinstance(f, str)]
    letter = openpyxl.utils.get_column_letter(money)
    first_unit = len(collections[0].valid_projects)
    assert subtotals == [
        f"=SUBTOTAL(109,{letter}2:{letter}{1 + first_unit})",
        f"=SUBTOTAL(109,{letter}{3 + first_unit}:{letter}{2 + projects})",
        f"=SUBTOTAL(109,{letter}2:{letter}{3 + projects})",
    ]
    # The filter covers the units' rows and their 合计, not the 总计.
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{3 + projects}"
    assert sheet.freeze_panes == "C2" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    # Much wider than the page: printed at the smallest scale, pages across begin with the name.
    assert sheet.print_title_cols == "$A:$B" and sheet.page_setup.scale == 60
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage


def test_numbers_are_written_with_the_decimals_digits(two_units: tuple[list[Collection], bytes]) -> None:
    """No float on the way out: each amount's <v> is the Decimal of the project file, digit for digit."""
    collections, data = two_units
    read = {s.name: s for s in read_xlsx_bytes(data)}
    expected = [p.annual_funds.total for _f, p in collections[0].valid_projects]
    summary = read["汇总"]
    column = next(c for c, cell in summary.rows[1].items() if cell.value == labels.ANNUAL_TOTAL)
    assert [summary.rows[r][column].value for r in range(2, 2 + len(expected))] == expected
    spent = [p.self_evaluation.spent.fiscal for _f, p in collections[0].valid_projects if p.self_evaluation]
    evaluation = read["自评"]
    column = next(c for c, cell in evaluation.rows[1].items() if cell.value == "全年执行数(当年财政拨款)")
    assert [evaluation.rows[2][column].value] == spent[:1] == [Decimal("421680.50")]
    assert "<v>421680.50</v>" in _sheet_xml(data, "自评")
    # Every number in the file is written with its Decimal's digits, never through a float.
    values = re.findall(r'<c r="[A-Z]+[0-9]+"[^>]*t="n"[^>]*><v>([^<]*)</v>', _sheet_xml(data, "指标"))
    numbers = [i.value.number for _f, p in collections[0].valid_projects for *_path, i in p.each_indicator()
               if isinstance(i.value, Quantitative)]  # fmt: skip
    assert values[: len(numbers)] == [format_target_number(n) for n in numbers]


def read_xlsx_bytes(data: bytes):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.xlsx"
        path.write_bytes(data)
        return read_xlsx(path)


def test_text_that_looks_like_a_formula_is_written_as_text(two_units: tuple[list[Collection], bytes]) -> None:
    _collections, data = two_units
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in (HOSTILE_NAME, HOSTILE_GOAL, SECOND_UNIT):
                    found.setdefault(cell.value, []).append((cell.data_type, cell.quotePrefix))
    assert set(found) == {HOSTILE_NAME, HOSTILE_GOAL, SECOND_UNIT}
    assert {kind for cells in found.values() for kind in cells} == {("s", True)}
    for sheet in book.sheetnames:
        # The only formulas in the file are our SUBTOTALs.
        assert set(re.findall(r"<f>([A-Z]+)\(", _sheet_xml(data, sheet))) <= {"SUBTOTAL"}


def test_an_independent_reader_reads_every_value_and_type(two_units: tuple[list[Collection], bytes]) -> None:
    collections, data = two_units
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == [s.name for s in workbook().sheets]
    rows = book.get_sheet_by_name("指标").to_python()
    header = rows[0]
    indicators = [(i.name, i.value.canonical()) for c in collections for _f, p in c.valid_projects
                  for _1, _2, _n, i in p.each_indicator()]  # fmt: skip
    name, value = header.index("三级指标"), header.index(labels.INDICATOR_VALUE)
    assert [(row[name], row[value]) for row in rows[1:]] == indicators
    number = header.index("数值")
    assert {type(row[number]) for row in rows[1:]} <= {float, str}  # a number, or empty for 定性
    summary = book.get_sheet_by_name("汇总").to_python()
    start = summary[0].index(labels.START)
    assert {type(row[start]).__name__ for row in summary[1:4]} == {"date"}
    money = summary[0].index(labels.ANNUAL_TOTAL)
    assert [Decimal(str(row[money])) for row in summary[1:4]] == [
        p.annual_funds.total for _f, p in collections[0].valid_projects
    ]
    assert _annual_totals(collections)[0] > 0


def test_calamine_and_our_reader_agree_on_every_cell(two_units: tuple[list[Collection], bytes]) -> None:
    """Every value of every sheet, with its type: text, number (digit for digit) or date."""
    _collections, data = two_units
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    ours = {sheet.name: sheet for sheet in read_xlsx_bytes(data)}
    compared = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ours[name].rows.get(r, {}).get(c)
                if cell is not None and cell.formula is not None:
                    continue  # a 合计: no cached result in our file (Calc computes it: test_libreoffice)
                if value == "":
                    assert cell is None, (name, r, c)
                    continue
                assert cell is not None, (name, r, c, value)
                if isinstance(value, float | int) and not isinstance(value, bool):
                    # A percentage (执行率) reads as the number shown: 0.9371 as 93.71.
                    shown = Decimal(repr(value)) * (100 if cell.percent else 1)
                    assert isinstance(cell.value, Decimal) and shown == cell.value, (name, r, c)
                else:
                    assert value == cell.value, (name, r, c)
                compared += 1
    assert compared > 500
