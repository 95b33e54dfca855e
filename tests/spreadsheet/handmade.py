"""A workbook as an officer makes it by hand, with the variants units print: a title and 「金额单位：万元」
above the header, reworded headers (开始日期, 年度资金总额, 指标名称, 符号, 一级绩效指标…), merged and
blank-repeated 项目/一级/二级 cells, the 指标值 split over 符号/数值/单位 or in one cell, the project
name above the header, a percentage typed as 90%, a formula, a row without its 三级 name, and a sheet of
notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook


def _projects(book: Workbook) -> None:
    sheet = book.create_sheet("项目清单")
    sheet.append(["2026年度项目清单"])
    sheet.append(["金额单位：万元"])
    sheet.append(["项目名称", "项目性质", "项目类别", "开始日期", "完成日期", "年度资金总额",
                  "其中：当年财政拨款", "上年结转资金", "其他资金", "年度目标"])  # fmt: skip
    sheet.append(["社区科普讲座", "经常性项目", "特定目标类", date(2026, 1, 1), "2026/12/31", 45, 40, 5, 0,
                  "举办社区科普讲座 12 场"])  # fmt: skip
    sheet.append(["青少年科技节", "其他一次性项目", "特定目标类", date(2026, 3, 1), date(2026, 10, 31), "=G5+H5+I5",
                  12.5, 0, 0, "举办青少年科技节一届"])  # fmt: skip


def _indicators(book: Workbook) -> None:
    sheet = book.create_sheet("指标")
    sheet.append(["项目", "一级指标", "二级指标", "指标名称", "符号", "数值", "单位", "指标值", "指标类型"])
    rows = [
        ["社区科普讲座", "产出指标", "数量指标", "讲座场次", "≥", 12, "场", None, "定量"],
        [None, None, None, "听众人次", ">=", 600, "人次", None, "定量"],
        [None, None, "质量指标", "讲座内容审核通过率", "=", 100, "%", None, "定量"],
        [None, "效益", "社会效益", "公众科学素养", None, None, None, "有效提升", "定性"],
        [None, "满意度指标", "服务对象满意度指标", "听众满意度", "≥", 0.9, None, None, "定量"],  # typed 90%
        ["青少年科技节", "产出指标", "时效指标", "按时完成", None, None, None, "及时", "定性"],
        [None, "成本", "经济成本指标", "活动成本", "≤", 12.5, "万元", None, "定量"],
        [None, None, None, None, "≥", 5, "场", None, None],
        [],
    ]
    for row in rows:
        sheet.append(row)
    sheet["F6"].number_format = "0%"  # the 90% a person typed: stored as 0.9, shown as a percentage
    sheet.merge_cells("A2:A6")  # the project, merged down its rows
    sheet.merge_cells("B2:B4")  # 产出指标 merged; 数量指标 left blank on the second row


def _base(book: Workbook) -> None:
    sheet = book.create_sheet("科普基地")
    sheet.append(["项目名称：科普基地运维"])
    sheet.append(["一级绩效指标", "二级绩效指标", "三级绩效指标", "年度指标值"])
    sheet.append(["产出", "数量", "开放天数", "≥250天"])
    sheet.append([None, None, "接待人次", "≥ 10000 人次"])
    sheet.append(["满意度指标", "服务对象满意度指标", "参观者满意度", "≥90%"])


def handmade_workbook(path: Path) -> Path:
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表由各项目负责人填写，12 月 1 日前交财务科。"])
    _projects(book)
    _indicators(book)
    _base(book)
    book.save(path)
    return path
