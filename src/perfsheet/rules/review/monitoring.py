"""Review of the mid-year 监控 (R420–R424): what a reviewer sends back although every light is lit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from perfsheet.diagnostics import Diagnostic, phrases
from perfsheet.model import Quantitative, format_money, labels
from perfsheet.model.values import parse_actual
from perfsheet.rules.context import FRAMEWORK, MONITORING, RuleContext, emits
from perfsheet.rules.review.evaluation import amounts_over_budget

if TYPE_CHECKING:
    from perfsheet.monitoring import MonitoringCard
    from perfsheet.monitoring.lights import IndicatorLight

_MONITORING = labels.MONITORING


def _card(ctx: RuleContext) -> MonitoringCard | None:
    from perfsheet.monitoring import bands_for

    return ctx.file.monitoring_card(bands_for(ctx.settings)[0])


def _forecast_misses(indicator: IndicatorLight) -> bool:
    """The officer's 全年预计 falls short of the target (none given: the target itself is expected)."""
    progress = indicator.progress
    if progress is None or progress.forecast is None:
        return False
    target = indicator.target
    if not isinstance(target, Quantitative):
        return progress.forecast.strip() != target.canonical().strip()
    from perfsheet.evaluation.scoring import quantitative_share

    parsed = parse_actual(progress.forecast)
    if parsed is None or parsed[1] != target.unit:
        return False  # the lights report the value itself
    return quantitative_share(target.comparator, parsed[0], target.number) < 1


@emits("R420", "R421", "R422", "R423", "R424", reads=(FRAMEWORK, MONITORING))
def monitored_project(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A 全年预计 that misses the target needs its 偏差原因, whatever the light at mid-year; 执行率 far
    behind the time (a red money light); by source, 全年预计执行数 above the 全年预算数, 1-X月执行数 above
    it, and 全年预计执行数 below what is already spent. One rule, so that the lights are computed once for
    the review."""
    if ctx.project.monitoring is None:
        return  # no 监控 yet: nothing is lit (and the bands need not be read)
    # The lights and scoring are loaded for a form with a 监控 only (the review of a declaration never needs them).
    from perfsheet.evaluation.scoring import shown_percent, shown_points
    from perfsheet.monitoring import bands_for
    from perfsheet.monitoring.lights import RED

    card = _card(ctx)
    if card is None:
        return
    for indicator in card.indicators:
        progress = indicator.progress
        if progress is not None and not progress.explained and _forecast_misses(indicator):
            yield ctx.report(
                "R420", (*indicator.path, labels.PROGRESS_FORECAST), name=indicator.name,
                forecast=indicator.forecast, target=indicator.target,
            )  # fmt: skip
    if card.budget_light == RED and card.rate is not None and card.budget_percent is not None:
        yield ctx.report(
            "R421", (_MONITORING, labels.MONITORING_SPENT), at_key=True, rate=shown_percent(card.rate),
            time=shown_percent(card.time_progress), progress=shown_points(card.budget_percent),
            month=card.month, limit=bands_for(ctx.settings)[0].red,
        )  # fmt: skip
    yield from _forecast_within_budget(ctx, card)


def _forecast_within_budget(ctx: RuleContext, card: MonitoringCard) -> Iterator[Diagnostic]:
    """By source of money: 全年预计执行数 within the 全年预算数 (R422), 1-X月执行数 within it (R423) and
    within the 全年预计执行数 (R424), each reported at its amount in the column each check names last."""
    checks = (
        ("R422", card.budget, "budget", card.forecast, "forecast", labels.MONITORING_FORECAST),
        ("R423", card.budget, "budget", card.spent, "spent", labels.MONITORING_SPENT),
        ("R424", card.forecast, "forecast", card.spent, "spent", labels.MONITORING_FORECAST),
    )
    written = ctx.file.source.positions.values
    for code, limits, limit_name, amounts, amount_name, column in checks:
        where = (_MONITORING, column)
        for source, amount, limit in amounts_over_budget(limits, amounts):
            # A source the column does not write is reported at the column's key, not at another source.
            path = where if source is None else (*where, source)
            yield ctx.report(
                code, path if path in written else where, at_key=path not in written or source is None,
                label=source or phrases().total, month=card.month,
                **{amount_name: format_money(amount), limit_name: format_money(limit)},
            )  # fmt: skip
