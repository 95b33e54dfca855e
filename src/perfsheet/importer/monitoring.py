"""A 监控表's monitoring columns, read by their labels like the rest of the form (never by position),
through the 监控表's definition (``templates/forms/monitoring.yaml``): 全年预算数, 1-X月执行数 and
全年预计执行数 beside the money rows, 1-X月执行情况 beside 年度总体目标, and each indicator's 1-X月执行情况,
全年预计, 偏差原因 (ticked words in one column, or one tick column per reason), 完成目标可能性 and 纠偏措施
in the rows :func:`read_form` found. The period 1-X月 is taken out of a label before it is compared, and
its month kept. A 申报表 or a 自评表 has none of these columns and reads as None; the cell texts stay as
printed, the writer decides what they become."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from perfsheet.importer.evaluation import amount, header_row, reconcile
from perfsheet.importer.grid import Grid, GridCell
from perfsheet.importer.labels import labels, normalize
from perfsheet.importer.reader import LEVEL1, FormData, Problem, is_header, named_columns, value_below
from perfsheet.importer.writer import line, money_text, text_line
from perfsheet.model import labels as model_labels
from perfsheet.model.forms import Vocabulary, indicator_header, labels_above
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.model.monitoring_form import PERIOD, monitoring_form, with_texts
from perfsheet.model.values import (
    Qualitative,
    Quantitative,
    TargetValue,
    ValueProblem,
    parse_target,
)
from perfsheet.monitoring.lights import expected_forecast
from perfsheet.text.yaml_values import yaml_key, yaml_scalar

_MONEY_ROWS = frozenset(model_labels.ANNUAL_FUND_LABELS)
_PLACEHOLDER = re.compile(r"\{\{\s*" + PERIOD + r"\s*\}\}")
# 「1-7月」「1—7月」「1至7月」 (or a blank form's 「1-X月」) at the start of a label: the period.
_PERIOD = re.compile(r"^(?:1[-－—–~～至])?(1[0-2]|[1-9]|[Xx])月")
_BUDGET, _SPENT = model_labels.MONITORING_BUDGET, model_labels.MONITORING_SPENT
_FORECAST = model_labels.MONITORING_FORECAST
_PROGRESS = model_labels.MONITORING_PROGRESS
_REASONS, _LIKELIHOOD = model_labels.PROGRESS_REASONS, model_labels.PROGRESS_LIKELIHOOD
_TICK_SPLIT = re.compile(r"[\s、,，;；]+")
_LIGHT = "light"  # the computed value of the light's column
_BOXES = "☐□"  # an empty box: a reason printed but not ticked


@dataclass
class MonitoringData:
    """What a 监控表 adds to the 申报表's fields, keyed by the 监控 section's own keys."""

    table: int  # 1-based, in document order
    month: int | str | None = None  # as printed when it is no month (a workbook's cell): validate says so
    budget: dict[str, str] = field(default_factory=dict)  # money row label → 全年预算数
    spent: dict[str, str] = field(default_factory=dict)  # money row label → 1-X月执行数
    forecast: dict[str, str] = field(default_factory=dict)  # money row label → 全年预计执行数
    progress: str = ""
    # 三级 name → column key → text; 偏差原因 as the ticked words, the rest of its cell as 原因说明.
    results: dict[str, dict[str, str]] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    lights: dict[str, str] = field(default_factory=dict)  # 三级 name → the light's word as printed
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Labels:
    money: dict[str, tuple[str, ...]]
    goals: dict[str, tuple[str, ...]]
    header: dict[str, tuple[str, ...]]
    light: dict[str, tuple[str, ...]]
    ticks: tuple[str, ...]


def _normalized(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    return {name: tuple(dict.fromkeys(_key(v) for v in variants)) for name, variants in vocabulary.items()}


@cache
def _labels() -> _Labels:
    """The 监控表's labels without their period, every spelling normalized."""
    form = monitoring_form()
    plain = with_texts(form, lambda text: _PLACEHOLDER.sub("", text))
    rows = [_normalized(row) for row in labels_above(plain)]
    money = next(row for row in rows if _SPENT in row)
    goals = next(row for row in rows if _PROGRESS in row)
    header = _normalized(indicator_header(plain))
    lights = [cell for table in plain.tables if table.indicators for cell in table.indicators.header.cells]
    light = _normalized({_LIGHT: next((c.text, *c.variants) for c in lights if c.computed == _LIGHT)})
    return _Labels(money, goals, header, light, tuple(dict.fromkeys((form.tick, *form.ticks))))


