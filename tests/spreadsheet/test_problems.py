"""What a workbook gets wrong is reported at its sheet, row and column, never dropped in silence; several
units import to one folder each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from perfsheet.collection.loading import Collection, load_collection
from perfsheet.importer import ImportResult, write_files
from perfsheet.spreadsheet.into import add_projects
from perfsheet.spreadsheet.reading import import_workbook
from tests.conftest import EXAMPLES


def _located(path: Path) -> list[tuple[str, int, int]]:
    return sorted((d.code, d.line, d.column) for d in import_workbook(path).diagnostics)


def test_duplicates_disagreements_errors_and_strays_are_located(tmp_path: Path) -> None:
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["项目名称", "年度资金申请总额", "项目性质"])
    summary.append(["甲项目", 100, "经常性项目"])
    summary.append(["甲项目", 200, "经常性项目"])  # the same project twice
    indicators = book.create_sheet("指标")
    indicators.append(["项目名称", "一级指标", "二级指标", "三级指标", "比较符", "数值", "计量单位", "指标值"])
    indicators.append(["甲项目", "产出指标", "数量指标", "场次", "≥", 3, "场", "≥4.00(场)"])  # split ≠ printed
    indicators.append(["甲项目", "产出指标", "数量指标", "人次", None, None, None, "#DIV/0!"])
    results = book.create_sheet("自评指标")
    results.append(["项目名称", "三级指标", "实际完成值"])
    results.append(["乙项目", "场次", "3 场"])  # no such project
    path = tmp_path / "problems.xlsx"
    book.save(path)
    # openpyxl stores #DIV/0! as an error value (t="e"), as a spreadsheet does: read as text, said (E511).
    assert _located(path) == [("E511", 3, 8), ("E512", 3, 1), ("E513", 2, 8), ("E519", 2, 1)]
    read = import_workbook(path)
    (unit,) = read.units.values()
    project = unit.projects["甲项目"]
    assert project.form.annual_funds["年度资金申请总额"] == "100.00"  # the first row; the second is reported
    assert project.form.indicators == {"产出指标": {"数量指标": [("场次", "≥4.00(场)"), ("人次", "#DIV/0!")]}}


def test_several_units_import_to_one_folder_each(two_units: tuple[list[Collection], bytes], tmp_path: Path) -> None:
    collections, data = two_units
    path = tmp_path / "units.xlsx"
    path.write_bytes(data)
    read = import_workbook(path)
    assert read.diagnostics == []
    assert write_files(ImportResult(files=read.files()), tmp_path / "out", "out")
    folders = sorted(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert len(folders) == 2
    imported = {load_collection(folder).settings.unit: load_collection(folder) for folder in folders}  # type: ignore[union-attr]
    for original in collections:
        assert original.settings is not None
        again = imported[original.settings.unit]
        assert again.settings == original.settings
        assert [p.project for p in again.projects] == [p.project for p in original.projects]
    # Several units cannot go --into one folder.
    assert add_projects(read, EXAMPLES, "examples") == []
    assert [d.code for d in read.diagnostics] == ["E516"]
    assert sum(p.annual_funds.total for c in collections for _f, p in c.valid_projects) == Decimal("1700000")


def test_one_indicator_sheet_of_several_projects_needs_no_summary(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["甲项目", "产出指标", "数量指标", "场次", "≥3场"])
    sheet.append(["乙项目", "产出指标", "时效指标", "完成及时性", "及时"])
    path = tmp_path / "indicators.xlsx"
    book.save(path)
    read = import_workbook(path)
    assert read.diagnostics == []
    (unit,) = read.units.values()
    assert list(unit.projects) == ["甲项目", "乙项目"]
