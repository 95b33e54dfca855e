"""What an indicator's name says against its value (R361–R363, R365): a template's placeholder left in
the name, a % target on a name that is no rate, a value that does not measure its name, several groups
in one satisfaction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from perfsheet.diagnostics import Diagnostic, listing
from perfsheet.model import Quantitative
from perfsheet.model.framework import framework
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.context import IndicatorRef, RuleContext, emits


@cache
def _placeholders() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A bracket that holds a placeholder (「(≥**%)」), and a placeholder alone (「★」)."""
    marks = "|".join(re.escape(mark) for mark in vocabulary().placeholders)
    return re.compile(rf"[(（][^()（）]*?(?:{marks})[^()（）]*?[)）]"), re.compile(rf"(?:{marks})+")


@cache
def _separators() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(mark) for mark in vocabulary().group_separators))


@cache
def _placeholder_characters() -> frozenset[str]:
    return frozenset("".join(vocabulary().placeholders))


def residue(name: str) -> list[str]:
    """The template's placeholders left in a name, in order: 「(≤**万元)」, 「★★★」."""
    if _placeholder_characters().isdisjoint(name):
        return []  # most names: no character of a placeholder at all
    bracketed, bare = _placeholders()
    found = [match.group(0) for match in bracketed.finditer(name)]
    found += [match.group(0) for match in bare.finditer(bracketed.sub("", name))]
    return found


@cache
def _row_number() -> re.Pattern[str]:
    """The template's own row numbering before a name: 「指标1:」."""
    return re.compile(rf"^\s*{re.escape(vocabulary().row_number_word)}\s*\d+\s*[:：]\s*")


def without_residue(name: str) -> str:
    """The name without the template's placeholders; with them, also without its row numbering (the
    name R361 offers: 「指标1:项目总成本(≤**万元)」 → 「项目总成本」)."""
    if _placeholder_characters().isdisjoint(name):
        return name
    bracketed, bare = _placeholders()
    return _row_number().sub("", bare.sub("", bracketed.sub("", name))).strip()


@emits("R361")
def template_residue(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「项目总成本(≤**万元)」: the template's row left unfilled in the name; the target is in the value."""
    for ref in ctx.indicators():
        found = residue(ref.name)
        if found:
            yield ctx.report_indicator("R361", ref, residue=listing(found), clean=without_residue(ref.name))


def _is_rate(ctx: RuleContext, ref: IndicatorRef) -> bool:
    name = without_residue(ref.name).rstrip("。.；;，, ")
    return name.endswith(ctx.words.rate_endings) or any(word in name for word in ctx.words.rate_words)


@emits("R362")
def percent_without_rate(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「学生受益情况: =100%」: a percentage of nothing the name counts."""
    for ref in ctx.indicators():
        value = ref.indicator.value
        if isinstance(value, Quantitative) and ctx.words.percent(value.unit) and not _is_rate(ctx, ref):
            yield ctx.report_indicator("R362", ref)


@emits("R363")
def value_not_measuring_name(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「安置小区物业费: 8个」 counts what should be an amount; a cost given as 「成本控制率 =100%」 states no
    amount at all. Either way the target cannot tell whether the money was well spent."""
    words = ctx.words
    for ref in ctx.indicators():
        value = ref.indicator.value
        if not isinstance(value, Quantitative):
            continue
        if _names_money_without_amount(ctx, ref, value):
            yield ctx.report_indicator("R363", ref, unit=value.unit, measure=words.money_measure)


def _names_money_without_amount(ctx: RuleContext, ref: IndicatorRef, value: Quantitative) -> bool:
    words = ctx.words
    if ref.level1 == framework().cost and words.percent(value.unit):
        return True
    return (
        words.money_measure not in value.unit
        # a % is R362's, a unit without its measure (「/株」) R366's
        and not words.percent(value.unit)
        and not words.incomplete_unit(value.unit)
        and without_residue(ref.name).rstrip("。.；;，, ").endswith(words.money_names)
    )


@emits("R365")
def groups_in_one_satisfaction(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「学生、家长、社会满意度」: each group's satisfaction is surveyed and scored apart."""
    words = ctx.words
    for ref in ctx.indicators():
        word = next((word for word in words.satisfaction_words if word in ref.name), None)
        if word is None:
            continue
        name = without_residue(ref.name)
        subject = name.split(word, 1)[0]
        # The last clause before 满意: 「服务周期内,市民对…」 keeps 「市民对…」.
        subject = re.split(r"[,，;；。]", subject)[-1]
        groups = [group for group in _separators().split(subject) if group.strip()]
        if len(groups) > words.groups_per_satisfaction:
            value = ref.indicator.value.canonical()
            yield ctx.report_indicator(
                "R365", ref, count=len(groups), groups=listing(groups), first=groups[0], target=value
            )
