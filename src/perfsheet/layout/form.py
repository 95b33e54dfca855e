"""One 申报表 as plain data, drawn from its definition (``templates/forms/declaration.yaml``): the grid of
the Shanghai form (seven columns, the labels on the left merged down their blocks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from perfsheet.layout.blocks import Block, Paragraph, Table
from perfsheet.layout.forms import annual_money, definitions, form_tables, resolve
from perfsheet.layout.style import render
from perfsheet.model import Project, labels
from perfsheet.model.forms import LEVEL1, LEVEL2, CellDefinition

# annual_money: other stages print amounts of the budget year as the form does.
__all__ = ["annual_money", "form_blocks", "form_page", "form_table", "indicator_items", "split_at_indicators"]


def indicator_items(project: Project) -> list[dict[str, Any]]:
    """The indicator rows of the 申报表: each 三级指标 with its groups."""
    return [
        {LEVEL1: level1, LEVEL2: level2, labels.INDICATOR_NAME: indicator.name, labels.INDICATOR_VALUE: indicator.value}
        for level1, level2, _index, indicator in project.each_indicator()
    ]


def form_table(project: Project, department: str, implementer: str) -> Table:
    """The whole 申报表 of one project as one table (the definition's tables share their columns)."""
    overrides = {labels.DEPARTMENT: department, labels.IMPLEMENTER: implementer}

    def values(cell: CellDefinition) -> Any:
        return resolve(project, cell.field or "", overrides)

    tables = form_tables(definitions().declaration, values, indicator_items(project))
    return Table(widths=tables[0].widths, rows=tuple(row for table in tables for row in table.rows))


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
    definition = definitions().declaration
    top, indicators = split_at_indicators(form_table(project, department, implementer))
    return form_page(definition.title, definition.year_line, year, (top, indicators))
