"""The one interpreter of the form definitions (``templates/forms/``): a definition and the values of one
project become tables of cells. What the data says (texts, fields, spans, merges down, roles, widths) is
drawn here for every form; code elsewhere only supplies values and the indicator rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from perfsheet.evaluation.scoring import shown_points
from perfsheet.layout.blocks import Cell, Merge, Row, Table
from perfsheet.layout.indicators import broken_rows, indicator_rows, vertical
from perfsheet.layout.measure import same_width, value_width, width_without_lone
from perfsheet.layout.pages import block_place, indicator_breaks, row_heights
from perfsheet.layout.style import style
from perfsheet.model import format_money
from perfsheet.model.forms import (
    FORM_FILES,
    BlockDefinition,
    CellDefinition,
    FittedColumns,
    FormDefinition,
    Forms,
    RowDefinition,
    forms,
    model_of,
)
from perfsheet.resources import DataFileError

# A cell's value, asked by its definition (the field or the computed value it shows).
Values = Callable[[CellDefinition], Any]


@cache
def definitions() -> Forms:
    """The forms, checked against the look: each width set fills the page between its margins, and
    every role is one the look defines."""
    found, page = forms(), style().page
    text_width = page.width - page.margin_left - page.margin_right
    roles = style().roles
    for name, form in (("declaration", found.declaration), ("evaluation", found.evaluation)):
        for widths_name, widths in form.widths.items():
            if sum(widths) != text_width:
                where = f"templates/forms/{FORM_FILES[name]}: widths.{widths_name}"
                raise DataFileError(f"{where} 合计 {sum(widths)}，应为版心宽度 {text_width}")
        for table in form.tables:
            for cell in [*table.cells(), *(table.indicators.row if table.indicators else ())]:
                if cell.role not in roles:
                    raise DataFileError(f"templates/forms/{FORM_FILES[name]}: 没有角色「{cell.role}」")
    for name, cover in (("cover", found.cover), ("evaluation_cover", found.evaluation_cover)):
        if sum(cover.widths) != text_width:
            raise DataFileError(
                f"templates/forms/{FORM_FILES[name]}: 列宽合计 {sum(cover.widths)}，应为版心宽度 {text_width}"
            )
    return found


def points_text(points: Decimal) -> str:
    """分值 as the forms print them: whole points without decimals (10), others with two (16.67)."""
    return f"{points:.0f}" if points == points.to_integral_value() else shown_points(points)


def annual_money(amount: Decimal | None) -> str:
    """A blank amount of the budget year prints 0.00, as the forms do: one rule for every project."""
    return format_money(amount if amount is not None else Decimal(0))


_FORMATS: dict[str, Callable[[Any], str]] = {
    "text": lambda value: "" if value is None else str(value),
    "date": lambda value: value.isoformat(),
    # A blank amount of the whole project stays a blank cell (a one-year project leaves them empty).
    "money": lambda value: "" if value is None else format_money(value),
    "money_or_zero": annual_money,
    "points": points_text,
    "score": shown_points,
}


def format_value(form: str, value: Any) -> str:
    """A value as a cell of that format (see :data:`perfsheet.model.forms.Format`) prints it."""
    return _FORMATS[form](value)


# A path of labels → the attribute names that reach it, worked out once per root model and path (a
# build of a thousand forms resolves tens of thousands of cells).
_ATTRIBUTE_PATHS: dict[tuple[type[BaseModel], str], tuple[str, ...]] = {}


def _attribute_path(model: type[BaseModel], path: str) -> tuple[str, ...]:
    found = _ATTRIBUTE_PATHS.get((model, path))
    if found is None:
        names = []
        current: type[BaseModel] | None = model
        for label in path.split("."):
            assert current is not None, f"{path} goes below a value"
            name, field = next((n, f) for n, f in current.model_fields.items() if f.alias == label)
            names.append(name)
            current = model_of(field.annotation)
        found = _ATTRIBUTE_PATHS[(model, path)] = tuple(names)
    return found


def resolve(model: BaseModel, path: str, overrides: Mapping[str, Any]) -> Any:
    """The value at ``path`` (labels joined by dots) in ``model``; ``overrides`` first (values the
    collection or the scorecard decide, such as a 主管部门 taken from perfsheet.yaml)."""
    if path in overrides:
        return overrides[path]
    value: Any = model
    for name in _attribute_path(type(model), path):
        if value is None:
            return None
        value = getattr(value, name)
    return value


# A fixed row as drawn for every project: a ready cell (a label, a side label, a cell continued from
# above), or a value cell to fill per project: its definition, role, span and merge.
_Value = tuple[CellDefinition, str, int, Merge]
_Plan = list[tuple[list[Cell | _Value], RowDefinition]]
# By the block's id, with the block itself: an id is only unique while its object lives.
_PLANS: dict[int, tuple[BlockDefinition, _Plan]] = {}


def _plan(block: BlockDefinition) -> _Plan:
    """The block's rows with every merge worked out once per definition."""
    found = _PLANS.get(id(block))
    if found is not None and found[0] is block:
        return found[1]
    count = len(block.rows)
    side = vertical(Cell(block.side, "label"), count) if block.side is not None else None
    below: list[dict[int, Cell]] = [{} for _ in range(count)]  # row → grid column → continued cell
    plan: _Plan = []
    for index, definition in enumerate(block.rows):
        slots: list[Cell | _Value] = [side[index]] if side is not None else []
        column = len(slots)
        waiting = below[index]
        for cell in (*definition.cells, None):
            while column in waiting:  # cells merged down from above come first, in their columns
                slots.append(waiting[column])
                column += waiting[column].span
            if cell is None:
                break
            merge: Merge = "restart" if cell.rows > 1 else ""
            for further in range(1, cell.rows):
                below[index + further][column] = Cell("", cell.role, cell.span, "continue")
            if not cell.text and (cell.field is not None or cell.computed is not None):
                slots.append((cell, cell.role, cell.span, merge))
            else:
                slots.append(Cell(cell.text, cell.role, cell.span, merge))
            column += cell.span
        plan.append((slots, definition))
    _PLANS[id(block)] = (block, plan)
    return plan


