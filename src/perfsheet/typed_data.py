"""perfsheet's data files read into typed, frozen pydantic models (``DataModel``): a typo in a file is a
located error naming the file, the line and the field, raised when the file is first needed."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from perfsheet.resources import DataFileError, read_data


class DataModel(BaseModel):
    """A data file's model: frozen (the cached data is shared), strict about unknown keys (a typo in
    the file is an error), fields named in English and labelled in the file's Chinese by alias."""

    # Built when first read, not when defined: a command pays only for the data files it uses.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


M = TypeVar("M", bound=BaseModel)


def load_model(folder: str, filename: str, model: type[M]) -> M:
    """Read one of perfsheet's data files into its (frozen) model; a typo is a located error naming the
    file, raised when the file is first needed, not a KeyError in the middle of a build."""
    where = f"{folder}/{filename}"
    data, keys = read_data(folder, filename)
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
