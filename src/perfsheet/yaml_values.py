"""Writing values into perfsheet's YAML by hand (templates and the importer), so the files read like the
examples rather than like a serializer's output."""

from __future__ import annotations

import re

# What a plain scalar may not start with, may not contain, and (inside {…} or […]) may not hold at all.
_BAD_START = set("-?:,[]{}#&*!|>'\"%@`~ \t")
_BAD_INSIDE = re.compile(r": |:$| #|[\t\n\r]|\s$")
_BAD_IN_FLOW = re.compile(r"[,\[\]{}]")


# What a YAML reader takes for a line break (U+0085, U+2028, U+2029: a "new key" hidden in a Word cell),
# refuses (controls, U+FFFE/U+FFFF, surrogates) or cannot be seen (bidi and zero-width characters):
# such text is only ever written double-quoted, with these characters as escapes.
_NEEDS_ESCAPE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufffe\uffff\ud800-\udfff]"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def needs_escapes(text: str) -> bool:
    """Whether ``text`` can only be written double-quoted with escapes (never plain, never a block)."""
    return bool(_NEEDS_ESCAPE.search(text))


def _double_quoted(text: str) -> str:
    def escape(char: str) -> str:
        if char in _ESCAPES:
            return _ESCAPES[char]
        return f"\\u{ord(char):04X}" if _NEEDS_ESCAPE.match(char) else char

    return '"' + "".join(escape(char) for char in text) + '"'


def yaml_scalar(text: str, flow: bool = False) -> str:
    """``text`` as a one-line YAML value that reads back as exactly ``text`` and nothing more: plain
    when that is safe, double-quoted with escapes otherwise. ``flow`` for a value inside ``{…}``, where
    commas and brackets end a plain scalar."""
    if (
        not text
        or text[0] in _BAD_START
        or _BAD_INSIDE.search(text)
        or needs_escapes(text)
        or (flow and _BAD_IN_FLOW.search(text))
    ):
        return _double_quoted(text)
    return text


# YAML reads a key without ``?`` only up to 1,024 characters (an "implicit key"); a Word cell has no such
# bound, so a longer key is written explicitly: ``? key`` on its line, ``: value`` on the next.
MAX_IMPLICIT_KEY = 1024


def yaml_key(text: str, indent: str) -> str:
    """``text`` as a mapping key with its colon, at a line indented by ``indent`` (the colon of an
    explicit key goes on the next line, at that indent): what follows is the value."""
    written = yaml_scalar(text)
    if len(written) < MAX_IMPLICIT_KEY:
        return f"{written}:"
    return f"? {written}\n{indent}:"


def yaml_block(text: str, indent: str = "  ") -> str:
    """A long or multi-line text as a literal block after its key (``key: |-``), exactly preserved."""
    lines = text.split("\n")
    indicator = "|2-" if lines and lines[0].startswith(" ") else "|-"
    body = "\n".join(indent + line if line else "" for line in lines)
    return f"{indicator}\n{body}"
