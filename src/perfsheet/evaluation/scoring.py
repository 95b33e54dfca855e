"""Scoring a project's 自评, exactly (``Decimal`` throughout; rounded only for display, half up, and the
total is the sum of the rounded parts, so that the printed form adds up).

The scheme is data (``schemas/evaluation.yaml``, 财预〔2020〕10号): 预算执行率 10 points, scored
10 × min(执行率, 100%); the 一级 classes' points split over their 三级 indicators (an indicator's own
分值 first, the rest evenly, to the cent); a quantitative indicator met earns its points, a missed one
its points × actual ÷ target (≥, >) or × target ÷ actual (≤, <; an = target missed from below scores as
≥, from above as ≤); a qualitative one its points when the actual is the target's wording, otherwise the
score the unit states within the band of its 完成程度. What cannot be scored is a :class:`Problem`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from perfsheet.diagnostics import closest, did_you_mean, fill, listing, phrases
from perfsheet.evaluation.points import allocate, pool_of
from perfsheet.model import Project, Quantitative, TargetValue, labels
from perfsheet.model.comparators import AT_LEAST, AT_MOST, target_met
from perfsheet.model.evaluation import IndicatorResult, ScoringScheme, SelfEvaluation, SpentFunds, scoring_scheme
from perfsheet.model.project import AnnualFunds
from perfsheet.model.values import CENT, parse_actual
from perfsheet.source import PathKey

HUNDRED = Decimal(100)
EVALUATION = labels.SELF_EVALUATION
RESULTS = (EVALUATION, labels.EVALUATION_RESULTS)


def shown(value: Decimal) -> Decimal:
    """A score or a percentage as printed: two decimals, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def shown_points(value: Decimal) -> str:
    return f"{shown(value):f}"


def shown_percent(rate: Decimal) -> str:
    """A rate as printed: ``0.937067…`` → ``93.71%``."""
    return f"{shown(rate * HUNDRED):f}%"


@dataclass(frozen=True)
class Problem:
    """Something in 自评 that cannot be scored: a catalogue code, where, and its message's parameters."""

    code: str
    path: PathKey
    params: dict[str, Any]
    at_key: bool = False


@dataclass(frozen=True)
class Funds:
    """One column of the 自评表's money block: 年度资金总额 and its three sources."""

    total: Decimal
    fiscal: Decimal | None
    carryover: Decimal | None
    other: Decimal | None

    @classmethod
    def of(cls, funds: SpentFunds) -> Funds:
        return cls(funds.total, funds.fiscal, funds.carryover, funds.other)

    def rows(self) -> tuple[Decimal | None, ...]:
        return (self.total, self.fiscal, self.carryover, self.other)


@dataclass(frozen=True)
class ScoredIndicator:
    level1: str
    level2: str
    name: str
    target: TargetValue
    actual: str
    points: Decimal
    score: Decimal  # exact; see ``shown_score``
    deviation: str | None = None
    # actual ÷ target of a quantitative indicator (for the over-achievement review), when defined
    ratio: Decimal | None = None

    # Cached: the total, the form and the review each ask (a frozen dataclass's fields never change).
    @cached_property
    def shown_score(self) -> Decimal:
        return shown(self.score)

    @property
    def fully_met(self) -> bool:
        return self.score >= self.points

    @property
    def path(self) -> PathKey:
        return (*RESULTS, self.name)


@dataclass(frozen=True)
class Scorecard:
    """A project's 自评 scored: the money block, every indicator, the total and its grade."""

    initial: Funds
    budget: Funds
    spent: Funds
    rate: Decimal | None
    budget_points: Decimal
    budget_score: Decimal
    indicators: tuple[ScoredIndicator, ...]
    problems: tuple[Problem, ...] = field(default=())

    @cached_property
    def total(self) -> Decimal:
        """The sum of the rounded parts, as the printed form must add up (once: the cover, the form, its
        grade and the review each ask)."""
        return shown(self.budget_score) + sum((i.shown_score for i in self.indicators), Decimal("0.00"))

    @property
    def full_marks(self) -> Decimal:
        return self.budget_points + sum((i.points for i in self.indicators), Decimal(0))

    @property
    def grade(self) -> str:
        return scoring_scheme().grade(self.total)

    @property
    def shown_rate(self) -> str:
        return "" if self.rate is None else shown_percent(self.rate)


