"""The words and thresholds review rules judge by (``schemas/review.yaml``), beside the framework in the
model layer: the schema writer and the importer read them without importing the rules."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from perfsheet.diagnostics import Severity
from perfsheet.typed_data import DataModel, load_model

# How a severity may be written in perfsheet.yaml's 规则 (compared in lower case); None turns a rule off.
SEVERITY_WORDS = {
    "错误": Severity.ERROR, "error": Severity.ERROR,
    "警告": Severity.WARNING, "warning": Severity.WARNING,
    "提示": Severity.INFO, "info": Severity.INFO,
    "关闭": None, "off": None,
}  # fmt: skip


# Words a rule searches texts for: an empty list, or an empty word, would be found in every text.
Words = Annotated[tuple[Annotated[str, StringConstraints(min_length=1)], ...], Field(min_length=1)]


class IndicatorCount(DataModel):
    minimum: int = Field(alias="最少")
    maximum: int = Field(alias="最多")


class Vocabulary(DataModel):
    """``schemas/review.yaml``: the words and thresholds the review rules judge by."""

    natures: tuple[str, ...] = Field(alias="项目性质")
    one_year_natures: tuple[str, ...] = Field(alias="一年期项目性质")
    multi_year_natures: tuple[str, ...] = Field(alias="跨年度项目性质")
    categories: tuple[str, ...] = Field(alias="项目类别")
    rate_endings: tuple[str, ...] = Field(alias="比率结尾")
    lower_is_better: tuple[str, ...] = Field(alias="越低越好")
    satisfaction_floor: Decimal = Field(alias="满意度下限")
    indicator_count: IndicatorCount = Field(alias="指标个数")
    money_units: dict[str, Decimal] = Field(alias="金额单位")
    qualitative_costs: tuple[str, ...] = Field(alias="定性成本取值")
    target_states: tuple[str, ...] = Field(alias="目标状态")
    state_words: tuple[str, ...] = Field(alias="状态词")
    # each vague word → the text it was found in (the data's provenance; the rules read the words)
    vague_words: dict[str, str] = Field(alias="含糊用语")
    scoring_words: tuple[str, ...] = Field(alias="自评用语")
    measure_words: tuple[str, ...] = Field(alias="量词")
    quality_words: tuple[str, ...] = Field(alias="质量用语")
    satisfaction_words: tuple[str, ...] = Field(alias="满意用语")
    template_names: tuple[str, ...] = Field(alias="模板示例名称")
    rate_words: tuple[str, ...] = Field(alias="比率用语")
    percent_units: tuple[str, ...] = Field(alias="百分比单位")
    headcount_endings: tuple[str, ...] = Field(alias="人数结尾")
    placeholders: tuple[str, ...] = Field(alias="模板占位符")
    row_number_word: str = Field(alias="模板行号")
    group_separators: tuple[str, ...] = Field(alias="对象分隔符")
    groups_per_satisfaction: int = Field(alias="满意度对象上限")
    bare_magnitudes: tuple[str, ...] = Field(alias="缺计量单位的数级")
    standard_words: tuple[str, ...] = Field(alias="定额用语")
    money_names: tuple[str, ...] = Field(alias="金额名称结尾")
    money_measure: str = Field(alias="金额计量单位")
    share_words: tuple[str, ...] = Field(alias="份额用语")
    amount_words: Words = Field(alias="数量前用语")
    completed_endings: Words = Field(alias="完成数结尾")
    allocation_words: Words = Field(alias="分配用语")
    budget_words: tuple[str, ...] = Field(alias="预算用语")
    headcount_units: dict[str, tuple[str, ...]] = Field(alias="计人单位")
    common_words: frozenset[str] = Field(alias="泛用词")
    place_endings: tuple[str, ...] = Field(alias="地名结尾")

    @field_validator("measure_words")
    @classmethod
    def _longest_first(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        """Longest first, so that 人次 is read before 人."""
        return tuple(sorted(words, key=len, reverse=True))

    def percent(self, unit: str) -> bool:
        """「%」, or 「百分比」 as budget systems spell it."""
        return unit in self.percent_units

    def incomplete_unit(self, unit: str) -> bool:
        """「/株」「万」: a unit without its measure (R366)."""
        return unit.startswith("/") or unit in self.bare_magnitudes

    def money_unit(self, unit: str) -> str:
        """A cost's unit with the 元 it lacks: 「万」 → 「万元」, 「/株」 → 「元/株」."""
        if unit.startswith("/"):
            return "元" + unit
        return unit + "元" if unit in self.bare_magnitudes else unit

    @property
    def min_indicators(self) -> int:
        return self.indicator_count.minimum

    @property
    def max_indicators(self) -> int:
        return self.indicator_count.maximum


@cache
def vocabulary() -> Vocabulary:
    return load_model("schemas", "review.yaml", Vocabulary)
