"""A line of YAML as an officer typed it: where its comment starts, whether a quote closes on it, how
many flow brackets stay open; and the :class:`Mistake` found in such lines, with its one repair."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# What an input method types where YAML expects "- " at the start of a list item.
CHINESE_DASHES = "－—–‐﹣·•・"
WIDE_SPACES = "\u3000\u00a0"


@dataclass(frozen=True)
class Repair:
    """Lines ``first``…``last`` (1-based, inclusive) replaced by ``lines``."""

    first: int
    last: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Mistake:
    """One typing mistake: where, which catalogue code, the message's parameters and its repair."""

    code: str
    line: int
    column: int
    params: dict[str, Any] = field(default_factory=dict)
    repair: Repair | None = None
    # Certain: wrong wherever it stands. Otherwise reported only when the parser fails at or after it.
    certain: bool = True


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def split_comment(content: str) -> tuple[str, str]:
    """``content`` without its trailing comment (a ``#`` after white space, outside quotes)."""
    quote = ""
    for index, char in enumerate(content):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or content[index - 1] in " \t:[{,"):
            quote = char
        elif char == "#" and (index == 0 or content[index - 1] in " \t"):
            return content[:index].rstrip(" \t"), content[index:]
    return content.rstrip(" \t"), ""


def closes_quote(text: str, quote: str) -> bool:
    """Whether a quoted scalar whose text follows the opening ``quote`` ends on this line."""
    index = 0
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


def flow_balance(text: str) -> int:
    depth, quote = 0, ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth


def indent_of(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


def key_name(line: str) -> str:
    """The key a line of ``key: value`` (or ``- key: value``) names."""
    content = line.strip(" \t" + WIDE_SPACES)
    content = content[2:] if content.startswith("- ") else content
    return re.split("[:：]", content, maxsplit=1)[0].strip()


def reserved_value(number: int, column: int, value: str, fixed: str) -> Mistake:
    """A value starting with a character YAML reserves (E023), repaired by quoting it as ``fixed``."""
    return Mistake("E023", number, column, {"char": value[0], "fixed": fixed.strip()}, Repair(number, number, (fixed,)))
