"""Stage 2, model: plain data with positions → pydantic models, errors → located diagnostics."""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from perfsheet.diagnostics import Diagnostic, catalogue, closest, did_you_mean, fill, from_catalogue, listing, phrases
from perfsheet.model import labels
from perfsheet.model.framework import framework
from perfsheet.model.values import suggest_canonical
from perfsheet.model.vocabulary import vocabulary
from perfsheet.source import PathKey, SourceFile

M = TypeVar("M", bound=BaseModel)

# pydantic error types → catalogue codes, for errors that are not already our own codes.
_TYPE_CODES = {
    "missing": "E101",
    "extra_forbidden": "E102",
    "dict_type": "E103",
    "model_type": "E103",
    "model_attributes_type": "E103",
    "dataclass_type": "E103",
    "list_type": "E104",
    "string_type": "E105",
    "bool_parsing": "E106",
    "bool_type": "E106",
}


def validated(source: SourceFile, model: type[M], year: int | None = None) -> tuple[M | None, list[Diagnostic]]:
    """Validate a loaded file against ``model``; every problem comes back located. ``year`` (the
    collection's) is what examples in hints use."""
    if source.data is None:
        return None, [from_catalogue("E108", source.display, source.positions.value(()))]
    if not isinstance(source.data, dict):
        return None, [from_catalogue("E107", source.display, source.positions.value(()))]
    known = _top_keys(model)
    if source.data and not any(key in known for key in source.data):
        # Another tool's YAML (a pre-commit config, a dependabot file): one message, not one per key.
        first = next(iter(source.data))
        return None, [
            from_catalogue("E109", source.display, source.positions.key((first,)), key=first, expected=known[0])
        ]
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    example_year = year or date.today().year + 1
    found: list[Diagnostic] = []
    # Keys that belong under an empty key above them (年度资金: with its amounts not indented) and
    # misspelt keys (项目明称) are one finding each, not that plus the other key reported missing.
    unindented: dict[PathKey, str] = {}
    for error in errors:
        path = _path(error["loc"])
        if error["type"] == "extra_forbidden" and (owner := _empty_owner(source.data, model, path)) is not None:
            unindented[path] = owner
            found.append(from_catalogue("E111", source.display, source.positions.key(path), key=path[-1], owner=owner))
    meant = {(path[:-1], owner) for path, owner in unindented.items()}
    meant |= {
        (path[:-1], close)
        for error in errors
        if error["type"] == "extra_forbidden"
        for path in [_path(error["loc"])]
        if path not in unindented and (close := _closest(model, path)) is not None
    }
    for error in errors:
        path = _path(error["loc"])
        if path in unindented or (error["type"] != "extra_forbidden" and (path[:-1], path[-1]) in meant):
            continue
        found.append(_diagnostic(source, model, error, example_year))
    return None, found


# How many rounds of lifting: each round lifts every error pydantic reported; an error that only shows
# once another is lifted (a model validator after the fields) needs a second.
_LIFT_ROUNDS = 3


def lifted(
    source: SourceFile, model: type[M], replacement: Callable[[PathKey, Any], Any]
) -> tuple[M | None, frozenset[PathKey]]:
    """The model of a file that did not validate, each failing value replaced by ``replacement(path,
    input)`` (None: that error cannot be lifted, no model), with the paths replaced: what the review
    reads of a form whose errors are reported already."""
    data = copy.deepcopy(source.data)
    done: set[PathKey] = set()
    for _round in range(_LIFT_ROUNDS):
        try:
            return model.model_validate(data), frozenset(done)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        for error in errors:
            path = _path(error["loc"])
            value = replacement(path, error.get("input"))
            if value is None or path in done or not _replace(data, path, value):
                return None, frozenset()
            done.add(path)
    return None, frozenset()


def _replace(data: Any, path: PathKey, value: Any) -> bool:
    """Put ``value`` at ``path`` of the plain data (a short-form indicator's 指标值 is its one value)."""
    parent = _data_at(data, path[:-1])
    if isinstance(parent, dict):
        key = path[-1]
        if key not in parent and len(parent) == 1 and key == labels.INDICATOR_VALUE:
            (key,) = parent
        parent[key] = value
        return True
    if isinstance(parent, list) and isinstance(path[-1], int) and 0 <= path[-1] < len(parent):
        parent[path[-1]] = value
        return True
    return False


def _empty_owner(data: Any, model: type[BaseModel], path: PathKey) -> str | None:
    """For an unknown key: the empty key above it in the same mapping that it belongs under, if any."""
    mapping = _data_at(data, path[:-1])
    if not isinstance(mapping, dict) or not path:
        return None
    keys = list(mapping)
    position = keys.index(path[-1]) if path[-1] in keys else -1
    for earlier in reversed(keys[:position]):
        if mapping[earlier] is None:
            return str(earlier) if path[-1] in allowed_keys(model, (*path[:-1], earlier)) else None
    return None


def _label(loc: PathKey) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "文件"


def _path(loc: tuple[int | str, ...]) -> PathKey:
    # pydantic adds "[key]" after a dict key that failed as a key; the YAML path stops at the key.
    return tuple(part for part in loc if part != "[key]")


