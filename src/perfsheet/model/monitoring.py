"""The mid-year 监控 section of a project file (绩效运行监控: 1-X月 money and indicators), and the
monitoring scheme its lights follow (``schemas/monitoring.yaml``). Aliases are the project file's labels,
as in :mod:`perfsheet.model.project`."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from perfsheet.diagnostics import listing
from perfsheet.model.evaluation import Attainment, SpentFunds
from perfsheet.model.fields import LazySchema, StrictModel, Text
from perfsheet.typed_data import DataModel, load_model


class Light(DataModel):
    code: str = Field(alias="代码")
    name: str = Field(alias="名称")


class Bands(DataModel):
    """Progress bands in percent: below ``red`` red, below ``yellow`` yellow, from ``blue`` blue."""

    red: Decimal = Field(alias="红")
    yellow: Decimal = Field(alias="黄")
    blue: Decimal = Field(alias="蓝")


class YearlyJudged(DataModel):
    """The indicators judged on their 全年预计 rather than pro rata."""

    roles: tuple[str, ...] = Field(alias="一级指标")
    level2: tuple[str, ...] = Field(alias="二级指标")
    units: tuple[str, ...] = Field(alias="单位")


class MonitoringScheme(DataModel):
    """``schemas/monitoring.yaml``: the lights, their bands and the form's vocabularies."""

    months: int = Field(alias="全年月数")
    lights: tuple[Light, ...] = Field(alias="灯")
    bands: Bands = Field(alias="分档")
    yearly: YearlyJudged = Field(alias="按全年预计判断")
    qualitative: dict[str, str] = Field(alias="定性指标灯")
    reasons: tuple[str, ...] = Field(alias="偏差原因")
    likelihood: dict[str, str] = Field(alias="完成目标可能性")

    @field_validator("lights")
    @classmethod
    def _lights_told_apart(cls, lights: tuple[Light, ...]) -> tuple[Light, ...]:
        # A light is printed as its word and shaded by its code: each must name one light.
        for what in ("code", "name"):
            seen = [getattr(light, what) for light in lights]
            if len(set(seen)) != len(seen):
                raise ValueError(f"灯的{'代码' if what == 'code' else '名称'}重复：{'、'.join(seen)}")
        return lights

    def light_name(self, code: str) -> str:
        return next(light.name for light in self.lights if light.code == code)

    def light_code(self, name: str) -> str:
        """The code of the light printed as ``name`` (a KeyError is a bug: only names are looked up)."""
        found = next((light.code for light in self.lights if light.name == name), None)
        if found is None:
            raise KeyError(name)
        return found


@cache
def monitoring_scheme() -> MonitoringScheme:
    return load_model("schemas", "monitoring.yaml", MonitoringScheme)


# 「7」「7月」「1-7月」「1—7 月」: the last month of the period monitored.
# What joins the first month to the last in 「1-7月」, as typed (also in a 监控表's year line, read back).
PERIOD_DASHES = "-－—–~～至"
MONTH_PATTERN = rf"^[ \t]*(?:1[ \t]*[{PERIOD_DASHES}][ \t]*)?(1[0-2]|[1-9])[ \t]*月?[ \t]*$"
_MONTH = re.compile(MONTH_PATTERN)


def _month(value: Any) -> Any:
    match = _MONTH.fullmatch(str(value))
    if match is None:
        text = str(value).strip()
        half = unicodedata.normalize("NFKC", text)
        if half != text and _MONTH.fullmatch(half):
            raise PydanticCustomError("E585", "E585", {"value": text, "fixed": half})
        raise PydanticCustomError("E560", "E560", {"value": text})
    return int(match.group(1))


Month = Annotated[
    int,
    BeforeValidator(_month),
    WithJsonSchema({"type": ["integer", "string"], "pattern": MONTH_PATTERN, "minimum": 1, "maximum": 12}),
]


