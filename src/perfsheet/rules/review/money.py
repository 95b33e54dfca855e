"""Cost targets against the money they are for (R330, R331)."""

from __future__ import annotations

from collections.abc import Iterator

from perfsheet.diagnostics import Diagnostic
from perfsheet.model import format_money, labels
from perfsheet.model.framework import framework
from perfsheet.rules.context import MONEY, RuleContext, emits


@emits("R330", "R331", reads=(MONEY,))
def cost_within_budget(ctx: RuleContext) -> Iterator[Diagnostic]:
    annual = ctx.project.annual_funds.total
    whole = ctx.project.project_funds.total if ctx.project.project_funds else None
    cost = framework().cost
    for ref, value in ctx.quantities:
        if ref.level1 != cost:
            continue
        factor = ctx.words.money_units.get(value.unit)
        if factor is None:
            continue
        amount = value.number * factor  # exact: Decimal × Decimal
        # A cost above the annual request may still be a project-level value within the project total.
        if whole is not None and whole > annual and amount > annual:
            basis, limit = labels.PROJECT_TOTAL, whole
        else:
            basis, limit = labels.ANNUAL_TOTAL, annual
        if amount > limit:
            yield ctx.report_indicator("R330", ref, amount=format_money(amount), basis=basis, limit=format_money(limit))
        elif amount == limit:
            yield ctx.report_indicator("R331", ref, basis=basis, limit=format_money(limit))