def block_rows(block: BlockDefinition, values: Values, formats: Mapping[str, Callable[[Any], str]]) -> list[Row]:
    """The rows of a fixed block: its side label merged down, each cell merged down over its ``rows``;
    ``formats`` are the form's (分值 in one number format: :func:`_form_formats`)."""
    rows = []
    for slots, definition in _plan(block):
        cells = []
        for slot in slots:
            if isinstance(slot, Cell):
                cells.append(slot)
            else:
                cell, role, span, merge = slot
                cells.append(Cell(formats[cell.format](values(cell)), role, span, merge))
        rows.append(Row(tuple(cells), definition.can_split, definition.keep_with_next, definition.header))
    return rows


def _form_formats(form: FormDefinition, values: Values, items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The formats of one form's cells, 分值 in one format: whole numbers (10, 15) while every 分值 is
    whole, else all with two decimals (8.34 beside 15.00)."""
    found = [values(cell) for table in form.tables for cell in table.cells() if cell.format == "points"]
    for table in form.tables:
        if table.indicators is not None:
            found += [item[c.field or ""] for c in table.indicators.row if c.format == "points" for item in items]
    decimals = [value for value in found if isinstance(value, Decimal)]
    if all(value == value.to_integral_value() for value in decimals):
        return _FORMATS
    return _FORMATS | {"points": shown_points}


def _column_shapes(rows: Sequence[Row], columns: Sequence[int], count: int) -> dict[int, set[str]]:
    """Per column of ``columns``, the texts of the cells that cover it alone (not under a wider cell or a
    merge continued from above), as :func:`same_width` writes them: texts that differ only in their
    digits need the same width. A row of one cell per column (every indicator row) is read by index, its
    cells turned into columns at once: a thousand forms have some twenty thousand of them."""
    found: dict[int, set[str]] = {column: set() for column in columns}
    uniform = [row.cells for row in rows if len(row.cells) == count]
    if uniform:
        by_column = list(zip(*uniform, strict=True))
        for column, shapes in found.items():
            shapes.update(same_width(cell.text) for cell in by_column[column] if cell.text and cell.merge != "continue")
    for row in rows:
        if len(row.cells) != count:
            for column, text in enumerate(row.single_texts()):
                if text and column in found:
                    found[column].add(same_width(text))
    return found


def fitted_widths(widths: tuple[int, ...], fitted: FittedColumns, rows: Sequence[Row]) -> tuple[int, ...]:
    """``widths`` with the fitted columns as wide as their texts need, the width taken from the giving
    columns in turn, each down to its least. First every value whole, column by column, as far as the
    givers can spare: a number or its brackets broken (100.0 / 0, ≥1000000.00(人 / 次)) is the worst a form
    can show. Then, with what is left, no character alone on a line and each cell of one quantity whole
    (80.82万 / 元). Where the givers cannot spare that for every text of a column, the texts with a value
    no width left would hold are let go; where no width within reach keeps every character of the others
    company, the column is as wide as their quantities need and no wider: part way to nothing would only
    move a break, and the width goes to the columns after it."""
    look = style()
    margins = 2 * look.table.cell_margin
    size = look.fonts.body_size
    result = list(widths)
    by_column = _column_shapes(rows, fitted.columns, len(widths))
    givers = list(zip(fitted.give, fitted.least, strict=True))

    def reach(column: int) -> int:
        return result[column] + sum(result[give] - least for give, least in givers)

    def widen(column: int, needed: int) -> None:
        grow = needed - result[column]
        for give, least in givers:
            if grow <= 0:
                return
            taken = min(grow, result[give] - least)
            result[give] -= taken
            result[column] += taken
            grow -= taken

    for column in fitted.columns:
        limit = reach(column)
        needs = [value_width(text, size) + margins for text in by_column[column]]
        widen(column, max([0, *(need for need in needs if need <= limit)]))
    for column in fitted.columns:
        texts, limit = by_column[column], reach(column)
        whole = {text: value_width(text, size, quantity=True) + margins for text in texts}
        needed = width_without_lone(texts, max([result[column], *whole.values()]), size, margins)
        if needed > limit:
            served = [text for text in texts if whole[text] <= limit]
            values = max([result[column], *(whole[text] for text in served)])
            needed = width_without_lone(served, values, size, margins)
            if needed > limit:
                needed = values
        widen(column, needed)
    return tuple(result)


def form_tables(form: FormDefinition, values: Values, items: Sequence[Mapping[str, Any]]) -> list[Table]:
    """Every table of ``form`` for one project: ``values`` answers the fixed cells, ``items`` are the
    indicator rows (each a mapping of the indicator row's fields). Fitted columns are widened to their
    values, and the indicator block's groups are named again on every page it is estimated to run to."""
    formats = _form_formats(form, values, items)
    drawn = [[row for block in table.blocks for row in block_rows(block, values, formats)] for table in form.tables]
    blocks = [(table.indicators, index) for index, table in enumerate(form.tables) if table.indicators is not None]
    filled: list[dict[int, list[Cell]]] = [{} for _ in blocks]
    unbroken = [
        indicator_rows(block, items, form.widths[form.tables[index].columns], (), formats, kept)
        for (block, index), kept in zip(blocks, filled, strict=True)
    ]
    for (_block, index), rows in zip(blocks, unbroken, strict=True):
        drawn[index] = drawn[index] + rows
    widths = dict(form.widths)
    for name, fitted in form.fitted.items():
        rows = [row for table, table_rows in zip(form.tables, drawn, strict=True) if table.columns == name
                for row in table_rows]  # fmt: skip
        widths[name] = fitted_widths(widths[name], fitted, rows)
    heights = [row_heights(rows, widths[table.columns]) for table, rows in zip(form.tables, drawn, strict=True)]
    for (block, index), rows, kept in zip(blocks, unbroken, filled, strict=True):
        fixed = len(drawn[index]) - len(rows)
        place = block_place(drawn, heights, index, fixed)
        breaks = indicator_breaks(place, heights[index][fixed:])
        if breaks:
            columns = widths[form.tables[index].columns]
            rows, block_heights = broken_rows(block, items, columns, formats, kept, place, breaks)
            drawn[index] = drawn[index][:fixed] + rows
            # The fixed rows keep their heights: no merge runs on into the indicator header.
            heights[index] = heights[index][:fixed] + block_heights
    return [
        Table(
            widths=widths[table.columns],
            rows=tuple(
                Row(row.cells, row.can_split, row.keep_with_next, row.header, height)
                for row, height in zip(rows, row_heights_, strict=True)
            ),
        )
        for table, rows, row_heights_ in zip(form.tables, drawn, heights, strict=True)
    ]
