"""The form's value grammars: money in 元, dates, and 指标值 (target values).

Each parser takes the user's text and returns a typed value, or raises :class:`ValueProblem` with a
catalogue code and the parameters of its message; the model layer turns that into a located diagnostic.
Money is ``Decimal`` end to end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from perfsheet.diagnostics import fill, phrases
from perfsheet.model.comparators import COMPARATORS
from perfsheet.model.vocabulary import vocabulary

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
# Far above any single project's budget (one trillion 元), far below where a typo becomes a number.
MAX_MONEY = Decimal("1000000000000")
MAX_TARGET_DIGITS = 15


class ValueProblem(ValueError):
    """A value that does not follow its grammar: a catalogue code and the message's parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --- money -----------------------------------------------------------------------------------------

# The money grammar, once, for the parser below and the editors' JSON Schema (Python's re and ECMAScript
# alike, ASCII digits): 元 below one trillion, no leading zero, separators or none, two decimals; -0 is 0.
MONEY_PATTERN = (
    r"^[ \t]*(?:-0(?:\.0{1,2})?|(?:0|[1-9][0-9]{0,11}|[1-9][0-9]{0,2}(?:,[0-9]{3}){1,3})(?:\.[0-9]{1,2})?)[ \t]*$"
)
_MONEY_TEXT = re.compile(MONEY_PATTERN)
_LOOSE_NUMBER = re.compile(r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_FULL_WIDTH = re.compile(r"[０-９，．]")
_TEN_THOUSAND = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*万元?\s*$")


def parse_money(text: str) -> Decimal:
    """An amount in 元 (``MONEY_PATTERN``, ``450,000.00``); what is not is explained (全角, 万元, -1, 0.001, 1e13)."""
    if _MONEY_TEXT.fullmatch(text):
        return Decimal(text.strip(" \t").replace(",", "")).copy_abs().quantize(CENT)
    raw = text.strip()
    if _FULL_WIDTH.search(raw):
        half = unicodedata.normalize("NFKC", raw)
        try:  # ５万元 is to be written 50,000.00, not 5万元 (the next mistake)
            fixed = format_money(parse_money(half))
        except ValueProblem as problem:
            fixed = problem.params.get("fixed", half)
        raise ValueProblem("E121", value=text, fixed=fixed)
    wan = _TEN_THOUSAND.match(raw)
    if wan:
        amount = Decimal(wan.group(1).replace(",", "")) * TEN_THOUSAND
        if amount != amount.quantize(CENT):
            # Finer than a cent: which cent was meant is the user's call, never a rounding of ours.
            raise ValueProblem("E355", value=text, exact=f"{amount.normalize():,f}")
        raise ValueProblem("E122", value=text, fixed=format_money(amount))
    if not _LOOSE_NUMBER.match(raw):
        raise ValueProblem("E120", value=text)
    if raw.startswith("-"):
        raise ValueProblem("E123", value=text)
    if "." in raw and len(raw.split(".", 1)[1]) > 2:
        raise ValueProblem("E124", value=text)
    if Decimal(raw.replace(",", "")) >= MAX_MONEY:
        raise ValueProblem("E125", value=text)
    raise ValueProblem("E120", value=text)  # leading zeros, a misplaced separator


def parse_ten_thousands(text: str) -> Decimal:
    """An amount a form prints in 万元 (most forms outside Shanghai) → 元: ``25`` → 250000.00,
    ``12.3456`` → 123456.00. A figure finer than a cent or too large is refused, never rounded."""
    raw = text.strip().removesuffix("万元").removesuffix("万").strip()
    if not _LOOSE_NUMBER.match(raw) or raw.startswith("-"):
        raise ValueProblem("E120", value=text)
    amount = Decimal(raw.replace(",", "")) * TEN_THOUSAND
    if amount != amount.quantize(CENT) or amount >= MAX_MONEY:
        raise ValueProblem("E120", value=text)
    return amount.quantize(CENT)


def format_money(amount: Decimal) -> str:
    """``450,000.00``: thousands separators and two decimals, as the form prints money."""
    return f"{amount.quantize(CENT):,.2f}"


# --- dates -----------------------------------------------------------------------------------------

# The date grammar, once (parser and JSON Schema): 2026-01-01, 2026/1/1, 2026.1.1, 2026年1月1日.
DATE_PATTERN = r"^[ \t]*([0-9]{4})[ \t]*[-/.年][ \t]*([0-9]{1,2})[ \t]*[-/.月][ \t]*([0-9]{1,2})[ \t]*日?[ \t]*$"
_DATE = re.compile(DATE_PATTERN)


def parse_date(text: str) -> date:
    """``2026-01-01`` or ``2026/1/1`` (also ``2026年1月1日``)."""
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueProblem("E140", value=text)
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem("E141", value=text) from None


def format_date(value: date) -> str:
    return value.isoformat()


# --- 指标值 ----------------------------------------------------------------------------------------


_COMPARATOR = "|".join(re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True))
_QUANTITATIVE = re.compile(rf"^(?P<cmp>{_COMPARATOR})\s*(?P<rest>.*)$", re.S)
_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>.*)$", re.S)
_BRACKETED = re.compile(r"^[(（]\s*(?P<unit>[^()（）]*?)\s*[)）]$")
_BARE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(.*)$", re.S)
_DIGIT = re.compile(r"[0-9０-９]")
_FULL_WIDTH_DIGIT = re.compile(r"[０-９]")
_COMPARATOR_ANYWHERE = re.compile(r"[≥≤=＝<>＜＞≧≦]")
_BAD_UNIT = re.compile(r"[0-9０-９()（）≥≤=＝<>＜＞~～]")
# What a unit never starts with: in 「≥5. 场」 the point belongs to the number (5? 5.0?), it is no unit 「. 场」.
_UNIT_START_PUNCTUATION = ".。,，、;；:：·"


