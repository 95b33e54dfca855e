"""What an indicator's name says against its value (R361–R363, R365): a template's placeholder left in
the name, a % target on a name that is no rate, a value that does not measure its name, several groups
in one satisfaction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from perfsheet.diagnostics import Diagnostic, listing
from perfsheet.model import Quantitative
from perfsheet.model.framework import framework
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.context import RuleContext, emits


@cache
def _separators() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(mark) for mark in vocabulary().group_separators))


@emits("R361")
def template_residue(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「项目总成本(≤**万元)」: the template's row left unfilled in the name; the target is in the value."""
    for ref in ctx.refs:
        facts = ref.facts
        if facts.residue:
            yield ctx.report_indicator("R361", ref, residue=listing(facts.residue), clean=facts.clean)


@emits("R362")
def percent_without_rate(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「学生受益情况: =100%」: a percentage of nothing the name counts."""
    for ref, value in ctx.quantities:
        if ctx.words.percent(value.unit) and not ref.facts.rate_like:
            yield ctx.report_indicator("R362", ref)


@emits("R363")
def value_not_measuring_name(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「安置小区物业费: 8个」 counts what should be an amount; a cost given as 「成本控制率 =100%」 states no
    amount at all. Either way the target cannot tell whether the money was well spent."""
    words = ctx.words
    cost = framework().cost
    for ref, value in ctx.quantities:
        if _names_money_without_amount(ctx, ref.level1 == cost, ref.facts.money, value):
            yield ctx.report_indicator("R363", ref, unit=value.unit, measure=words.money_measure)


def _names_money_without_amount(ctx: RuleContext, cost: bool, names_money: bool, value: Quantitative) -> bool:
    words = ctx.words
    if cost and words.percent(value.unit):
        return True
    return (
        names_money
        and words.money_measure not in value.unit
        # a % is R362's, a unit without its measure (「/株」) R366's
        and not words.percent(value.unit)
        and not words.incomplete_unit(value.unit)
    )


@emits("R365")
def groups_in_one_satisfaction(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「学生、家长、社会满意度」: each group's satisfaction is surveyed and scored apart."""
    for ref in ctx.refs:
        word = ref.facts.satisfaction
        if word is None:
            continue
        groups = _groups(ref.facts.clean, word)
        if len(groups) > ctx.words.groups_per_satisfaction:
            value = ref.value.canonical()
            yield ctx.report_indicator(
                "R365", ref, count=len(groups), groups=listing(groups), first=groups[0], target=value
            )


@lru_cache(maxsize=4096)
def _groups(name: str, word: str) -> tuple[str, ...]:
    """The groups whose satisfaction a name (without residue) asks, before its satisfaction ``word``."""
    subject = name.split(word, 1)[0]
    # The last clause before 满意: 「服务周期内,市民对…」 keeps 「市民对…」.
    subject = re.split(r"[,，;；。]", subject)[-1]
    return tuple(group for group in _separators().split(subject) if group.strip())