def _key(text: str) -> str:
    """A label as compared: normalized, its period taken out."""
    return _PERIOD.sub("", normalize(text), count=1)


def _month(cells: list[GridCell]) -> int | None:
    for cell in cells:
        match = _PERIOD.match(normalize(cell.text))
        if match and match.group(1).isdigit():
            return int(match.group(1))
    return None


def read_monitoring(grid: Grid, form: FormData) -> MonitoringData | None:
    """The 监控 columns of ``grid`` (read_form's ``form`` of it), or None when it is no 监控表."""
    spec = _labels()
    block = form.block_start if form.block_start is not None else len(grid.rows)
    above = grid.rows[:block]
    money_row, money = header_row(above, spec.money, _key, _FORECAST)
    header = grid.rows[block - 1] if form.block_start is not None and block > 0 else []
    results = named_columns(header, spec.header, _key) if any(is_header(c.text, LEVEL1) for c in header) else {}
    if money_row < 0 and model_labels.PROGRESS_FORECAST not in results:
        return None
    data = MonitoringData(grid.number)
    data.month = _month([*(above[money_row] if money_row >= 0 else []), *header])

    def missing(label: str) -> None:
        data.problems.append(Problem("E575", grid.number, 0, 0, {"label": label}))

    if money_row < 0 or _SPENT not in money:
        missing(f"{_SPENT}、{_FORECAST}")
    else:
        _read_money(grid, above, money_row, money, form, data)
    goal_row, goals = header_row(above, spec.goals, _key, _PROGRESS)
    if goal_row < 0:
        missing(_PROGRESS)
    else:
        data.progress = value_below(grid, goal_row, goals[_PROGRESS], block)
        # The 监控表 prints the 申报表's 年度总体目标 left of its progress; the block's side label reads the
        # same, so the label is the one nearest the progress.
        variants = spec.goals[model_labels.ANNUAL_GOAL]
        row = grid.rows[goal_row]
        found = [c for c in range(goals[_PROGRESS]) if _key(row[c].text).startswith(variants)]
        if found:
            form.goals[model_labels.ANNUAL_GOAL] = value_below(grid, goal_row, found[-1], block)
        data.month = data.month or _month([grid.rows[goal_row][goals[_PROGRESS]]])
    if data.month is None:
        missing(model_labels.MONITORING_MONTH)
    for key in spec.header:
        if key not in results and key not in (_REASONS, _LIKELIHOOD, model_labels.PROGRESS_MEASURES):
            missing(key)
    light = named_columns(header, spec.light, _key).get(_LIGHT)
    _read_indicators(grid, block, results, form, data)
    for name, r in form.indicator_rows.items():
        if light is not None and light < len(grid.rows[r]):
            data.lights[name] = grid.rows[r][light].text.strip()
    return data


def _read_money(
    grid: Grid, above: list[list[GridCell]], money_row: int, money: dict[str, int], form: FormData, data: MonitoringData
) -> None:
    every = ((_BUDGET, data.budget), (_SPENT, data.spent), (_FORECAST, data.forecast))
    columns = [(key, amounts) for key, amounts in every if key in money]
    total_row = 0
    for r, row in enumerate(above[money_row + 1 :], start=money_row + 1):
        label = next((name for cell in row if (name := labels().field_of(cell.text)) in _MONEY_ROWS), None)
        if label is None or label in data.spent:
            continue
        total_row = total_row or (r + 1 if label == model_labels.ANNUAL_TOTAL else 0)
        for key, amounts in columns:
            amounts[label] = row[money[key]].text.strip() if money[key] < len(row) else ""
    if total_row:
        for key, amounts in columns:
            reconcile(data, key, amounts, form.in_ten_thousands, (total_row, money[key] + 1))


def _tick_columns(grid: Grid, block: int) -> dict[str, int]:
    """One tick column per reason or likelihood word (other units' forms), named in the header."""
    scheme = monitoring_scheme()
    words = {normalize(word): word for word in (*scheme.reasons, *scheme.likelihood)}
    columns: dict[str, int] = {}
    # The header's first row, and its second when the header has two (its 一级指标 cell merged down).
    rows = [grid.rows[r] for r in (block - 1, block) if 0 <= r < len(grid.rows)]
    for row in (row for index, row in enumerate(rows) if index == 0 or any(is_header(c.text, LEVEL1) for c in row)):
        for c, cell in enumerate(row):
            word = words.get(normalize(cell.text))
            if word is not None:
                columns.setdefault(word, c)
    return columns


