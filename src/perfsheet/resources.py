"""Where the data folders live (beside the package in a wheel, at the repository root in a checkout), and
how perfsheet reads its own data files: plain data with each key's line, a flat table of words into a
dataclass. Typed models of the richer files are :mod:`perfsheet.typed_data`.

Labels, messages, vocabularies and fonts are data under ``templates/`` and ``schemas/`` so that a change
of wording is not a change of code. This module imports no pydantic: the command line's own words are read
through it, so that ``perfsheet --help`` does not pay for building models.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates`` or ``schemas``), installed or in the source tree."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"perfsheet data folder {name!r} is missing from the installation")


class DataFileError(Exception):
    """One of perfsheet's own data files does not match its model (a broken installation or an edit
    gone wrong): the message names the file, the line and the field."""


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where each mapping key of a data file stands, by its path from the root (line and column, 1-based).
KeyPositions = dict[tuple[str | int, ...], tuple[int, int]]


def _plain(loader: Any, where: str) -> tuple[Any, KeyPositions]:
    """A data file's parse events as plain data, the way project files are read: every scalar a string (no
    YAML 1.1 ``no`` → False), an empty value None, a repeated key an error rather than a lost entry.

    Read from the events, not through PyYAML's composer, which would resolve every scalar's type only for
    it to be thrown away (half the time of reading the message catalogue at each start). The project loader
    (``source``) reports the same things as the officer's diagnostics; perfsheet's own files are read here
    so that the catalogue of those diagnostics does not need itself to be loaded."""
    keys: KeyPositions = {}
    root: Any = None
    # The open collections: (container, its path, the key waiting for its value).
    stack: list[list[Any]] = []
    documents = 0
    for event in iter(loader.get_event, None):
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            if getattr(event, "anchor", None) is not None:
                raise DataFileError(f"{where}:{mark.line + 1}:{mark.column + 1}: anchors are not used in data files")
            if kind is yaml.ScalarEvent:
                value: Any = None if (event.value == "" and not event.style) else event.value
            else:
                value = {} if kind is yaml.MappingStartEvent else []
            if not stack:
                root = value
                path: tuple[str | int, ...] = ()
            else:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    path = (*frame[1], len(container))
                    container.append(value)
                elif frame[2] is None:
                    key = "" if value is None else value
                    if not isinstance(key, str):
                        raise DataFileError(f"{where}:{mark.line + 1}:{mark.column + 1}: a key must be text")
                    if key in container:
                        raise DataFileError(f"{where}:{mark.line + 1}:{mark.column + 1}: {key}: repeated key")
                    keys[(*frame[1], key)] = (mark.line + 1, mark.column + 1)
                    frame[2] = key
                    continue
                else:
                    path = (*frame[1], frame[2])
                    container[frame[2]] = value
                    frame[2] = None
            if kind is not yaml.ScalarEvent:
                stack.append([value, path, None])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            raise DataFileError(f"{where}:{mark.line + 1}:{mark.column + 1}: aliases are not used in data files")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:  # a second document would silently replace the first
                mark = event.start_mark
                raise DataFileError(f"{where}:{mark.line + 1}:{mark.column + 1}: one document expected")
    return root, keys


def read_data(folder: str, filename: str) -> tuple[Any, KeyPositions]:
    """One of perfsheet's data files as plain data (every scalar a string), with each key's position."""
    where = f"{folder}/{filename}"
    loader = _Loader((data_dir(folder) / filename).read_text(encoding="utf-8"))
    try:
        return _plain(loader, where)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataFileError(f"{where}:{line}:{column}: {exc.problem}") from None
    except yaml.YAMLError as exc:  # a character YAML does not allow (the reader's error has no mark)
        raise DataFileError(f"{where}:1:1: {exc}") from None
    finally:
        loader.dispose()


T = TypeVar("T")


def load_table(folder: str, filename: str, table: type[T]) -> T:
    """A flat data file (Chinese keys, text or text → text values) into the frozen dataclass ``table``,
    whose fields name their key in ``metadata["alias"]``: a missing, unknown or mistyped key is a
    located error, as for :func:`perfsheet.typed_data.load_model`."""
    where = f"{folder}/{filename}"
    data, keys = read_data(folder, filename)
    if not isinstance(data, dict):
        raise DataFileError(f"{where}:1:1: a mapping of words is expected")
    hints = typing.get_type_hints(table)
    values: dict[str, Any] = {}
    for entry in dataclasses.fields(table):  # type: ignore[arg-type]
        alias = entry.metadata["alias"]
        if alias not in data:
            raise DataFileError(f"{where}:1:1: {alias}: missing")
        value = data.pop(alias)
        line, column = keys[(alias,)]
        wants_mapping = hints[entry.name] is not str
        if wants_mapping:
            fits = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        else:
            fits = isinstance(value, str)
        if not fits:
            expected = "a mapping of text" if wants_mapping else "text"
            raise DataFileError(f"{where}:{line}:{column}: {alias}: {expected} expected")
        values[entry.name] = value
    for unknown in data:
        line, column = keys[(unknown,)]
        raise DataFileError(f"{where}:{line}:{column}: {unknown}: unknown key")
    return table(**values)
