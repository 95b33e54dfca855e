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


def _plain(node: yaml.Node, where: str, path: tuple[str | int, ...], keys: KeyPositions) -> Any:
    """A data file's node tree as plain data, the way project files are read: every scalar a string (no
    YAML 1.1 ``no`` → False), an empty value None, a repeated key an error rather than a lost entry.

    The project loader (``source``) reports the same things as the officer's diagnostics; perfsheet's own
    files are read here so that the catalogue of those diagnostics does not need itself to be loaded."""
    if isinstance(node, yaml.ScalarNode):
        return None if (node.value == "" and not node.style) else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, where, (*path, index), keys) for index, item in enumerate(node.value)]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key in mapping:
            raise DataFileError(f"{where}:{at[0]}:{at[1]}: {key}: repeated key")
        keys[(*path, key)] = at
        mapping[key] = _plain(value_node, where, (*path, key), keys)
    return mapping


def read_data(folder: str, filename: str) -> tuple[Any, KeyPositions]:
    """One of perfsheet's data files as plain data (every scalar a string), with each key's position."""
    where = f"{folder}/{filename}"
    try:
        node = yaml.compose((data_dir(folder) / filename).read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataFileError(f"{where}:{line}:{column}: {exc.problem}") from None
    keys: KeyPositions = {}
    return (None if node is None else _plain(node, where, (), keys)), keys


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
