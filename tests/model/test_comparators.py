"""One comparator table serves values, scoring and the lights: each spelling an officer types reads as
its symbol, and a target is met exactly at its bound (≥ and ≤ include it, > and < do not)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsheet.evaluation.scoring import quantitative_share
from perfsheet.model.comparators import AT_LEAST, AT_MOST, COMPARATORS, target_met
from perfsheet.model.values import Quantitative, parse_target

NINETY = Decimal(90)


@pytest.mark.parametrize(
    ("typed", "symbol"),
    [
        (">=", "≥"),
        ("≧", "≥"),
        ("＞＝", "≥"),
        ("<=", "≤"),
        ("≦", "≤"),
        ("＜＝", "≤"),
        ("＝", "="),
        ("==", "="),
        ("＞", ">"),
        ("＜", "<"),
    ],
)
def test_each_spelling_reads_as_its_symbol(typed: str, symbol: str) -> None:
    assert COMPARATORS[typed] == symbol
    parsed = parse_target(f"{typed}90(%)")
    assert isinstance(parsed, Quantitative) and parsed.comparator == symbol


@pytest.mark.parametrize(
    ("symbol", "below", "at", "above"),
    [
        ("≥", False, True, True),
        (">", False, False, True),
        ("≤", True, True, False),
        ("<", True, False, False),
        ("=", False, True, False),
    ],
)
def test_met_exactly_at_the_bound(symbol: str, below: bool, at: bool, above: bool) -> None:
    assert [target_met(symbol, NINETY + step, NINETY) for step in (-1, 0, 1)] == [below, at, above]


def test_the_bounds_split_the_symbols() -> None:
    assert {"≥", ">"} == AT_LEAST
    assert {"≤", "<"} == AT_MOST


@pytest.mark.parametrize(
    ("symbol", "actual", "share"),
    [("≥", 45, Decimal("0.5")), ("≤", 180, Decimal("0.5")), ("=", 45, Decimal("0.5")), ("=", 180, Decimal("0.5"))],
)
def test_a_missed_target_scores_by_its_bound(symbol: str, actual: int, share: Decimal) -> None:
    """= missed from below scores as ≥, from above as ≤."""
    assert quantitative_share(symbol, Decimal(actual), NINETY) == share