# The same grammar as a JSON Schema pattern, for editors (ECMAScript and Python ``re`` alike).
_NOT_UNIT = "()（）0-9０-９≥≤=＝<>＜＞≧≦"
_NOT_UNIT_START = _NOT_UNIT + _UNIT_START_PUNCTUATION + r"\s"
TARGET_PATTERN_QUANTITATIVE = (
    r"^\s*(>=|<=|==|＞＝|＜＝|[≥≤=＝><＞＜≧≦])\s*\d+(\.\d+)?\s*"
    rf"([(（]\s*[^{_NOT_UNIT_START}][^{_NOT_UNIT}]*[)）]|[^{_NOT_UNIT_START}][^{_NOT_UNIT}]*)\s*$"
)
TARGET_PATTERN_QUALITATIVE = r"^[^0-9０-９≥≤=＝<>＜＞≧≦]*[^\s0-9０-９≥≤=＝<>＜＞≧≦][^0-9０-９≥≤=＝<>＜＞≧≦]*$"

# A time target as 时效指标 print it: a date, a deadline or a period (「2027年11月30日前」「2021年全年」
# 「2023.07-2024.01」「10月底前」「第三季度」「年底前」), made of these pieces only and naming a year, a
# month, a day or a named period; a qualitative target (the review accepts it under 时效指标 only).
_TIME_PIECES = (
    r"[0-9]{4}\s*(?:年度?|[./-])|[0-9]{1,2}\s*(?:月份?|[./-]|日|号)|[0-9]{1,2}(?=\s*(?:[-~～至到—前]|$))"
    r"|第[一二三四1-4]季度|[上下]半年|全年|年底|年末|年度内|年内|月底|月末|季度末|季末"
    r"|之前|以前|前|底|末|之内|以内|内|截至|截止|[-~～至到—]|\s"
)
TARGET_PATTERN_TIME = rf"^(?=.*(?:[0-9]{{4}}|月|日|全年|年底|年末|年内|季度|半年))(?:{_TIME_PIECES})+$"
_TIME_TARGET = re.compile(TARGET_PATTERN_TIME)