def _reasons(value: Any) -> Any:
    """One tick or a list of ticks, each one of the form's five columns."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    allowed = monitoring_scheme().reasons
    for item in items:
        if not isinstance(item, str) or item.strip() not in allowed:
            text = str(item).strip()
            parts = [part for part in _JOINERS.split(text) if part]
            if parts and parts != [text] and all(part in allowed for part in parts):
                raise PydanticCustomError("E584", "E584", {"value": text, "fixed": f"[{', '.join(parts)}]"})
            raise PydanticCustomError("E561", "E561", {"value": text, "allowed": listing(allowed)})
    return [item.strip() for item in items]


# What joins ticks typed as one text (制度保障，其他 / 人员保障、其他 / 【经费保障】): Chinese and ASCII marks.
_JOINERS = re.compile(r"[\s，、；;,/／【】\[\]（）()]+")


def _likelihood(value: Any) -> Any:
    if isinstance(value, str):
        allowed = monitoring_scheme().likelihood
        if value.strip() not in allowed:
            raise PydanticCustomError("E562", "E562", {"value": value.strip(), "allowed": listing(allowed)})
        return value.strip()
    return value


def _reasons_schema() -> dict[str, Any]:
    words = {"type": "string", "enum": list(monitoring_scheme().reasons)}
    return {"anyOf": [words, {"type": "array", "items": words}]}


# The editors' schema lists the same words as the data file (read when a schema is written).
Reasons = Annotated[list[str], BeforeValidator(_reasons), LazySchema(_reasons_schema)]
Likelihood = Annotated[
    str,
    BeforeValidator(_likelihood),
    LazySchema(lambda: {"type": "string", "enum": list(monitoring_scheme().likelihood)}),
]


class IndicatorProgress(StrictModel):
    """Where one 三级指标 stands at the end of the month monitored; written ``名称: 1-X月完成值`` when it
    is on track, or as a mapping with the forecast, the reasons and the measures."""

    model_config = ConfigDict(
        json_schema_extra={
            "title": "指标的执行情况",
            "description": "简写为「指标名称: 1-X月完成值」；预计完不成或需要说明原因时写成多行",
        }
    )

    current: Text = Field(alias="执行情况", description="1-X月执行情况：到监控月份末的完成值，定量指标写数字和单位")
    forecast: Text | None = Field(None, alias="全年预计", description="全年预计完成情况；不写时表示预计完成年度指标值")
    attainment: Attainment | None = Field(
        None, alias="完成程度", description="定性指标与指标值不一致时填写：达成、部分达成或未达成"
    )
    reasons: Reasons | None = Field(
        None,
        alias="偏差原因",
        description="偏差原因分析的勾选项：经费保障、制度保障、人员保障、硬件条件保障、其他（可写多项）",
    )
    explanation: Text | None = Field(None, alias="原因说明", description="偏差原因的文字说明")
    likelihood: Likelihood | None = Field(
        None, alias="完成目标可能性", description="确定能、有可能或完全不可能；不写时为确定能"
    )
    measures: Text | None = Field(None, alias="纠偏措施", description="纠偏措施（表上的备注栏）")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """``名称: 4 场`` is the short form of ``名称: {执行情况: 4 场}``."""
        if isinstance(data, str):
            return {cls.model_fields["current"].alias: data}
        return data

    @property
    def explained(self) -> bool:
        """The form's 偏差原因分析 is filled in: a tick or the reason's text."""
        return bool(self.reasons) or self.explanation is not None


class MonitoredFunds(SpentFunds):
    """1-X月执行数 or 全年预计执行数 by source: a source written with no amount was left to fill in (the
    template's 「当年财政拨款:」), not spent as nothing; a source not written at all is none of the money."""

    @field_validator("fiscal", "carryover", "other", mode="before")
    @classmethod
    def _written_with_an_amount(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("E586", "E586", {})
        return value


class Monitoring(StrictModel):
    """The 监控 section: added at mid-year; the declared targets stay untouched."""

    model_config = ConfigDict(
        json_schema_extra={
            "title": "绩效运行监控",
            "description": "年中填写（一般为 1-7 月）：执行数、全年预计执行数、每个三级指标的 1-X月完成值与全年预计",
        }
    )

    month: Month = Field(alias="月份", description="监控到几月末，如 7 表示「1-7月」")
    budget: SpentFunds | None = Field(
        None, alias="全年预算数", description="调整后的全年预算数（元）；不填时等于年度资金（年初预算数）"
    )
    spent: MonitoredFunds = Field(alias="执行数", description="1-X月执行数：1 月至监控月份末的累计支出（元）")
    forecast: MonitoredFunds = Field(alias="全年预计执行数", description="全年预计执行数（元）")
    progress: Text = Field(alias="执行情况", description="年度总体目标的 1-X月执行情况")
    results: dict[str, IndicatorProgress] = Field(
        alias="指标", description="申报表中的每个三级指标，按名称：1-X月完成值（及全年预计、偏差原因、纠偏措施）"
    )


def _percent(value: Any) -> Any:
    try:
        number = Decimal(str(value).strip().rstrip("%").strip())
    except InvalidOperation:
        raise PydanticCustomError("E563", "E563", {"value": str(value).strip()}) from None
    if not number.is_finite() or number <= 0 or number > 1000:
        raise PydanticCustomError("E563", "E563", {"value": str(value).strip()})
    return number


Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    WithJsonSchema({"type": ["number", "string"], "exclusiveMinimum": 0, "maximum": 1000}),
]


class BandSettings(StrictModel):
    """A collection's own bands (``perfsheet.yaml``); a band not written keeps the default."""

    model_config = ConfigDict(
        json_schema_extra={"title": "预警分档", "description": "进度（%）的分档；不写的一档取默认值 60、80、120"}
    )

    red: Percent | None = Field(None, alias="红", description="进度低于此值为红灯（默认 60）")
    yellow: Percent | None = Field(None, alias="黄", description="进度低于此值为黄灯，不低于为绿灯（默认 80）")
    blue: Percent | None = Field(
        None, alias="蓝", description="「≥」「>」的定量指标进度不低于此值为蓝灯：指标值可能偏低（默认 120）"
    )


class MonitoringSettings(StrictModel):
    """``监控预警`` in perfsheet.yaml: the collection's bands."""

    model_config = ConfigDict(
        json_schema_extra={"title": "监控预警", "description": "绩效运行监控的预警设置（perfsheet monitor）"}
    )

    bands: BandSettings = Field(alias="分档", description="进度的分档：红、黄、蓝（%）")

    def resolved(self, default: Bands) -> Bands:
        """The default bands with this collection's written over them."""
        given = {k: v for k, v in self.bands.model_dump().items() if v is not None}
        return default.model_copy(update=given)
