"""How text sets in a cell, estimated the same way every run: widths by character class (CJK square,
Latin from ``templates/form.yaml``), lines broken where Word and LibreOffice may break them. A value is
one unit that never breaks (``≤25.00(万元)``, ``2026-01-01``, ``12,345.00``); closing punctuation stays
with the character before it, opening with the one after. Column widths, the no-lone-character rule and
the page-break estimate all measure through here."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from perfsheet.layout.style import style

# A number with its comparator and its unit in brackets (or %), a date, an amount: never broken.
_NUMBER = r"[<>=≤≥＜＞]*[-+]?\d[\d,]*(?:\.\d+)?"
_VALUE = _NUMBER + r"(?:-\d+)*(?:\s*(?:\([^()\n]*\)|（[^（）\n]*）|[%％‰]))?"
_LATIN = "A-Za-z0-9_.,:/+-"
# Marks that never start a line (they stay with the character before) or never end one.
_CLOSING = set("，。、；：？！）」』】》%％,.;:?!)")
_OPENING = set("（「『【《(")
# A piece a line may break before: opening marks, then a value, a Latin word, a space or one character,
# then closing marks; a closing mark that begins a Latin word (「,5」) starts a piece of its own instead.
_PIECE = re.compile(
    f"[{re.escape(''.join(sorted(_OPENING)))}]*"
    f"(?:{_VALUE}|[{_LATIN}]+|\\s|.)"
    f"(?:[{re.escape(''.join(sorted(_CLOSING - set(_LATIN))))}]"
    f"|[{re.escape(''.join(sorted(_CLOSING & set(_LATIN))))}](?![{_LATIN}]))*",
)


@cache
def _char_em(char: str) -> float:
    table = style().latin_widths
    if char.isdigit():
        return table.digit
    if char in ",.":
        return table.punctuation
    if char == "-":
        return table.hyphen
    if ord(char) < 0x2E80:
        return table.other
    return 1.0


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size: float) -> int:
    """The width of one line of ``text`` at ``size`` points, in twips (CJK characters are square; Word and
    LibreOffice set a quarter em between a CJK character and a Latin letter or digit)."""
    ems = sum(map(_char_em, text))
    kinds = "".join(map(_kind, text))
    ems += 0.25 * (kinds.count("CL") + kinds.count("LC"))
    return round(ems * size * 20)


@cache
def _kind(char: str) -> str:
    """C for a CJK letter or digit, L for another, - for anything else: a quarter em sits between C and L."""
    if not char.isalnum():
        return "-"
    return "C" if ord(char) >= 0x2E80 else "L"


def last_item_whole(text: str, width: int, size: float, separators: str = "、，；") -> str:
    """``text`` with a line break before its last item (after the last of ``separators``) when the last
    line would hold only the end of that item (「差 0」 / 「个。」): the item then starts the line whole."""
    cut = max(text.rfind(mark) for mark in separators) + 1
    if cut <= 0:
        return text
    item = text[cut:]
    last = wrap(text, width, size)[-1]
    if len(wrap(text, width, size)) > 1 and len(last) < len(item):
        return f"{text[:cut]}\n{item}"
    return text


@cache
def _border() -> int:
    """Half of each side's border takes its width from the text too (border_size is in eighths of a
    point): so LibreOffice sets 6 characters of 10.5 pt in 1380 twips, and 5 of 9 pt not in 1014."""
    return style().table.border_size * 20 // 8 // 2


# The texts of measure are cached by the few thousand most recent: labels and the common values come
# back on every form, a project's own goal never does (ten thousand goals' pieces weighed 250 MB).
@lru_cache(maxsize=1 << 12)
def units(text: str) -> tuple[str, ...]:
    """``text`` in the pieces a line may break between (cached: a thousand forms repeat their texts)."""
    return tuple(_PIECE.findall(text))


@lru_cache(maxsize=1 << 16)
def widest_unit(text: str, size: float) -> int:
    """The width of the widest piece that never breaks: a column narrower than this breaks a value."""
    return max((text_width(piece, size) for piece in units(text)), default=0)


# A cell that holds one quantity and nothing else, its unit without brackets (80.82万元, 14.00人次, 125.00
# 万元): a renderer may break it between the number and the unit or inside the unit (125.00 万 / 元), a
# careful form never does.
_QUANTITY = re.compile(_NUMBER + r" ?[\u4e00-\u9fff]{1,3}")


@lru_cache(maxsize=1 << 14)
def value_width(text: str, size: float, *, quantity: bool = False) -> int:
    """The width (cell margins aside) a column needs to show ``text``'s widest value whole in every
    renderer's idea of the width (the border and its leeway either side, as :func:`leaves_one_alone`);
    with ``quantity``, a cell that is one quantity and its unit (80.82万元) is one value. Cached: give it
    texts as :func:`same_width` writes them, and a thousand forms' amounts are a few shapes."""
    if quantity and _QUANTITY.fullmatch(text):
        return _measured(text, size).before[-1] + 2 * _border()
    return widest_unit(text, size) + 2 * _border()


