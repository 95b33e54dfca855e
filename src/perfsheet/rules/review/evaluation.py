"""Review of the year-end 自评 (R401–R403): what a reviewer sends back although it can be scored."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from perfsheet.diagnostics import Diagnostic, phrases
from perfsheet.model import Quantitative, format_money, labels
from perfsheet.model.comparators import AT_LEAST
from perfsheet.model.evaluation import SpentFunds, scoring_scheme
from perfsheet.rules.context import EVALUATION, RuleContext, emits

if TYPE_CHECKING:
    from perfsheet.evaluation.scoring import Funds

_EVALUATION = labels.SELF_EVALUATION


@emits("R401", "R402", reads=(EVALUATION,))
def indicator_results(ctx: RuleContext) -> Iterator[Diagnostic]:
    """An indicator not fully met needs its 偏差原因; one far above an at-least target needs one too (the
    target may have been set too low)."""
    card = ctx.scorecard
    if card is None:
        return
    # Scoring is loaded for a form with a 自评 only (the review of a declaration never needs it).
    from perfsheet.evaluation.scoring import HUNDRED, shown_points

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
    for source, spent, budget in amounts_over_budget(card.budget, card.spent):
        path = spent_path if source is None else (*spent_path, source)
        yield ctx.report(
            "R403", path, at_key=source is None, label=source or phrases().total,
            spent=format_money(spent), budget=format_money(budget),
        )  # fmt: skip


def amounts_over_budget(budget: Funds, amounts: Funds) -> Iterator[tuple[str | None, Decimal, Decimal]]:
    """Where ``amounts`` pass ``budget``: by source of money (its label), or by the totals (None) when the
    budget gives only its total (年度资金 without parts). Each as (source, amount, budget)."""
    if all(amount is None for amount in budget.rows()[1:]):
        if amounts.total > budget.total:
            yield None, amounts.total, budget.total
        return
    sources = zip(SpentFunds.model_fields.values(), budget.rows()[1:], amounts.rows()[1:], strict=True)
    for info, limit, amount in sources:
        if amount is not None and amount > (limit or Decimal(0)):
            assert info.alias is not None
            yield info.alias, amount, limit or Decimal(0)
