"""Form data → perfsheet's canonical YAML. A value that parses is written canonically (``450,000.00``,
``2026-01-01``, ``≥1.00(场)``); one that does not is kept verbatim, so that ``validate`` shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from perfsheet.importer.reader import FormData
from perfsheet.model.values import (
    ValueProblem,
    format_date,
    format_money,
    parse_date,
    parse_money,
    parse_target,
)
from perfsheet.yamltext import needs_escapes, yaml_block, yaml_scalar

T = TypeVar("T")

SCHEMA_COMMENT = "# yaml-language-server: $schema=.perfsheet/{name}"
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
                f"      - {{名称: {yaml_scalar(name, flow=True)}, 指标值: {yaml_scalar(value, flow=True)}, 定性: true}}"
            )
        written = value
    return f"      - {yaml_scalar(name)}: {yaml_scalar(written)}"


def project_yaml(form: FormData, default_department: str, default_unit: str) -> str:
    fields = form.fields
    lines = [SCHEMA_COMMENT.format(name="project.schema.json")]
    lines += [_line(key, fields.get(key, "")) for key in ("项目名称", "项目性质", "项目类别")]
    # 主管部门 / 实施单位 equal to the collection's defaults are left to them, as a person would write it.
    if fields.get("主管部门") and fields["主管部门"] != default_department:
        lines.append(_line("主管部门", fields["主管部门"]))
    if fields.get("实施单位") and fields["实施单位"] != default_unit:
        lines.append(_line("实施单位", fields["实施单位"]))
    lines.append(_line("计划开始日期", _date(fields.get("计划开始日期"))))
    lines.append(_line("计划完成日期", _date(fields.get("计划完成日期"))))
    lines.append("项目资金:")
    lines += [_line(key, _money(form.project_funds.get(key)), "  ") for key in ("项目资金总额", "财政资金", "其他资金")]
    lines.append("年度资金:")
    lines += [
        _line(key, _money(form.annual_funds.get(key)), "  ")
        for key in ("年度资金申请总额", "当年财政拨款", "上年结转资金", "其他资金")
    ]
    lines.append(_text("项目总目标", form.goals.get("项目总目标")))
    lines.append(_text("年度总体目标", form.goals.get("年度总体目标")))
    lines.append("绩效指标:" if form.indicators else "绩效指标: {}")
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
        f"年度: {year}" if year else "年度:",
        _line("编报单位", unit),
        _line("主管部门", department),
    ]
    return "\n".join(lines) + "\n"
