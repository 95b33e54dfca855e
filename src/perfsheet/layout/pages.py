"""Where a form's pages will break, estimated before anything is written, so that the layout can name the
groups again on every page: a vertically merged cell shows its text only on its first page, in Word and
LibreOffice alike, so the 一级/二级 (and the side label) are split into a merge of their own on each page.

Each row is estimated a little taller than LibreOffice sets it, and the row is given that height as its
minimum: a renderer that sets the lines as high or lower draws the rows as tall as estimated, and each
page holds what the estimate put on it. The rows of one page are chained with keep-with-next:
a page break falls where estimated, never earlier (LibreOffice ignores a page break inside a table, and
a table of its own per page would repeat the header as text). Same rows, same breaks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from perfsheet.layout.blocks import Row
from perfsheet.layout.measure import wrap
from perfsheet.layout.style import style

# The hairline paragraph that joins two tables of a form (TableJoint in styles.xml.j2: exactly 1 pt).
JOINT_HEIGHT = 20
# The first-line indent of the sentence under a cover table (FormSentence in styles.xml.j2: two characters).
SENTENCE_INDENT = 420


def _line(size: float) -> float:
    return size * style().table.line_height * 20


def title_height() -> int:
    """A form's title and year line above its table (their spacing in styles.xml.j2: 6 pt around the
    title, 6 pt below the year line)."""
    fonts = style().fonts
    padding = style().table.row_padding
    return round(_line(fonts.title_size) + 240 + _line(fonts.subtitle_size) + 120 + 2 * padding)


def sentence_width() -> int:
    """The width of a sentence under a cover's table: the page's text, less the first line's indent."""
    page = style().page
    return page.width - page.margin_left - page.margin_right - SENTENCE_INDENT


def page_height() -> int:
    """The height a page gives the forms, less the estimate's safety margin."""
    page = style().page
    return round((page.height - page.margin_top - page.margin_bottom) * (1 - style().table.page_reserve))


@lru_cache(maxsize=1 << 14)
def _cell_height(text: str, width: int, size: float) -> int:
    look = style().table
    lines = len(wrap(text, width - 2 * look.cell_margin, size)) if text else 0
    return max(look.min_row_height, round(lines * _line(size)) + look.row_padding)


def row_heights(rows: Sequence[Row], widths: Sequence[int], size: float | None = None) -> list[int]:
    """Each row's height: its tallest cell, at least the table's minimum row height; a cell merged down
    is carried by its rows together (the last of them grows when they are too low for it)."""
    size = size or style().fonts.body_size
    minimum = style().table.min_row_height
    edges = list(accumulate(widths, initial=0))
    heights: list[int] = []
    # Each merge down as [first row, last row, height needed], in the order they start; by grid column,
    # the one a "continue" cell below would extend.
    merged: list[list[int]] = []
    running: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        height = minimum
        column = 0
        for text, _role, span, merge in row.cells:
            end = column + span
            if not merge:
                needed = _cell_height(text, edges[end] - edges[column], size)
                if needed > height:
                    height = needed
            elif merge == "restart":
                running[column] = [index, index, _cell_height(text, edges[end] - edges[column], size)]
                merged.append(running[column])
            elif (above := running.get(column)) is not None and above[1] == index - 1:
                above[1] = index
            column = end
        heights.append(height)
    for first, last, needed in merged:
        short = needed - sum(heights[first : last + 1])
        if short > 0:
            heights[last] += short
    return heights


@dataclass(frozen=True)
class BlockPlace:
    """Where an indicator block stands on its form: the heights above it on the form's first page
    (title, fixed rows, each with whether it may split across pages) and what must stay with its last
    row (the 总分 below it)."""

    before: tuple[tuple[int, bool], ...]
    after: int

    def first_used(self, page: int) -> int:
        """How much of its page the form has used when the block begins."""
        used = 0
        for height, can_split in self.before:
            if can_split:
                used += height
                while used > page:
                    used -= page
            elif used + height > page:
                used = height
            else:
                used += height
        return used


def indicator_breaks(place: BlockPlace, heights: Sequence[int], breaks: Sequence[int] | None = None) -> list[int]:
    """The indicator rows that start a new page, filling each page as far as it goes: ``heights`` are the
    header's (repeated on each page), then each row's. With ``breaks``, those pages instead, and the rows
    from the first page that does not hold them on: the same breaks when every page holds its rows."""
    page = page_height()
    header, rows = heights[0], heights[1:]
    used = place.first_used(page)
    found: list[int] = []
    # The header keeps with the first row: both move on when they do not fit together.
    if rows and used + header + rows[0] > page:
        used = 0
    used += header
    last = len(rows) - 1
    given = set(breaks or ())
    for index, height in enumerate(rows):
        needed = height + (place.after if index == last else 0)
        if index in given:
            found.append(index)
            used = header
        elif used + needed > page and index > 0 and used > header:
            if breaks is not None:
                return found + [index]
            found.append(index)
            used = header
        used += height
    return found


def page_by_page_breaks(place: BlockPlace, count: int, page_heights: Callable[[int, int], Sequence[int]]) -> list[int]:
    """The breaks of ``count`` indicator rows, each page as full as it can be with its rows drawn as they
    will be on it: ``page_heights(start, end)`` are the header's and the rows' heights when rows start to
    end are one page, their groups merged over that page only. For the rare block whose breaks, filled
    on the rows drawn unbroken, no longer hold once drawn broken: a break cuts the merge of every group it
    falls in, and a group over fewer rows can need more lines (可持续影响指标 over one row takes three,
    over two rows two). A page only grows with each row it takes, so its end is found by doubling, then
    halving: each page is drawn a few times over its own rows, never over all the rows after it."""
    page = page_height()
    used = place.first_used(page)

    def fits(start: int, end: int) -> bool:
        return used + sum(page_heights(start, end)) + (place.after if end == count else 0) <= page

    # The header keeps with the first row: both move on when they do not fit together.
    if count and not fits(0, 1):
        used = 0
    breaks: list[int] = []
    start = 0
    while True:
        # A page takes its first row whatever its height; then as many as fit.
        low, high, step = start + 1, count, 1
        while low < high:
            probe = min(low + step, high)
            if fits(start, probe):
                low, step = probe, step * 2
            else:
                high = probe - 1
                break
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fits(start, middle) else (low, middle - 1)
        if low >= count:
            return breaks
        breaks.append(low)
        start, used = low, 0


def block_place(drawn: Sequence[Sequence[Row]], heights: Sequence[Sequence[int]], index: int, fixed: int) -> BlockPlace:
    """Where the indicator block of a form's table ``index`` (after its ``fixed`` rows) stands, given every
    table's rows and their heights."""
    before: list[tuple[int, bool]] = [(title_height(), False)]
    for number in range(index):
        before += [(height, row.can_split) for height, row in zip(heights[number], drawn[number], strict=True)]
        before.append((JOINT_HEIGHT, False))
    own = heights[index]
    before += [(height, row.can_split) for height, row in zip(own[:fixed], drawn[index][:fixed], strict=True)]
    after = sum(sum(heights[number]) + JOINT_HEIGHT for number in range(index + 1, len(drawn)))
    return BlockPlace(tuple(before), after)
