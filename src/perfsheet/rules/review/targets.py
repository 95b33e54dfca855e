"""Units, ranges and directions of quantitative targets (R310–R313, R320–R322)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfsheet.diagnostics import Diagnostic
from perfsheet.model import Quantitative
from perfsheet.model.comparators import AT_MOST
from perfsheet.model.framework import framework
from perfsheet.model.values import format_target_number
from perfsheet.rules.context import IndicatorRef, RuleContext, emits
from perfsheet.rules.review.names import without_residue

_UPPER_BOUNDS = AT_MOST
HUNDRED = Decimal(100)


def is_rate(ctx: RuleContext, ref: IndicatorRef) -> bool:
    return ref.name.endswith(ctx.words.rate_endings)


def is_satisfaction(ctx: RuleContext, ref: IndicatorRef) -> bool:
    return any(word in ref.name for word in ctx.words.satisfaction_words)


@emits("R310", "R311", "R312", "R313", "R321")
def rates(ctx: RuleContext) -> Iterator[Diagnostic]:
    for ref in ctx.indicators():
        value = ref.indicator.value
        if not isinstance(value, Quantitative) or not is_rate(ctx, ref):
            continue
        percent = ctx.words.percent(value.unit)
        if not percent:
            yield ctx.report_indicator(
                "R310", ref, unit=value.unit, comparator=value.comparator, number=format_target_number(value.number)
            )
        elif value.number > HUNDRED:
            yield ctx.report_indicator("R311", ref)
        lower_is_better = any(word in ref.name for word in ctx.words.lower_is_better)
        if is_satisfaction(ctx, ref):
            if value.comparator in _UPPER_BOUNDS:
                yield ctx.report_indicator("R312", ref, comparator=value.comparator)
            elif percent and value.number < ctx.words.satisfaction_floor:
                yield ctx.report_indicator("R313", ref, floor=ctx.words.satisfaction_floor)
        elif value.comparator in _UPPER_BOUNDS and not lower_is_better:
            yield ctx.report_indicator("R321", ref, comparator=value.comparator)


@emits("R320", "R322", "R364")
def directions(ctx: RuleContext) -> Iterator[Diagnostic]:
    for ref in ctx.indicators():
        value = ref.indicator.value
        if not isinstance(value, Quantitative):
            continue
        if ref.level1 == framework().cost and value.comparator not in _UPPER_BOUNDS:
            if value.comparator == "=" and any(word in ref.name for word in ctx.words.standard_words):
                continue  # a fixed standard (生均公用经费 =780元/生/年) is exact, not a ceiling
            if ctx.words.percent(value.unit):
                continue  # a cost in % states no amount (R363): its direction is beside the point
            yield ctx.report_indicator("R320", ref, comparator=value.comparator)
        elif ref.name.endswith("完成数") and value.comparator in _UPPER_BOUNDS:
            yield ctx.report_indicator("R322", ref, comparator=value.comparator)
        elif ref.name.endswith(ctx.words.headcount_endings) and value.comparator in _UPPER_BOUNDS:
            yield ctx.report_indicator(
                "R364", ref, comparator=value.comparator, number=format_target_number(value.number), unit=value.unit
            )


@emits("R368")
def headcounts_in_people(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「保障村干部人数: =42个」: a count of people in a unit that counts things."""
    for ref in ctx.indicators():
        value = ref.indicator.value
        name = without_residue(ref.name)  # 「人口数(≥**户)」 is a 人口数
        if isinstance(value, Quantitative) and ctx.words.counts_people(name, value.unit) is False:
            number = format_target_number(value.number)
            yield ctx.report_indicator("R368", ref, unit=value.unit, number=number)


@emits("R366")
def incomplete_units(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「≤28.40/株」「250万」: a unit without its measure (元); the form would print 28.40/株."""
    for ref in ctx.indicators():
        value = ref.indicator.value
        if isinstance(value, Quantitative) and ctx.words.incomplete_unit(value.unit):
            yield ctx.report_indicator("R366", ref, unit=value.unit)
