"""What a review rule sees: one project, its file's positions, the collection settings, the vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from perfsheet.collection import ProjectFile
from perfsheet.diagnostics import Diagnostic
from perfsheet.model import CollectionSettings, Indicator, Project, labels
from perfsheet.resources import load_data
from perfsheet.source import PathKey

INDICATORS = labels.INDICATORS


@dataclass(frozen=True)
class Vocabulary:
    """``schemas/review.yaml``: the words and thresholds the review rules judge by."""

    natures: tuple[str, ...]
    one_year_natures: tuple[str, ...]
    multi_year_natures: tuple[str, ...]
    categories: tuple[str, ...]
    rate_endings: tuple[str, ...]
    lower_is_better: tuple[str, ...]
    satisfaction_floor: Decimal
    min_indicators: int
    max_indicators: int
    money_units: dict[str, Decimal]
    qualitative_costs: tuple[str, ...]
    target_states: tuple[str, ...]
    state_words: tuple[str, ...]
    vague_words: tuple[str, ...]
    scoring_words: tuple[str, ...]
    measure_words: tuple[str, ...]
    quality_words: tuple[str, ...]
    satisfaction_words: tuple[str, ...]
    template_names: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    raw: dict[str, Any] = load_data("schemas", "review.yaml")
    return Vocabulary(
        natures=tuple(raw["项目性质"]),
        one_year_natures=tuple(raw["一年期项目性质"]),
        multi_year_natures=tuple(raw["跨年度项目性质"]),
        categories=tuple(raw["项目类别"]),
        rate_endings=tuple(raw["比率结尾"]),
        lower_is_better=tuple(raw["越低越好"]),
        satisfaction_floor=Decimal(str(raw["满意度下限"])),
        min_indicators=int(raw["指标个数"]["最少"]),
        max_indicators=int(raw["指标个数"]["最多"]),
        money_units={unit: Decimal(str(factor)) for unit, factor in raw["金额单位"].items()},
        qualitative_costs=tuple(raw["定性成本取值"]),
        target_states=tuple(raw["目标状态"]),
        state_words=tuple(raw["状态词"]),
        vague_words=tuple(raw["含糊用语"]),
        scoring_words=tuple(raw["自评用语"]),
        # Longest first, so that 人次 is read before 人.
        measure_words=tuple(sorted(raw["量词"], key=len, reverse=True)),
        quality_words=tuple(raw["质量用语"]),
        satisfaction_words=tuple(raw["满意用语"]),
        template_names=tuple(raw["模板示例名称"]),
    )


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
