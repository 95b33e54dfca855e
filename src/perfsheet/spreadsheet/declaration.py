"""``templates/workbook.yaml``: the workbook's sheets and columns as data, checked when first loaded.

Export writes every sheet it declares, import recognises a sheet by its declared markers and its columns
by their headers (plus the variants ``schemas/import.yaml`` lists for the same field), so a sheet or a
column is one entry in one file.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field, model_validator

from perfsheet.typed_data import DataModel, load_model

TEXT, MONEY, DATE, NUMBER, POINTS, RATIO, INTEGER = KINDS = ("文本", "金额", "日期", "数值", "分值", "比率", "整数")


class Column(DataModel):
    header: str = Field(alias="表头")
    field: str = Field(alias="字段")
    kind: str = Field(TEXT, alias="类型")
    width: int = Field(alias="宽度", gt=0, le=255)
    summed: bool = Field(False, alias="合计")
    variants: tuple[str, ...] = Field((), alias="别名")

    @model_validator(mode="after")
    def _known_kind(self) -> Column:
        if self.kind not in KINDS:
            raise ValueError(f"类型 {self.kind} 不是 {'、'.join(KINDS)} 之一")
        if self.summed and self.kind != MONEY:
            raise ValueError("只有金额列可以合计")
        return self


class Sheet(DataModel):
    name: str = Field(alias="名称", min_length=1, max_length=31)
    rows: str = Field(alias="行")
    markers: tuple[str, ...] = Field(alias="标志", min_length=1)
    only_with_rows: bool = Field(False, alias="只在有数据时")
    columns: tuple[Column, ...] = Field(alias="列", min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Sheet:
        headers = [column.header for column in self.columns]
        if len(set(headers)) != len(headers):
            raise ValueError(f"工作表 {self.name} 有重复的表头")
        missing = [marker for marker in self.markers if marker not in headers]
        if missing:
            raise ValueError(f"工作表 {self.name} 的标志 {missing} 不是它的表头")
        return self

    def field_of(self, header: str) -> str:
        return next(column.field for column in self.columns if column.header == header)

    @property
    def summed(self) -> bool:
        return any(column.summed for column in self.columns)


class Printing(DataModel):
    page_width: int = Field(alias="页宽", gt=0)
    min_scale: int = Field(alias="最小缩放", ge=10, le=100)


class WorkbookDeclaration(DataModel):
    kinds: tuple[str, ...] = Field(alias="类型")
    formats: dict[str, str] = Field(alias="格式")
    grand_total: str = Field(alias="总计")
    max_width: int = Field(alias="最大列宽", gt=0, le=255)
    indicator_kinds: tuple[str, str] = Field(alias="指标类型")
    printing: Printing = Field(alias="打印")
    sheets: tuple[Sheet, ...] = Field(alias="工作表", min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> WorkbookDeclaration:
        if tuple(self.kinds) != KINDS:
            raise ValueError(f"类型应为 {list(KINDS)}（代码按这些名称写出各类单元格）")
        names = [sheet.name for sheet in self.sheets]
        if len(set(names)) != len(names):
            raise ValueError("工作表的名称有重复")
        return self

    def number_format(self, kind: str) -> str | None:
        return self.formats.get(kind)


@cache
def workbook() -> WorkbookDeclaration:
    return load_model("templates", "workbook.yaml", WorkbookDeclaration)
