"""Writing values into perfsheet's YAML by hand (templates and the importer), so the files read like the
examples rather than like a serializer's output."""

from __future__ import annotations

import json
import re

# What a plain scalar may not start with, may not contain, and (inside {…} or […]) may not hold at all.
_BAD_START = set("-?:,[]{}#&*!|>'\"%@`~ \t")
_BAD_INSIDE = re.compile(r": |:$| #|[\t\n\r]|\s$")
_BAD_IN_FLOW = re.compile(r"[,\[\]{}]")


def yaml_scalar(text: str, flow: bool = False) -> str:
    """``text`` as a one-line YAML value: plain when that reads back the same, double-quoted otherwise.
    ``flow`` for a value inside ``{…}``, where commas and brackets end a plain scalar."""
    if not text or text[0] in _BAD_START or _BAD_INSIDE.search(text) or (flow and _BAD_IN_FLOW.search(text)):
        return json.dumps(text, ensure_ascii=False)
    return text


def yaml_block(text: str, indent: str = "  ") -> str:
    """A long or multi-line text as a literal block after its key (``key: |-``), exactly preserved."""
    lines = text.split("\n")
    indicator = "|2-" if lines and lines[0].startswith(" ") else "|-"
    body = "\n".join(indent + line if line else "" for line in lines)
    return f"{indicator}\n{body}"
