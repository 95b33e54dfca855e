"""The printed forms as data (``templates/forms/*.yaml``): for each form its tables, their column widths,
and every cell — the text it prints or the field it shows (a path of the model's labels), its span, its
role, and how other units word the same label. The layout draws the forms from these definitions and
the Word importer finds the labels through them: a label, a variant or a width is written once.

Checked when read: every field path exists in the model, every row of a table fills its columns; the
widths' sum against the page is checked where the page is known (:func:`perfsheet.layout.forms`)."""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, field_validator, model_validator

from perfsheet.model.evaluation import IndicatorResult
from perfsheet.model.monitoring import IndicatorProgress
from perfsheet.model.project import Indicator, Project
from perfsheet.typed_data import DataModel, load_model

# The cells of an indicator row show these: the two group names and the 三级指标's own fields.
LEVEL1, LEVEL2 = "一级指标", "二级指标"
# Values the code computes for a form (scores, the row number of a cover): named, never a model path.
Computed = Literal["number", "budget_points", "rate", "budget_score", "full_marks", "total", "grade", "light"]
Format = Literal["text", "date", "money", "money_or_zero", "points", "score"]


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X | None`` or ``Annotated[X, …]``; None for any other type."""
    if get_origin(annotation) is Annotated:
        return model_of(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        found = [m for arg in get_args(annotation) if (m := model_of(arg)) is not None]
        return found[0] if found else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    for field in model.model_fields.values():
        if field.alias is None:
            continue
        path = prefix + field.alias
        yield path
        inner = model_of(field.annotation)
        if inner is not None:
            yield from _paths(inner, path + ".")


@cache
def model_paths() -> frozenset[str]:
    """Every path of labels into a project file, such as 年度资金.当年财政拨款 or 自评.全年执行数."""
    return frozenset(_paths(Project))


@cache
def indicator_paths() -> frozenset[str]:
    """What an indicator row may show: its groups, the 三级指标's fields, its 自评 result's and its 监控's."""
    return frozenset({LEVEL1, LEVEL2, *_paths(Indicator), *_paths(IndicatorResult), *_paths(IndicatorProgress)})


