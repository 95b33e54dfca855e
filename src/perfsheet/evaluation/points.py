"""How an indicator's points are had: its own 分值, else an even share, to the cent, of what its pool
(the points of its 一级 class in schemas/evaluation.yaml) has left."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from perfsheet.model.evaluation import IndicatorResult, ScoringScheme, scoring_scheme
from perfsheet.model.framework import framework
from perfsheet.model.values import CENT


def split_evenly(amount: Decimal, count: int) -> list[Decimal]:
    """``amount`` in ``count`` shares to the cent that add up exactly (the odd cents go to the first)."""
    if count == 0:
        return []
    each = (amount / count).quantize(CENT, rounding=ROUND_DOWN)
    extra = int((amount - each * count) / CENT)
    return [each + CENT if index < extra else each for index in range(count)]


def pool_of(level1: str, scheme: ScoringScheme) -> str:
    """The role whose points a 一级 class shares (成本 shares 产出's)."""
    role = next((r for r, name in framework().roles.items() if name == level1), level1)
    return scheme.shared_points.get(role, role)


def allocate(
    entries: list[tuple[str, IndicatorResult | None]], scheme: ScoringScheme
) -> tuple[list[Decimal], list[str]]:
    """Each indicator's points: its own 分值, else an even share of what its pool has left; and the
    pools no indicator takes points from (their points are lost)."""
    pools: dict[str, list[int]] = {}
    for index, (pool, _result) in enumerate(entries):
        pools.setdefault(pool, []).append(index)
    points: list[Decimal] = [Decimal(0)] * len(entries)
    for pool, members in pools.items():
        given = [i for i in members if (r := entries[i][1]) is not None and r.points is not None]
        rest = [i for i in members if i not in given]
        for i in given:
            result = entries[i][1]
            assert result is not None and result.points is not None
            points[i] = result.points
        left = scheme.role_points.get(pool, Decimal(0)) - sum((points[i] for i in given), Decimal(0))
        for i, share in zip(rest, split_evenly(max(left, Decimal(0)), len(rest)), strict=True):
            points[i] = share
    return points, [pool for pool in scheme.role_points if pool not in pools]


def default_points(level1_names: Sequence[str]) -> list[Decimal]:
    """The points of indicators of these 一级 classes when no 分值 is given (import writes a form's
    printed 分值 only where they differ from these)."""
    scheme = scoring_scheme()
    points, _empty = allocate([(pool_of(level1, scheme), None) for level1 in level1_names], scheme)
    return points
