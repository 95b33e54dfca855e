"""Form data → perfsheet's canonical YAML. A value that parses is written canonically (``450,000.00``,
``2026-01-01``, ``≥1.00(场)``); one that does not is kept verbatim, so that ``validate`` shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from perfsheet.importer.reader import FormData
from perfsheet.model import labels
from perfsheet.model.values import (
    ValueProblem,
    format_date,
    format_money,
    parse_date,
    parse_money,
    parse_target,
)
from perfsheet.schema import SCHEMA_COMMENT
from perfsheet.yaml_values import needs_escapes, yaml_block, yaml_scalar

T = TypeVar("T")

# A number with at most a short unit and nothing else (985米, 90%): a target missing its comparator,
# kept as it is so that validate reports it. Other wording with digits (进入全市前 3 名) is marked 定性.
_BARE_QUANTITY = re.compile(r"^\s*\d+(?:\.\d+)?\s*\S{0,4}\s*$")


def _canonical(text: str | None, parse: Callable[[str], T], write: Callable[[T], str]) -> str:
    """The canonical spelling of a value that parses; the cell's text, verbatim, of one that does not."""
    if not text:
        return ""
    try:
        return write(parse(text))
    except ValueProblem:
        return text


def _money(text: str | None) -> str:
    return _canonical(text, parse_money, format_money)


def _date(text: str | None) -> str:
    return _canonical(text, parse_date, format_date)


def _line(key: str, value: str, indent: str = "") -> str:
    return f"{indent}{key}: {yaml_scalar(value)}" if value else f"{indent}{key}:"


def _text(key: str, value: str | None) -> str:
    if not value:
        return f"{key}:"
    if ("\n" in value or len(value) > 60) and not needs_escapes(value):
        return f"{key}: {yaml_block(value)}"
    return f"{key}: {yaml_scalar(value)}"


def _indicator(name: str, value: str) -> str:
    try:
        written = parse_target(value).canonical()
    except ValueProblem as problem:
        if problem.code == "E131" and not _BARE_QUANTITY.match(value):
            return (
                f"      - {{{labels.INDICATOR_NAME}: {yaml_scalar(name, flow=True)}, "
                f"{labels.INDICATOR_VALUE}: {yaml_scalar(value, flow=True)}, {labels.QUALITATIVE}: true}}"
            )
        written = value
    return f"      - {yaml_scalar(name)}: {yaml_scalar(written)}"


def project_yaml(form: FormData, default_department: str, default_unit: str) -> str:
    fields = form.fields
    lines = [SCHEMA_COMMENT.format(name="project.schema.json")]
    lines += [_line(key, fields.get(key, "")) for key in (labels.NAME, labels.NATURE, labels.CATEGORY)]
    # 主管部门 / 实施单位 equal to the collection's defaults are left to them, as a person would write it.
    for key, default in ((labels.DEPARTMENT, default_department), (labels.IMPLEMENTER, default_unit)):
        if fields.get(key) and fields[key] != default:
            lines.append(_line(key, fields[key]))
    lines += [_line(key, _date(fields.get(key))) for key in (labels.START, labels.END)]
    lines.append(f"{labels.PROJECT_FUNDS}:")
    lines += [_line(key, _money(form.project_funds.get(key)), "  ") for key in labels.PROJECT_FUND_LABELS]
    lines.append(f"{labels.ANNUAL_FUNDS}:")
    lines += [_line(key, _money(form.annual_funds.get(key)), "  ") for key in labels.ANNUAL_FUND_LABELS]
    lines += [_text(key, form.goals.get(key)) for key in (labels.OVERALL_GOAL, labels.ANNUAL_GOAL)]
    lines.append(f"{labels.INDICATORS}:" if form.indicators else f"{labels.INDICATORS}: {{}}")
    for level1, groups in form.indicators.items():
        lines.append(f"  {yaml_scalar(level1)}:")
        for level2, items in groups.items():
            lines.append(f"    {yaml_scalar(level2)}:")
            lines += [_indicator(name, value) for name, value in items]
    return "\n".join(lines) + "\n"


def settings_yaml(year: int | None, unit: str, department: str) -> str:
    lines = [
        SCHEMA_COMMENT.format(name="collection.schema.json"),
        "# 由 perfsheet import 从 Word 文档读出；请核对。",
        f"{labels.YEAR}: {year}" if year else f"{labels.YEAR}:",
        _line(labels.UNIT, unit),
        _line(labels.SETTINGS_DEPARTMENT, department),
    ]
    return "\n".join(lines) + "\n"
