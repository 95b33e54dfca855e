"""Qualitative wording (R340–R343): vague words, nouns that are no state, too few numbers."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfsheet.diagnostics import Diagnostic
from perfsheet.model import Qualitative
from perfsheet.model.framework import framework
from perfsheet.model.values import is_time_target
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.context import FRAMEWORK, INDICATORS, RuleContext, emits


@emits("R340", "R341", "R343")
def wording(ctx: RuleContext) -> Iterator[Diagnostic]:
    cost, timeliness = framework().cost, framework().timeliness
    for ref in ctx.refs:
        value = ref.value
        if isinstance(value, Qualitative) and not ref.indicator.qualitative:
            code = _wording(value.text, ref.level1 == cost, ref.level2 == timeliness)
            if code is not None:
                yield ctx.report_indicator(code, ref)


# A collection repeats its qualitative targets (及时, 有效提升) from form to form: each judged once.
@lru_cache(maxsize=4096)
def _wording(text: str, cost: bool, timeliness: bool) -> str | None:
    """What is wrong with a target in words, as the code that reports it; None: a target state."""
    words = vocabulary()
    if any(word in text for word in words.scoring_words):
        return "R343"
    if any(word in text for word in words.vague_words):
        return "R340"
    return None if _is_target_state(text, cost, timeliness) else "R341"


def _is_target_state(text: str, cost: bool, timeliness: bool) -> bool:
    words = vocabulary()
    if cost:
        # A cost in words says it stays within a bound (合理, 不超预算); 「符合相关规定」 states no cost.
        return text in words.qualitative_costs
    if text in words.target_states or any(word in text for word in words.state_words):
        return True
    # A date or period is the target of a 时效指标 (「2021年全年」), of nothing else.
    return timeliness and is_time_target(text)


@emits("R342", reads=(FRAMEWORK,))
def mostly_qualitative(ctx: RuleContext) -> Iterator[Diagnostic]:
    refs = ctx.refs
    qualitative = sum(1 for ref in refs if ref.value.qualitative)
    if refs and qualitative * 2 > len(refs):
        yield ctx.report("R342", (INDICATORS,), at_key=True, total=len(refs), qualitative=qualitative)


@emits("R360")
def template_names(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Indicator names still as ``perfsheet new`` wrote them (R360)."""
    for ref in ctx.refs:
        if ref.facts.template:
            yield ctx.report_indicator("R360", ref)
