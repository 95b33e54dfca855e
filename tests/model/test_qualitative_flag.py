"""定性 decides how an indicator's 指标值 is read: marked true, the text is kept as written (digits and
all); false, absent or unreadable, the value follows the target grammar. The model reads the flag before
the value's own validator runs (so that validator needs no other field): every way of writing the flag
must read the value exactly as the grammar says for that flag."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from perfsheet.model import Indicator, Qualitative, labels, parse_target
from perfsheet.model.values import ValueProblem

FLAGS: list[Any] = ["true", "是", " YES ", "True", "false", "否", "no", "也许", "", True, False, 1, 0, 1.0]
VALUES = ["达到 3 场", "≥3.00(场)", " 及时 ", "2026年底前", "3 场", "  ", ""]


def _marked(flag: Any) -> bool:
    """How the model reads the flag as a field of its own (beside a value any reading accepts); a flag
    that cannot be read (E106) marks nothing."""
    data = {labels.INDICATOR_NAME: "指标", labels.QUALITATIVE: flag, labels.INDICATOR_VALUE: "及时"}
    try:
        return bool(Indicator.model_validate(data).qualitative)
    except ValidationError:
        return False


def _expected(flag: Any, text: str) -> object:
    """What the grammar makes of ``text`` under ``flag``: a value, or the code of its error."""
    try:
        return parse_target(text, qualitative=_marked(flag))
    except ValueProblem as problem:
        return problem.code


def _read(flag: Any, text: str) -> object:
    data = {labels.INDICATOR_NAME: "指标", labels.QUALITATIVE: flag, labels.INDICATOR_VALUE: text}
    try:
        return Indicator.model_validate(data).value
    except ValidationError as exc:
        # The value's own error, if any (a flag that cannot be read is its own error, E106).
        codes = [e["type"] for e in exc.errors() if e["loc"] == (labels.INDICATOR_VALUE,)]
        return codes[0] if codes else "valid value"


@pytest.mark.parametrize("flag", FLAGS, ids=repr)
@pytest.mark.parametrize("text", VALUES, ids=repr)
def test_the_value_is_read_as_its_flag_says(flag: Any, text: str) -> None:
    expected = _expected(flag, text)
    found = _read(flag, text)
    if found == "valid value":  # the flag failed, the value did not
        assert not isinstance(expected, str), (flag, text, expected)
    else:
        assert found == expected, (flag, text)


def test_a_marked_value_keeps_its_digits_as_written() -> None:
    data = {labels.INDICATOR_NAME: "指标", labels.QUALITATIVE: "是", labels.INDICATOR_VALUE: " 全年 3 场 "}
    assert Indicator.model_validate(data).value == Qualitative("全年 3 场")
    assert Indicator.model_validate(data).qualitative is True


def test_the_short_form_is_never_marked() -> None:
    with pytest.raises(ValidationError) as caught:
        Indicator.model_validate({"举办场次": "3 场"})
    assert [e["type"] for e in caught.value.errors()] == ["E131"]