@lru_cache(maxsize=1 << 12)
def wrap(text: str, width: int, size: float) -> tuple[str, ...]:
    """The lines ``text`` sets in, ``width`` twips of text (cell margins already taken off), one list per
    paragraph joined; a piece wider than a line is broken by character, as every renderer must."""
    width -= _border()
    lines: list[str] = []
    for paragraph in text.split("\n"):
        measured = _measured(paragraph, size)
        if measured.narrowest >= 0 and measured.widest <= width:
            _fill_lines(measured, width, lines)
        else:
            _fill_pieces(measured, width, size, lines)
    return tuple(lines)


class _Measured(NamedTuple):
    """A paragraph's pieces with their widths, whether each is blank, and the widths' running totals
    (``before[i]``: of the pieces before piece ``i``)."""

    pieces: tuple[str, ...]
    widths: tuple[int, ...]
    blank: tuple[bool, ...]
    before: tuple[int, ...]
    narrowest: int
    widest: int


# Few: a text is wrapped at its several widths one after the other, and a long goal's pieces weigh.
@lru_cache(maxsize=1 << 8)
def _measured(paragraph: str, size: float) -> _Measured:
    pieces = units(paragraph)
    widths = tuple(map(text_width, pieces, repeat(size)))
    before = tuple(accumulate(widths, initial=0))
    return _Measured(
        pieces, widths, tuple(map(str.isspace, pieces)), before, min(widths, default=0), max(widths, default=0)
    )


def _fill_lines(measured: _Measured, width: int, lines: list[str]) -> None:
    """A paragraph whose every piece fits a line, a line at a time: a line ends before the first piece
    that is not blank and would go past ``width`` (a blank goes on the line that it ends); blanks that
    start the paragraph are dropped, those that end it trimmed."""
    pieces, blank, before = measured.pieces, measured.blank, measured.before
    count = len(pieces)
    start = 0
    while start < count and blank[start]:
        start += 1
    while start < count:
        end = bisect_right(before, before[start] + width, start + 1) - 1
        while end < count and blank[end]:
            end += 1
        if end >= count:
            break
        lines.append("".join(pieces[start:end]))
        start = end
    lines.append("".join(pieces[start:]).rstrip())


def _fill_pieces(measured: _Measured, width: int, size: float, lines: list[str]) -> None:
    """A paragraph piece by piece, where a piece is wider than a line (then broken by character)."""
    line, used = "", 0
    for piece, piece_width, space in zip(measured.pieces, measured.widths, measured.blank, strict=True):
        if line and used + piece_width > width and not space:
            lines.append(line)
            line, used = "", 0
        if piece_width > width:
            for char in piece:
                char_width = text_width(char, size)
                if line and used + char_width > width:
                    lines.append(line)
                    line, used = "", 0
                line += char
                used += char_width
            continue
        if line or not space:
            line += piece
            used += piece_width
    lines.append(line.rstrip())