def quantitative_share(comparator: str, actual: Decimal, target: Decimal) -> Decimal:
    """The share of the points a quantitative indicator earns (1 when met)."""
    if target_met(comparator, actual, target):
        return Decimal(1)
    # A missed at-least target (or an = target missed from below) scores actual ÷ target.
    if comparator in AT_LEAST or (comparator not in AT_MOST and actual < target):
        return min(actual / target, Decimal(1)) if target > 0 else Decimal(0)
    return min(target / actual, Decimal(1)) if actual > 0 else Decimal(0)


def _in_band(value: Decimal, low: Decimal, high: Decimal, top: bool) -> bool:
    """A band holds its lower bound; its upper bound belongs to the band above (the top band holds 100%)."""
    return low <= value and (value < high or top)


def attainment_of(score: Decimal, points: Decimal) -> str | None:
    """The 完成程度 whose band holds ``score`` of ``points``; None outside every band."""
    if points <= 0:
        return None
    share = score * HUNDRED / points
    bands = scoring_scheme().attainment_bands.items()
    return next((band for band, (low, high) in bands if _in_band(share, low, high, high == HUNDRED)), None)


def _score_indicator(
    name: str, target: TargetValue, result: IndicatorResult, points: Decimal, scheme: ScoringScheme
) -> tuple[Decimal, Decimal | None, list[Problem]]:
    path = (*RESULTS, name)
    if isinstance(target, Quantitative):
        for key, given in ((labels.RESULT_SCORE, result.score), (labels.RESULT_ATTAINMENT, result.attainment)):
            if given is not None:
                return points, None, [Problem("E408", (*path, key), {"name": name, "target": target, "key": key}, True)]
        parsed = parse_actual(result.actual)
        where = (*path, labels.RESULT_ACTUAL)
        # A hint never offers the target as the actual: copying it would falsify the figure.
        if parsed is None:
            problem = {"name": name, "target": target, "actual": result.actual, "target_unit": target.unit}
            return Decimal(0), None, [Problem("E403", where, problem)]
        number, unit = parsed
        if unit != target.unit:
            # Without a unit the figure is the user's own (「99.95」 → 「99.95%」); another unit needs
            # converting, which only the user can do (5 万元 is not 5 元).
            example = (
                fill(phrases().same_unit_example, example=f"{number}{target.unit}")
                if not unit
                else fill(phrases().convert_unit, unit=target.unit)
            )
            problem = {
                "name": name,
                "target": target,
                "actual": result.actual,
                "unit": fill(phrases().actual_unit, unit=unit) if unit else phrases().actual_without_unit,
                "target_unit": target.unit,
                "example": example,
            }
            return Decimal(0), None, [Problem("E404", where, problem)]
        ratio = number / target.number if target.number > 0 else None
        return points * quantitative_share(target.comparator, number, target.number), ratio, []
    matches = result.actual.strip() == target.canonical().strip()
    if result.attainment is None:
        if matches:
            return points, None, []
        bands = listing(
            fill(
                phrases().attainment_band,
                name=band,
                low=shown_points(points * low / HUNDRED),
                high=shown_points(points * high / HUNDRED),
            )
            for band, (low, high) in scheme.attainment_bands.items()
        )
        problem = {
            "name": name,
            "actual": result.actual,
            "target": target,
            "points": shown_points(points),
            "bands": bands,
        }
        return Decimal(0), None, [Problem("E406", (*path, labels.RESULT_ACTUAL), problem)]
    low_share, high_share = scheme.attainment_bands[result.attainment]
    low, high = points * low_share / HUNDRED, points * high_share / HUNDRED
    score = result.score
    if points == 0 and not score:
        # No points to share out: every band is 0.00–0.00 and 0 (or nothing) is the only score.
        return Decimal(0), None, []
    within = score is not None and _in_band(score, low, high, high_share == HUNDRED)
    if score is None or not within:
        problem = {
            "name": name,
            "attainment": result.attainment,
            "low": shown_points(low),
            "high": shown_points(high),
            "score": phrases().not_given if score is None else shown_points(score),
        }
        key = labels.RESULT_SCORE if score is not None else labels.RESULT_ATTAINMENT
        return Decimal(0), None, [Problem("E407", (*path, key), problem)]
    return score, None, []