def is_time_target(text: str) -> bool:
    """A date, a deadline or a period (``TARGET_PATTERN_TIME``), not a number missing its comparator."""
    return _TIME_TARGET.match(text.strip()) is not None


@dataclass(frozen=True)
class Quantitative:
    """A measurable target: comparator, number, unit — ``≥1.00(场)``."""

    comparator: str
    number: Decimal
    unit: str
    # As the user wrote it, for messages; not part of the value.
    written: str = field(default="", compare=False, repr=False)

    @property
    def qualitative(self) -> bool:
        return False

    def canonical(self) -> str:
        return f"{self.comparator}{format_target_number(self.number)}({self.unit})"

    def __str__(self) -> str:
        return self.canonical()


@dataclass(frozen=True)
class _Words:
    """A 指标值 kept as the user wrote it."""

    text: str

    def canonical(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Qualitative(_Words):
    """A target state in words — ``及时``, ``有效提升``."""

    @property
    def qualitative(self) -> bool:
        return True


@dataclass(frozen=True)
class Unreadable(_Words):
    """A 指标值 that follows no grammar (its error is reported): kept as written so that the review of
    the rest of the form still runs; only the rules that need the value skip it."""

    @property
    def qualitative(self) -> bool:
        return False


TargetValue = Quantitative | Qualitative | Unreadable


def format_target_number(number: Decimal) -> str:
    """Two decimals as on the form (``1.00``), more only when the user wrote more (``0.005``)."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return f"{number:f}"
    return f"{number.quantize(CENT):f}"


def _number(text: str, original: str) -> Decimal:
    integer = text.split(".", 1)[0]
    if len(integer.lstrip("0")) > MAX_TARGET_DIGITS:
        raise ValueProblem("E135", value=original)
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits and one point
        raise ValueProblem("E133", value=original) from None


def _unit(rest: str) -> str:
    rest = rest.strip()
    bracketed = _BRACKETED.match(rest)
    return bracketed.group("unit").strip() if bracketed else rest


def _hint_unit(rest: str) -> str:
    """The unit a hint offers: what follows the number, cut after its measure word when words follow
    (「至少全年完成2次宣传」 → 次, never 「次宣传」: a hint never moves text into a unit). A compound
    unit stays whole (「元/生/年」, 「台套」)."""
    unit = _unit(rest)
    for word in vocabulary().measure_words:  # longest first: 人次 before 人, 台套 before 台
        if unit.startswith(word):
            # A Chinese character after it? (Compared: a pattern of that range takes ms to compile.)
            return word if "\u4e00" <= unit[len(word) : len(word) + 1] <= "\u9fff" else unit
    return unit


def parse_actual(text: str) -> tuple[Decimal, str] | None:
    """An 实际完成值 as a number and a unit (``96%``, ``8 场``, ``8(场)``, full-width digits), read with
    the 指标值's own number and unit rules; None for words."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return Decimal(match.group("num")), _unit(match.group("unit"))


# Words that say the comparator: 「不少于3场」「90%以上」 have exactly one canonical spelling.
_AT_LEAST = re.compile(r"^(?:不少于|不低于|至少|达到|大于等于|超过)|(?:以上|及以上|或以上)$")
_AT_MOST = re.compile(r"^(?:不超过|不多于|不高于|至多|最多|小于等于)|(?:以下|及以下|以内|之内)$")


# 「进入全国前 3 名」: a rank is an at-most target.
_RANK = re.compile(r"前\s*(\d+)\s*(名|位)")
HUNDRED_PERCENT = Decimal(100)


def suggest_canonical(text: str, cost: Callable[[str], str] | None = None, fixed_standard: bool = False) -> str:
    """For a number written without comparator (``985米``, ``90%``, ``90%以上``): the canonical
    spelling, or the two likely ones when nothing in the text says which comparator. Where the text
    says nothing: a rank is at most (「前 3 名」), a whole 100% is exactly that, a cost is an upper
    bound unless it is a fixed standard (``fixed_standard``: 生均, 定额 …), which is exact. ``cost``
    (for a cost) gives its unit the measure it lacks (「250万」 → 万元): a hint never makes a missing
    unit look deliberate."""
    normalized = unicodedata.normalize("NFKC", text).strip()
    rank = _RANK.search(normalized)
    if rank:
        return f"≤{format_target_number(Decimal(rank.group(1)))}({rank.group(2)})"
    comparator = "≥" if _AT_LEAST.search(normalized) else "≤" if _AT_MOST.search(normalized) else ""
    stripped = _AT_MOST.sub("", _AT_LEAST.sub("", normalized)).strip()
    match = _BARE_NUMBER.search(stripped)
    if not match:
        return "≥1.00(个)"
    value = Decimal(match.group(1))
    number = format_target_number(value)
    unit = _hint_unit(match.group(2)) or "个"
    if cost is not None:
        unit = cost(unit)
    if not comparator and (fixed_standard or (unit == "%" and value == HUNDRED_PERCENT)):
        comparator = "="
    elif not comparator and cost:
        comparator = "≤"
    if comparator:
        return f"{comparator}{number}({unit})"
    return fill(phrases().either, first=f"≥{number}({unit})", second=f"={number}({unit})")


def respelled_comparator(text: str) -> str:
    """``">=85"`` → ``≥85``: the comparator in its one spelling, the rest as written. For a value ``fix``
    cannot make canonical because its unit is missing (E134): the missing unit stays missing, never
    made up or made to look deliberate. The text itself when it opens with no comparator."""
    raw = " ".join(text.split())
    match = _QUANTITATIVE.match(raw)
    if match is None:
        return text
    return COMPARATORS[match.group("cmp")] + match.group("rest").strip()


# A collection repeats its 指标值 (≥95%, 及时, =100%) from form to form; the values are frozen, so each
# spelling is parsed once. A value that fails raises each time (exceptions are not cached).
@lru_cache(maxsize=4096)
def parse_target(text: str, qualitative: bool = False) -> TargetValue:
    """Parse a 指标值. ``qualitative`` marks a text that may contain digits (the expanded form)."""
    if not text.strip():
        raise ValueProblem("E130", value=text)
    if qualitative:
        return Qualitative(text.strip())
    raw = " ".join(text.split())
    if _FULL_WIDTH_DIGIT.search(raw):
        raise ValueProblem("E136", value=text, fixed=unicodedata.normalize("NFKC", raw))
    quantitative = _QUANTITATIVE.match(raw)
    if quantitative:
        comparator = COMPARATORS[quantitative.group("cmp")]
        number_part = _NUMBER.match(quantitative.group("rest").strip())
        if not number_part:
            raise ValueProblem("E132", value=text)
        number = _number(number_part.group("num"), text)
        # A full-width ％ or unit letter is the same unit: written once, in half width.
        unit = unicodedata.normalize("NFKC", _unit(number_part.group("unit")))
        if not unit:
            raise ValueProblem("E134", value=text, number=format_target_number(number), comparator=comparator)
        if _BAD_UNIT.search(unit):
            raise ValueProblem("E133", value=text)
        if unit[0] in _UNIT_START_PUNCTUATION:
            raise ValueProblem("E046", value=text, unit=unit, comparator=comparator, number=number_part.group("num"))
        return Quantitative(comparator, number, unit, written=text.strip())
    if _DIGIT.search(raw):
        if is_time_target(raw):
            return Qualitative(text.strip())
        raise ValueProblem("E131", value=text, fixed=suggest_canonical(raw))
    if _COMPARATOR_ANYWHERE.search(raw):
        raise ValueProblem("E133", value=text)
    return Qualitative(text.strip())
