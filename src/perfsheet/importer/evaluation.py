"""A 自评表's year-end columns, read by their labels like the rest of the form (never by position):
全年预算数 and 全年执行数 beside the money rows, 实际完成情况 beside 预期目标, and each indicator's
实际完成值, 分值, 得分 and 偏差原因 in the rows :func:`read_form` found. Cell texts stay as printed; the
writer decides what they become. A 申报表 has none of these columns and reads as None."""

from __future__ import annotations

from dataclasses import dataclass, field

from perfsheet.diagnostics import listing
from perfsheet.importer.grid import Grid, GridCell
from perfsheet.importer.reader import (
    LEVEL1,
    FormData,
    Problem,
    indicator_start,
    is_header,
    labels,
    normalize,
    value_below,
)
from perfsheet.model import labels as model_labels

_MONEY_ROWS = frozenset(model_labels.ANNUAL_FUND_LABELS)


@dataclass
class EvaluationData:
    """What a 自评表 adds to the 申报表's fields, keyed by the 自评 section's own keys."""

    budget: dict[str, str] = field(default_factory=dict)  # money row label → 全年预算数
    spent: dict[str, str] = field(default_factory=dict)  # money row label → 全年执行数
    achieved: str = ""
    results: dict[str, dict[str, str]] = field(default_factory=dict)  # 三级 name → column key → text
    total: str = ""  # the printed 总分
    problems: list[Problem] = field(default_factory=list)


def _columns(row: list[GridCell], variants: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Each named column's first grid column in a header row (a merged label counts once)."""
    columns: dict[str, int] = {}
    for c, cell in enumerate(row):
        key = normalize(cell.text)
        for name, names in variants.items():
            if name not in columns and key and any(key.startswith(v) for v in names):
                columns[name] = c
                break
    return columns


def _header_row(rows: list[list[GridCell]], variants: dict[str, tuple[str, ...]]) -> tuple[int, dict[str, int]]:
    """The first row naming every column of ``variants``; (-1, {}) when there is none."""
    for r, row in enumerate(rows):
        columns = _columns(row, variants)
        if len(columns) == len(variants):
            return r, columns
    return -1, {}


def read_evaluation(grid: Grid, form: FormData) -> EvaluationData | None:
    """The 自评 columns of ``grid`` (read_form's ``form`` of it), or None when it is a 申报表."""
    spec = labels()
    start = indicator_start(grid)
    block = start[0] if start else len(grid.rows)
    above = grid.rows[:block]
    money_row, money = _header_row(above, spec.money_columns)
    header = grid.rows[block - 1] if start and block > 0 else []
    results = _columns(header, spec.result_columns) if any(is_header(c.text, LEVEL1) for c in header) else {}
    if money_row < 0 and model_labels.RESULT_ACTUAL not in results:
        return None
    evaluation = EvaluationData()

    def missing(label: str) -> None:
        evaluation.problems.append(Problem("E345", grid.number, 0, 0, {"label": label}))

    if money_row < 0:
        missing(listing(spec.money_columns))
    for row in above[money_row + 1 :] if money_row >= 0 else []:
        label = next((name for cell in row if (name := spec.field_of(cell.text)) in _MONEY_ROWS), None)
        if label is None or label in evaluation.spent:
            continue
        for key, amounts in (
            (model_labels.EVALUATION_BUDGET, evaluation.budget),
            (model_labels.EVALUATION_SPENT, evaluation.spent),
        ):
            amounts[label] = row[money[key]].text.strip() if money[key] < len(row) else ""

    goal_row, goals = _header_row(above, spec.goal_columns)
    if goal_row < 0:
        missing(model_labels.EVALUATION_ACHIEVED)
    else:
        # The 自评表's 预期目标 is the 申报表's 年度总体目标, printed beside what was achieved.
        form.goals[model_labels.ANNUAL_GOAL] = value_below(grid, goal_row, goals[model_labels.ANNUAL_GOAL], block)
        evaluation.achieved = value_below(grid, goal_row, goals[model_labels.EVALUATION_ACHIEVED], block)

    for key in spec.result_columns:
        if key not in results and key != model_labels.RESULT_DEVIATION:
            missing(key)
    for name, r in form.indicator_rows.items():
        row = grid.rows[r]
        evaluation.results[name] = {
            key: row[c].text.strip() for key, c in results.items() if c < len(row) and row[c].text.strip()
        }
    score_column = results.get(model_labels.RESULT_SCORE)
    if form.total_row is not None and score_column is not None and score_column < len(grid.rows[form.total_row]):
        evaluation.total = grid.rows[form.total_row][score_column].text.strip()
    return evaluation
