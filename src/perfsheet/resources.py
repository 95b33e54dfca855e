"""Where the data folders live: beside the package in a wheel, at the repository root in a checkout.

Labels, messages, vocabularies and fonts are data under ``templates/`` and ``schemas/`` so that a change
of wording is not a change of code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates`` or ``schemas``), installed or in the source tree."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"perfsheet data folder {name!r} is missing from the installation")


class DataModel(BaseModel):
    """A data file's model: frozen (the cached data is shared), strict about unknown keys (a typo in
    the file is an error), fields named in English and labelled in the file's Chinese by alias."""

    # Built when first read, not when defined: a command pays only for the data files it uses.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class DataFileError(Exception):
    """One of perfsheet's own data files does not match its model (a broken installation or an edit
    gone wrong): the message names the file, the line and the field."""


M = TypeVar("M", bound=BaseModel)


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


def load_model(folder: str, filename: str, model: type[M]) -> M:
    """Read one of perfsheet's data files into its (frozen) model; a typo is a located error naming the
    file, raised when the file is first needed, not a KeyError in the middle of a build."""
    where = f"{folder}/{filename}"
    try:
        node = yaml.compose((data_dir(folder) / filename).read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataFileError(f"{where}:{line}:{column}: {exc.problem}") from None
    keys: KeyPositions = {}
    data = None if node is None else _plain(node, where, (), keys)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A misspelt key is both unknown and a missing field: name the key that was typed.
        error = min(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        location = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        while location and location not in keys:
            location = location[:-1]
        line, column = keys.get(location, (1, 1))
        field = ".".join(str(part) for part in error["loc"])
        raise DataFileError(f"{where}:{line}:{column}: {field}: {error['msg']}") from None