class CellDefinition(DataModel):
    """One cell of a form: a printed text (a label or a header) or a field's value."""

    role: str = Field(description="单元格的角色，决定对齐与字形（templates/form.yaml 的 roles）")
    text: str = Field("", description="印在单元格里的文字（标签、表头）；显示取值的单元格留空")
    field: str | None = Field(
        None,
        description="单元格显示（取值单元格）或标明（标签单元格）的字段：项目文件中的标签路径，如 年度资金.其他资金",
    )
    computed: Computed | None = Field(None, description="由程序计算的值（得分、序号等），不是项目文件中的字段")
    span: int = Field(1, ge=1, description="横向占几列")
    rows: int = Field(1, ge=1, description="纵向占几行（合并的单元格）")
    format: Format = Field("text", description="取值的写法：文字、日期、金额（空白留空或写 0.00）、分值、得分")
    value: Literal["right", "below"] = Field(
        "right", description="标签所标明的取值在它的右侧还是下方（导入时据此读取）"
    )
    variants: tuple[str, ...] = Field((), description="其他单位的表格对同一标签的写法（导入时识别）")
    breaks_before: tuple[str, ...] = Field(
        (), description="文字在本列排不下一行时，在这些词之前换行（如「经济成本\n指标」，不把一个字单独折到下一行）"
    )

    @field_validator("breaks_before")
    @classmethod
    def _words_of_two_characters(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        # A line of one character is what the break is there to prevent (and an empty word is no word).
        short = [word for word in words if len(word.strip()) < 2]
        if short:
            raise ValueError(f"breaks_before 的词至少两个字：{short}")
        return words

    @model_validator(mode="after")
    def _variants_name_something(self) -> CellDefinition:
        if self.variants and self.field is None and self.computed is None:
            raise ValueError("有其他写法（variants）的标签须标明它的字段（field）或计算值（computed）")
        return self


class RowDefinition(DataModel):
    """One row of a block: its cells left to right (a cell merged down from above is not repeated)."""

    cells: tuple[CellDefinition, ...] = Field(description="本行的单元格，从左到右")
    can_split: bool = Field(False, description="本行可以跨页断开（长文字的行）")
    keep_with_next: bool = Field(False, description="本行与下一行排在同一页")
    header: bool = Field(False, description="本行是表头（在表格续页的顶部重复）")


class BlockDefinition(DataModel):
    """Rows that belong together; ``side`` is the narrow label merged down the block's left edge."""

    side: str | None = Field(None, description="块左侧纵向合并的窄标签（如「项目\\n资金\\n（元）」）")
    rows: tuple[RowDefinition, ...] = Field(description="块中的行")


class IndicatorBlockDefinition(DataModel):
    """The indicator block: a header row, then one row per 三级指标 (its groups merged down)."""

    side: str = Field(description="块左侧纵向合并的窄标签（「绩效\\n指标」）")
    header: RowDefinition = Field(description="指标表头行")
    row: tuple[CellDefinition, ...] = Field(description="每个三级指标一行：各单元格显示的字段")
    last_keeps_with_next: bool = Field(False, description="最后一个指标行与下面的表排在同一页")

    @model_validator(mode="after")
    def _fields_exist(self) -> IndicatorBlockDefinition:
        for cell in (*self.header.cells, *self.row):
            if cell.field is not None and cell.field not in indicator_paths():
                raise ValueError(f"指标行没有字段「{cell.field}」；可用：{'、'.join(sorted(indicator_paths()))}")
        return self


class TableDefinition(DataModel):
    """One table of a form: its columns (a named width set) and its blocks, or the indicator block."""

    columns: str = Field(description="列宽的名称（见本文件的 widths）")
    blocks: tuple[BlockDefinition, ...] = Field((), description="固定的行块，自上而下")
    indicators: IndicatorBlockDefinition | None = Field(None, description="指标块（每个三级指标一行）")

    def cells(self) -> Iterator[CellDefinition]:
        for block in self.blocks:
            for row in block.rows:
                yield from row.cells
        if self.indicators is not None:
            yield from self.indicators.header.cells


class FittedColumns(DataModel):
    """Columns of a width set widened to their texts, taking the width from other columns in turn, each
    down to its least: first every column so that its values never break (in the order given), then so
    that no character is left alone on a line and a quantity (80.82万元) stays whole, as far as the width
    left goes."""

    columns: tuple[int, ...] = Field(description="按取值加宽的列（从 0 起数）：先保取值不折断，再尽量不留单字")
    give: tuple[int, ...] = Field(min_length=1, description="依次让出宽度的列")
    least: tuple[int, ...] = Field(description="让出宽度的各列至少保留的宽度（twip），与 give 一一对应")

    @model_validator(mode="after")
    def _give_is_another(self) -> FittedColumns:
        if set(self.give) & set(self.columns):
            raise ValueError("让出宽度的列（give）不能同时按取值加宽")
        if len(self.least) != len(self.give):
            raise ValueError("least 与 give 的个数应相同")
        return self


class FormDefinition(DataModel):
    """A printed form: title, year line (jinja2, ``year``), named column widths in twips, its tables."""

    title: str = Field(description="表格标题")
    year_line: str = Field(description="标题下的年度行（jinja2 模板，变量 year）")
    widths: dict[str, tuple[int, ...]] = Field(description="各组列宽（twip），每组合计等于版心宽度")
    fitted: dict[str, FittedColumns] = Field(
        {}, description="各组列宽中按取值加宽的列（年度指标值、分值等不折断），键为列宽的名称"
    )
    tables: tuple[TableDefinition, ...] = Field(description="表格，自上而下；相邻两张以细线段落相接")

    @model_validator(mode="after")
    def _consistent(self) -> FormDefinition:
        for name, fitted in self.fitted.items():
            count = len(self.widths.get(name, ()))
            if not count:
                raise ValueError(f"按取值加宽的列宽「{name}」没有定义")
            if any(column >= count for column in (*fitted.columns, *fitted.give)):
                raise ValueError(f"列宽「{name}」只有 {count} 列")
        for number, table in enumerate(self.tables, start=1):
            if table.columns not in self.widths:
                raise ValueError(f"第 {number} 张表的列宽「{table.columns}」没有定义")
            for cell in table.cells():
                if cell.field is not None and not _is_indicator_cell(table, cell) and cell.field not in model_paths():
                    raise ValueError(f"第 {number} 张表：项目文件中没有字段「{cell.field}」")
            _check_grid(number, table, len(self.widths[table.columns]))
        return self


def _is_indicator_cell(table: TableDefinition, cell: CellDefinition) -> bool:
    return table.indicators is not None and cell in table.indicators.header.cells


def _check_grid(number: int, table: TableDefinition, columns: int) -> None:
    """Every row, with the cells merged down into it and the block's side label, fills the columns."""
    for block in table.blocks:
        below: dict[int, int] = {}  # row index → columns taken by cells merged down from above
        for index, row in enumerate(block.rows):
            width = (1 if block.side else 0) + below.pop(index, 0)
            for cell in row.cells:
                width += cell.span
                for further in range(index + 1, index + cell.rows):
                    below[further] = below.get(further, 0) + cell.span
            if width != columns:
                raise ValueError(f"第 {number} 张表有一行占 {width} 列，应为 {columns} 列")
    if table.indicators is not None:
        for cells in (table.indicators.header.cells, table.indicators.row):
            width = 1 + sum(cell.span for cell in cells)
            if width != columns:
                raise ValueError(f"第 {number} 张表的指标行占 {width} 列，应为 {columns} 列")


class CoverColumn(DataModel):
    """One column of a cover 汇总表: its header, its width, what each project's row shows in it."""

    header: str = Field(description="表头文字")
    width: int = Field(gt=0, description="列宽的起点（twip）；金额、日期列按内容定宽")
    role: str = Field(description="取值单元格的角色")
    field: str | None = Field(None, description="显示的字段（项目文件中的标签路径）")
    computed: Computed | None = Field(None, description="由程序计算的值（序号、得分、等级）")
    format: Format = Field("text", description="取值的写法")

    @model_validator(mode="after")
    def _field_exists(self) -> CoverColumn:
        if self.field is not None and self.field not in model_paths():
            raise ValueError(f"项目文件中没有字段「{self.field}」")
        return self


class CoverDefinition(DataModel):
    """A cover 汇总表: title and sentence (jinja2), its columns, and how its widths follow the content."""

    title: str = Field(description="标题（jinja2 模板，变量 unit、year）")
    sentence: str = Field(description="表下的总结句（jinja2 模板）")
    grade_count: str | None = Field(None, description="总结句中每个等级的个数（jinja2，变量 grade、count）")
    unit_note: str = Field(description="表上方的金额单位说明")
    total_label: str = Field(description="合计行的标签")
    total_span: int = Field(ge=1, description="合计标签横跨的列数")
    name_column: int = Field(ge=0, description="项目名称所在列（余下的宽度都给它）")
    fitted_columns: tuple[int, ...] = Field(description="按内容定宽的列（金额任何时候不折行）")
    min_name_width: int = Field(gt=0, description="项目名称列的最小宽度；排不下时整表字号逐级减小")
    smallest_size: float = Field(gt=0, description="整表最小的字号（磅）")
    columns: tuple[CoverColumn, ...] = Field(description="各列，从左到右")

    @property
    def widths(self) -> tuple[int, ...]:
        return tuple(column.width for column in self.columns)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


class Forms(DataModel):
    """All the forms perfsheet prints, each from its own file under ``templates/forms/``."""

    declaration: FormDefinition = Field(description="财政项目支出绩效目标申报表")
    evaluation: FormDefinition = Field(description="财政项目支出绩效自评表")
    cover: CoverDefinition = Field(description="项目绩效目标汇总表")
    evaluation_cover: CoverDefinition = Field(description="项目绩效自评汇总表")


FORM_FILES = {
    "declaration": "declaration.yaml",
    "evaluation": "evaluation.yaml",
    "cover": "cover.yaml",
    "evaluation_cover": "evaluation_cover.yaml",
}


@cache
def forms() -> Forms:
    """The definitions of every form, read once and checked against the model."""
    kinds: dict[str, type[DataModel]] = {
        "declaration": FormDefinition,
        "evaluation": FormDefinition,
        "cover": CoverDefinition,
        "evaluation_cover": CoverDefinition,
    }
    return Forms(**{name: load_model("templates", f"forms/{FORM_FILES[name]}", kinds[name]) for name in kinds})


def field_key(path: str) -> str:
    """A field path's last label: how the importer and the messages name the field."""
    return path.rsplit(".", 1)[-1]


Vocabulary = dict[str, tuple[str, ...]]


def _add(vocabulary: Vocabulary, key: str, cell: CellDefinition) -> None:
    """The printed text is always one of the label's spellings, then the variants, each once."""
    known = vocabulary.get(key, ())
    vocabulary[key] = known + tuple(v for v in dict.fromkeys((cell.text, *cell.variants)) if v not in known)


def labels_beside(*definitions: FormDefinition) -> Vocabulary:
    """The labels whose value stands to their right, by field (its last label), in the forms' order."""
    vocabulary: Vocabulary = {}
    for form in definitions:
        for table in form.tables:
            for block in table.blocks:
                for row in block.rows:
                    for cell in row.cells:
                        if cell.text and cell.field is not None and cell.value == "right":
                            _add(vocabulary, field_key(cell.field), cell)
    return vocabulary


def labels_above(form: FormDefinition) -> list[Vocabulary]:
    """Per row that has them, the labels whose value stands below them (columns read together)."""
    found = []
    for table in form.tables:
        for block in table.blocks:
            for row in block.rows:
                vocabulary: Vocabulary = {}
                for cell in row.cells:
                    if cell.text and cell.field is not None and cell.value == "below":
                        _add(vocabulary, field_key(cell.field), cell)
                if vocabulary:
                    found.append(vocabulary)
    return found


def indicator_header(form: FormDefinition) -> Vocabulary:
    """The indicator header's labels by the field their column shows."""
    vocabulary: Vocabulary = {}
    for table in form.tables:
        if table.indicators is not None:
            for cell in table.indicators.header.cells:
                if cell.field is not None:
                    _add(vocabulary, cell.field, cell)
    return vocabulary


def computed_label(form: FormDefinition, name: Computed) -> tuple[str, ...]:
    """The spellings of the label that names a computed value (such as 总分), the printed one first."""
    for table in form.tables:
        for cell in table.cells():
            if cell.text and cell.computed == name:
                return (cell.text, *cell.variants)
    raise KeyError(name)