def _located_path(source: SourceFile, path: PathKey) -> PathKey:
    """Map a model path onto the YAML: ``(…, i, 指标值)`` of a short-form indicator is ``(…, i, 名称)``."""
    # Only a list item (an indicator) has a short form: a missing key elsewhere stays where it belongs.
    if path in source.positions.values or len(path) < 2 or not isinstance(path[-2], int):
        return path
    parent = _data_at(source.data, path[:-1])
    if isinstance(parent, dict) and len(parent) == 1 and path[-1] not in parent:
        (only_key,) = parent
        if path[-1] == labels.INDICATOR_NAME:
            return path[:-1]
        return (*path[:-1], only_key)
    return path


def _data_at(data: Any, path: PathKey) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _diagnostic(source: SourceFile, model: type[BaseModel], error: ErrorDetails, year: int) -> Diagnostic:
    path = _located_path(source, _path(error["loc"]))
    kind = error["type"]
    params: dict[str, Any] = dict(error.get("ctx") or {})
    label = _label(path)
    if kind in catalogue():
        code = kind
    elif error.get("input", "") is None and kind not in ("missing", "extra_forbidden"):
        code = "E101"
    else:
        code = _TYPE_CODES.get(kind, "E100")
    if code == "E101" and kind == "missing":
        # Point at the mapping that lacks the key, where the key would have to be added.
        position = source.positions.key(path[:-1]) if path[:-1] else source.positions.value(())
    elif code == "E102":
        position = source.positions.key(path)
    else:
        position = source.positions.value(path)
    hint = None
    if code == "E102":
        hint = _did_you_mean(model, path)
    elif code == "E103" and len(path) == 2 and path[0] == labels.INDICATORS and isinstance(error.get("input"), list):
        hint = _level2_first(str(path[1]))
    params.setdefault("value", "" if error.get("input") is None else str(error.get("input"))[:40])
    params.setdefault("name", _indicator_name(source.data, path))
    if code == "E131" and isinstance(error.get("input"), str):
        params["fixed"] = _placed_suggestion(error["input"], path, params["name"])
    params.setdefault("year", year)
    return from_catalogue(
        code, source.display, position, hint=hint, label=label, key=label, detail=error["msg"], **params
    )


def _level2_first(level1: str) -> str:
    """A list typed straight under a 一级指标 (``满意度:`` then ``- …``): the 二级 that goes between, and
    the 一级 meant when this one is not in the framework."""
    levels = framework().levels
    meant = level1 if level1 in levels else closest(level1, list(levels), cutoff=0.4)
    if meant is None:
        return fill(phrases().level1_choices, names=listing(list(levels)))
    guess = "" if meant == level1 else fill(phrases().did_you_mean, name=meant)
    choices = levels[meant]
    return guess + fill(phrases().list_under_level1, level1=meant, level2=choices[0], choices=listing(list(choices)))


def _placed_suggestion(value: str, path: PathKey, name: str) -> str:
    """E131's spelling for a number without comparator, read where it stands: under the cost 一级 an
    upper bound, or exact for a fixed standard (生均公用经费 780元/生/年)."""
    words = vocabulary()
    if len(path) > 1 and path[0] == labels.INDICATORS and path[1] == framework().cost:
        standard = any(word in name for word in words.standard_words)
        return suggest_canonical(value, cost=words.money_unit, fixed_standard=standard)
    return suggest_canonical(value)


def _indicator_name(data: Any, path: PathKey) -> str:
    """The 三级指标 a value error belongs to: the short form's key, or the expanded form's 名称."""
    item = _data_at(data, path[:-1])
    if isinstance(item, dict):
        if isinstance(item.get(labels.INDICATOR_NAME), str):
            return str(item[labels.INDICATOR_NAME])
        if len(item) == 1:
            return str(next(iter(item)))
    return _label(path)


def _closest(model: type[BaseModel], path: PathKey) -> str | None:
    """The allowed key a misspelt one was most likely meant as."""
    return closest(str(path[-1]), allowed_keys(model, path[:-1]), cutoff=0.4)


def _did_you_mean(model: type[BaseModel], path: PathKey) -> str | None:
    allowed = allowed_keys(model, path[:-1])
    if not allowed:
        return None
    close = _closest(model, path)
    guess = did_you_mean(close) if close else ""
    return guess + fill(phrases().allowed_keys, keys=listing(allowed))


@cache
def _top_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys at the top of a file of ``model``, looked up once (every file is checked against them)."""
    return tuple(allowed_keys(model, ()))


def allowed_keys(model: type[BaseModel], path: PathKey) -> list[str]:
    """The keys a mapping at ``path`` may hold, following the model's annotations."""
    current: Any = model
    for part in path:
        current = _unwrap_optional(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for f in current.model_fields.values() if f.alias == part), None)
            if field is None:
                return []
            current = field.annotation
            continue
        origin = typing.get_origin(current)
        if origin in (list, dict):
            current = typing.get_args(current)[-1]
            continue
        return []
    current = _unwrap_optional(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap_optional(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _unwrap_optional(options[0])
    return annotation
