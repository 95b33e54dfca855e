"""Where a form's pages will break, estimated before anything is written, so that the layout can name the
groups again on every page: a vertically merged cell shows its text only on its first page, in Word and
LibreOffice alike, so the 一级/二级 (and the side label) are split into a merge of their own on each page.

Each row is estimated a little taller than LibreOffice sets it, and the row is given that height as its
minimum: a renderer that sets the lines as high or lower draws the rows as tall as estimated, and each
page holds what the estimate put on it. The rows of one page are chained with keep-with-next:
a page break falls where estimated, never earlier (LibreOffice ignores a page break inside a table, and
a table of its own per page would repeat the header as text). Same rows, same breaks."""

from __future__ import annotations

from collections.abc import Sequence
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


def indicator_breaks(
    before: Sequence[tuple[int, bool]],
    header: int,
    rows: Sequence[int],
    after: int,
    kept: Sequence[int] = (),
) -> list[int]:
    """The indicator rows that start a new page. ``before`` are the heights of everything above the
    indicator block on the form's first page (title, fixed rows, each with whether it may split across
    pages), ``header`` the indicator header's height (repeated on each page), ``rows`` each indicator
    row's, ``after`` what must stay with the last row (the 总分).

    ``kept`` are breaks estimated before, on other heights: they stand while each page still holds its
    rows; from the first page that no longer does, it ends where it fills and the pages after it are
    filled again (a group whose merge a break cut short can need more lines than over its whole run)."""
    page = page_height()
    used = 0
    for height, can_split in before:
        if can_split:
            used += height
            while used > page:
                used -= page
        elif used + height > page:
            used = height
        else:
            used += height
    breaks: list[int] = []
    # The header keeps with the first row: both move on when they do not fit together.
    if rows and used + header + rows[0] > page:
        used = 0
    used += header
    last = len(rows) - 1
    standing = set(kept)
    for index, height in enumerate(rows):
        needed = height + (after if index == last else 0)
        if index in standing:
            breaks.append(index)
            used = header
        elif used + needed > page and index > 0 and used > header:
            breaks.append(index)
            used = header
            standing.clear()
        used += height
    return breaks


def form_breaks(
    drawn: Sequence[Sequence[Row]], heights: Sequence[Sequence[int]], index: int, fixed: int, kept: Sequence[int] = ()
) -> list[int]:
    """The indicator rows of a form's table ``index`` (after its ``fixed`` rows and its header) that start
    a page, given every table's rows and their heights; ``kept`` as :func:`indicator_breaks` takes them."""
    before: list[tuple[int, bool]] = [(title_height(), False)]
    for number in range(index):
        before += [(height, row.can_split) for height, row in zip(heights[number], drawn[number], strict=True)]
        before.append((JOINT_HEIGHT, False))
    own = heights[index]
    before += [(height, row.can_split) for height, row in zip(own[:fixed], drawn[index][:fixed], strict=True)]
    after = sum(sum(heights[number]) + JOINT_HEIGHT for number in range(index + 1, len(drawn)))
    return indicator_breaks(before, own[fixed], own[fixed + 1 :], after, kept)
