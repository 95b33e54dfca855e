"""The characters a budget officer cannot see, kept in one place: what the loader refuses in a file, what
a diagnostic writes out as an escape, what a generated name or file must never hold.

Each class is the inside of a regular-expression character class, so that callers compose them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

# C0 controls except tab, LF and CR; DEL; C1 controls except NEL (a line break, below); the
# non-characters U+FFFE/U+FFFF and lone surrogates (which XML cannot carry).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
# What YAML takes for a line break although editors, diffs and Word show none (NEL, LINE SEPARATOR,
# PARAGRAPH SEPARATOR): text after one becomes a new line, even a new key, that nobody saw typed.
HIDDEN_LINE_BREAKS = "\x85\u2028\u2029"
# Invisible although Unicode does not class them as format characters: the Hangul fillers (letters that
# draw nothing), the combining grapheme joiner, the Khmer inherent vowels and the Mongolian free variation
# selectors (marks that draw nothing on their own).
_BLANK_NON_FORMAT = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\uffa0"


def _ranges(code_points: list[int]) -> str:
    """Consecutive code points as ``a-b`` ranges of a character class."""
    parts: list[str] = []
    start = previous = -2
    for point in [*code_points, -2]:
        if point != previous + 1:
            if start >= 0:
                parts.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
            start = point
        previous = point
    return "".join(parts)


@cache
def invisible() -> str:
    """Every format character (Unicode category Cf: zero-width characters, bidi controls, the soft hyphen,
    the Arabic letter mark, the Mongolian vowel separator, tag characters …) and the blank characters
    above: text that looks the same with or without them, or is reordered on screen. Computed from this
    Python's Unicode database once, when first needed, so that a new Unicode version is followed."""
    formats = [point for point in range(sys.maxunicode + 1) if unicodedata.category(chr(point)) == "Cf"]
    return _ranges(formats) + _BLANK_NON_FORMAT


@cache
def _not_in_a_name() -> re.Pattern[str]:
    # A name (of a collection folder, a project, a unit) is one line of visible text.
    return re.compile(f"[\t\n\r{CONTROLS}{HIDDEN_LINE_BREAKS}{invisible()}]")


def hidden_character(text: str) -> tuple[int, str] | None:
    """The first character of ``text`` that no name may hold (a line break of any kind, a control or an
    invisible character): its index and the character, or None."""
    match = _not_in_a_name().search(text)
    return (match.start(), match.group()) if match else None


def code_point(char: str) -> str:
    """``U+2028``: how a diagnostic names a character it cannot show."""
    return f"U+{ord(char):04X}"
