"""Units, ranges and directions of quantitative targets (R310–R313, R320–R322)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfsheet.diagnostics import Diagnostic
from perfsheet.model.comparators import AT_MOST
from perfsheet.model.framework import framework
from perfsheet.model.values import format_target_number
from perfsheet.rules.context import RuleContext, emits

_UPPER_BOUNDS = AT_MOST
HUNDRED = Decimal(100)


@emits("R310", "R311", "R312", "R313", "R321")
def rates(ctx: RuleContext) -> Iterator[Diagnostic]:
    words = ctx.words
    for ref, value in ctx.quantities:
        facts = ref.facts
        if not facts.rate:
            continue
        percent = words.percent(value.unit)
        if not percent:
            yield ctx.report_indicator(
                "R310", ref, unit=value.unit, comparator=value.comparator, number=format_target_number(value.number)
            )
        elif value.number > HUNDRED:
            yield ctx.report_indicator("R311", ref)
        if facts.satisfaction is not None:
            if value.comparator in _UPPER_BOUNDS:
                yield ctx.report_indicator("R312", ref, comparator=value.comparator)
            elif percent and value.number < words.satisfaction_floor:
                yield ctx.report_indicator("R313", ref, floor=words.satisfaction_floor)
        elif value.comparator in _UPPER_BOUNDS and not facts.lower_is_better:
            yield ctx.report_indicator("R321", ref, comparator=value.comparator)


@emits("R320", "R322", "R364")
def directions(ctx: RuleContext) -> Iterator[Diagnostic]:
    cost = framework().cost
    for ref, value in ctx.quantities:
        facts = ref.facts
        if ref.level1 == cost and value.comparator not in _UPPER_BOUNDS:
            if value.comparator == "=" and facts.standard:
                continue  # a fixed standard (生均公用经费 =780元/生/年) is exact, not a ceiling
            if ctx.words.percent(value.unit):
                continue  # a cost in % states no amount (R363): its direction is beside the point
            yield ctx.report_indicator("R320", ref, comparator=value.comparator)
        elif facts.completed and value.comparator in _UPPER_BOUNDS:
            yield ctx.report_indicator("R322", ref, comparator=value.comparator)
        elif facts.headcount and value.comparator in _UPPER_BOUNDS:
            yield ctx.report_indicator(
                "R364", ref, comparator=value.comparator, number=format_target_number(value.number), unit=value.unit
            )


@emits("R368")
def headcounts_in_people(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「保障村干部人数: =42个」: a count of people in a unit that counts things (「人口数(≥**户)」 is a
    人口数: the name is read without the template's residue)."""
    for ref, value in ctx.quantities:
        units = ref.facts.people_units
        if units is not None and not any(piece in value.unit for piece in units):
            yield ctx.report_indicator("R368", ref, unit=value.unit, number=format_target_number(value.number))


@emits("R366")
def incomplete_units(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「≤28.40/株」「250万」: a unit without its measure (元); the form would print 28.40/株."""
    for ref, value in ctx.quantities:
        if ctx.words.incomplete_unit(value.unit):
            yield ctx.report_indicator("R366", ref, unit=value.unit)
