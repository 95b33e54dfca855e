"""Writing values into perfsheet's YAML by hand (the importer), so the files read like the examples
rather than like a serializer's output; and YAML for other tools (pre-commit, GitHub) and the templates
written by PyYAML's emitter, so that user text there is always data."""

from __future__ import annotations

import re
from typing import Any

import yaml

from perfsheet.text.characters import CONTROLS, HIDDEN_LINE_BREAKS, matching

# What a plain scalar may not start with, may not contain, and (inside {…} or […]) may not hold at all.
_BAD_START = set("-?:,[]{}#&*!|>'\"%@`~ \t")
_BAD_INSIDE = re.compile(r": |:$| #|[\t\n\r]|\s$")
_BAD_IN_FLOW = re.compile(r"[,\[\]{}]")


# What a YAML reader takes for a line break (U+0085, U+2028, U+2029: a "new key" hidden in a Word cell),
# refuses (controls, U+FFFE/U+FFFF, surrogates) or cannot be seen (every invisible character, added by
# ``matching``): such text is only ever written double-quoted, with these characters as escapes.
_NEEDS_ESCAPE = f"\x00-\x08\x0b-\x1f{CONTROLS}{HIDDEN_LINE_BREAKS}"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def needs_escapes(text: str) -> bool:
    """Whether ``text`` can only be written double-quoted with escapes (never plain, never a block)."""
    return bool(matching(_NEEDS_ESCAPE, text).search(text))


def _double_quoted(text: str) -> str:
    def escape(char: str) -> str:
        if char in _ESCAPES:
            return _ESCAPES[char]
        if not matching(_NEEDS_ESCAPE, char).match(char):
            return char
        point = ord(char)
        return f"\\u{point:04X}" if point <= 0xFFFF else f"\\U{point:08X}"

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


# Text the emitter writes double-quoted, where every line break and control is an escape (PyYAML would
# write U+2028 or NEL raw inside single quotes, where an editor shows no line break).
_QUOTED_ONLY = re.compile(f"[\t\n\r{CONTROLS}{HIDDEN_LINE_BREAKS}]")


class _Emitter(yaml.SafeDumper):
    """PyYAML's safe emitter, with lists indented under their key as in the templates."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"' if _QUOTED_ONLY.search(text) else None)


_Emitter.add_representer(str, _represent_text)


def yaml_document(data: Any) -> str:
    """``data`` as a YAML document by a real emitter: whatever a string holds, it reads back as that
    string and nothing more (never a new key, list item or document)."""
    return yaml.dump(
        data, Dumper=_Emitter, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False
    )


def yaml_entry(key: str, value: str) -> str:
    """One ``key: value`` line of a template, written by the emitter (``key:`` alone for a blank value)."""
    return yaml_document({key: value}).rstrip("\n") if value else f"{key}:"
