"""The indicator block of a form: the header, then a row per 三级指标 whose groups (the side label, 一级,
二级) merge down over their runs, named again on every page the block is estimated to run to. Each
form's layout (:mod:`perfsheet.layout.forms`) draws its block here from its definition."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from perfsheet.layout.blocks import Cell, Row
from perfsheet.layout.measure import leaves_one_alone
from perfsheet.layout.pages import BlockPlace, indicator_breaks, page_by_page_breaks, row_heights
from perfsheet.layout.style import style
from perfsheet.model.forms import CellDefinition, IndicatorBlockDefinition


def vertical(cell: Cell, rows: int) -> list[Cell]:
    """A cell merged down over ``rows`` rows, written out once per row."""
    if rows == 1:
        return [cell]
    first = Cell(cell.text, cell.role, cell.span, "restart")
    return [first] + [first.continued()] * (rows - 1)


def group_cells(keys: list[tuple[Any, ...]], role: str = "group") -> list[Cell]:
    """One vertically merged cell per run of equal keys, in the user's order; it shows the key's last part."""
    cells: list[Cell] = []
    start = 0
    while start < len(keys):
        end = start
        while end + 1 < len(keys) and keys[end + 1] == keys[start]:
            end += 1
        cells.extend(vertical(Cell(str(keys[start][-1]), role), end - start + 1))
        start = end + 1
    return cells


# The most line breaks put into one text: a header or a group name is a few words; a name of a thousand
# 「指标」 (user text) must not cost a thousand measurements.
_MOST_BREAKS = 4


# Cached: a form's block is drawn several times, and a thousand forms repeat their headers and groups.
@lru_cache(maxsize=1 << 12)
def broken(text: str, width: int, words: tuple[str, ...]) -> str:
    """``text`` with a line break before the first of ``words`` it ends with, when it would otherwise leave
    a character alone on a line of a column ``width`` twips wide (可持续影响指|标 → 可持续影响 / 指标); what
    comes before the word is broken the same way (完成目|标可能|性 → 完成 / 目标 / 可能性)."""
    look = style()
    inner, size = width - 2 * look.table.cell_margin, look.fonts.body_size
    head, tail = text, ""
    for _break in range(_MOST_BREAKS):
        if not leaves_one_alone(head, inner, size):
            break
        word = next((word for word in words if head.endswith(word) and len(head) > len(word)), None)
        if word is None:
            break
        head, tail = head[: -len(word)], f"\n{word}{tail}"
    return head + tail


def _header_cells(cells: Sequence[CellDefinition], widths: Sequence[int]) -> tuple[Cell, ...]:
    """The header's cells after the side label's column, each broken before its words where it would
    leave a character alone (二级指|标 → 二级 / 指标)."""
    found, column = [], 1
    for cell in cells:
        text = cell.text
        if cell.breaks_before:
            text = broken(text, sum(widths[column : column + cell.span]), cell.breaks_before)
        found.append(Cell(text, cell.role, cell.span))
        column += cell.span
    return tuple(found)


def indicator_rows(
    block: IndicatorBlockDefinition,
    items: Sequence[Mapping[str, Any]],
    widths: Sequence[int],
    breaks: Sequence[int],
    formats: Mapping[str, Callable[[Any], str]],
    filled: dict[int, list[Cell]] | None = None,
) -> list[Row]:
    """The header, then one row per indicator: a group cell (the side label, 一级, 二级) merges down over its
    run of rows (the 二级 within its 一级) on one page: at each of ``breaks`` (the rows that start a
    page, in order) every group starts again with its name. The rows of a page keep with each other (the page
    breaks where estimated, never earlier); the last keeps with what follows when the block says so.
    ``filled`` keeps the value columns, which no break changes, for the same block drawn again."""
    # Each row's page: how many breaks come at or before it (the breaks are in row order).
    pages = [bisect_right(breaks, index) for index in range(len(items))]
    header = block.header
    # The side label stands in the header's corner, below it one blank cell merges down each page's rows:
    # a cell merged down from the header, where the header repeats, is drawn over the next page's rows.
    rows = [
        Row(
            (Cell(block.side, "label"), *_header_cells(header.cells, widths)),
            header.can_split,
            header.keep_with_next,
            header.header,
        )
    ]
    columns: list[list[Cell]] = [group_cells([(page, "") for page in pages], "label")]
    prefix: list[tuple[Any, ...]] = [(page,) for page in pages]
    column = 1
    filled = {} if filled is None else filled
    for position, cell in enumerate(block.row):
        field = cell.field or cell.computed or ""  # an item holds a computed value under its name
        width = sum(widths[column : column + cell.span])
        column += cell.span
        if cell.role == "group":
            prefix = [(*key, item[field]) for key, item in zip(prefix, items, strict=True)]
            cells = group_cells(prefix)
            if cell.breaks_before:
                words = cell.breaks_before
                cells = [
                    c if not c.text or (text := broken(c.text, width, words)) == c.text else c._replace(text=text)
                    for c in cells
                ]
            columns.append(cells)
        else:
            if position not in filled:
                form, role, span = formats[cell.format], cell.role, cell.span
                filled[position] = [Cell(form(item[field]), role, span) for item in items]
            columns.append(filled[position])
    last = len(items) - 1
    for index, row in enumerate(zip(*columns, strict=True)):
        ends_page = index == last or pages[index + 1] != pages[index]
        keep = not ends_page or (block.last_keeps_with_next and index == last)
        rows.append(Row(row, keep_with_next=keep))
    return rows


def broken_rows(
    block: IndicatorBlockDefinition,
    items: Sequence[Mapping[str, Any]],
    widths: Sequence[int],
    formats: Mapping[str, Callable[[Any], str]],
    filled: dict[int, list[Cell]],
    place: BlockPlace,
    breaks: list[int],
) -> tuple[list[Row], list[int]]:
    """The indicator rows broken where estimated on them unbroken, and their heights; where a page no
    longer holds its rows as broken, broken again where each page fills as drawn."""
    rows = indicator_rows(block, items, widths, breaks, formats, filled)
    heights = row_heights(rows, widths)
    if indicator_breaks(place, heights, breaks) == breaks:
        return rows, heights

    def page(start: int, end: int) -> list[int]:
        return row_heights(indicator_rows(block, items[start:end], widths, (), formats), widths)

    rows = indicator_rows(block, items, widths, page_by_page_breaks(place, len(items), page), formats, filled)
    return rows, row_heights(rows, widths)
