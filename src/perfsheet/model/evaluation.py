"""The year-end 自评 section of a project file, and the scoring scheme it is scored by
(``schemas/evaluation.yaml``). Aliases are the 绩效自评表's labels, as in :mod:`perfsheet.model.project`."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from perfsheet.diagnostics import listing
from perfsheet.model.fields import CarriedOverFunds, FiscalFunds, LazySchema, OtherFunds, StrictModel, Text
from perfsheet.typed_data import DataModel, load_model

# 分值 and 得分: at most 100, at most two decimals (the printed form shows two).
POINTS_PATTERN = r"^[ \t]*(?:100(?:\.0{1,2})?|[0-9]{1,2}(?:\.[0-9]{1,2})?)[ \t]*$"
_POINTS = re.compile(POINTS_PATTERN)


def _points(value: Any) -> Any:
    if isinstance(value, str):
        if not _POINTS.fullmatch(value):
            raise PydanticCustomError("E409", "E409", {"value": value.strip()})
        return Decimal(value.strip())
    return value


Points = Annotated[
    Decimal,
    BeforeValidator(_points),
    WithJsonSchema({"type": ["string", "number"], "pattern": POINTS_PATTERN, "minimum": 0, "maximum": 100}),
]


class Grade(DataModel):
    name: str = Field(alias="名称")
    floor: Decimal = Field(alias="下限")


class ScoringScheme(DataModel):
    """``schemas/evaluation.yaml``: the points, the qualitative bands and the grades."""

    full_marks: Decimal = Field(alias="满分")
    budget_points: Decimal = Field(alias="预算执行率分值")
    role_points: dict[str, Decimal] = Field(alias="一级指标分值")
    shared_points: dict[str, str] = Field(alias="共用分值")
    attainment_bands: dict[str, tuple[Decimal, Decimal]] = Field(alias="完成程度")
    grades: tuple[Grade, ...] = Field(alias="等级")
    over_achievement: Decimal = Field(alias="超额提醒")

    def grade(self, total: Decimal) -> str:
        return next(grade.name for grade in self.grades if total >= grade.floor)


@cache
def scoring_scheme() -> ScoringScheme:
    return load_model("schemas", "evaluation.yaml", ScoringScheme)


def _attainment(value: Any) -> Any:
    if isinstance(value, str):
        bands = scoring_scheme().attainment_bands
        if value.strip() not in bands:
            raise PydanticCustomError("E413", "E413", {"value": value.strip(), "allowed": listing(bands)})
        return value.strip()
    return value


# The editors' enum of 完成程度: the scheme's bands, read when the schema is written (not at import).
Attainment = Annotated[
    str,
    BeforeValidator(_attainment),
    LazySchema(lambda: {"type": "string", "enum": list(scoring_scheme().attainment_bands)}),
]


class SpentFunds(StrictModel):
    """全年预算数 or 全年执行数, by source of money (the 年度资金总额 is their sum)."""

    model_config = ConfigDict(json_schema_extra={"title": "资金（元）", "description": "按资金来源填写，单位：元"})

    fiscal: FiscalFunds = None
    carryover: CarriedOverFunds = None
    other: OtherFunds = None

    @property
    def total(self) -> Decimal:
        return sum((v for v in (self.fiscal, self.carryover, self.other) if v is not None), Decimal("0.00"))


class IndicatorResult(StrictModel):
    """What one 三级指标 reached; written ``名称: 实际完成值`` or as a mapping with more."""

    model_config = ConfigDict(
        json_schema_extra={
            "title": "指标的完成情况",
            "description": "简写为「指标名称: 实际完成值」；需要分值、得分或偏差原因时写成多行",
        }
    )

    actual: Text = Field(alias="实际完成值", description="实际完成值，定量指标写数字和单位（如 96%、8 场）")
    points: Points | None = Field(
        None, alias="分值", description="本指标的分值；不写时按一级指标的分值平均分配（所有分值合计 100）"
    )
    score: Points | None = Field(
        None, alias="得分", description="定性指标未完全达成时，由单位按完成程度确定的得分；定量指标由 perfsheet 计算"
    )
    attainment: Attainment | None = Field(
        None, alias="完成程度", description="定性指标与指标值不一致时填写：达成、部分达成或未达成"
    )
    deviation: Text | None = Field(
        None, alias="偏差原因", description="未完全达成或远超指标值时：偏差原因分析及改进措施"
    )

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """``名称: 96%`` is the short form of ``名称: {实际完成值: 96%}``."""
        if isinstance(data, str):
            return {cls.model_fields["actual"].alias: data}
        return data


class SelfEvaluation(StrictModel):
    """The 自评 section: added to the project file at year end; the declared targets stay untouched."""

    model_config = ConfigDict(
        json_schema_extra={
            "title": "绩效自评",
            "description": "年度结束后填写：全年预算数与执行数、实际完成情况、每个三级指标的实际完成值",
        }
    )

    budget: SpentFunds | None = Field(
        None, alias="全年预算数", description="调整后的全年预算数（元）；不填时等于年度资金（年初预算数）"
    )
    spent: SpentFunds = Field(alias="全年执行数", description="全年实际支出（元）")
    achieved: Text = Field(alias="实际完成情况", description="年度总体目标的实际完成情况")
    results: dict[str, IndicatorResult] = Field(
        alias="指标", description="申报表中的每个三级指标，按名称：实际完成值（及分值、得分、偏差原因）"
    )
