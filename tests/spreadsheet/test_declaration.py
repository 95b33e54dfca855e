"""templates/workbook.yaml is the one place a sheet or a column is spelled: each declared sheet has a row
source and a reader, each column a value in its rows, and a new sheet is one more declaration."""

from __future__ import annotations

import io

import openpyxl
import pytest
from pydantic import ValidationError

from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet import export
from perfsheet.spreadsheet.declaration import Column, workbook
from perfsheet.spreadsheet.reading import READERS
from perfsheet.spreadsheet.rows import ROW_SOURCES
from tests.conftest import EXAMPLES


def test_every_sheet_has_a_row_source_and_a_reader_and_every_column_a_value() -> None:
    collection = check_paths([EXAMPLES]).collections[0]
    for sheet in workbook().sheets:
        assert sheet.rows in ROW_SOURCES and sheet.rows in READERS
        rows = list(ROW_SOURCES[sheet.rows](collection))
        assert rows, sheet.name
        produced = set().union(*rows)
        assert {column.field for column in sheet.columns} <= produced, sheet.name


def test_a_new_sheet_is_one_more_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    declared = workbook()
    indicators = next(sheet for sheet in declared.sheets if sheet.rows == "指标")
    extra = indicators.model_copy(update={"name": "指标（只看名称）", "columns": indicators.columns[:5]})
    monkeypatch.setattr(export, "workbook", lambda: declared.model_copy(update={"sheets": (*declared.sheets, extra)}))
    data = export.workbook_bytes(check_paths([EXAMPLES]).collections)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[-1] == "指标（只看名称）"
    assert [cell.value for cell in book["指标（只看名称）"][1]] == [c.header for c in indicators.columns[:5]]
    assert book["指标（只看名称）"].max_row == book["指标"].max_row


def test_a_total_on_a_text_column_is_refused_when_the_file_is_read() -> None:
    with pytest.raises(ValidationError, match="只有金额列可以合计"):
        Column.model_validate({"表头": "项目名称", "字段": "项目名称", "宽度": 10, "合计": True})
