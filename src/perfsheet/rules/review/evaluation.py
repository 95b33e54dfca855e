"""Review of the year-end 自评 (R401–R403): what a reviewer sends back although it can be scored."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfsheet.diagnostics import Diagnostic, phrases
from perfsheet.evaluation.scoring import AT_LEAST, HUNDRED, shown_points
from perfsheet.model import Quantitative, format_money, labels
from perfsheet.model.evaluation import SpentFunds, scoring_scheme
from perfsheet.rules.context import EVALUATION, RuleContext, emits

_EVALUATION = labels.SELF_EVALUATION


@emits("R401", "R402", reads=(EVALUATION,))
def indicator_results(ctx: RuleContext) -> Iterator[Diagnostic]:
    """An indicator not fully met needs its 偏差原因; one far above an at-least target needs one too (the
    target may have been set too low)."""
    card = ctx.scorecard
    if card is None:
        return
    limit = scoring_scheme().over_achievement
    for scored in card.indicators:
        if scored.deviation is not None:
            continue
        if not scored.fully_met:
            yield ctx.report(
                "R401", scored.path, at_key=True, name=scored.name,
                score=shown_points(scored.score), points=shown_points(scored.points),
            )  # fmt: skip
        elif (
            isinstance(scored.target, Quantitative)
            and scored.target.comparator in AT_LEAST
            and scored.ratio is not None
            and scored.ratio * HUNDRED > limit
        ):
            yield ctx.report(
                "R402", scored.path, at_key=True, name=scored.name, actual=scored.actual,
                target=scored.target, percent=shown_points(scored.ratio * HUNDRED), limit=limit,
            )  # fmt: skip


@emits("R403", reads=(EVALUATION,))
def spending_within_budget(ctx: RuleContext) -> Iterator[Diagnostic]:
    """By source of money; by the totals when the budget gives only its total (年度资金 without parts)."""
    card = ctx.scorecard
    if card is None:
        return
    spent_path = (_EVALUATION, labels.EVALUATION_SPENT)
    if all(amount is None for amount in card.budget.rows()[1:]):
        if card.spent.total > card.budget.total:
            yield ctx.report(
                "R403", spent_path, at_key=True, label=phrases().total,
                spent=format_money(card.spent.total), budget=format_money(card.budget.total),
            )  # fmt: skip
        return
    sources = zip(SpentFunds.model_fields.values(), card.budget.rows()[1:], card.spent.rows()[1:], strict=True)
    for info, budget, spent in sources:
        if spent is not None and spent > (budget or Decimal(0)):
            assert info.alias is not None
            yield ctx.report(
                "R403", (*spent_path, info.alias), label=info.alias,
                spent=format_money(spent), budget=format_money(budget or Decimal(0)),
            )  # fmt: skip
