"""The cover 汇总表: one row per project, a 合计 row, and the summary sentence (the 汇总表 that opens a
collection), drawn from its definition (``templates/forms/cover.yaml``); the 自评汇总表 the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.forms import definitions, format_value, resolve
from perfsheet.layout.measure import last_item_whole, leaves_one_alone, same_width, text_width, width_without_lone
from perfsheet.layout.pages import sentence_width
from perfsheet.layout.style import render, style
from perfsheet.model import CollectionSettings, Project, format_money
from perfsheet.model.forms import CoverDefinition

TEN_THOUSAND = Decimal(10000)


class FittedCover(Protocol):
    """What the width fitting reads of a cover's definition (the 申报表's, the 自评's, the 监控's)."""

    @property
    def widths(self) -> tuple[int, ...]: ...
    @property
    def name_column(self) -> int: ...
    @property
    def fitted_columns(self) -> tuple[int, ...]: ...
    @property
    def min_name_width(self) -> int: ...
    @property
    def smallest_size(self) -> float: ...


def amount_sum(values: Sequence[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal("0.00"))


def in_wan(amount: Decimal) -> str:
    """元 → 万元 with two decimals, rounded half up as a finance officer rounds, grouped by thousands as
    the table's amounts are (1,234.57)."""
    return f"{(amount / TEN_THOUSAND).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,f}"


def cover_title(settings: CollectionSettings) -> str:
    """「<编报单位><年度>年度项目绩效目标汇总表」: the cover's title, and the document's."""
    return render(definitions().cover.title, unit=settings.unit, year=settings.year)


def fitted_widths(rows: Sequence[Row], size: float, config: FittedCover | None = None) -> tuple[tuple[int, ...], float]:
    """Column widths and font size for the cover: dates and amounts as wide as their longest value (one
    digit to spare, so that no amount ever wraps), every other column but the name wide enough that none
    of its texts leaves a character alone on a line, the name column takes what is left; while the name
    column would get too narrow, the whole table's size steps down by half a point. ``config`` is the
    cover's definition (the 申报表's unless given)."""
    config = config or definitions().cover
    widths = list(config.widths)
    total = sum(widths)
    margins = 2 * style().table.cell_margin
    fitted = config.fitted_columns
    name = config.name_column
    # Each column's texts (header included) and its values' (header left out), read once.
    texts = [row.single_texts() for row in rows]
    every = [[row_texts[column] for row_texts in texts] for column in range(len(widths))]
    values = [[t for t, row in zip(column, rows, strict=True) if not row.header] for column in every]
    # Each column's texts by one of each shape (same_width), for every step below: a thousand amounts
    # have a few shapes. The widest value, and the texts that may leave a character alone, are among them.
    shapes = {column: set(map(same_width, values[column])) for column in fitted}
    every_shape = [tuple(set(map(same_width, column))) for column in every]
    # First the configured widths as a floor (the seed's look), then only what the values need.
    for floor in (True, False):
        step = size
        while True:
            spare = text_width("0", step)
            for column in fitted:
                needed = max(text_width(shape, step) for shape in shapes[column]) + spare + margins
                widths[column] = max(needed, config.widths[column]) if floor else needed
            # No header and no value leaves a character alone on a line (序|号, 项目类|别, 经常性项|目).
            for column in range(len(widths)):
                if column != name:
                    widths[column] = width_without_lone(every_shape[column], widths[column], step, margins)
            widths[name] = total - sum(w for i, w in enumerate(widths) if i != name)
            if widths[name] >= config.min_name_width:
                return _names_without_lone(widths, values[name], config, step), step
            if floor or step <= config.smallest_size:
                break
            step -= 0.5
    return tuple(widths), step


def _names_without_lone(widths: list[int], names: list[str], config: FittedCover, size: float) -> tuple[int, ...]:
    """The name column a little narrower, down to its least, where that keeps a name from leaving its last
    character alone on a line (青年科技人才服|务与科普设备更|新); the width goes to the first fitted column."""
    margins = 2 * style().table.cell_margin
    name, spare = config.name_column, config.fitted_columns[0]
    narrower = widths[name]
    while narrower >= config.min_name_width:
        if not any(leaves_one_alone(text, narrower - margins, size) for text in names):
            widths[spare] += widths[name] - narrower
            widths[name] = narrower
            break
        narrower -= 5
    return tuple(widths)


def cover_table(
    config: CoverDefinition,
    projects: Sequence[tuple[Project, Mapping[str, Any], Mapping[str, Any]]],
    totals: Mapping[str, Any],
) -> Table:
    """The header, one row per project (its values: the project, overrides of its fields, computed
    values), and the 合计 row: the label over the first columns, the sum of each money column, a
    computed total where ``totals`` has one, blank otherwise. Widths fitted to the content."""
    rows = [Row(tuple(Cell(header, "cover_header") for header in config.headers), header=True)]
    sums: list[list[Any]] = [[] for _ in config.columns]
    for number, (project, overrides, computed) in enumerate(projects, start=1):
        cells = []
        for index, column in enumerate(config.columns):
            if column.computed == "number":
                value: Any = number
            elif column.computed is not None:
                value = computed[column.computed]
            else:
                value = resolve(project, column.field or "", overrides)
            sums[index].append(value)
            cells.append(Cell(format_value(column.format, value), column.role))
        rows.append(Row(tuple(cells)))
    total_cells = [Cell(config.total_label, "cover_total", config.total_span)]
    for index, column in enumerate(config.columns[config.total_span :], start=config.total_span):
        if column.role == "cover_money":
            text = format_money(amount_sum(sums[index]))
        else:
            text = totals.get(column.computed or "", "")
        total_cells.append(Cell(text, column.role))
    rows.append(Row(tuple(total_cells)))
    widths, size = fitted_widths(rows, style().fonts.cover_table_size, config)
    return Table(widths=widths, rows=tuple(rows), size=size)


def cover_blocks(settings: CollectionSettings, projects: Sequence[Project]) -> list[Block]:
    config = definitions().cover
    table = cover_table(config, [(project, {}, {}) for project in projects], {})
    total = amount_sum([p.annual_funds.total for p in projects])
    sentence = render(config.sentence, count=len(projects), total_wan=in_wan(total))
    return [
        Paragraph(cover_title(settings), "cover_title"),
        Paragraph(config.unit_note, "note"),
        table,
        Paragraph(last_item_whole(sentence, sentence_width(), style().fonts.subtitle_size), "sentence"),
    ]
