"""The characters a budget officer cannot see, kept in one place: what the loader refuses in a file, what
a diagnostic writes out as an escape, what a generated name or file must never hold.

Each class is the inside of a regular-expression character class, so that callers compose them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

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


@cache
def is_invisible(char: str) -> bool:
    """A format character (Unicode category Cf: zero-width characters, bidi controls, the soft hyphen,
    the Arabic letter mark, the Mongolian vowel separator, tag characters …) or one of the blank
    characters above: text that looks the same with or without it, or is reordered on screen. Asked of
    this Python's Unicode database, so that a new Unicode version is followed."""
    return unicodedata.category(char) == "Cf" or _BLANK_NON_FORMAT_CHARACTERS.fullmatch(char) is not None


_BLANK_NON_FORMAT_CHARACTERS = re.compile(f"[{_BLANK_NON_FORMAT}]")


# The characters already asked about, so that a text costs set operations, not one question per character.
_SEEN_VISIBLE: set[str] = set()
_SEEN_INVISIBLE: set[str] = set()

# Tab, line breaks, printable ASCII and the CJK Unified Ideographs: no character of these is invisible
# (a test asks this Python's Unicode database), so only the others are collected, a small share of a
# Chinese form's text instead of every character of it.
NEVER_INVISIBLE = "\t\n\r\x20-\x7e\u4e00-\u9fff"
_MAYBE_INVISIBLE = re.compile(f"[^{NEVER_INVISIBLE}]")


def invisible_in(text: str) -> str:
    """The invisible characters ``text`` holds, as the inside of a character class ('' when none).

    Only the characters the text has are looked up: building the class of every invisible character of
    Unicode means asking about all 1,114,112 code points, a quarter of a second at every start."""
    if text.isascii():
        return ""
    characters = set(_MAYBE_INVISIBLE.findall(text))
    for char in characters - _SEEN_VISIBLE - _SEEN_INVISIBLE:
        (_SEEN_INVISIBLE if is_invisible(char) else _SEEN_VISIBLE).add(char)
    found = characters & _SEEN_INVISIBLE
    return "".join(sorted(found)) if found else ""


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def matching(fixed: str, text: str, repeat: str = "") -> re.Pattern[str]:
    """The pattern ``[fixed + the invisible characters of text]`` (then ``repeat``, e.g. ``+``), to search
    ``text`` with: every character ``fixed`` names, and every invisible one."""
    members = fixed + invisible_in(text)
    return _compiled(f"[{members}]{repeat}" if members else "(?!)")


# A name (of a collection folder, a project, a unit) is one line of visible text.
_NOT_IN_A_NAME = f"\t\n\r{CONTROLS}{HIDDEN_LINE_BREAKS}"


def hidden_character(text: str) -> tuple[int, str] | None:
    """The first character of ``text`` that no name may hold (a line break of any kind, a control or an
    invisible character): its index and the character, or None."""
    match = matching(_NOT_IN_A_NAME, text).search(text)
    return (match.start(), match.group()) if match else None


def code_point(char: str) -> str:
    """``U+2028``: how a diagnostic names a character it cannot show."""
    return f"U+{ord(char):04X}"
