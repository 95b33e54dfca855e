"""Form data → perfsheet's canonical YAML. A value that parses is written canonically (``450,000.00``,
``2026-01-01``, ``≥1.00(场)``); one that does not is kept verbatim, so that ``validate`` shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from perfsheet.evaluation.points import default_points
from perfsheet.evaluation.scoring import attainment_of
from perfsheet.importer.evaluation import EvaluationData, points_of
from perfsheet.importer.reader import FormData
from perfsheet.model import Quantitative, labels
from perfsheet.model.json_schema import SCHEMA_COMMENT
from perfsheet.model.values import (
    ValueProblem,
    format_date,
    format_money,
    parse_date,
    parse_money,
    parse_target,
    parse_ten_thousands,
)
from perfsheet.text.yaml_values import needs_escapes, yaml_block, yaml_key, yaml_scalar

T = TypeVar("T")

# A number with at most a short unit and nothing else (985米, 90%): a target missing its comparator,
# kept as it is so that validate reports it. Other wording with digits (进入全市前 3 名) is marked 定性.
_BARE_QUANTITY = re.compile(r"^\s*\d+(?:\.\d+)?\s*\S{0,4}\s*$")
_WAN = "万元"


def _canonical(text: str | None, parse: Callable[[str], T], write: Callable[[T], str]) -> str:
    """The canonical spelling of a value that parses; the cell's text, verbatim, of one that does not."""
    if not text:
        return ""
    try:
        return write(parse(text))
    except ValueProblem:
        return text


def money_text(text: str | None, in_ten_thousands: bool = False) -> str:
    """An amount in 元; one printed in 万元 is converted, or kept with its unit when it cannot be."""
    if not in_ten_thousands or not text:
        return _canonical(text, parse_money, format_money)
    try:
        return format_money(parse_ten_thousands(text))
    except ValueProblem:
        return text if text.endswith(_WAN) else text + _WAN


def _amounts(form: FormData, amounts: dict[str, str], keys: tuple[str, ...], indent: str) -> list[str]:
    return [_line(key, money_text(amounts.get(key), form.in_ten_thousands), indent) for key in keys]


def _date(text: str | None) -> str:
    return _canonical(text, parse_date, format_date)


def _line(key: str, value: str, indent: str = "") -> str:
    return f"{indent}{key}: {yaml_scalar(value)}" if value else f"{indent}{key}:"


def _text(key: str, value: str | None, indent: str = "") -> str:
    if not value:
        return f"{indent}{key}:"
    if ("\n" in value or len(value) > 60) and not needs_escapes(value):
        return f"{indent}{key}: {yaml_block(value, indent + '  ')}"
    return f"{indent}{key}: {yaml_scalar(value)}"


@dataclass(frozen=True)
class _Target:
    """An indicator's 指标值 as the project file will hold it."""

    written: str  # canonical when it parses, else verbatim
    marked_qualitative: bool  # written with 定性: true
    quantitative: bool


def _target(value: str) -> _Target:
    try:
        parsed = parse_target(value)
    except ValueProblem as problem:
        marked = problem.code == "E131" and not _BARE_QUANTITY.match(value)
        return _Target(value, marked, quantitative=not marked)
    return _Target(parsed.canonical(), False, isinstance(parsed, Quantitative))


def _indicator(name: str, value: str) -> str:
    target = _target(value)
    if target.marked_qualitative:
        return (
            f"      - {{{labels.INDICATOR_NAME}: {yaml_scalar(name, flow=True)}, "
            f"{labels.INDICATOR_VALUE}: {yaml_scalar(value, flow=True)}, {labels.QUALITATIVE}: true}}"
        )
    return f"      - {yaml_key(name, '        ')} {yaml_scalar(target.written)}"


def _points_text(text: str) -> str:
    """A printed 分值 or 得分 as the file writes it: the number (「11分」 → 11), else verbatim."""
    number = points_of(text)
    return text if number is None else f"{number}"


def _result(name: str, value: str, cells: dict[str, str], keep_points: bool) -> list[str]:
    """One indicator under 自评 → 指标: the short form 「名称: 实际完成值」 when that is all it says."""
    target = _target(value)
    actual = cells.get(labels.RESULT_ACTUAL, "")
    entries = [(labels.RESULT_ACTUAL, actual)]
    if keep_points and labels.RESULT_POINTS in cells:
        entries.append((labels.RESULT_POINTS, _points_text(cells[labels.RESULT_POINTS])))
    score = cells.get(labels.RESULT_SCORE)
    # A quantitative score is computed; a qualitative one not met is the unit's, within its band.
    if score and not target.quantitative and actual and actual != target.written:
        points, given = points_of(cells.get(labels.RESULT_POINTS)), points_of(score)
        band = attainment_of(given, points) if points is not None and given is not None else None
        if band is not None:
            entries.append((labels.RESULT_ATTAINMENT, band))
        entries.append((labels.RESULT_SCORE, _points_text(score)))
    if cells.get(labels.RESULT_DEVIATION):
        entries.append((labels.RESULT_DEVIATION, cells[labels.RESULT_DEVIATION]))
    if len(entries) == 1:
        return [_line(yaml_key(name, "    ")[:-1], actual, "    ")]
    return [f"    {yaml_key(name, '    ')}", *(_text(key, text, "      ") for key, text in entries)]


