"""The field types of the models: text as the form shows it, money in 元, dates, years, flags and
target values, each turning the loader's strings into typed values or raising a catalogue code; and the
strict base model every form model derives from."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError

from perfsheet.model.values import (
    CENT,
    DATE_PATTERN,
    MAX_MONEY,
    MONEY_PATTERN,
    TargetValue,
    ValueProblem,
    format_date,
    format_money,
    parse_date,
    parse_money,
    parse_target,
)


def _custom(problem: ValueProblem) -> PydanticCustomError:
    return PydanticCustomError(problem.code, problem.code, problem.params)


def _money(value: Any) -> Any:
    if isinstance(value, Decimal):
        if value < 0 or value != value.quantize(CENT) or value >= MAX_MONEY:
            raise PydanticCustomError("E120", "E120", {"value": str(value)})
        return value.quantize(CENT)
    return _parse_text(value, parse_money)


def _date(value: Any) -> Any:
    return _parse_text(value, parse_date)


def _parse_text(value: Any, parse: Callable[[str], Any]) -> Any:
    """Text from the YAML goes through its grammar; a value built in code passes on to pydantic."""
    if isinstance(value, str):
        try:
            return parse(value)
        except ValueProblem as problem:
            raise _custom(problem) from None
    return value


def _text(value: Any) -> Any:
    """Text as the form shows it: white space around it is not part of it (a cell never shows it)."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise PydanticCustomError("E101", "E101", {})
    return value


# 「2027」「2027年」「2027 年度」 (the editors' schema uses the same pattern).
YEAR_PATTERN = r"^[ \t]*(20[0-9]{2}|2100)[ \t]*(?:年度|年)?[ \t]*$"
_YEAR = re.compile(YEAR_PATTERN)


def _year(value: Any) -> Any:
    match = _YEAR.fullmatch(str(value))
    if match is None:
        raise PydanticCustomError("E150", "E150", {"value": str(value).strip()})
    return int(match.group(1))


# How 定性 may be written besides true/false (compared in lower case).
TRUE_WORDS = ("true", "是", "yes")
FALSE_WORDS = ("false", "否", "no")
FLAG_WORDS = (*TRUE_WORDS, *FALSE_WORDS)


def _flag(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise PydanticCustomError("E106", "E106", {"value": value})
    return value


def is_true_flag(value: Any) -> bool:
    """Whether a 定性 as written reads as true: a word of ``TRUE_WORDS``, or true (1) given in code."""
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    return isinstance(value, (int, float)) and value == 1


def _target(value: Any) -> TargetValue:
    """A 指标值 read by its grammar. One marked 定性 arrives already kept as written (``Indicator``'s
    model validator): this validator needs no other field, which would cost every indicator a lookup."""
    if isinstance(value, TargetValue):
        return value
    if value is None:
        raise PydanticCustomError("E130", "E130", {"value": ""})
    if not isinstance(value, str):
        raise PydanticCustomError("E105", "E105", {})
    try:
        return parse_target(value)
    except ValueProblem as problem:
        raise _custom(problem) from None


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    PlainSerializer(format_money, return_type=str),
    # An editor reads 450000 as a number: the same amounts as numbers (at most two decimals, below a trillion).
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "pattern": MONEY_PATTERN,
            "minimum": 0,
            "exclusiveMaximum": int(MAX_MONEY),
            "multipleOf": 0.01,
        }
    ),
]
# The sources of money, one list for every model that splits an amount by source (the 年度资金 declared,
# the 自评's 全年预算数 and 全年执行数): each label and description is written here once.
FiscalFunds = Annotated[Money | None, Field(alias="当年财政拨款", description="当年财政拨款（元）")]
CarriedOverFunds = Annotated[Money | None, Field(alias="上年结转资金", description="上年结转资金（元）")]
OtherFunds = Annotated[Money | None, Field(alias="其他资金", description="其他资金（元）")]
Date = Annotated[
    date,
    BeforeValidator(_date),
    PlainSerializer(format_date, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN}),
]
Text = Annotated[str, BeforeValidator(_text)]
Year = Annotated[
    int,
    BeforeValidator(_year),
    WithJsonSchema({"type": ["integer", "string"], "pattern": YEAR_PATTERN, "minimum": 2000, "maximum": 2100}),
]
Flag = Annotated[bool, BeforeValidator(_flag)]
Target = Annotated[
    TargetValue,
    PlainValidator(_target, json_schema_input_type=str),
    PlainSerializer(str, return_type=str),
]


class LazySchema:
    """An editor's JSON Schema for a field, made by ``build`` when a schema is written, not when the
    model is defined: a word list read from a data file costs a command that writes no schema nothing."""

    def __init__(self, build: Callable[[], dict[str, Any]]) -> None:
        self._build = build

    def __get_pydantic_json_schema__(self, _core_schema: Any, _handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return self._build()


class StrictModel(BaseModel):
    """Unknown keys are errors (a typo must never be silently ignored); labels are the aliases."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
