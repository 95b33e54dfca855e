"""What a review rule sees: one project, its file's positions, the collection settings, the vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import Field, field_validator

from perfsheet.collection import ProjectFile
from perfsheet.diagnostics import Diagnostic
from perfsheet.model import CollectionSettings, Indicator, Project, labels
from perfsheet.resources import DataModel, load_model
from perfsheet.source import PathKey

INDICATORS = labels.INDICATORS


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
    vague_words: tuple[str, ...] = Field(alias="含糊用语")
    scoring_words: tuple[str, ...] = Field(alias="自评用语")
    measure_words: tuple[str, ...] = Field(alias="量词")
    quality_words: tuple[str, ...] = Field(alias="质量用语")
    satisfaction_words: tuple[str, ...] = Field(alias="满意用语")
    template_names: tuple[str, ...] = Field(alias="模板示例名称")

    @field_validator("measure_words")
    @classmethod
    def _longest_first(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        """Longest first, so that 人次 is read before 人."""
        return tuple(sorted(words, key=len, reverse=True))

    @property
    def min_indicators(self) -> int:
        return self.indicator_count.minimum

    @property
    def max_indicators(self) -> int:
        return self.indicator_count.maximum


@cache
def vocabulary() -> Vocabulary:
    return load_model("schemas", "review.yaml", Vocabulary)


@dataclass(frozen=True)
class IndicatorRef:
    """One 三级指标 with its place in the tree and in the file."""

    level1: str
    level2: str
    index: int
    indicator: Indicator

    @property
    def path(self) -> PathKey:
        return (INDICATORS, self.level1, self.level2, self.index)

    @property
    def name(self) -> str:
        return self.indicator.name


def indicator_refs(project: Project) -> tuple[IndicatorRef, ...]:
    return tuple(
        IndicatorRef(level1, level2, index, indicator)
        for level1, groups in project.indicators.items()
        for level2, items in (groups or {}).items()
        for index, indicator in enumerate(items or [])
    )


@dataclass(frozen=True)
class RuleContext:
    file: ProjectFile
    project: Project
    settings: CollectionSettings | None
    words: Vocabulary
    # Every rule walks the indicators: flatten them once per project.
    refs: tuple[IndicatorRef, ...] = ()

    @classmethod
    def of(
        cls, file: ProjectFile, project: Project, settings: CollectionSettings | None, words: Vocabulary
    ) -> RuleContext:
        return cls(file, project, settings, words, indicator_refs(project))

    def indicators(self) -> Iterator[IndicatorRef]:
        return iter(self.refs)

    def report(self, code: str, path: PathKey, *, at_key: bool = False, **params: Any) -> Diagnostic:
        return self.file.diagnostic(code, path, at_key=at_key, **params)

    def report_indicator(self, code: str, ref: IndicatorRef, **params: Any) -> Diagnostic:
        """A finding about one indicator's value, located at that value."""
        value = ref.indicator.value
        written = getattr(value, "written", "") or value.canonical()
        return self.report(code, (*ref.path, ref.name), name=ref.name, value=written, **params)
