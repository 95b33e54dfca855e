"""The pydantic models. Aliases are the form's own labels: the YAML reads as the form.

Every scalar arrives as a string from the loader; the annotated types below turn it into ``Decimal``,
``date`` or a target value, or raise a ``PydanticCustomError`` whose type is a catalogue code, so the
model layer can report it at the value's line in the user's terms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from perfsheet.model.evaluation import SelfEvaluation
from perfsheet.model.fields import (
    CarriedOverFunds,
    Date,
    FiscalFunds,
    Flag,
    Money,
    OtherFunds,
    StrictModel,
    Target,
    Text,
    Year,
    is_true_flag,
)
from perfsheet.model.monitoring import Monitoring, MonitoringSettings
from perfsheet.model.values import Qualitative


class Indicator(StrictModel):
    """One 三级指标 and its 指标值; written ``- 名称: 指标值`` or in the expanded form."""

    model_config = ConfigDict(
        json_schema_extra={"title": "三级指标", "description": "一个三级指标及其指标值；简写为「- 名称: 指标值」"}
    )

    name: Text = Field(alias="名称", description="三级指标名称")
    qualitative: Flag = Field(
        False, alias="定性", description="为 true 时，指标值按文字原样保留（可以含数字，不作定量检查）"
    )
    value: Target = Field(alias="指标值", description="年度（/项目）指标值，如 ≥1.00(场)、=100.00(%)、及时")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """``{名称: 指标值}`` is the short form of ``{名称: …, 指标值: …}``. In the expanded form, a value
        marked 定性 is kept as written (stripped): what the value's own validator would make of it."""
        if not isinstance(data, dict):
            return data
        if _NAME_LABEL not in data:
            if len(data) != 1:
                raise PydanticCustomError("E110", "E110", {"count": len(data)})
            ((name, value),) = data.items()
            return {_NAME_LABEL: name, _VALUE_LABEL: value}
        value = data.get(_VALUE_LABEL)
        if isinstance(value, str) and value.strip() and is_true_flag(data.get(_QUALITATIVE_LABEL)):
            return {**data, _VALUE_LABEL: Qualitative(value.strip())}
        return data


# The labels of the expanded form, looked up once: the short-form check runs for every indicator.
_NAME_LABEL = Indicator.model_fields["name"].alias
_VALUE_LABEL = Indicator.model_fields["value"].alias
_QUALITATIVE_LABEL = Indicator.model_fields["qualitative"].alias


IndicatorList = list[Indicator]
Level2Groups = dict[str, IndicatorList | None]
IndicatorTree = dict[str, Level2Groups | None]


def each_indicator(tree: IndicatorTree) -> Iterator[tuple[str, str, int, Indicator]]:
    """Every 三级指标 of ``tree`` in the form's order: its 一级, its 二级, its place in that list, itself."""
    for level1, groups in tree.items():
        for level2, items in (groups or {}).items():
            for index, indicator in enumerate(items or []):
                yield level1, level2, index, indicator


class ProjectFunds(StrictModel):
    """项目资金 for the whole project (the left side of the money block)."""

    model_config = ConfigDict(
        json_schema_extra={"title": "项目资金", "description": "整个项目的资金（元），即申报表资金栏的左侧"}
    )

    total: Money | None = Field(None, alias="项目资金总额", description="项目资金总额（元）= 财政资金 + 其他资金")
    fiscal: Money | None = Field(None, alias="财政资金", description="其中：财政资金（元）")
    other: Money | None = Field(None, alias="其他资金", description="整个项目的其他资金（元）")

    @property
    def filled(self) -> bool:
        return any(v is not None for v in (self.total, self.fiscal, self.other))


class AnnualFunds(StrictModel):
    """年度资金 for this budget year (the right side of the money block)."""

    model_config = ConfigDict(
        json_schema_extra={"title": "年度资金", "description": "本预算年度的资金（元），即申报表资金栏的右侧"}
    )

    total: Money = Field(
        alias="年度资金申请总额", description="年度资金申请总额（元）= 当年财政拨款 + 上年结转资金 + 其他资金"
    )
    fiscal: FiscalFunds = None
    carryover: CarriedOverFunds = None
    other: OtherFunds = None


