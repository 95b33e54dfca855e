"""The 项目支出绩效目标执行监控表 and its cover 监控汇总表 as plain data: money block with 年初预算数 /
全年预算数 / 1-X月执行数 / 执行率 / 全年预计执行数 and the money's light, the goal and its 1-X月执行情况, the
indicator block with forecasts, reasons, likelihood, measures and lights. Every label and width is in
``templates/forms/monitoring.yaml``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict, model_validator

from perfsheet.diagnostics import listing
from perfsheet.evaluation.scoring import shown_percent
from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.cover import amount_sum, fitted_widths
from perfsheet.layout.form import annual_money, form_page
from perfsheet.layout.forms import group_cells, opens_group, vertical
from perfsheet.layout.style import render, style
from perfsheet.model import CollectionSettings, Project, format_money
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.monitoring import IndicatorLight, MonitoringCard
from perfsheet.resources import load_model


class _Look(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MonitoringLabels(_Look):
    """Every label printed on the 监控表 (jinja2 where the period 1-X月 is part of it: ``period``)."""

    project_name: str
    department: str
    implementer: str
    funds: str
    initial_budget: str
    budget: str
    spent: str
    rate: str
    forecast: str
    light: str
    total: str
    fiscal: str
    carryover: str
    other: str
    goals: str
    expected: str
    progress: str
    indicators: str
    level1: str
    level2: str
    level3: str
    target: str
    current: str
    forecast_result: str
    deviation: str
    likelihood: str
    measures: str
    indicator_light: str


class MonitoringCoverLook(_Look):
    """The 监控汇总表: title and sentence (jinja2; the sentence counts the projects per light: light,
    count), its columns, and how its widths follow the content."""

    title: str
    sentence: str
    light_count: str
    unit_note: str
    total_label: str
    widths: tuple[int, ...]
    name_column: int
    fitted_columns: tuple[int, ...]
    min_name_width: int
    smallest_size: float
    columns: tuple[str, ...]


class MonitoringLook(_Look):
    """``templates/forms/monitoring.yaml``."""

    title: str
    year_line: str
    period: str
    top_widths: tuple[int, ...]
    indicator_widths: tuple[int, ...]
    tick: str
    tick_separator: str
    labels: MonitoringLabels
    cover: MonitoringCoverLook

    @model_validator(mode="after")
    def _widths_fill_the_page(self) -> MonitoringLook:
        page = style().page
        text_width = page.width - page.margin_left - page.margin_right
        for name, widths in (("top_widths", self.top_widths), ("indicator_widths", self.indicator_widths),
                             ("cover.widths", self.cover.widths)):  # fmt: skip
            if sum(widths) != text_width:
                raise ValueError(f"{name} add up to {sum(widths)}, the page's text is {text_width} wide")
        return self


@cache
def monitoring_look() -> MonitoringLook:
    return load_model("templates", "forms/monitoring.yaml", MonitoringLook)


@cache
def labels_for(month: int) -> MonitoringLabels:
    """The labels with the period filled in (1-7月执行数), rendered once per month, not once per form."""
    look = monitoring_look()
    period = period_of(month)
    rendered = {name: render(text, period=period) for name, text in look.labels.model_dump().items()}
    return MonitoringLabels.model_validate(rendered)


@cache
def period_of(month: int) -> str:
    return render(monitoring_look().period, month=month)


def light_cell(light: str | None) -> Cell:
    """A light as its shaded cell and its word (红/黄/绿/蓝); blank when it could not be lit."""
    if light is None:
        return Cell("", "score")
    return Cell(monitoring_scheme().light_name(light), f"light_{light}")


def _top_rows(project: Project, department: str, implementer: str, card: MonitoringCard) -> list[Row]:
    labels = labels_for(card.month)

    def label(text: str, span: int = 1) -> Cell:
        return Cell(text, "label", span)

    def value(text: str, span: int = 1) -> Cell:
        return Cell(text, "value", span)

    side = vertical(label(labels.funds), 5)
    money_rows = [
        Row((side[0], label(""), label(labels.initial_budget), label(labels.budget), label(labels.spent),
             label(labels.rate), label(labels.forecast), label(labels.light))),
    ]  # fmt: skip
    names = (labels.total, labels.fiscal, labels.carryover, labels.other)
    columns = zip(names, card.initial.rows(), card.budget.rows(), card.spent.rows(), card.forecast.rows(), strict=True)
    rate = "" if card.rate is None else shown_percent(card.rate)
    for index, (name, initial, budget, spent, forecast) in enumerate(columns):
        first = index == 0
        money_rows.append(
            Row((
                side[index + 1], label(name),
                Cell(annual_money(initial), "money"), Cell(annual_money(budget), "money"),
                Cell(annual_money(spent), "money"), Cell(rate if first else "", "score"),
                Cell(annual_money(forecast), "money"),
                light_cell(card.budget_light) if first else Cell("", "score"),
            ))
        )  # fmt: skip
    monitoring = project.monitoring
    assert monitoring is not None
    goal_side = vertical(label(labels.goals), 2)
    return [
        Row((label(labels.project_name, 2), value(project.name, 6))),
        Row((label(labels.department, 2), value(department, 2), label(labels.implementer), value(implementer, 3))),
        *money_rows,
        Row((goal_side[0], label(labels.expected, 3), label(labels.progress, 4))),
        # The goal texts may be long: the only row of the top allowed to break across pages.
        Row(
            (goal_side[1], Cell(project.annual_goal.strip(), "goal", 3), Cell(monitoring.progress.strip(), "goal", 4)),
            can_split=True,
        ),
    ]


def deviation_text(indicator: IndicatorLight) -> str:
    """The ticked reasons as words (☑人员保障 ☑其他), the reason's text on the next line."""
    progress = indicator.progress
    if progress is None:
        return ""
    look = monitoring_look()
    ticks = look.tick_separator.join(f"{look.tick}{reason}" for reason in progress.reasons or ())
    return "\n".join(part for part in (ticks, progress.explanation or "") if part)


