"""Qualitative wording (R340–R343): vague words, nouns that are no state, too few numbers."""

from __future__ import annotations

from collections.abc import Iterator

from perfsheet.diagnostics import Diagnostic
from perfsheet.model import Qualitative
from perfsheet.model.framework import framework
from perfsheet.model.values import is_time_target
from perfsheet.rules.context import FRAMEWORK, INDICATORS, IndicatorRef, RuleContext, emits


@emits("R340", "R341", "R343")
def wording(ctx: RuleContext) -> Iterator[Diagnostic]:
    words = ctx.words
    for ref in ctx.indicators():
        value = ref.indicator.value
        if not isinstance(value, Qualitative) or ref.indicator.qualitative:
            continue
        text = value.text
        if any(word in text for word in words.scoring_words):
            yield ctx.report_indicator("R343", ref)
        elif any(word in text for word in words.vague_words):
            yield ctx.report_indicator("R340", ref)
        elif not _is_target_state(ctx, ref, text):
            yield ctx.report_indicator("R341", ref)


def _is_target_state(ctx: RuleContext, ref: IndicatorRef, text: str) -> bool:
    words = ctx.words
    if ref.level1 == framework().cost:
        # A cost in words says it stays within a bound (合理, 不超预算); 「符合相关规定」 states no cost.
        return text in words.qualitative_costs
    if text in words.target_states or any(word in text for word in words.state_words):
        return True
    # A date or period is the target of a 时效指标 (「2021年全年」), of nothing else.
    return ref.level2 == framework().timeliness and is_time_target(text)


@emits("R342", reads=(FRAMEWORK,))
def mostly_qualitative(ctx: RuleContext) -> Iterator[Diagnostic]:
    refs = list(ctx.indicators())
    qualitative = sum(1 for ref in refs if ref.indicator.value.qualitative)
    if refs and qualitative * 2 > len(refs):
        yield ctx.report("R342", (INDICATORS,), at_key=True, total=len(refs), qualitative=qualitative)


@emits("R360")
def template_names(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Indicator names still as ``perfsheet new`` wrote them (R360)."""
    for ref in ctx.indicators():
        if ref.name in ctx.words.template_names:
            yield ctx.report_indicator("R360", ref)
