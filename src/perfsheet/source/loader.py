"""A safe YAML loader that keeps every value's position and refuses what would lose data.

The tree is built from libyaml's parse events (pure-Python PyYAML where libyaml is missing), not through
PyYAML's constructors: every scalar stays a string (no YAML 1.1 ``no`` → False or ``010`` → 8), and
duplicate keys, anchors, aliases, tags, merge keys and extra documents become diagnostics instead of
silent data loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from perfsheet.diagnostics import Diagnostic, Position, make
from perfsheet.source.text import MAX_FILE_BYTES, decode

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32

PathKey = tuple[str | int, ...]
Data = dict[str, Any] | list[Any] | str | None


@dataclass
class PositionIndex:
    """Where each value (and each mapping key) of a file starts, by its path from the root."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def value(self, path: PathKey) -> Position:
        """The position of the value at ``path``, or of its nearest located ancestor."""
        return self._nearest(self.values, path)

    def key(self, path: PathKey) -> Position:
        """The position of the key that names ``path`` (falls back to the value)."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)

    def _nearest(self, table: dict[PathKey, Position], path: PathKey) -> Position:
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get((), Position(1, 1))


@dataclass
class SourceFile:
    """One loaded YAML file: its plain data (strings, lists, dicts, None) and where everything is."""

    path: Path
    display: str
    data: Data
    positions: PositionIndex
    diagnostics: list[Diagnostic]
    text: str = ""

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a stream of parse events into plain data, collecting diagnostics as it goes."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.index = PositionIndex()
        self.problems: list[Diagnostic] = []
        self.root: Data = None

    def problem(self, code: str, mark: Any, **params: Any) -> None:
        self.problems.append(make(code, self.display, _pos(mark), **params))

    def build(self, events: Any) -> Data:
        # Each frame: [container, path, pending key or None, key mark]; an explicit stack, so that deep
        # nesting cannot exhaust Python's recursion limit.
        stack: list[list[Any]] = []
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem("E012", event.start_mark)
                    return self.root
                continue
            if isinstance(event, yaml.AliasEvent):
                self.problem("E011", event.start_mark, what="别名（*）")
                return self.root
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.anchor is not None:
                    self.problem("E011", event.start_mark, what="锚点（&）")
                    return self.root
                if not self._tag_ok(event):
                    return self.root
                if isinstance(event, yaml.ScalarEvent):
                    value: Any = self._scalar(event)
                    if self._place(stack, value, event) is False:
                        return self.root
                    continue
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._place(stack, container, event)
                if path is False:
                    return self.root
                if len(stack) >= MAX_DEPTH:
                    self.problem("E013", event.start_mark, depth=MAX_DEPTH)
                    return self.root
                stack.append([container, path, None, None])
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
        return self.root

    def _tag_ok(self, event: Any) -> bool:
        implicit = event.implicit
        explicit = (not any(implicit)) if isinstance(implicit, tuple) else not implicit
        if event.tag is not None and explicit and event.tag != "!":
            self.problem("E011", event.start_mark, what=f"标签 {event.tag}")
            return False
        return True

    @staticmethod
    def _scalar(event: Any) -> str | None:
        # An empty plain scalar (``key:`` with nothing after it) is a blank cell; anything else is text.
        if event.value == "" and not event.style:
            return None
        return str(event.value)

    def _place(self, stack: list[list[Any]], value: Any, event: Any) -> PathKey | bool:
        """Attach ``value`` to the open container; returns its path, or False on a fatal problem."""
        if not stack:
            self.root = value
            self.index.values[()] = _pos(event.start_mark)
            return ()
        frame = stack[-1]
        container, parent_path = frame[0], frame[1]
        if isinstance(container, list):
            path = (*parent_path, len(container))
            container.append(value)
            self.index.values[path] = _pos(event.start_mark)
            return path
        if frame[2] is None:
            # This event is a key.
            if not isinstance(value, str) and value is not None:
                self.problem("E014", event.start_mark)
                return False
            key = "" if value is None else value
            if key == "<<" and not event.style:
                self.problem("E011", event.start_mark, what="合并键（<<）")
                return False
            if key in container:
                first = self.index.keys.get((*parent_path, key), Position(0, 0))
                self.problem("E010", event.start_mark, key=key, first_line=first.line)
                return False
            frame[2] = key
            frame[3] = _pos(event.start_mark)
            return (*parent_path, key)
        key = frame[2]
        path = (*parent_path, key)
        container[key] = value
        self.index.keys[path] = frame[3]
        self.index.values[path] = _pos(event.start_mark)
        frame[2] = None
        return path


def load_text(text: str, display: str, path: Path | None = None) -> SourceFile:
    """Parse already decoded YAML text."""
    builder = _Builder(display)
    data: Data = None
    try:
        data = builder.build(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        position = _pos(mark) if mark is not None else Position(1, 1)
        builder.problems.append(make("E009", display, position, problem=problem))
    except yaml.YAMLError as exc:
        builder.problems.append(make("E009", display, Position(1, 1), problem=str(exc)))
    return SourceFile(
        path=path or Path(display),
        display=display,
        data=data,
        positions=builder.index,
        diagnostics=builder.problems,
        text=text,
    )


def load_file(path: Path, display: str | None = None) -> SourceFile:
    """Read, decode and parse one YAML file; problems come back as diagnostics, never exceptions."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceFile(
                path,
                shown,
                None,
                PositionIndex(),
                [make("E001", shown, None, size=size, limit=MAX_FILE_BYTES)],
            )
        raw = path.read_bytes()
    except OSError as exc:
        return SourceFile(path, shown, None, PositionIndex(), [make("E008", shown, None, reason=exc.strerror)])
    decoded = decode(raw, shown)
    if not decoded.ok:
        return SourceFile(path, shown, None, PositionIndex(), decoded.diagnostics)
    return load_text(decoded.text, shown, path)
