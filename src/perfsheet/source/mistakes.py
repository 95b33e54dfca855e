"""The typing mistakes of a budget officer who types YAML with a Chinese input method, found in the raw
lines where they were typed (the parser notices most of them a line later, in English).

Each :class:`Mistake` is exact: it names the line and column, and, when there is exactly one correct
repair, carries the corrected lines. Lines inside text (block scalars, multi-line values, quoted
strings, flow collections) are never looked at, so nothing valid is taken for a mistake; mistakes that
depend on the structure (indentation, a goal pasted over several lines) are reported only when the
parser fails after them. ``perfsheet fix`` applies the repairs; ``validate`` reports the mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfsheet.source.typed_lines import (
    CHINESE_DASHES,
    WIDE_SPACES,
    Mistake,
    Repair,
    closes_quote,
    flow_balance,
    indent_of,
    key_name,
    quoted,
    reserved_value,
    split_comment,
)

# A value may not begin with these unquoted (YAML gives them a meaning of their own).
_RESERVED_START = "@`%*&!|>[{"
_BLOCK_INDICATOR = re.compile(r"[|>][-+1-9]*")
_NUMBERED_ITEM = re.compile(r"\s*[0-9０-９一二三四五六七八九十]+\s*[.、．)）]")


_KEY_SEPARATOR = re.compile(r":(?=[ \t]|$)")


@dataclass
class _State:
    lines: list[str]
    block_owner: int | None = None  # indentation of the key that opened a block scalar
    plain_owner: tuple[int, int] | None = None  # (line, indentation) of a key with an inline plain value
    continuations: list[int] = field(default_factory=list)  # lines continuing that plain value
    quote: str = ""  # an open quoted scalar spanning lines
    flow: int = 0  # open brackets of a flow collection spanning lines
    indents: list[int] = field(default_factory=lambda: [0])
    opens_child: bool = False  # the previous structural line ended with "key:" (a nested block follows)
    opener: int = 0  # the line of that "key:"
    # Each open block's indentation → (the line of the key that opened it, the line of its first child).
    opened_by: dict[int, tuple[int, int]] = field(default_factory=dict)
    # The previous structural line: (its number, its indentation, the block indentations it closed).
    previous: tuple[int, int, tuple[int, ...]] | None = None
    # The last key with an inline plain value, and its lines so far: unindented lines of text after it
    # are a multi-line value pasted without "|".
    pasted: tuple[int, int, list[int]] | None = None
    # The previous structural line was "key:" with nothing after it (line, indentation): text indented
    # under it is a plain value that begins on the next line.
    empty_key: tuple[int, int] | None = None


def scan(text: str) -> list[Mistake]:
    """Every typing mistake of ``text``, in line order."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    found: list[Mistake] = []
    state = _State(lines=lines)
    for number, raw in enumerate(lines, start=1):
        if _inside_text(raw, number, lines, state, found):
            continue
        stripped = raw.strip(" \t" + WIDE_SPACES)
        if not stripped or stripped.startswith("#"):
            continue
        _structural_line(raw, number, state, found)
    _end_plain(len(lines) + 1, lines, state, found)
    return found


def _inside_text(raw: str, number: int, lines: list[str], state: _State, found: list[Mistake]) -> bool:
    """Whether ``raw`` belongs to a value begun on an earlier line (and so is text, not structure)."""
    if state.quote:
        if closes_quote(raw, state.quote):
            state.quote = ""
        return True
    if state.flow > 0:
        state.flow += flow_balance(raw)
        return True
    blank = not raw.strip()
    if state.block_owner is not None:
        if blank or indent_of(raw) > state.block_owner:
            return True
        state.block_owner = None
    if state.plain_owner is not None:
        content = split_comment(raw.strip())[0]
        if not blank and indent_of(raw) > state.plain_owner[1] and content and not _KEY_SEPARATOR.search(content):
            state.continuations.append(number)
            return True
        if blank:
            return False
        _end_plain(number, lines, state, found)
    return False


def _end_plain(number: int, lines: list[str], state: _State, found: list[Mistake]) -> None:
    """A multi-line plain value has ended before line ``number``: a numbered list folded into one
    paragraph (valid YAML, wrong text) is a warning with the ``|`` repair."""
    if state.plain_owner is None:
        return
    owner, indent = state.plain_owner
    continued = state.continuations
    state.plain_owner, state.continuations = None, []
    state.pasted = (owner, indent, [owner, *continued])
    # The value's lines: the key line's own text (none when the value begins on the next line) and the rest.
    text_lines = ([owner] if _value_on_key_line(lines[owner - 1], indent) else []) + continued
    if len(text_lines) > 1 and any(_NUMBERED_ITEM.match(lines[n - 1]) for n in continued):
        found.append(_block_mistake("E029", owner, indent, lines, [owner, *continued], certain=True))