class Suppression(StrictModel):
    """One review rule that this project silences, and why (the reason is printed in the report)."""

    model_config = ConfigDict(
        json_schema_extra={"title": "忽略的规则", "description": "本项目忽略的一条审核规则及其理由"}
    )

    code: Text = Field(alias="代码", description="要忽略的审核规则代码，如 R303")
    reason: Text = Field(alias="理由", description="忽略的理由，会在报告中列出")


class Project(StrictModel):
    """One 财政项目支出绩效目标申报表."""

    model_config = ConfigDict(
        json_schema_extra={
            "title": "财政项目支出绩效目标申报表",
            "description": "一个项目的申报表：每个项目一个 YAML 文件",
        }
    )

    name: Text = Field(alias="项目名称", description="项目的名称，与申报表第一行一致；也用作汇总表中的名称")
    nature: Text = Field(alias="项目性质", description="项目性质，如 其他一次性项目、阶段性项目、经常性项目")
    category: Text = Field(alias="项目类别", description="项目类别：人员类、运转类或特定目标类")
    department: Text | None = Field(None, alias="主管部门", description="主管部门；不填时取汇总表的主管部门")
    implementer: Text | None = Field(None, alias="实施单位", description="实施单位；不填时取汇总表的编报单位")
    start: Date = Field(alias="计划开始日期", description="计划开始日期，如 2026-01-01 或 2026/1/1")
    end: Date = Field(alias="计划完成日期", description="计划完成日期，如 2026-12-31")
    project_funds: ProjectFunds | None = Field(
        None, alias="项目资金", description="整个项目的资金（元）；一次性项目可以不填"
    )
    annual_funds: AnnualFunds = Field(alias="年度资金", description="本预算年度的资金（元）")
    overall_goal: Text | None = Field(None, alias="项目总目标", description="项目总目标；一次性项目可以不填")
    annual_goal: Text = Field(alias="年度总体目标", description="本年度要完成的目标；多行时写成「|」后逐行缩进")
    indicators: IndicatorTree = Field(
        alias="绩效指标", description="绩效指标：一级指标 → 二级指标 → 三级指标列表（名称: 指标值）"
    )
    suppressions: list[Suppression] | None = Field(
        None, alias="忽略规则", description="本项目忽略的审核规则，每项写明代码和理由"
    )
    self_evaluation: SelfEvaluation | None = Field(
        None, alias="自评", description="年度结束后的绩效自评：执行数、实际完成值；perfsheet evaluate 据此计分"
    )
    monitoring: Monitoring | None = Field(
        None, alias="监控", description="年中的绩效运行监控：1-X月执行数与指标完成值；perfsheet monitor 据此亮灯"
    )

    def each_indicator(self) -> Iterator[tuple[str, str, int, Indicator]]:
        """Every 三级指标 in the form's order: its 一级, its 二级, its place in that list, itself."""
        return each_indicator(self.indicators)

    @model_validator(mode="after")
    def _blank_project_funds_are_none(self) -> Project:
        """「项目资金」with every amount blank is the same form as no 「项目资金」 at all."""
        if self.project_funds is not None and not self.project_funds.filled:
            object.__setattr__(self, "project_funds", None)
        return self


class CollectionSettings(StrictModel):
    """``perfsheet.yaml``: what the whole 汇总表 shares."""

    model_config = ConfigDict(
        json_schema_extra={"title": "汇总表设置（perfsheet.yaml）", "description": "一份汇总表中所有项目共用的信息"}
    )

    year: Year = Field(alias="年度", description="预算年度，如 2026")
    unit: Text = Field(alias="编报单位", description="编报单位，汇总表标题中的单位名称")
    department: Text = Field(alias="主管部门", description="主管部门；项目文件不填时取此值")
    rules: dict[str, Text] | None = Field(
        None, alias="规则", description="调整审核规则的级别：代码 → 错误 / 警告 / 提示 / 关闭"
    )
    monitoring: MonitoringSettings | None = Field(
        None, alias="监控预警", description="绩效运行监控的预警分档（perfsheet monitor）；不写时取默认值"
    )