def _evaluation(form: FormData, evaluation: EvaluationData) -> list[str]:
    lines = [f"{labels.SELF_EVALUATION}:"]
    for key, amounts in (
        (labels.EVALUATION_BUDGET, evaluation.budget),
        (labels.EVALUATION_SPENT, evaluation.spent),
    ):
        if key == labels.EVALUATION_BUDGET and not any(amounts.values()):
            continue  # no 全年预算数 printed: the file leaves it to 年度资金 (an empty one would score 0)
        lines.append(f"  {key}:")
        lines += _amounts(form, amounts, labels.SPENT_FUND_LABELS, "    ")
    lines.append(_text(labels.EVALUATION_ACHIEVED, evaluation.achieved, "  "))
    indicators: dict[str, tuple[str, str]] = {}
    for level1, groups in form.indicators.items():
        for items in groups.values():
            for name, value in items:
                indicators.setdefault(name, (level1, value))  # 自评 is keyed by name: the first one
    printed = [points_of(evaluation.results.get(name, {}).get(labels.RESULT_POINTS)) for name in indicators]
    # 分值 as the scheme splits them are left to it, as a person would write the file.
    keep_points = printed != default_points([level1 for level1, _value in indicators.values()])
    lines.append(f"  {labels.EVALUATION_RESULTS}:" if indicators else f"  {labels.EVALUATION_RESULTS}: {{}}")
    for name, (_level1, value) in indicators.items():
        lines += _result(name, value, evaluation.results.get(name, {}), keep_points)
    for name, cells in evaluation.results.items():
        if name not in indicators:
            # A result the 申报表 has no indicator for (renamed since): kept as printed; validate names it.
            lines.append(f"    {yaml_key(name, '    ')}")
            lines += [_text(key, text, "      ") for key, text in cells.items()]
    return lines


def project_yaml(
    form: FormData,
    default_department: str,
    default_unit: str,
    evaluation: EvaluationData | None = None,
    monitoring: str = "",
) -> str:
    """The project file: the declared part, then the 监控 section (``monitoring``, as written by
    importer.monitoring), then the 自评 — as the year goes."""
    fields = form.fields
    lines = [SCHEMA_COMMENT.format(name="project.schema.json")]
    lines += [_line(key, fields.get(key, "")) for key in (labels.NAME, labels.NATURE, labels.CATEGORY)]
    # 主管部门 / 实施单位 equal to the collection's defaults are left to them, as a person would write it.
    for key, default in ((labels.DEPARTMENT, default_department), (labels.IMPLEMENTER, default_unit)):
        if fields.get(key) and fields[key] != default:
            lines.append(_line(key, fields[key]))
    lines += [_line(key, _date(fields.get(key))) for key in (labels.START, labels.END)]
    lines.append(f"{labels.PROJECT_FUNDS}:")
    lines += _amounts(form, form.project_funds, labels.PROJECT_FUND_LABELS, "  ")
    lines.append(f"{labels.ANNUAL_FUNDS}:")
    lines += _amounts(form, form.annual_funds, labels.ANNUAL_FUND_LABELS, "  ")
    lines += [_text(key, form.goals.get(key)) for key in (labels.OVERALL_GOAL, labels.ANNUAL_GOAL)]
    lines.append(f"{labels.INDICATORS}:" if form.indicators else f"{labels.INDICATORS}: {{}}")
    for level1, groups in form.indicators.items():
        lines.append(f"  {yaml_scalar(level1)}:")
        for level2, items in groups.items():
            lines.append(f"    {yaml_scalar(level2)}:")
            lines += [_indicator(name, value) for name, value in items]
    text = "\n".join(lines) + "\n" + monitoring
    return text + evaluation_yaml(form, evaluation) if evaluation is not None else text


def evaluation_yaml(form: FormData, evaluation: EvaluationData) -> str:
    """The 自评 section alone, as it ends a project file (``import --into`` appends it to one)."""
    return "\n".join(_evaluation(form, evaluation)) + "\n"


# The line writers, shared with the 监控 section's (importer.monitoring).
line, text_line = _line, _text

_WORD_NOTE = "# 由 perfsheet import 从 Word 文档读出；请核对。"


def settings_yaml(year: int | None, unit: str, department: str, note: str = _WORD_NOTE) -> str:
    """perfsheet.yaml; ``note`` says where it was read from."""
    lines = [
        SCHEMA_COMMENT.format(name="collection.schema.json"),
        note,
        f"{labels.YEAR}: {year}" if year else f"{labels.YEAR}:",
        _line(labels.UNIT, unit),
        _line(labels.SETTINGS_DEPARTMENT, department),
    ]
    return "\n".join(lines) + "\n"