def _one_visible(line: str) -> bool:
    """Whether ``line`` shows exactly one character (spaces and closing marks aside)."""
    seen = 0
    for char in line:
        if not char.isspace() and char not in _CLOSING:
            seen += 1
            if seen > 1:
                return False
    return seen == 1


@lru_cache(maxsize=1 << 16)
def leaves_one_alone(text: str, width: int, size: float) -> bool:
    """Whether ``text`` in ``width`` twips puts a single character on a line of its own (序|号, 项目类|别),
    in the estimate or a renderer's idea of the width up to half a border's width either side of it."""
    for near in (width - _border(), width, width + _border()):
        lines = [line for line in wrap(text, near, size) if line]
        if len(lines) > 1 and any(map(_one_visible, lines)):
            return True
    return False


# Every ASCII digit has one width and one kind (a Latin letter or digit) and breaks the same way.
_ZEROS = str.maketrans("123456789", "000000000")


def same_width(text: str) -> str:
    """``text`` with each ASCII digit written as 0: it measures, breaks and leaves characters alone
    exactly as ``text`` does, so texts that differ only in their digits (amounts, dates, targets) are
    measured once."""
    return text.translate(_ZEROS)


def width_without_lone(texts: Iterable[str], start: int, size: float, margins: int) -> int:
    """The narrowest column from ``start`` twips (cell margins included) in which none of ``texts`` leaves
    a character alone on a line or breaks a value. Only the widths at which some line takes one piece
    more can change that, so only those are tried, narrowest first, and only until one fits."""
    return _narrowest(frozenset(same_width(text) for text in texts if text), start, size, margins)


# Cached by the set of texts: many forms share a column's values (the groups, the points).
@lru_cache(maxsize=1 << 12)
def _narrowest(whole: frozenset[str], start: int, size: float, margins: int) -> int:
    # A text of one piece a line (an amount, a date) never leaves a character alone once it fits.
    breakable = [text for text in whole if _breakable(text)]
    width = max([start, *(widest_unit(text, size) + margins for text in whole)])

    def fits(candidate: int) -> bool:
        return not any(leaves_one_alone(text, candidate - margins, size) for text in breakable)

    if fits(width):
        return width
    # Wide enough for every line of every text on one line, with the border and the renderer's leeway.
    one_line = max([width, *(_longest_line(text, size) + margins + 2 * _border() for text in breakable)])
    wider = set().union(
        *(found[bisect_right(found, width) :] for found in map(_candidates, breakable, repeat(size), repeat(margins)))
    )
    for candidate in sorted(wider):
        if candidate >= one_line:
            break
        if fits(candidate):
            return candidate
    return one_line


@lru_cache(maxsize=1 << 14)
def _breakable(text: str) -> bool:
    return any(len(units(line)) > 1 for line in text.split("\n"))


@lru_cache(maxsize=1 << 14)
def _longest_line(text: str, size: float) -> int:
    # Its pieces' widths added up, as a line is filled (each piece rounded to the twip on its own).
    return max(_measured(line, size).before[-1] for line in text.split("\n"))


@lru_cache(maxsize=1 << 12)
def _candidates(text: str, size: float, margins: int) -> tuple[int, ...]:
    """The column widths (margins included) at which a line of ``text`` may take one piece more,
    narrowest first: each run's width with the border and the renderer's leeway either side."""
    border = _border()
    return tuple(
        sorted({run + margins + border + leeway for run in _runs(text, size) for leeway in (-border, 0, border)})
    )


@lru_cache(maxsize=1 << 12)
def _runs(text: str, size: float) -> frozenset[int]:
    """The widths of every run of consecutive pieces of each line of ``text``: where a line's fill changes."""
    found: set[int] = set()
    for paragraph in text.split("\n"):
        # A run is as wide as its pieces added up, as a line is filled.
        before = _measured(paragraph, size).before
        for first in range(len(before) - 1):
            for last in range(first + 1, len(before)):
                found.add(before[last] - before[first])
    return frozenset(found)