def _indicator_rows(card: MonitoringCard) -> list[Row]:
    labels = labels_for(card.month)
    indicators = card.indicators
    side = vertical(Cell(labels.indicators, "label"), len(indicators) + 1)
    titles = (labels.level1, labels.level2, labels.level3, labels.target, labels.current, labels.forecast_result,
              labels.deviation, labels.likelihood, labels.measures, labels.indicator_light)  # fmt: skip
    header = Row(
        (side[0], *(Cell(text, "header") for text in titles)),
        keep_with_next=True,
        header=True,
    )
    level1s = [i.level1 for i in indicators]
    level1_cells = group_cells([(level1,) for level1 in level1s])
    level2_cells = group_cells([(i.level1, i.level2) for i in indicators])
    rows = [header]
    for index, indicator in enumerate(indicators):
        progress = indicator.progress
        rows.append(
            Row(
                (side[index + 1], level1_cells[index], level2_cells[index], Cell(indicator.name, "name"),
                 Cell(indicator.target.canonical(), "target"),
                 Cell(progress.current if progress else "", "target"), Cell(indicator.forecast, "target"),
                 Cell(deviation_text(indicator), "text"),
                 Cell((progress.likelihood if progress else None) or next(iter(monitoring_scheme().likelihood)),
                      "score"),
                 Cell((progress.measures if progress else None) or "", "text"), light_cell(indicator.light)),
                keep_with_next=opens_group(level1s, index),
            )
        )  # fmt: skip
    return rows


def monitoring_form_blocks(
    project: Project, department: str, implementer: str, year: int, card: MonitoringCard
) -> list[Block]:
    """The title, the year and period line and the 监控表 of one project, starting on a new page."""
    look = monitoring_look()
    top = Table(widths=look.top_widths, rows=tuple(_top_rows(project, department, implementer, card)))
    indicators = Table(widths=look.indicator_widths, rows=tuple(_indicator_rows(card)))
    return form_page(look.title, _year_line(year, card.month), year, (top, indicators))


@cache
def _year_line(year: int, month: int) -> str:
    return render(monitoring_look().year_line, year=year, month=month)


def monitoring_title(settings: CollectionSettings) -> str:
    return render(monitoring_look().cover.title, unit=settings.unit, year=settings.year)


def monitoring_cover_blocks(
    settings: CollectionSettings, monitored: Sequence[tuple[Project, MonitoringCard]]
) -> list[Block]:
    """One row per monitored project, a 合计 row, and the sentence counting the projects per light."""
    look = monitoring_look()
    config = look.cover
    scheme = monitoring_scheme()
    rows = [Row(tuple(Cell(name, "cover_header") for name in config.columns), header=True)]
    for number, (project, card) in enumerate(monitored, start=1):
        rows.append(
            Row((
                Cell(str(number), "cover_value"), Cell(project.name, "cover_name"),
                Cell(period_of(card.month), "cover_value"),
                Cell(format_money(card.budget.total), "cover_money"),
                Cell(format_money(card.spent.total), "cover_money"),
                Cell("" if card.rate is None else shown_percent(card.rate), "cover_value"),
                Cell(shown_percent(card.time_progress), "cover_value"), light_cell(card.light),
                Cell(str(card.count("red")), "cover_value"), Cell(str(card.count("yellow")), "cover_value"),
            ))
        )  # fmt: skip
    budget = amount_sum([card.budget.total for _p, card in monitored])
    spent = amount_sum([card.spent.total for _p, card in monitored])
    rows.append(
        Row((
            Cell(config.total_label, "cover_total", 3), Cell(format_money(budget), "cover_money"),
            Cell(format_money(spent), "cover_money"),
            Cell(shown_percent(spent / budget) if budget > 0 else "", "cover_value"),
            Cell("", "cover_value"), Cell("", "cover_value"),
            Cell(str(sum(card.count("red") for _p, card in monitored)), "cover_value"),
            Cell(str(sum(card.count("yellow") for _p, card in monitored)), "cover_value"),
        ))
    )  # fmt: skip
    widths, size = fitted_widths(rows, style().fonts.cover_table_size, config)
    counted = Counter(card.light for _p, card in monitored)
    lights = listing(
        render(config.light_count, light=light.name, count=counted.get(light.code, 0)) for light in scheme.lights
    )
    return [
        Paragraph(monitoring_title(settings), "cover_title"),
        Paragraph(config.unit_note, "note"),
        Table(widths=widths, rows=tuple(rows), size=size),
        Paragraph(render(config.sentence, count=len(monitored), lights=lights), "sentence"),
    ]