def _ticked(text: str, ticks: tuple[str, ...]) -> bool:
    return any(tick in text for tick in ticks)


def ticked_words(text: str, words: tuple[str, ...], ticks: tuple[str, ...]) -> tuple[list[str], str]:
    """The words ticked in a cell (「☑人员保障 ☑其他」, 「√经费保障」, 「经费保障✓」; 「☐制度保障」 is printed, not
    ticked) and the cell's other lines: the reason's text."""
    ticked: list[str] = []
    rest: list[str] = []
    for written in text.splitlines():
        if not written.strip("".join(ticks) + _BOXES + " \t"):
            continue  # a mark alone: the cell is one of the tick columns, read by its header
        tokens = [token for token in _TICK_SPLIT.split(written.strip()) if token]
        bare = [token.strip("".join(ticks) + _BOXES) for token in tokens]
        if tokens and all(word in words for word in bare):
            # Words written without any mark are the ones chosen; among marked ones, the ticked.
            marked = any(token != word for token, word in zip(tokens, bare, strict=True))
            ticked += [w for token, w in zip(tokens, bare, strict=True) if not marked or _ticked(token, ticks)]
        else:
            rest.append(written)
    return list(dict.fromkeys(ticked)), "\n".join(rest).strip()


def _read_indicators(grid: Grid, block: int, columns: dict[str, int], form: FormData, data: MonitoringData) -> None:
    scheme = monitoring_scheme()
    ticks = _labels().ticks
    tick_columns = _tick_columns(grid, block)
    likelihoods = tuple(scheme.likelihood)
    for name, r in form.indicator_rows.items():
        row = grid.rows[r]
        cells = {key: row[c].text.strip() for key, c in columns.items() if c < len(row) and row[c].text.strip()}
        reasons, explanation = ticked_words(cells.pop(_REASONS, ""), scheme.reasons, ticks)
        reasons += [w for w in scheme.reasons if w in tick_columns and _cell_ticked(row, tick_columns[w], ticks)]
        if explanation:
            cells[model_labels.PROGRESS_EXPLANATION] = explanation
        chosen, rest = ticked_words(cells.get(_LIKELIHOOD, ""), likelihoods, ticks)
        chosen += [w for w in likelihoods if w in tick_columns and _cell_ticked(row, tick_columns[w], ticks)]
        if chosen and not rest:
            cells[_LIKELIHOOD] = chosen[0]  # else kept as printed: validate names the words allowed
        data.results[name] = cells
        data.reasons[name] = list(dict.fromkeys(reasons))


def _cell_ticked(row: list[GridCell], column: int, ticks: tuple[str, ...]) -> bool:
    return column < len(row) and _ticked(row[column].text, ticks)


def _amount_or_zero(text: str | None, in_ten_thousands: bool) -> Decimal | None:
    """A printed amount (blank is 0.00); None when it does not read."""
    return amount(text, in_ten_thousands) if text else Decimal(0)


def _adjusted(form: FormData, data: MonitoringData) -> bool:
    """The 全年预算数 differs from the 年初预算数 (the 申报's 年度资金): only then the file writes it."""
    return any(
        _amount_or_zero(data.budget.get(label), form.in_ten_thousands)
        != _amount_or_zero(form.annual_funds.get(label), form.in_ten_thousands)
        or _amount_or_zero(data.budget.get(label), form.in_ten_thousands) is None
        for label in model_labels.SPENT_FUND_LABELS
        if data.budget.get(label)  # a blank one (a workbook's) is not given
    )


def _attainment(target: TargetValue | None, cells: dict[str, str], light: str) -> str | None:
    """A qualitative indicator whose forecast is not worded as its target: the 完成程度 its printed light
    stands for (the form prints the light, not the 完成程度)."""
    if not isinstance(target, Qualitative):
        return None
    said = cells.get(model_labels.PROGRESS_FORECAST) or cells.get(model_labels.PROGRESS_CURRENT, "")
    if said == target.canonical():
        return None
    scheme = monitoring_scheme()
    code = next((each.code for each in scheme.lights if each.name == normalize(light)), None)
    return next((band for band, lit in scheme.qualitative.items() if lit == code), None)


