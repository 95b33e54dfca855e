"""A target's comparator: the symbol printed on the form, the other ways officers type it, which way it
bounds the value, and whether an actual value meets it. Values, scoring and the lights read this table."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Comparator:
    """A target's comparator: its one printed symbol, the other ways officers type it, which way it
    bounds the value, and whether an actual value meets it. Values, scoring and the lights read this."""

    symbol: str
    spellings: tuple[str, ...]
    # "at least" (≥, >: more is better), "at most" (≤, <: less is better) or "exactly" (=).
    bound: str
    holds: Callable[[Decimal, Decimal], bool]


AT_LEAST_BOUND, AT_MOST_BOUND, EXACT_BOUND = "at least", "at most", "exactly"
COMPARATOR_TABLE = (
    Comparator("≥", (">=", "≧", "＞＝"), AT_LEAST_BOUND, operator.ge),
    Comparator("≤", ("<=", "≦", "＜＝"), AT_MOST_BOUND, operator.le),
    Comparator("=", ("＝", "=="), EXACT_BOUND, operator.eq),
    Comparator(">", ("＞",), AT_LEAST_BOUND, operator.gt),
    Comparator("<", ("＜",), AT_MOST_BOUND, operator.lt),
)
COMPARATOR_BY_SYMBOL = {comparator.symbol: comparator for comparator in COMPARATOR_TABLE}
# Every spelling (the symbol itself included) → the symbol printed on the form.
COMPARATORS = {
    spelling: comparator.symbol
    for comparator in COMPARATOR_TABLE
    for spelling in (comparator.symbol, *comparator.spellings)
}
AT_LEAST = frozenset(c.symbol for c in COMPARATOR_TABLE if c.bound == AT_LEAST_BOUND)
AT_MOST = frozenset(c.symbol for c in COMPARATOR_TABLE if c.bound == AT_MOST_BOUND)


def target_met(symbol: str, actual: Decimal, target: Decimal) -> bool:
    """Whether ``actual`` meets a target ``symbol target`` (``≥ 90``: 90 and more)."""
    return COMPARATOR_BY_SYMBOL[symbol].holds(actual, target)
