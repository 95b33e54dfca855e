"""Where the data folders live: beside the package in a wheel, at the repository root in a checkout.

Labels, messages, vocabularies and fonts are data under ``templates/`` and ``schemas/`` so that a change
of wording is not a change of code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

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

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class DataFileError(Exception):
    """One of perfsheet's own data files does not match its model (a broken installation or an edit
    gone wrong): the message names the file, the line and the field."""


M = TypeVar("M", bound=BaseModel)


def load_model(folder: str, filename: str, model: type[M]) -> M:
    """Read one of perfsheet's data files into its (frozen) model; a typo is a located error naming the
    file, raised when the file is first needed, not a KeyError in the middle of a build."""
    from perfsheet.source import load_text

    path = data_dir(folder) / filename
    source = load_text(path.read_text(encoding="utf-8"), f"{folder}/{filename}", path, typing=False)
    if not source.ok:
        first = source.diagnostics[0]
        raise DataFileError(f"{first.file}:{first.line}:{first.column}: {first.message}")
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        # A misspelt key is both unknown and a missing field: name the key that was typed.
        error = min(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        location = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        position = source.positions.key(location)
        field = ".".join(str(part) for part in location)
        raise DataFileError(f"{folder}/{filename}:{position.line}:{position.column}: {field}: {error['msg']}") from None