def _block_mistake(code: str, owner: int, indent: int, lines: list[str], members: list[int], certain: bool) -> Mistake:
    """Turn ``key: first line`` and the lines ``members`` into ``key: |`` with the lines indented."""
    head = lines[owner - 1]
    separator = _KEY_SEPARATOR.search(head, indent)
    assert separator is not None
    key_part = head[: separator.end()]
    first_text = head[separator.end() :].strip()
    body = ([first_text] if first_text else []) + [lines[n - 1].strip() for n in members[1:]]
    pad = " " * (indent + 2)
    repaired = (key_part + " |", *(pad + line for line in body))
    label = head[indent : separator.start()].strip().lstrip("- ").strip()
    return Mistake(
        code, owner, separator.start() + 1, {"label": label, "fixed": f"{label}: |"},
        Repair(owner, members[-1], repaired), certain,
    )  # fmt: skip


def _value_on_key_line(head: str, indent: int) -> bool:
    separator = _KEY_SEPARATOR.search(head, indent)
    return separator is not None and bool(split_comment(head[separator.end() :].strip())[0])


def _structural_line(raw: str, number: int, state: _State, found: list[Mistake]) -> None:
    leading = raw[: len(raw) - len(raw.lstrip(" \t" + WIDE_SPACES))]
    body = raw[len(leading) :]
    empty_key, state.empty_key = state.empty_key, None
    if empty_key is not None and _begins_plain_value(raw, body, empty_key[1]):
        # "年度总体目标:" then "  1.…" "  2.…": one plain value, folded into one paragraph by YAML.
        state.opens_child = False
        state.plain_owner, state.continuations = empty_key, [number]
        return
    if "\t" in leading:
        found.append(Mistake("E026", number, leading.index("\t") + 1, {}))
        return
    if any(char in WIDE_SPACES for char in leading):
        fixed = leading.replace("\u3000", "  ").replace("\u00a0", " ") + body
        column = next(i for i, char in enumerate(leading) if char in WIDE_SPACES) + 1
        found.append(
            Mistake("E022", number, column, {"where": "缩进", "fixed": fixed.strip()}, Repair(number, number, (fixed,)))
        )
        leading = leading.replace("\u3000", "  ").replace("\u00a0", " ")
        raw = fixed
    indent = len(leading)
    _check_indentation(raw, number, indent, body, state, found)
    offset = indent
    if body[:1] in CHINESE_DASHES and body[:1]:
        after = body[1:].lstrip(" " + WIDE_SPACES)
        fixed = leading + "- " + after
        found.append(
            Mistake(
                "E024", number, indent + 1, {"dash": body[0], "fixed": fixed.strip()}, Repair(number, number, (fixed,))
            )
        )
        raw, body = fixed, "- " + after
    if body.startswith("- ") or body == "-":
        offset = indent + 2
        body = body[2:]
        state.indents.append(offset) if not state.indents or state.indents[-1] < offset else None
    _key_and_value(raw, number, offset, body, state, found)


def _check_indentation(raw: str, number: int, indent: int, body: str, state: _State, found: list[Mistake]) -> None:
    """Keep the stack of open indentations; a line at none of them is misplaced (reported only when the
    parser fails, since YAML allows more than perfsheet's files use)."""
    indents = state.indents
    closed: list[int] = []
    if state.opens_child and indent > indents[-1]:
        indents.append(indent)
        state.opened_by[indent] = (state.opener, number)
    else:
        while indents and indents[-1] > indent:
            closed.append(indents.pop())
        if not indents or indents[-1] != indent:
            found.append(_misaligned(number, indent, closed, state))
            indents.append(indent)
    state.opens_child = False
    state.previous = (number, indent, tuple(closed))


def _misaligned(number: int, indent: int, closed: list[int], state: _State) -> Mistake:
    """A line at none of the open indentations. Which line moved is told by the structure: the line before
    that left a block this line goes on with was pulled left; a block whose first line stood deeper than
    the 2 spaces its key gives it was pushed right by that first line; otherwise this line is off."""
    lines = state.lines
    previous = state.previous
    if previous is not None and indent in previous[2] and indent in state.opened_by:
        moved, moved_indent, _closed = previous
        parent, _first = state.opened_by[indent]
        return _moved_key(lines, moved, moved_indent, indent, parent, number)
    if closed and closed[-1] in state.opened_by:
        parent, first = state.opened_by[closed[-1]]
        parent_indent = indent_of(lines[parent - 1])
        if indent == parent_indent + 2 and first != number:
            return _moved_key(lines, first, closed[-1], indent, parent, number)
        if parent_indent < indent:
            # Deeper than its block's key, off its siblings: this line moved.
            return _moved_key(lines, number, indent, closed[-1], parent, first)
    expected = state.indents[-1] if state.indents else 0
    return Mistake("E025", number, 1, {"spaces": indent, "expected": expected}, None, certain=False)


