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
from perfsheet.layout.blocks import Cell, Row, Table
from perfsheet.layout.style import style
from perfsheet.model import format_money
from perfsheet.model.forms import (
    FORM_FILES,
    BlockDefinition,
    CellDefinition,
    FormDefinition,
    Forms,
    IndicatorBlockDefinition,
    forms,
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


def shown(cell: CellDefinition, values: Values) -> str:
    """What ``cell`` prints: its text, or its value as its format writes it."""
    if cell.text or (cell.field is None and cell.computed is None):
        return cell.text
    return _FORMATS[cell.format](values(cell))


_ATTRIBUTES: dict[type[BaseModel], dict[str, str]] = {}


def _attributes(model: type[BaseModel]) -> dict[str, str]:
    """A model's attribute names by label (once per model class: a build resolves a million cells)."""
    found = _ATTRIBUTES.get(model)
    if found is None:
        found = {field.alias: name for name, field in model.model_fields.items() if field.alias is not None}
        _ATTRIBUTES[model] = found
    return found


def resolve(model: BaseModel, path: str, overrides: Mapping[str, Any]) -> Any:
    """The value at ``path`` (labels joined by dots) in ``model``; ``overrides`` first (values the
    collection or the scorecard decide, such as a 主管部门 taken from perfsheet.yaml)."""
    if path in overrides:
        return overrides[path]
    value: Any = model
    for label in path.split("."):
        if value is None:
            return None
        value = getattr(value, _attributes(type(value))[label])
    return value


def vertical(cell: Cell, rows: int) -> list[Cell]:
    """A cell merged down over ``rows`` rows, written out once per row."""
    if rows == 1:
        return [cell]
    first = Cell(cell.text, cell.role, cell.span, "restart")
    return [first] + [first.continued()] * (rows - 1)


def block_rows(block: BlockDefinition, values: Values) -> list[Row]:
    """The rows of a fixed block: its side label merged down, each cell merged down over its ``rows``."""
    count = len(block.rows)
    side = vertical(Cell(block.side, "label"), count) if block.side is not None else None
    below: list[dict[int, Cell]] = [{} for _ in range(count)]  # row → grid column → continued cell
    rows = []
    for index, definition in enumerate(block.rows):
        cells = [side[index]] if side is not None else []
        column = len(cells)
        waiting = below[index]
        for cell in definition.cells:
            while column in waiting:
                cells.append(waiting[column])
                column += waiting[column].span
            merged = vertical(Cell(shown(cell, values), cell.role, cell.span), cell.rows)
            for further in range(1, cell.rows):
                below[index + further][column] = merged[further]
            cells.append(merged[0])
            column += cell.span
        while column in waiting:
            cells.append(waiting[column])
            column += waiting[column].span
        rows.append(Row(tuple(cells), definition.can_split, definition.keep_with_next, definition.header))
    return rows


def opens_group(keys: list[Any], index: int) -> bool:
    """Whether row ``index`` is the first of a longer run of equal keys: kept with the next row, so that
    a 一级 label stays with its group's first two rows (a longer group may break after them rather than
    leave the page mostly empty)."""
    first = index == 0 or keys[index - 1] != keys[index]
    last = index + 1 == len(keys) or keys[index + 1] != keys[index]
    return first and not last


def group_cells(keys: list[tuple[Any, ...]]) -> list[Cell]:
    """One vertically merged cell per run of equal keys, in the user's order; it shows the key's last part."""
    cells: list[Cell] = []
    start = 0
    while start < len(keys):
        end = start
        while end + 1 < len(keys) and keys[end + 1] == keys[start]:
            end += 1
        cells.extend(vertical(Cell(str(keys[start][-1]), "group"), end - start + 1))
        start = end + 1
    return cells


def indicator_rows(block: IndicatorBlockDefinition, items: Sequence[Mapping[str, Any]]) -> list[Row]:
    """The header, then one row per indicator: a group cell (一级, 二级) merges down over its run of
    rows (the 二级 within its 一级), the first row of a longer 一级 run keeps with the next."""
    side = vertical(Cell(block.side, "label"), len(items) + 1)
    header = block.header
    rows = [
        Row(
            (side[0], *(Cell(cell.text, cell.role, cell.span) for cell in header.cells)),
            header.can_split,
            header.keep_with_next,
            header.header,
        )
    ]
    columns: list[list[Cell]] = []
    group_keys: list[list[tuple[Any, ...]]] = []
    prefix: list[tuple[Any, ...]] = [() for _ in items]
    for cell in block.row:
        if cell.role == "group":
            prefix = [(*key, item[cell.field or ""]) for key, item in zip(prefix, items, strict=True)]
            group_keys.append(prefix)
            columns.append(group_cells(prefix))
        else:
            columns.append([Cell(_item_value(cell, item), cell.role, cell.span) for item in items])
    first_keys = group_keys[0] if group_keys else [() for _ in items]
    for index in range(len(items)):
        keep = opens_group(first_keys, index) or (block.last_keeps_with_next and index == len(items) - 1)
        rows.append(Row((side[index + 1], *(column[index] for column in columns)), keep_with_next=keep))
    return rows


def _item_value(cell: CellDefinition, item: Mapping[str, Any]) -> str:
    return shown(cell, lambda definition: item[definition.field or ""])


def form_tables(form: FormDefinition, values: Values, items: Sequence[Mapping[str, Any]]) -> list[Table]:
    """Every table of ``form`` for one project: ``values`` answers the fixed cells, ``items`` are the
    indicator rows (each a mapping of the indicator row's fields)."""
    tables = []
    for table in form.tables:
        rows = [row for block in table.blocks for row in block_rows(block, values)]
        if table.indicators is not None:
            rows += indicator_rows(table.indicators, items)
        tables.append(Table(widths=form.widths[table.columns], rows=tuple(rows)))
    return tables
