"""The 项目支出绩效目标执行监控表 and its cover 监控汇总表. The form is drawn from its definition
(``templates/forms/monitoring.yaml``) by the forms' interpreter, like the 申报表 and the 自评表; the
monitoring card gives the values. What only this form has is here: the period 1-X月 in its labels, and
the lights, printed as shaded cells with the word (红/黄/绿/蓝)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import Any

from perfsheet.diagnostics import listing
from perfsheet.evaluation.scoring import shown_percent
from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.cover import amount_sum, fitted_widths
from perfsheet.layout.form import form_page
from perfsheet.layout.forms import form_tables, resolve
from perfsheet.layout.style import render, style
from perfsheet.model import CollectionSettings, Project, format_money, labels
from perfsheet.model.forms import LEVEL1, LEVEL2, CellDefinition
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.model.monitoring_form import PERIOD, MonitoringForm, monitoring_form, with_texts
from perfsheet.monitoring import IndicatorLight, MonitoringCard
from perfsheet.resources import DataFileError

# The role of a light's cell in the definition: drawn as the light's own role (light_red, …) with its word.
LIGHT = "light"
_FILE = "templates/forms/monitoring.yaml"


@cache
def monitoring_look() -> MonitoringForm:
    """The definition, checked against the look: every width set fills the page, every role exists."""
    form, page = monitoring_form(), style().page
    text_width = page.width - page.margin_left - page.margin_right
    for name, widths in (*form.widths.items(), ("cover", form.cover.widths)):
        if sum(widths) != text_width:
            raise DataFileError(f"{_FILE}: widths.{name} 合计 {sum(widths)}，应为版心宽度 {text_width}")
    for table in form.tables:
        for cell in [*table.cells(), *(table.indicators.row if table.indicators else ())]:
            if cell.role not in style().roles and cell.role != LIGHT:
                raise DataFileError(f"{_FILE}: 没有角色「{cell.role}」")
    return form


@cache
def period_of(month: int) -> str:
    return render(monitoring_look().period, month=month)


@cache
def definition_for(month: int) -> MonitoringForm:
    """The definition with the period filled in (1-7月执行数): once per month, not once per form."""
    period = period_of(month)
    return with_texts(monitoring_look(), lambda text: render(text, **{PERIOD: period}))


_role = attrgetter("role")


@cache
def light_cell(light: str | None) -> Cell:
    """A light as its shaded cell and its word (红/黄/绿/蓝); blank when it could not be lit. A handful
    of cells, made once (a cell is immutable)."""
    if light is None:
        return Cell("", "score")
    return Cell(light_word(light), f"light_{light}")


def light_word(light: str | None) -> str:
    """What a light's cell prints, the text the interpreter lays out and measures: its word, not its code
    (「yellow」 would take two lines where 「黄」 takes one)."""
    return "" if light is None else monitoring_scheme().light_name(light)


@cache
def _shaded(word: str) -> Cell:
    return light_cell(monitoring_scheme().light_code(word) if word else None)


def _lit(table: Table) -> Table:
    """The light cells as drawn: the interpreter leaves the light's word in a cell of role ``light``, and
    the word's light gives the cell its shade. A thousand forms hold 160,000 cells: each row's roles are
    searched in C (``in`` over a map), not by a generator."""
    rows = []
    for row in table.rows:
        if LIGHT in map(_role, row.cells):
            row = row._replace(cells=tuple(_shaded(c.text) if c.role == LIGHT else c for c in row.cells))
        rows.append(row)
    return Table(widths=table.widths, rows=tuple(rows), size=table.size)


def deviation_text(indicator: IndicatorLight) -> str:
    """The ticked reasons as words (☑人员保障 ☑其他), the reason's text on the next line."""
    progress = indicator.progress
    if progress is None:
        return ""
    look = monitoring_look()
    ticks = look.tick_separator.join(f"{look.tick}{reason}" for reason in progress.reasons or ())
    return "\n".join(part for part in (ticks, progress.explanation or "") if part)


def _money(card: MonitoringCard) -> dict[str, Decimal | None]:
    """The money columns by the paths their cells show: a 监控 column's own path is its total."""
    found = dict(
        zip((f"{labels.ANNUAL_FUNDS}.{n}" for n in labels.ANNUAL_FUND_LABELS), card.initial.rows(), strict=True)
    )
    for key, funds in (
        (labels.MONITORING_BUDGET, card.budget),
        (labels.MONITORING_SPENT, card.spent),
        (labels.MONITORING_FORECAST, card.forecast),
    ):
        path = f"{labels.MONITORING}.{key}"
        found[path] = funds.total
        found.update(zip((f"{path}.{n}" for n in labels.SPENT_FUND_LABELS), funds.rows()[1:], strict=True))
    return found


def _items(card: MonitoringCard) -> list[dict[str, Any]]:
    default_likelihood = next(iter(monitoring_scheme().likelihood))
    items = []
    for indicator in card.indicators:
        progress = indicator.progress
        items.append(
            {
                LEVEL1: indicator.level1,
                LEVEL2: indicator.level2,
                labels.INDICATOR_NAME: indicator.name,
                labels.INDICATOR_VALUE: indicator.target,
                labels.PROGRESS_CURRENT: progress.current if progress else "",
                labels.PROGRESS_FORECAST: indicator.forecast,
                labels.PROGRESS_REASONS: deviation_text(indicator),
                labels.PROGRESS_LIKELIHOOD: (progress.likelihood if progress else None) or default_likelihood,
                labels.PROGRESS_MEASURES: (progress.measures if progress else None) or "",
                LIGHT: light_word(indicator.light),
            }
        )
    return items


def monitoring_form_blocks(
    project: Project, department: str, implementer: str, year: int, card: MonitoringCard
) -> list[Block]:
    """The title, the year and period line and the 监控表 of one project, starting on a new page."""
    monitoring = project.monitoring
    assert monitoring is not None
    overrides: dict[str, Any] = {
        labels.DEPARTMENT: department,
        labels.IMPLEMENTER: implementer,
        labels.ANNUAL_GOAL: project.annual_goal.strip(),
        f"{labels.MONITORING}.{labels.MONITORING_PROGRESS}": monitoring.progress.strip(),
    } | _money(card)
    computed = {LIGHT: light_word(card.budget_light), "rate": "" if card.rate is None else shown_percent(card.rate)}

    def values(cell: CellDefinition) -> Any:
        return computed[cell.computed] if cell.computed is not None else resolve(project, cell.field or "", overrides)

    definition = definition_for(card.month)
    tables = [_lit(table) for table in form_tables(definition, values, _items(card))]
    return form_page(definition.title, _year_line(year, card.month), year, tables)


@cache
def _year_line(year: int, month: int) -> str:
    return render(monitoring_look().year_line, year=year, **{PERIOD: period_of(month)})


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