def _indicator(name: str, value: str, cells: dict[str, str], reasons: list[str], light: str) -> list[str]:
    """One indicator under 监控 → 指标: the short form 「名称: 1-X月执行情况」 when that is all it says."""
    try:
        target: TargetValue | None = parse_target(value)
    except ValueProblem:
        target = None
    current = cells.get(model_labels.PROGRESS_CURRENT, "")
    entries = [(model_labels.PROGRESS_CURRENT, current)]
    forecast = cells.get(model_labels.PROGRESS_FORECAST, "")
    # Left out only where a file without it prints the same (「4次」 is kept: the form would print 4.00次)
    # and means the same (without it, a qualitative light reads the 1-X月 value).
    implied = target is not None and forecast == expected_forecast(target, current)
    if forecast and not (implied and (isinstance(target, Quantitative) or current == forecast)):
        entries.append((model_labels.PROGRESS_FORECAST, forecast))
    attainment = cells.get(model_labels.PROGRESS_ATTAINMENT) or _attainment(target, cells, light)
    if attainment is not None:
        entries.append((model_labels.PROGRESS_ATTAINMENT, attainment))
    flow = ", ".join(yaml_scalar(reason, flow=True) for reason in reasons)
    lines_reasons = [f"      {_REASONS}: [{flow}]"] if reasons else []
    likelihood = cells.get(_LIKELIHOOD)
    rest = [
        (model_labels.PROGRESS_EXPLANATION, cells.get(model_labels.PROGRESS_EXPLANATION, "")),
        # 确定能 is what a file that says nothing means.
        (_LIKELIHOOD, "" if likelihood == next(iter(monitoring_scheme().likelihood)) else likelihood or ""),
        (model_labels.PROGRESS_MEASURES, cells.get(model_labels.PROGRESS_MEASURES, "")),
    ]
    rest = [(key, text) for key, text in rest if text]
    if len(entries) == 1 and not reasons and not rest:
        return [line(yaml_key(name, "    ")[:-1], current, "    ")]
    return [
        f"    {yaml_key(name, '    ')}",
        *(text_line(key, text, "      ") for key, text in entries),
        *lines_reasons,
        *(text_line(key, text, "      ") for key, text in rest),
    ]


def monitoring_yaml(form: FormData, data: MonitoringData) -> str:
    """The 监控 section alone, as it stands in a project file before its 自评."""
    lines = [f"{model_labels.MONITORING}:", line(model_labels.MONITORING_MONTH, str(data.month or ""), "  ")]
    columns = [(_SPENT, data.spent), (_FORECAST, data.forecast)]
    if _adjusted(form, data):
        columns.insert(0, (_BUDGET, data.budget))
    for key, amounts in columns:
        lines.append(f"  {key}:")
        # A form leaves a source it has no money from blank beside one it has (as its 年度资金 does): 0.
        # A column left blank throughout stays blank, for validate to ask for (E586): nothing is made up.
        filled = key != _BUDGET and any(amounts.get(label) for label in model_labels.SPENT_FUND_LABELS)
        lines += [
            line(label, money_text(amounts.get(label) or ("0" if filled else None), form.in_ten_thousands), "    ")
            for label in model_labels.SPENT_FUND_LABELS
        ]
    lines.append(text_line(_PROGRESS, data.progress, "  "))
    indicators: dict[str, str] = {}
    for groups in form.indicators.values():
        for items in groups.values():
            for name, value in items:
                indicators.setdefault(name, value)  # 监控 is keyed by name: the first one
    results = model_labels.MONITORING_RESULTS
    lines.append(f"  {results}:" if indicators or data.results else f"  {results}: {{}}")
    for name, value in indicators.items():
        lines += _indicator(
            name, value, data.results.get(name, {}), data.reasons.get(name, []), data.lights.get(name, "")
        )
    for name, cells in data.results.items():
        if name not in indicators:
            # An indicator the 申报表 joined to it does not have (renamed since): kept; validate names it (E569).
            lines += _indicator(name, "", cells, data.reasons.get(name, []), data.lights.get(name, ""))
    return "\n".join(lines) + "\n"
