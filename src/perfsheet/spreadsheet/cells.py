"""What one spreadsheet cell holds, as the person who typed it sees it: text, a number read from the
file's own digits into ``Decimal``, a date from its serial number and its date format, a percentage as
the number shown (90 for 0.9 shown 90%), a boolean; an error value marked as one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# Built-in number formats that show a date (ECMA-376 18.8.30) and the letters of a custom one.
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_PERCENT_FORMAT_IDS = frozenset({9, 10})
_QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DATE_LETTERS = re.compile(r"[ymdhs]", re.IGNORECASE)
# Day 0 of a workbook's serial dates: 1900-based (Excel's, counting its 1900-02-29) or 1904-based.
EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)


@dataclass(frozen=True)
class SheetCell:
    """One cell: where (1-based), what it holds (text, ``Decimal``, ``date`` or ``bool``), how it reads."""

    row: int
    column: int
    value: str | Decimal | date | bool
    formula: str | None = None  # the formula's text, when the file holds no cached value for it
    error: bool = False  # an error value such as #DIV/0!
    percent: bool = False  # shown as a percentage: the value is the number shown (90 for 0.9 shown 90%)

    @property
    def text(self) -> str:
        if isinstance(self.value, Decimal):
            shown = f"{self.value.normalize():f}" if self.value == self.value.to_integral() else f"{self.value:f}"
            return shown + "%" if self.percent else shown
        if isinstance(self.value, date):
            return self.value.isoformat()
        if isinstance(self.value, bool):
            return "TRUE" if self.value else "FALSE"
        return self.value


def is_date_format(format_id: int, code: str | None) -> bool:
    if format_id in _DATE_FORMAT_IDS:
        return True
    return code is not None and bool(_DATE_LETTERS.search(_QUOTED_OR_BRACKETED.sub("", code)))


def is_percent_format(format_id: int, code: str | None) -> bool:
    return format_id in _PERCENT_FORMAT_IDS or (code is not None and "%" in _QUOTED_OR_BRACKETED.sub("", code))


@dataclass(frozen=True)
class CellContext:
    strings: list[str]
    date_styles: frozenset[int]
    percent_styles: frozenset[int]
    epoch: date


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _serial_date(number: Decimal, epoch: date) -> date | None:
    try:
        return epoch + timedelta(days=int(number))
    except (OverflowError, ValueError):
        return None


def cell_value(kind: str, raw: str | None, inline: str | None, style: int, context: CellContext) -> SheetCell | None:
    """The value of one cell (row and column filled in by the caller), None when it is empty."""
    if kind == "inlineStr":
        return SheetCell(0, 0, inline or "")
    if raw is None:
        return None
    if kind == "s":
        try:
            return SheetCell(0, 0, context.strings[int(raw)])
        except (ValueError, IndexError):
            return SheetCell(0, 0, raw, error=True)
    if kind == "d":  # an ISO 8601 date (strict Open XML)
        try:
            return SheetCell(0, 0, date.fromisoformat(raw.strip()[:10]))
        except ValueError:
            return SheetCell(0, 0, raw)
    if kind == "str":
        return SheetCell(0, 0, raw)
    if kind == "b":
        return SheetCell(0, 0, raw.strip() == "1")
    if kind == "e":
        return SheetCell(0, 0, raw, error=True)
    number = _number(raw)
    if number is None:
        return SheetCell(0, 0, raw, error=True)
    if style in context.date_styles:
        day = _serial_date(number, context.epoch)
        if day is not None:
            return SheetCell(0, 0, day)
    if style in context.percent_styles:  # 90% is stored as 0.9: read as the 90 a person typed and sees
        return SheetCell(0, 0, (number * 100).normalize(), percent=True)
    return SheetCell(0, 0, number)
