"""The 监控 and 监控指标 sheets: export writes each monitored project's figures and each indicator's
1-X月 value, forecast, reasons and light (numbers as numbers); import reads them back to the same 监控
section, on the examples and on generated monitored collections."""

from __future__ import annotations

import io
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from perfsheet.collection.loading import load_collection
from perfsheet.importer import ImportResult, write_files
from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet.export import workbook_bytes
from perfsheet.spreadsheet.reading import import_workbook
from tests.conftest import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench import generate  # noqa: E402


def _rows(data: bytes, name: str) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[name]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_examples_monitoring_sheets() -> None:
    data = workbook_bytes(check_paths([EXAMPLES]).collections)
    projects = _rows(data, "监控")
    header = projects[0]
    first = dict(zip(header, projects[1], strict=True))
    assert (first["项目名称"], first["月份"], first["执行数(当年财政拨款)"]) == ("科技工作者系列服务", 7, 180000)
    # The file leaves its 全年预算数 to the 年度资金: the cell stays blank. 180,000 ÷ 450,000 = 40.00 %.
    assert first["全年预算数(当年财政拨款)"] is None
    assert (first["执行率"], first["预警"]) == (0.4, "红")
    assert first["执行情况"].startswith("1.已举办青年科技人才交流活动 2 场")
    indicators = _rows(data, "监控指标")
    by_name = {row[4]: dict(zip(indicators[0], row, strict=True)) for row in indicators[1:] if row[4]}
    collected = by_name["采集小组结题完成数"]
    assert (collected["执行情况"], collected["全年预计"], collected["偏差原因"]) == ("0 个", "2 个", "人员保障、其他")
    assert (collected["完成目标可能性"], collected["预警"]) == ("有可能", "红")
    assert by_name["青年科技人才交流活动举办完成数"]["预警"] == "蓝"
    assert by_name["青年科技人才交流活动举办完成数"]["全年预计"] is None, "a forecast the file leaves out stays blank"


def _round_trip(root: Path, work: Path) -> list[Any]:
    data = workbook_bytes(check_paths([root]).collections)
    source = work / "workbook.xlsx"
    source.write_bytes(data)
    read = import_workbook(source)
    assert [d.message for d in read.diagnostics] == []
    assert write_files(ImportResult(files=read.files()), work / "imported", "imported")
    return [p.project.monitoring for p in load_collection(work / "imported").projects if p.project]


def test_generated_monitored_collections_come_back_through_the_workbook(tmp_path: Path) -> None:
    source = tmp_path / "collection"
    generate(source, 25, monitored=True)
    original = [p.project.monitoring for p in load_collection(source).projects if p.project]
    assert len(original) == 25 and all(m is not None for m in original)
    assert _round_trip(source, tmp_path) == original


def test_an_adjusted_budget_comes_back(tmp_path: Path) -> None:
    root = tmp_path / "2026"
    shutil.copytree(EXAMPLES, root)
    second = next(root.glob("02-*.yaml"))
    adjusted = "监控:\n  月份: 7\n  全年预算数:\n    当年财政拨款: 300,000.00\n    上年结转资金: 0\n    其他资金: 0\n"
    second.write_text(second.read_text(encoding="utf-8").replace("监控:\n  月份: 7\n", adjusted), encoding="utf-8")
    original = [p.project.monitoring for p in load_collection(root).projects if p.project]
    assert original[1] is not None and original[1].budget is not None
    assert original[1].budget.total == Decimal("300000.00")
    (tmp_path / "work").mkdir()
    assert _round_trip(root, tmp_path / "work") == original
