"""One 申报表 grid → the form's fields, read by their labels (never by position), the indicator tree
rebuilt from cell contents. Nothing is invented: what is not found stays empty and is reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from perfsheet.importer.grid import Grid, GridCell
from perfsheet.importer.labels import PERFORMANCE, SUFFIX, labels, normalize
from perfsheet.model import labels as model_labels
from perfsheet.model.forms import forms, indicator_header
from perfsheet.model.framework import framework

# The four columns of the indicator block, by the field each shows (the 申报表's definition).
LEVEL1, LEVEL2, LEVEL3, VALUE = HEADER_COLUMNS = tuple(indicator_header(forms().declaration))


@dataclass(frozen=True)
class Problem:
    """Something the importer could not read: where (table, row, column) and what it found."""

    code: str
    table: int
    row: int
    column: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class FormData:
    """The fields of one form as found, by their labels; values are the cell texts, untouched."""

    table: int
    fields: dict[str, str] = field(default_factory=dict)
    project_funds: dict[str, str] = field(default_factory=dict)
    annual_funds: dict[str, str] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Whether the indicator block was found (by its header or by its content).
    indicator_block: bool = False
    # Whether the form's amounts are printed in 万元 (its money label says so).
    in_ten_thousands: bool = False
    # Where the indicator rows begin (grid row; None without them) and their columns by header name.
    block_start: int | None = None
    # The grid row of each 三级 name (a 自评表 reads its results from the same rows) and of 总分.
    indicator_rows: dict[str, int] = field(default_factory=dict)
    total_row: int | None = None

    @property
    def importable(self) -> bool:
        """A 项目名称 and an indicator block: enough to write a project file from."""
        return bool(self.fields.get(model_labels.NAME)) and self.indicator_block


def _has_indicator_header(grid: Grid) -> bool:
    return indicator_start(grid) is not None


def _has_project_name(grid: Grid) -> bool:
    return any(labels().field_of(cell.text) == model_labels.NAME for row in grid.rows for cell in row)


def joined_forms(grids: list[Grid]) -> list[Grid]:
    """A form split in two tables (perfsheet writes the indicator block as a table of its own, so that
    its header repeats on every page; a page break in Word does the same) is read as one grid: a table
    without a 项目名称, as wide as the form before it, that holds indicator rows or continues them; or
    the indicator block, of any width, of a form that has none yet (the 自评表's is a column wider).
    Rows of unequal width are fine: the reader finds every column by its label."""
    joined: list[Grid] = []
    for grid in grids:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and grid.rows
            and previous.rows
            and _has_project_name(previous)
            and not _has_project_name(grid)
            and (
                (
                    len(grid.rows[0]) == len(previous.rows[0])
                    and (_has_indicator_header(grid) or _has_indicator_header(previous))
                )
                # A 自评表's indicator table has a column more than its money block.
                or (_has_indicator_header(grid) and not _has_indicator_header(previous))
            )
        ):
            joined[-1] = Grid(previous.number, previous.rows + grid.rows)
            continue
        joined.append(grid)
    return joined


def stray_indicator_rows(grid: Grid) -> bool:
    """A table that is no form but holds indicator rows: a part of a form cut off from it."""
    return not _has_project_name(grid) and _has_indicator_header(grid)


def is_form(grid: Grid) -> bool:
    """The table carries a form's signature: 项目名称 (as the 申报表's definition spells it) with any of
    schemas/import.yaml's 申报表标志 (绩效指标, 一级指标, 年度总体目标, 项目资金, 年度资金) in another row
    (such a table is imported or reported, never dropped in silence). A list of projects, such as the
    cover 汇总表, names them all in one header row."""
    name = labels().fields[model_labels.NAME]
    other_markers = labels().markers
    name_rows, other_rows = set(), set()
    for r, row in enumerate(grid.rows):
        for key in {normalize(c.text) for c in row}:
            if key.startswith(name):
                name_rows.add(r)
            if key.startswith(other_markers):
                other_rows.add(r)
    return bool(name_rows) and bool(other_rows - name_rows)


def _known_level1(text: str) -> bool:
    return canonical_level1(text) in framework().levels


def _known_level2(level1: str, text: str) -> bool:
    return canonical_level2(canonical_level1(level1), text) in framework().all_level2


def _distinct_columns(row: list[GridCell], start: int, count: int) -> list[int]:
    """The first column of each of the next ``count`` physical cells from ``start`` on."""
    columns: list[int] = []
    origin = None
    for c in range(start, len(row)):
        if row[c].origin != origin:
            columns.append(c)
            origin = row[c].origin
            if len(columns) == count:
                break
    return columns


def indicator_start(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """Where the indicator rows begin and their columns: after the header row when its labels are
    there; otherwise (a header reworded, left blank or deleted) at the first row whose first columns
    hold a 一级 name and one of its 二级 names."""
    for r, row in enumerate(grid.rows):
        if any(is_header(cell.text, LEVEL1) for cell in row):
            columns = _header_columns(row)
            if all(name in columns for name in HEADER_COLUMNS):
                return r + 1, columns
    for r, row in enumerate(grid.rows):
        for c in range(min(4, len(row))):
            if not _known_level1(row[c].text):
                continue
            found = _distinct_columns(row, c, 4)
            if len(found) == 4 and _known_level2(row[c].text, row[found[1]].text):
                return r, dict(zip(HEADER_COLUMNS, found, strict=True))
    return None


def _first_value(cells: list[GridCell], origin: str) -> str:
    """The first text after a label: past the label's own span and past empty cells (a hand-made form
    fakes a merge with an empty cell), but not past the next label (then the value is blank)."""
    for cell in cells:
        if cell.origin == origin or not cell.text.strip():
            continue
        return "" if labels().is_label(cell.text) else cell.text.strip()
    return ""


def _value_right_of(row: list[GridCell], column: int) -> str:
    return _first_value(row[column + 1 :], row[column].origin)


def value_below(grid: Grid, row_index: int, column: int, stop: int | None = None) -> str:
    """The value under a label, not past ``stop`` (the indicator block)."""
    below = [row[column] for row in grid.rows[row_index + 1 : stop] if column < len(row)]
    return _first_value(below, grid.rows[row_index][column].origin)


# The fields a form's labels name (by their last label, as the forms' definitions name them): which side of the
# money rows each belongs to. 其他资金 is on both sides and is placed by its column.
_OTHER = model_labels.PROJECT_FUND_LABELS[-1]
_PROJECT_SIDE = frozenset(model_labels.PROJECT_FUND_LABELS) - {_OTHER}
_ANNUAL_SIDE = frozenset(model_labels.ANNUAL_FUND_LABELS) - {_OTHER}
_SIMPLE = (
    model_labels.NAME, model_labels.NATURE, model_labels.CATEGORY, model_labels.DEPARTMENT,
    model_labels.IMPLEMENTER, model_labels.START, model_labels.END,
)  # fmt: skip


# A label is short; a longer cell is a value (a goal may well say 「…（万元）」).
_LABEL_LENGTH = 20


def read_form(grid: Grid) -> FormData:
    form = FormData(grid.number)
    spec = labels()
    seen_origins: set[str] = set()
    other_funds: list[tuple[int, str]] = []
    annual_column: int | None = None
    name_at = (0, 0)  # the grid row and column of the 项目名称 label, 1-based
    start = indicator_start(grid)
    form.block_start = start[0] if start else None
    # Labels are looked for above the indicator block only: an indicator may be named like a label.
    for r, row in enumerate(grid.rows[: start[0] if start else None]):
        for c, cell in enumerate(row):
            if cell.origin in seen_origins:
                continue
            seen_origins.add(cell.origin)
            name = spec.field_of(cell.text)
            key = normalize(cell.text)
            if len(key) <= _LABEL_LENGTH and any(marker in key for marker in spec.ten_thousands):
                form.in_ten_thousands = True
            if name in _SIMPLE:
                if name == model_labels.NAME and name not in form.fields:
                    name_at = (r + 1, c + 1)
                form.fields.setdefault(name, _value_right_of(row, c))
            elif name in _PROJECT_SIDE:
                form.project_funds.setdefault(name, _value_right_of(row, c))
            elif name in _ANNUAL_SIDE:
                form.annual_funds.setdefault(name, _value_right_of(row, c))
                if name == model_labels.ANNUAL_TOTAL:
                    annual_column = c
            elif name == _OTHER:
                other_funds.append((c, _value_right_of(row, c)))
            else:
                for goal, variants in spec.goals.items():
                    if goal not in form.goals and key.startswith(variants):
                        form.goals[goal] = value_below(grid, r, c, start[0] if start else None)
    for column, value in other_funds:
        # The left 其他资金 belongs to the whole project, the right one to the budget year.
        side = form.annual_funds if annual_column is not None and column >= annual_column else form.project_funds
        side.setdefault(_OTHER, value)
    if start is None:
        form.problems.append(Problem("E341", grid.number, 0, 0, {"label": "绩效指标（一级指标、二级指标……）"}))
    else:
        form.indicator_block = True
        _read_indicators(grid, *start, form)
    for name in (model_labels.NAME,):
        if name not in form.fields:
            form.problems.append(Problem("E341", grid.number, 0, 0, {"label": name}))
        elif not form.fields[name]:
            # The label is there and its cell is empty: the form cannot be imported, and says why.
            form.problems.append(Problem("E356", grid.number, *name_at, {"label": name}))
    return form


def _header_key(text: str) -> str:
    """A header cell as compared: 「一级绩效指标」 and 「一级 指标」 read as 一级指标."""
    return normalize(text).replace(PERFORMANCE, "")


def is_header(text: str, name: str) -> bool:
    key = _header_key(text)
    return key.startswith(labels().header[name])


def named_columns(
    row: list[GridCell], names: dict[str, tuple[str, ...]], key: Callable[[str], str] = normalize
) -> dict[str, int]:
    """Each name's first grid column in a header row: the first cell whose ``key`` starts with one of
    its (normalized) variants."""
    columns: dict[str, int] = {}
    for c, cell in enumerate(row):
        text = key(cell.text)
        for name, variants in names.items():
            if name not in columns and text.startswith(variants):
                columns[name] = c
    return columns


def _header_columns(row: list[GridCell]) -> dict[str, int]:
    return named_columns(row, labels().header, _header_key)


def _read_indicators(grid: Grid, first_row: int, columns: dict[str, int], form: FormData) -> None:
    level1 = level2 = ""
    for r in range(first_row, len(grid.rows)):
        row = grid.rows[r]

        def text(name: str, row: list[GridCell] = row) -> str:
            c = columns[name]
            return row[c].text.strip() if c < len(row) else ""

        name, value = text(LEVEL3), text(VALUE)
        if is_header(text(LEVEL1), LEVEL1):
            continue  # the header again: its second row (a 监控表's reasons, one column each) or a copy on a new page
        if any(labels().is_total(cell.text) for cell in row[: columns[VALUE] + 1]):
            # A 自评表 ends with 总分 | 100 | the total: no indicator.
            form.total_row = r
            continue
        if name and value and name == value:
            # One cell spanning both columns: a note or a stray row, not an indicator.
            form.problems.append(Problem("E340", grid.number, r + 1, columns[LEVEL3] + 1, {"text": name}))
            continue
        # A fake merge leaves the 一级/二级 cell empty under its label: the group continues.
        level1 = canonical_level1(text(LEVEL1)) or level1
        level2 = canonical_level2(level1, text(LEVEL2)) or level2
        if not name and not value:
            continue
        if not name or not level1 or not level2:
            found = " | ".join(cell.text.strip() for cell in row if cell.text.strip())
            form.problems.append(Problem("E340", grid.number, r + 1, columns[LEVEL3] + 1, {"text": found}))
            continue
        group1, group2 = relocate(level1, level2)
        form.indicators.setdefault(group1, {}).setdefault(group2, []).append((name, value))
        form.indicator_rows.setdefault(name, r)


def relocate(level1: str, level2: str) -> tuple[str, str]:
    """Before 财预〔2021〕101号, 成本 sat under 产出: such rows move to 成本指标 → 经济成本指标."""
    fw = framework()
    if level1 == fw.output and fw.cost_word in level2:
        return fw.cost, fw.levels[fw.cost][0]
    return level1, level2


# 「产出指标（50分）」: some forms print the class's points in its cell.
_POINTSSUFFIX = re.compile(r"\(\d+(?:\.\d+)?分\)$")


def canonical_level1(text: str) -> str:
    """``产出`` → ``产出指标``, ``产出指标（50分）`` → ``产出指标``; names are kept as found when they are no
    known 一级指标 (validate says so)."""
    name = _POINTSSUFFIX.sub("", normalize(text))
    if not name:
        return ""
    if name in framework().levels:
        return name
    if name + SUFFIX in framework().levels:
        return name + SUFFIX
    return name


def canonical_level2(level1: str, text: str) -> str:
    """``社会效益`` → ``社会效益指标``, older names → today's (schemas/framework.yaml)."""
    name = normalize(text)
    if not name:
        return ""
    fw = framework()
    if name in fw.legacy_names:
        return fw.legacy_names[name]
    if name not in fw.all_level2 and name + SUFFIX in fw.all_level2:
        return name + SUFFIX
    return name
