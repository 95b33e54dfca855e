"""A 监控表 is not read back yet: its declared part (项目信息, 年度资金, 指标值) reads as a 申报表, and the
monitoring columns left behind are said (E574), never dropped without a word."""

from __future__ import annotations

from perfsheet.importer.grid import Grid
from perfsheet.importer.reader import Problem, normalize
from perfsheet.model import labels

# The one label only a 监控表 prints: the money column of the 全年预计执行数 (the 监控 section's own key).
_MARK = normalize(labels.MONITORING_FORECAST)


def monitoring_left_out(grid: Grid) -> list[Problem]:
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if normalize(cell.text) == _MARK:
                return [Problem("E574", grid.number, r + 1, c + 1)]
    return []
