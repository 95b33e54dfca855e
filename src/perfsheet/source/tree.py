"""The plain data of a YAML file, built from its parse events, with the position of every value and key.

Every scalar stays a string (no YAML 1.1 ``no`` → False or ``010`` → 8); duplicate keys, anchors,
aliases, tags, merge keys and extra documents become diagnostics instead of silent data loss. The loop
runs once per event of every file, so it is kept lean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from perfsheet.diagnostics import Diagnostic, Position, fill, from_catalogue, phrases
from perfsheet.source.decoding import forbidden_characters

MAX_DEPTH = 32
# What E011 names when a file uses an anchor (on a value or on a collection).
_ANCHOR = "锚点（&）"

PathKey = tuple[str | int, ...]
Data = dict[str, Any] | list[Any] | str | None


Mark = tuple[int, int]


@dataclass
class PositionIndex:
    """Where each value (and each mapping key) of a file starts, by its path from the root.

    Kept as plain (line, column) tuples: a file has hundreds of them and few are ever asked for.
    """

    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)

    def value(self, path: PathKey) -> Position:
        """The position of the value at ``path``, or of its nearest located ancestor."""
        while path:
            if path in self.values:
                return Position(*self.values[path])
            path = path[:-1]
        return Position(*self.values.get((), (1, 1)))

    def key(self, path: PathKey) -> Position:
        """The position of the key that names ``path`` (falls back to the value)."""
        if path in self.keys:
            return Position(*self.keys[path])
        return self.value(path)


@dataclass
class SourceFile:
    """One loaded YAML file: its plain data (strings, lists, dicts, None) and where everything is."""

    path: Path
    display: str
    data: Data
    positions: PositionIndex
    diagnostics: list[Diagnostic]
    text: str = ""
    # The whole file was read (as typed, or with its typing mistakes repaired in memory): the model can
    # check it, beside the diagnostics of the typing.
    complete: bool = False

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def mark_of(mark: Any) -> Mark:
    return (mark.line + 1, mark.column + 1)


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOCUMENT_START = yaml.DocumentStartEvent


class _Frame:
    """An open mapping or list while its events are read: its path, and for a mapping the key just read
    (waiting for its value) and where that key stood. Slots keep it as cheap as the list it replaced."""

    __slots__ = ("container", "path", "key", "key_mark", "is_list")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey) -> None:
        # Either kind; ``is_list`` says which, read once here instead of on every event.
        self.container: Any = container
        self.path = path
        self.is_list = type(container) is list
        self.key: str | None = None
        self.key_mark: Mark = (0, 0)


class TreeBuilder:
    """Turns a stream of parse events into plain data, collecting diagnostics as it goes.

    This loop runs once per event of every file, so it compares event types by identity and keeps
    positions as tuples.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.index = PositionIndex()
        self.problems: list[Diagnostic] = []
        self.root: Data = None
        # A plain value over several lines (a numbered goal folded into one paragraph, E029).
        self.folded_lines = False

    def problem(self, code: str, mark: Any, **params: Any) -> None:
        self.problems.append(from_catalogue(code, self.display, Position(*mark_of(mark)), **params))

    def build(self, events: Any) -> Data:
        values, keys = self.index.values, self.index.keys
        # An explicit stack of frames, so that deep nesting cannot exhaust Python's recursion limit.
        stack: list[_Frame] = []
        frame: _Frame | None = None  # the innermost open container (stack[-1])
        documents = 0
        for event in events:
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor is not None:
                    self.problem("E011", event.start_mark, what=_ANCHOR)
                    return self.root
                if event.tag is not None and not self._tag_ok(event):
                    return self.root
                style = event.style
                mark = event.start_mark
                if not style:
                    if event.end_mark.line != mark.line:
                        self.folded_lines = True
                elif style == '"' and self._escaped_characters(event):
                    return self.root
                # An empty plain scalar (``key:`` with nothing after it) is a blank cell; anything else is text.
                value: Any = None if (not style and event.value == "") else event.value
                if frame is None:
                    self.root = value
                    values[()] = (mark.line + 1, mark.column + 1)
                    continue
                container = frame.container
                if frame.is_list:
                    path = (*frame.path, len(container))
                    container.append(value)
                elif frame.key is None:
                    # This scalar is a key.
                    key = "" if value is None else value
                    if key == "<<" and not style:
                        self.problem("E011", mark, what="合并键（<<）")
                        return self.root
                    if key in container:
                        first = keys.get((*frame.path, key), (0, 0))
                        self.problem("E010", mark, key=key, first_line=first[0])
                        return self.root
                    frame.key = key
                    frame.key_mark = (mark.line + 1, mark.column + 1)
                    continue
                else:
                    # The value of the key just read, attached in place (this is the hottest line of a load).
                    path = (*frame.path, frame.key)
                    container[frame.key] = value
                    keys[path] = frame.key_mark
                    frame.key = None
                values[path] = (mark.line + 1, mark.column + 1)
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None:
                    self.problem("E011", event.start_mark, what=_ANCHOR)
                    return self.root
                if event.tag is not None and not self._tag_ok(event):
                    return self.root
                container = {} if kind is _MAPPING_START else []
                if frame is None:
                    self.root = container
                    path = ()
                else:
                    if frame.key is None and not frame.is_list:
                        self.problem("E014", event.start_mark)
                        return self.root
                    path = self._attach(frame, container, keys)
                values[path] = mark_of(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    self.problem("E013", event.start_mark, depth=MAX_DEPTH)
                    return self.root
                frame = _Frame(container, path)
                stack.append(frame)
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
                frame = stack[-1] if stack else None
            elif kind is _ALIAS:
                self.problem("E011", event.start_mark, what="别名（*）")
                return self.root
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    self.problem("E012", event.start_mark)
                    return self.root
        return self.root

    @staticmethod
    def _attach(frame: _Frame, value: Any, keys: dict[PathKey, Mark]) -> PathKey:
        """Put ``value`` into the open container and return its path."""
        container, parent_path = frame.container, frame.path
        if frame.is_list:
            path = (*parent_path, len(container))
            container.append(value)
            return path
        key = frame.key
        assert key is not None  # a mapping's value always follows its key
        path = (*parent_path, key)
        container[key] = value
        keys[path] = frame.key_mark
        frame.key = None
        return path

    def _escaped_characters(self, event: Any) -> bool:
        """A double-quoted value can write any character as an escape (``"\\x07"``, ``"\\uFFFE"``):
        those the raw file may not hold are refused here too, where they were typed."""
        found = forbidden_characters(event.value)
        for code, _index, char in found:
            self.problem(code, event.start_mark, char=char)
        return bool(found)

    def _tag_ok(self, event: Any) -> bool:
        implicit = event.implicit
        explicit = (not any(implicit)) if isinstance(implicit, tuple) else not implicit
        if explicit and event.tag != "!":
            self.problem("E011", event.start_mark, what=fill(phrases().yaml_tag, tag=event.tag))
            return False
        return True