# A declared indicator as scoring sees it: 一级, 二级, 三级 name, 指标值.
Declared = tuple[str, str, str, TargetValue]


def score_project(project: Project) -> Scorecard | None:
    """The project's scorecard, or None when it has no 自评 yet. Problems are listed, never raised."""
    if project.self_evaluation is None:
        return None
    declared = [(level1, level2, i.name, i.value) for level1, level2, _index, i in project.each_indicator()]
    return score_evaluation(project.self_evaluation, project.annual_funds, declared)


def score_evaluation(evaluation: SelfEvaluation, annual: AnnualFunds, declared: Sequence[Declared]) -> Scorecard:
    """A 自评 scored against the declared 年度资金 and indicators (import checks a printed form's
    arithmetic with it before the rest of the project is known)."""
    scheme = scoring_scheme()
    initial = Funds(annual.total, annual.fiscal, annual.carryover, annual.other)
    budget = Funds.of(evaluation.budget) if evaluation.budget is not None else initial
    spent = Funds.of(evaluation.spent)
    problems: list[Problem] = []
    rate: Decimal | None = None
    budget_score = Decimal(0)
    if budget.total > 0:
        rate = spent.total / budget.total
        budget_score = scheme.budget_points * min(rate, Decimal(1))
    else:
        problems.append(Problem("E411", (EVALUATION, labels.EVALUATION_BUDGET), {}, True))

    names = [name for _l1, _l2, name, _t in declared]
    results = evaluation.results
    for name in results:
        if name not in names:
            close = closest(name, names, cutoff=0.4)
            guess = did_you_mean(close) if close else ""
            problems.append(
                Problem("E401", (*RESULTS, name), {"name": name, "guess": guess, "names": listing(names)}, True)
            )
    entries = [(pool_of(level1, scheme), results.get(name)) for level1, _l2, name, _t in declared]
    points, empty_pools = allocate(entries, scheme)
    scored: list[ScoredIndicator] = []
    for (level1, level2, name, target), share in zip(declared, points, strict=True):
        result = results.get(name)
        if result is None:
            problems.append(Problem("E402", RESULTS, {"name": name}, True))
            scored.append(ScoredIndicator(level1, level2, name, target, "", share, Decimal(0)))
            continue
        score, ratio, found = _score_indicator(name, target, result, share, scheme)
        if result.score is not None and result.score > share and not found:
            found = [
                Problem(
                    "E414",
                    (*RESULTS, name, labels.RESULT_SCORE),
                    {"name": name, "score": result.score, "points": shown_points(share)},
                )
            ]
        problems.extend(found)
        scored.append(
            ScoredIndicator(level1, level2, name, target, result.actual, share, score, result.deviation, ratio)
        )

    full_marks = scheme.budget_points + sum(points, Decimal(0))
    if full_marks != scheme.full_marks:
        detail = fill(phrases().empty_pools, pools=listing(empty_pools)) if empty_pools else ""
        problems.append(
            Problem(
                "E405",
                RESULTS,
                {
                    "total": shown_points(full_marks),
                    "full": shown_points(scheme.full_marks),
                    "budget": shown_points(scheme.budget_points),
                    "indicators": shown_points(full_marks - scheme.budget_points),
                    "detail": detail,
                },
                True,
            )
        )
    return Scorecard(initial, budget, spent, rate, scheme.budget_points, budget_score, tuple(scored), tuple(problems))