def _moved_key(lines: list[str], moved: int, spaces: int, expected: int, parent: int, sibling: int) -> Mistake:
    params = {
        "key": key_name(lines[moved - 1]),
        "parent": key_name(lines[parent - 1]),
        "sibling": key_name(lines[sibling - 1]),
        "spaces": spaces,
        "expected": expected,
    }
    return Mistake("E030", moved, 1, params, None, certain=False)


def _key_and_value(raw: str, number: int, offset: int, content: str, state: _State, found: list[Mistake]) -> None:
    content, comment = split_comment(content)
    if not content:
        return
    if content[0] in "\"'":
        if not closes_quote(content[1:], content[0]):
            state.quote = content[0]
        return
    if content[0] in "[{":
        state.flow = max(flow_balance(content), 0)
        return
    separator = _KEY_SEPARATOR.search(content)
    if separator is None:
        _missing_separator(raw, number, offset, content, comment, state, found)
        return
    state.pasted = None
    key = content[: separator.start()]
    value = content[separator.end() :].strip(" \t")
    value_column = (
        offset + separator.end() + (len(content[separator.end() :]) - len(content[separator.end() :].lstrip(" \t"))) + 1
    )
    if not value:
        state.opens_child = True
        state.opener = number
        state.empty_key = (number, indent_of(raw))
        return
    if _BLOCK_INDICATOR.fullmatch(value):
        state.block_owner = indent_of(raw)
        return
    head = raw[: value_column - 1]
    tail = raw[offset + len(content) :]
    if value.startswith((">=", "=>")):
        fixed = head + "≥" + value[2:] + tail
        found.append(reserved_value(number, value_column, value, fixed))
        return
    if value[0] in "[{":
        if flow_balance(value) != 0:
            state.flow = max(flow_balance(value), 0)
        return
    if value[0] in _RESERVED_START:
        found.append(reserved_value(number, value_column, value, head + quoted(value) + tail))
        return
    if value[0] in "\"'":
        if not closes_quote(value[1:], value[0]):
            state.quote = value[0]
        return
    if value[0] in WIDE_SPACES:
        return
    del key
    state.plain_owner = (number, indent_of(raw))


def _begins_plain_value(raw: str, body: str, owner_indent: int) -> bool:
    """Whether a line under an empty ``key:`` is text (the value's first line) rather than structure."""
    content = split_comment(body)[0].strip()
    return (
        indent_of(raw) > owner_indent
        and bool(content)
        and not content.startswith(("- ", "#", '"', "'", "[", "{", "|", ">"))
        and content != "-"
        # "当年财政拨款：100", "年度资金申请总额:\u3000450": a key mistyped (E020, E022); "1.开展活动：讲座": text.
        and (_NUMBERED_ITEM.match(content) is not None or not any(colon in content for colon in ":："))
    )


def _missing_separator(
    raw: str, number: int, offset: int, content: str, comment: str, state: _State, found: list[Mistake]
) -> None:
    """A line that should be ``key: value`` but has no ``: `` — which typing slip made it so."""
    tail = raw[offset + len(content) :]
    head = raw[:offset]
    wide_colon = content.find("：")
    if wide_colon > 0:
        after = content[wide_colon + 1 :].lstrip(" " + WIDE_SPACES)
        fixed = head + content[:wide_colon] + (": " + after if after else ":") + tail
        found.append(
            Mistake("E020", number, offset + wide_colon + 1, {"fixed": fixed.strip()}, Repair(number, number, (fixed,)))
        )
        return
    colon = content.find(":")
    if colon > 0:
        after = content[colon + 1 :]
        stripped = after.lstrip(WIDE_SPACES)
        fixed = head + content[:colon] + ": " + stripped + tail
        if stripped != after:
            found.append(
                Mistake(
                    "E022",
                    number,
                    offset + colon + 2,
                    {"where": "冒号后", "fixed": fixed.strip()},
                    Repair(number, number, (fixed,)),
                )
            )
        else:
            found.append(
                Mistake("E021", number, offset + colon + 1, {"fixed": fixed.strip()}, Repair(number, number, (fixed,)))
            )
        return
    if state.pasted is not None and indent_of(raw) <= state.pasted[1]:
        owner, indent, members = state.pasted
        members.append(number)
        found[:] = [m for m in found if not (m.code == "E028" and m.line == owner)]
        lines = state.lines
        found.append(_block_mistake("E028", owner, indent, lines, members, certain=False))
