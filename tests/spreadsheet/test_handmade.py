"""An indicator workbook made by hand (tests/spreadsheet/handmade.py) imports with exactly the expected
project files and located diagnostics; re-saved by LibreOffice Calc (which stores the formula's result)
it imports the same, with the formula's value read."""

from __future__ import annotations

from pathlib import Path

from perfsheet.spreadsheet.reading import import_workbook
from tests.spreadsheet.handmade import handmade_workbook
from tests.spreadsheet.test_libreoffice import convert

LECTURES = """\
# yaml-language-server: $schema=.perfsheet/project.schema.json
项目名称: 社区科普讲座
项目性质: 经常性项目
项目类别: 特定目标类
计划开始日期: 2026-01-01
计划完成日期: 2026-12-31
项目资金:
  项目资金总额:
  财政资金:
  其他资金:
年度资金:
  年度资金申请总额: 450,000.00
  当年财政拨款: 400,000.00
  上年结转资金: 50,000.00
  其他资金: 0.00
项目总目标:
年度总体目标: 举办社区科普讲座 12 场
绩效指标:
  产出指标:
    数量指标:
      - 讲座场次: ≥12.00(场)
      - 听众人次: ≥600.00(人次)
    质量指标:
      - 讲座内容审核通过率: =100.00(%)
  效益指标:
    社会效益指标:
      - 公众科学素养: 有效提升
  满意度指标:
    服务对象满意度指标:
      - 听众满意度: ≥90.00(%)
"""

BASE = """\
# yaml-language-server: $schema=.perfsheet/project.schema.json
项目名称: 科普基地运维
项目性质:
项目类别:
计划开始日期:
计划完成日期:
项目资金:
  项目资金总额:
  财政资金:
  其他资金:
年度资金:
  年度资金申请总额:
  当年财政拨款:
  上年结转资金:
  其他资金:
项目总目标:
年度总体目标:
绩效指标:
  产出指标:
    数量指标:
      - 开放天数: ≥250.00(天)
      - 接待人次: ≥10000.00(人次)
  满意度指标:
    服务对象满意度指标:
      - 参观者满意度: ≥90.00(%)
"""

# (code, row, column) of each diagnostic; the 万元 conversion is said once, the formula only without a result.
EXPECTED = [
    ("E508", 1, 1),  # 说明: no header
    ("E514", 3, 1),  # 科普基地运维 is in no row of 项目清单
    ("E518", 3, 1),  # 项目清单's amounts in 万元
    ("E510", 5, 6),  # F5 =G5+H5+I5 without a cached result
    ("E509", 9, 4),  # 指标 row 9: a value without its 三级 name
]


def _read(path: Path) -> tuple[list[tuple[str, int, int]], dict[str, str]]:
    read = import_workbook(path, path.name)
    found = sorted((d.code, d.line, d.column) for d in read.diagnostics)
    return found, {name: text for name, text in read.files().items() if name.endswith(".yaml")}


def test_a_handmade_workbook_imports_as_expected(tmp_path: Path) -> None:
    found, files = _read(handmade_workbook(tmp_path / "指标.xlsx"))
    assert found == sorted(EXPECTED)
    assert list(files) == ["perfsheet.yaml", "01-社区科普讲座.yaml", "02-青少年科技节.yaml", "03-科普基地运维.yaml"]
    assert files["01-社区科普讲座.yaml"] == LECTURES
    assert files["03-科普基地运维.yaml"] == BASE
    festival = files["02-青少年科技节.yaml"]
    # The formula is never evaluated: its text is kept (in 万元, as the sheet says) for validate to show.
    assert "  年度资金申请总额: =G5+H5+I5万元\n" in festival
    assert "      - 按时完成: 及时\n" in festival and "      - 活动成本: ≤12.50(万元)\n" in festival


def test_the_same_workbook_saved_by_calc_imports_the_same(tmp_path: Path) -> None:
    made = handmade_workbook(tmp_path / "handmade.xlsx")
    convert(made, "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc")
    found, files = _read(tmp_path / "calc" / "handmade.xlsx")
    assert found == sorted(e for e in EXPECTED if e[0] != "E510")
    assert files["01-社区科普讲座.yaml"] == LECTURES and files["03-科普基地运维.yaml"] == BASE
    assert "  年度资金申请总额: 125,000.00\n" in files["02-青少年科技节.yaml"]
