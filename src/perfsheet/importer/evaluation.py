"""A 自评表's year-end columns, read by their labels like the rest of the form (never by position):
全年预算数 and 全年执行数 beside the money rows, 实际完成情况 beside 预期目标, and each indicator's
实际完成值, 分值, 得分 and 偏差原因 in the rows :func:`read_form` found. Cell texts stay as printed; the
writer decides what they become. A 申报表 has none of these columns and reads as None."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from pydantic import TypeAdapter, ValidationError

from perfsheet.diagnostics import listing
from perfsheet.evaluation.scoring import score_evaluation, shown, shown_points
from perfsheet.importer.grid import Grid, GridCell
from perfsheet.importer.labels import labels, normalize, score_names
from perfsheet.importer.reader import LEVEL1, FormData, Problem, is_header, named_columns, value_below
from perfsheet.model import labels as model_labels
from perfsheet.model.evaluation import POINTS_PATTERN, SelfEvaluation
from perfsheet.model.project import AnnualFunds, IndicatorTree, each_indicator
from perfsheet.model.values import ValueProblem, format_money, parse_money, parse_ten_thousands
from perfsheet.source import load_text

_MONEY_ROWS = frozenset(model_labels.ANNUAL_FUND_LABELS)
_TREE: TypeAdapter[IndicatorTree] = TypeAdapter(IndicatorTree)
_POINTS = re.compile(POINTS_PATTERN)
_POINTS_UNIT = "分"  # 「11分」 is 11 points


def points_of(text: str | None) -> Decimal | None:
    """A printed 分值 or 得分 as a number (``15``, ``8.34``, ``11分``); None when it is none."""
    bare = (text or "").strip().removesuffix(_POINTS_UNIT).strip()
    return Decimal(bare) if bare and _POINTS.fullmatch(bare) else None


@dataclass
class EvaluationData:
    """What a 自评表 adds to the 申报表's fields, keyed by the 自评 section's own keys."""

    table: int  # 1-based, in document order
    budget: dict[str, str] = field(default_factory=dict)  # money row label → 全年预算数
    spent: dict[str, str] = field(default_factory=dict)  # money row label → 全年执行数
    achieved: str = ""
    results: dict[str, dict[str, str]] = field(default_factory=dict)  # 三级 name → column key → text
    problems: list[Problem] = field(default_factory=list)
    # Where the form prints a score, by what is scored (a 三级 name, 预算执行率 or 总分): the text and
    # its (row, column), 1-based, to compare with the scores computed from the same figures.
    printed_scores: dict[str, tuple[str, int, int]] = field(default_factory=dict)


def header_row(
    rows: list[list[GridCell]],
    variants: dict[str, tuple[str, ...]],
    key: Callable[[str], str] = normalize,
    wanted: str | None = None,
) -> tuple[int, dict[str, int]]:
    """The first row naming the column ``wanted`` (every column of ``variants`` when None), its labels
    compared by ``key``; (-1, {}) when there is none."""
    for r, row in enumerate(rows):
        columns = named_columns(row, variants, key)
        if (wanted in columns) if wanted is not None else len(columns) == len(variants):
            return r, columns
    return -1, {}


def read_evaluation(grid: Grid, form: FormData) -> EvaluationData | None:
    """The 自评 columns of ``grid`` (read_form's ``form`` of it), or None when it is a 申报表."""
    spec = labels()
    block = form.block_start if form.block_start is not None else len(grid.rows)
    above = grid.rows[:block]
    money_row, money = header_row(above, spec.money_columns)
    header = grid.rows[block - 1] if form.block_start is not None and block > 0 else []
    results = named_columns(header, spec.result_columns) if any(is_header(c.text, LEVEL1) for c in header) else {}
    if money_row < 0 and model_labels.RESULT_ACTUAL not in results:
        return None
    evaluation = EvaluationData(grid.number)

    def missing(label: str) -> None:
        evaluation.problems.append(Problem("E345", grid.number, 0, 0, {"label": label}))

    if money_row < 0:
        missing(listing(spec.money_columns))
    money_score = named_columns(above[money_row], spec.result_columns).get(model_labels.RESULT_SCORE) if money else None
    total_row = 0
    for r, row in enumerate(above[money_row + 1 :] if money_row >= 0 else [], start=money_row + 1):
        label = next((name for cell in row if (name := spec.field_of(cell.text)) in _MONEY_ROWS), None)
        if label is None or label in evaluation.spent:
            continue
        if label == model_labels.ANNUAL_TOTAL:
            total_row = r + 1
            if money_score is not None:
                _printed(evaluation, score_names()[0], grid, r, money_score)
        for key, amounts in (
            (model_labels.EVALUATION_BUDGET, evaluation.budget),
            (model_labels.EVALUATION_SPENT, evaluation.spent),
        ):
            amounts[label] = row[money[key]].text.strip() if money[key] < len(row) else ""
    if total_row:
        for key, amounts in (
            (model_labels.EVALUATION_BUDGET, evaluation.budget),
            (model_labels.EVALUATION_SPENT, evaluation.spent),
        ):
            reconcile(evaluation, key, amounts, form.in_ten_thousands, (total_row, money[key] + 1))

    goal_row, goals = header_row(above, spec.goal_columns)
    if goal_row < 0:
        missing(model_labels.EVALUATION_ACHIEVED)
    else:
        # The 自评表's 预期目标 is the 申报表's 年度总体目标, printed beside what was achieved.
        form.goals[model_labels.ANNUAL_GOAL] = value_below(grid, goal_row, goals[model_labels.ANNUAL_GOAL], block)
        evaluation.achieved = value_below(grid, goal_row, goals[model_labels.EVALUATION_ACHIEVED], block)

    for key in spec.result_columns:
        if key not in results and key != model_labels.RESULT_DEVIATION:
            missing(key)
    score_column = results.get(model_labels.RESULT_SCORE)
    for name, r in form.indicator_rows.items():
        row = grid.rows[r]
        evaluation.results[name] = {
            key: row[c].text.strip() for key, c in results.items() if c < len(row) and row[c].text.strip()
        }
        if score_column is not None:
            _printed(evaluation, name, grid, r, score_column)
    if form.total_row is not None and score_column is not None:
        _printed(evaluation, score_names()[1], grid, form.total_row, score_column)
    return evaluation


def amount(text: str, in_ten_thousands: bool) -> Decimal | None:
    try:
        return parse_ten_thousands(text) if in_ten_thousands else parse_money(text)
    except ValueProblem:
        return None


class _Reported(Protocol):
    table: int
    problems: list[Problem]


def reconcile(
    evaluation: _Reported, key: str, amounts: dict[str, str], in_ten_thousands: bool, at: tuple[int, int]
) -> None:
    """The 自评 (or 监控) section keeps a column's amounts by source (its 年度资金总额 is their sum). A total
    printed without its sources is kept under 当年财政拨款 and said; one that its sources do not add
    up to is said too. Nothing in between is lost without a word."""
    total = amount(amounts.get(model_labels.ANNUAL_TOTAL, ""), in_ten_thousands)
    if total is None:
        return
    parts = [amounts.get(label, "") for label in model_labels.SPENT_FUND_LABELS]
    params = {"column": key, "amount": format_money(total)}
    if not any(parts):
        amounts[model_labels.SPENT_FUND_LABELS[0]] = amounts[model_labels.ANNUAL_TOTAL]
        evaluation.problems.append(Problem("E347", evaluation.table, *at, params))
        return
    values = [amount(text, in_ten_thousands) if text else Decimal(0) for text in parts]
    added = sum((v for v in values if v is not None), Decimal(0))
    if None not in values and added != total:
        evaluation.problems.append(Problem("E348", evaluation.table, *at, params | {"sum": format_money(added)}))


def _printed(evaluation: EvaluationData, what: str, grid: Grid, row: int, column: int) -> None:
    cells = grid.rows[row]
    if column < len(cells) and cells[column].text.strip():
        evaluation.printed_scores[what] = (cells[column].text.strip(), row + 1, column + 1)


def printed_score_problems(text: str, evaluation: EvaluationData) -> list[Problem]:
    """Where the form's printed 得分 differ from what perfsheet computes from the same figures (the
    project file keeps the figures, not the printed arithmetic, so each difference is said). Nothing
    is compared while the written file does not score (validate then says why)."""
    data = load_text(text, "import", typing=False).data
    if not isinstance(data, dict):
        return []
    try:
        section = SelfEvaluation.model_validate(data[model_labels.SELF_EVALUATION])
        annual = AnnualFunds.model_validate(data[model_labels.ANNUAL_FUNDS])
        tree = _TREE.validate_python(data[model_labels.INDICATORS])
    except (KeyError, ValidationError):
        return []
    declared = [(level1, level2, i.name, i.value) for level1, level2, _index, i in each_indicator(tree)]
    card = score_evaluation(section, annual, declared)
    unscored = {p.path[2] for p in card.problems if len(p.path) > 2}
    computed = {i.name: i.shown_score for i in card.indicators if i.name not in unscored}
    budget, total = score_names()
    computed[budget] = shown(card.budget_score)
    if not card.problems:
        computed[total] = card.total
    problems = []
    for what, (printed, row, column) in evaluation.printed_scores.items():
        number = points_of(printed)
        if what in computed and number is not None and number != computed[what]:
            params = {"what": what, "printed": printed, "computed": shown_points(computed[what])}
            problems.append(Problem("E346", evaluation.table, row, column, params))
    return problems
