"""One 申报表 as plain data: the grid of the Shanghai form (seven columns, the labels on the left merged
down their blocks), labels from ``templates/form.yaml``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.style import FormLabels, render, style
from perfsheet.model import Project, format_money


def _money(amount: Decimal | None) -> str:
    """A blank amount of the whole project stays a blank cell (a one-year project leaves them empty)."""
    return "" if amount is None else format_money(amount)


def annual_money(amount: Decimal | None) -> str:
    """A blank amount of the budget year prints 0.00, as the forms do: one rule for every project."""
    return format_money(amount if amount is not None else Decimal(0))


def vertical(cell: Cell, rows: int) -> list[Cell]:
    """A cell merged down over ``rows`` rows, written out once per row."""
    if rows == 1:
        return [cell]
    first = Cell(cell.text, cell.role, cell.span, "restart")
    return [first] + [first.continued()] * (rows - 1)


def _header_rows(project: Project, department: str, implementer: str, labels: FormLabels) -> list[Row]:
    def label(text: str, span: int = 1) -> Cell:
        return Cell(text, "label", span)

    def value(text: str, span: int = 1) -> Cell:
        return Cell(text, "value", span)

    return [
        Row((label(labels.project_name), value(project.name, 2), label(labels.nature), value(project.nature),
             label(labels.category), value(project.category))),
        Row((label(labels.department), value(department, 2), label(labels.implementer), value(implementer, 3))),
        Row((label(labels.start), value(project.start.isoformat(), 2), label(labels.end),
             value(project.end.isoformat(), 3))),
    ]  # fmt: skip


def _money_rows(project: Project, labels: FormLabels) -> list[Row]:
    whole = project.project_funds
    annual = project.annual_funds
    side = vertical(Cell(labels.funds, "label"), 4)
    # 其中：财政资金 and its amount span the two middle rows, beside 当年财政拨款 and 上年结转资金.
    fiscal_label = vertical(Cell(labels.project_fiscal, "label"), 2)
    fiscal_value = vertical(Cell(_money(whole.fiscal if whole else None), "money"), 2)
    left = [
        (Cell(labels.project_total, "label"), Cell(_money(whole.total if whole else None), "money")),
        (fiscal_label[0], fiscal_value[0]),
        (fiscal_label[1], fiscal_value[1]),
        (Cell(labels.project_other, "label"), Cell(_money(whole.other if whole else None), "money")),
    ]
    right = [
        (labels.annual_total, annual.total),
        (labels.annual_fiscal, annual.fiscal),
        (labels.annual_carryover, annual.carryover),
        (labels.annual_other, annual.other),
    ]
    return [
        Row((side[index], *left[index], Cell(label, "label", 2), Cell(annual_money(amount), "money", 2)))
        for index, (label, amount) in enumerate(right)
    ]


def _goal_rows(project: Project, labels: FormLabels) -> list[Row]:
    side = vertical(Cell(labels.goals, "label"), 2)
    return [
        Row((side[0], Cell(labels.overall_goal, "label", 2), Cell(labels.annual_goal, "label", 4))),
        # The goal texts may be long: the only row allowed to break across pages.
        Row(
            (
                side[1],
                Cell((project.overall_goal or "").strip(), "goal", 2),
                Cell(project.annual_goal.strip(), "goal", 4),
            ),
            can_split=True,
        ),
    ]


def _indicator_rows(project: Project, labels: FormLabels) -> list[Row]:
    flat: list[tuple[str, str, str, str]] = [
        (level1, level2, indicator.name, indicator.value.canonical())
        for level1, level2, _index, indicator in project.each_indicator()
    ]
    side = vertical(Cell(labels.indicators, "label"), len(flat) + 1)
    rows = [
        Row(
            (side[0], Cell(labels.level1, "header"), Cell(labels.level2, "header"),
             Cell(labels.level3, "header", 2), Cell(labels.target, "header", 2)),
            keep_with_next=True,
            header=True,
        )
    ]  # fmt: skip
    level1s = [row[0] for row in flat]
    level1_cells = group_cells(level1s)
    level2_cells = group_cells([(row[0], row[1]) for row in flat], text=lambda key: key[1])
    for index, (_level1, _level2, name, target) in enumerate(flat):
        rows.append(
            Row(
                (side[index + 1], level1_cells[index], level2_cells[index], Cell(name, "name", 2),
                 Cell(target, "target", 2)),
                keep_with_next=opens_group(level1s, index),
            )
        )  # fmt: skip
    return rows


def opens_group(keys: list[Any], index: int) -> bool:
    """Whether row ``index`` is the first of a longer run of equal keys: kept with the next row, so that
    a 一级 label stays with its group's first two rows (a longer group may break after them rather than
    leave the page mostly empty)."""
    first = index == 0 or keys[index - 1] != keys[index]
    last = index + 1 == len(keys) or keys[index + 1] != keys[index]
    return first and not last


def group_cells(keys: list[Any], text: Any = str) -> list[Cell]:
    """One vertically merged cell per run of equal keys, in the user's order."""
    cells: list[Cell] = []
    start = 0
    while start < len(keys):
        end = start
        while end + 1 < len(keys) and keys[end + 1] == keys[start]:
            end += 1
        cells.extend(vertical(Cell(text(keys[start]), "group"), end - start + 1))
        start = end + 1
    return cells


def form_table(project: Project, department: str, implementer: str) -> Table:
    config = style().form
    labels = config.labels
    rows = [
        *_header_rows(project, department, implementer, labels),
        *_money_rows(project, labels),
        *_goal_rows(project, labels),
        *_indicator_rows(project, labels),
    ]
    return Table(widths=config.widths, rows=tuple(rows))


def split_at_indicators(table: Table) -> tuple[Table, Table]:
    """The form as two tables: money and goals, then the indicator block, whose header row Word and
    LibreOffice repeat at the top of every page the indicators continue on (only a table's first rows
    can repeat)."""
    start = next(index for index, row in enumerate(table.rows) if row.header)
    top = Table(widths=table.widths, rows=table.rows[:start], size=table.size)
    return top, Table(widths=table.widths, rows=table.rows[start:], size=table.size)


def form_page(title: str, year_line: str, year: int, tables: Sequence[Table]) -> list[Block]:
    """A form starting on a new page: its title, its year line, then its tables as one, each but the
    last open at the bottom and joined to the next by a hairline paragraph (Word joins tables that
    touch, and then repeats no header)."""
    blocks: list[Block] = [
        Paragraph(title, "title", page_break_before=True),
        Paragraph(render(year_line, year=year), "subtitle"),
    ]
    for index, table in enumerate(tables):
        if index:
            blocks.append(Paragraph("", "joint"))
        blocks.append(replace(table, open_bottom=True) if index < len(tables) - 1 else table)
    return blocks


def form_blocks(project: Project, department: str, implementer: str, year: int) -> list[Block]:
    """The title, the year line and the form of one 申报表, starting on a new page."""
    config = style().form
    top, indicators = split_at_indicators(form_table(project, department, implementer))
    return form_page(config.title, config.year_line, year, (top, indicators))
