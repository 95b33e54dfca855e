"""Where each declared sheet's rows come from: one function per ``行`` of ``templates/workbook.yaml``,
giving each row as a mapping from the columns' ``字段`` to a value (text, Decimal, date or None).

A new sheet with rows of a new kind is one declaration there and one function here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from perfsheet.collection.loading import Collection
from perfsheet.model import Quantitative, labels
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.model.values import format_target_number
from perfsheet.monitoring import bands_for
from perfsheet.spreadsheet.declaration import workbook
from perfsheet.spreadsheet.tables import LEVEL1, LEVEL2, LEVEL3

Value = str | Decimal | date | int | None
Row = dict[str, Value]

# Fields that are no label of the model: what a row says beside the project's own fields.
UNIT = labels.UNIT
COMPARATOR, NUMBER, MEASURE, KIND = "比较符", "数值", "计量单位", "指标类型"
RATE, TOTAL, GRADE, POINTS, SCORE = "执行率", "总分", "等级", labels.RESULT_POINTS, labels.RESULT_SCORE
LIGHT = "预警"
# The ticked 偏差原因 in one cell: 「人员保障、其他」.
REASONS_JOINT = "、"


def by_label(model: BaseModel | None, path: str) -> Value:
    """The value at ``path`` (labels joined by 「.」, as the YAML file nests them) of ``model``."""
    value: object = model
    for label in path.split("."):
        if not isinstance(value, BaseModel):
            return None
        name = next((n for n, f in type(value).model_fields.items() if f.alias == label), None)
        if name is None:
            raise KeyError(f"{type(value).__name__} has no field labelled {label}")
        value = getattr(value, name)
    return value if isinstance(value, (str, Decimal, date, int)) or value is None else str(value)


def _units(collection: Collection) -> Iterator[Row]:
    settings = collection.settings
    if settings is not None:
        yield {labels.YEAR: settings.year, UNIT: settings.unit, labels.SETTINGS_DEPARTMENT: settings.department}


def _unit(collection: Collection) -> str:
    return collection.settings.unit if collection.settings is not None else ""


_PROJECT_PATHS = (
    labels.NAME, labels.NATURE, labels.CATEGORY, labels.START, labels.END, labels.OVERALL_GOAL, labels.ANNUAL_GOAL,
    *(f"{labels.ANNUAL_FUNDS}.{label}" for label in labels.ANNUAL_FUND_LABELS),
    *(f"{labels.PROJECT_FUNDS}.{label}" for label in labels.PROJECT_FUND_LABELS),
)  # fmt: skip


def _projects(collection: Collection) -> Iterator[Row]:
    for _file, project in collection.valid_projects:
        row: Row = {UNIT: _unit(collection)}
        row.update({path: by_label(project, path) for path in _PROJECT_PATHS})
        row[labels.DEPARTMENT] = collection.department_for(project)
        row[labels.IMPLEMENTER] = collection.implementer_for(project)
        yield row


def _indicators(collection: Collection) -> Iterator[Row]:
    for _file, project in collection.valid_projects:
        for level1, level2, _index, indicator in project.each_indicator():
            value = indicator.value
            quantitative = isinstance(value, Quantitative)
            yield {
                UNIT: _unit(collection),
                labels.NAME: project.name,
                LEVEL1: level1,
                LEVEL2: level2,
                LEVEL3: indicator.name,
                COMPARATOR: value.comparator if isinstance(value, Quantitative) else None,
                # As the form prints it (≥90(%) is ≥90.00(%)): the column agrees with the 指标值 beside it.
                NUMBER: Decimal(format_target_number(value.number)) if isinstance(value, Quantitative) else None,
                MEASURE: value.unit if isinstance(value, Quantitative) else None,
                labels.INDICATOR_VALUE: value.canonical(),
                KIND: workbook().indicator_kinds[0 if quantitative else 1],
            }


def _light(code: str | None) -> str | None:
    return None if code is None else monitoring_scheme().light_name(code)


def _monitorings(collection: Collection) -> Iterator[Row]:
    bands, _problem = bands_for(collection.settings)
    for file, project in collection.valid_projects:
        monitoring, card = project.monitoring, file.monitoring_card(bands)
        if monitoring is None:
            continue
        row: Row = {UNIT: _unit(collection), labels.NAME: project.name, labels.MONITORING_MONTH: monitoring.month}
        # The file's own amounts: a 全年预算数 left out (it is then the 年度资金) stays blank.
        for label in (labels.MONITORING_BUDGET, labels.MONITORING_SPENT, labels.MONITORING_FORECAST):
            for source in labels.SPENT_FUND_LABELS:
                path = f"{label}.{source}"
                row[path] = by_label(monitoring, path)
        rate = card.rate if card is not None else None
        row[RATE] = None if rate is None else rate.quantize(Decimal("0.0001"))
        row[LIGHT] = _light(card.light) if card is not None else None
        row[labels.MONITORING_PROGRESS] = monitoring.progress
        yield row


_PROGRESS_FIELDS = (
    labels.PROGRESS_CURRENT, labels.PROGRESS_FORECAST, labels.PROGRESS_ATTAINMENT, labels.PROGRESS_EXPLANATION,
    labels.PROGRESS_LIKELIHOOD, labels.PROGRESS_MEASURES,
)  # fmt: skip


def _progress(collection: Collection) -> Iterator[Row]:
    bands, _problem = bands_for(collection.settings)
    for file, project in collection.valid_projects:
        card = file.monitoring_card(bands)
        if card is None:
            continue
        for indicator in card.indicators:
            progress = indicator.progress
            reasons = progress.reasons if progress is not None else None
            row: Row = {
                UNIT: _unit(collection),
                labels.NAME: project.name,
                LEVEL1: indicator.level1,
                LEVEL2: indicator.level2,
                LEVEL3: indicator.name,
                labels.INDICATOR_VALUE: indicator.target.canonical(),
                # The file's own words: what it leaves out (全年预计, 确定能) stays blank.
                **{key: by_label(progress, key) for key in _PROGRESS_FIELDS},
                labels.PROGRESS_REASONS: REASONS_JOINT.join(reasons) if reasons else None,
                LIGHT: _light(indicator.light),
            }
            yield row


def _evaluations(collection: Collection) -> Iterator[Row]:
    for file, project in collection.valid_projects:
        card = file.scorecard
        if card is None or project.self_evaluation is None:
            continue
        row: Row = {UNIT: _unit(collection), labels.NAME: project.name}
        # The file's own amounts: a 全年预算数 left out (it is then the 年度资金) stays blank.
        for label in (labels.EVALUATION_BUDGET, labels.EVALUATION_SPENT):
            for source in labels.SPENT_FUND_LABELS:
                path = f"{label}.{source}"
                row[path] = by_label(project.self_evaluation, path)
        row[RATE] = None if card.rate is None else card.rate.quantize(Decimal("0.0001"))
        row[TOTAL] = card.total
        row[GRADE] = card.grade
        row[labels.EVALUATION_ACHIEVED] = project.self_evaluation.achieved
        yield row


def _results(collection: Collection) -> Iterator[Row]:
    for file, project in collection.valid_projects:
        card = file.scorecard
        if card is None:
            continue
        for scored in card.indicators:
            yield {
                UNIT: _unit(collection),
                labels.NAME: project.name,
                LEVEL1: scored.level1,
                LEVEL2: scored.level2,
                LEVEL3: scored.name,
                labels.INDICATOR_VALUE: scored.target.canonical(),
                labels.RESULT_ACTUAL: scored.actual,
                POINTS: scored.points,
                SCORE: scored.shown_score,
                labels.RESULT_DEVIATION: scored.deviation,
            }


ROW_SOURCES: Mapping[str, Callable[[Collection], Iterator[Row]]] = {
    "单位": _units,
    "项目": _projects,
    "指标": _indicators,
    "监控": _monitorings,
    "监控指标": _progress,
    "自评": _evaluations,
    "自评指标": _results,
}
