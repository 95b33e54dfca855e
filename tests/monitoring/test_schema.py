"""The editors' JSON Schema knows the 监控 section: the example's passes, a wrong tick, likelihood or month
and an unknown key are flagged, as validate flags them."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, SETTINGS
from tests.monitoring.cases import EXAMPLE_MONITORING, MONITORED_PROJECT
from tests.schema.test_schemas import _errors


def test_the_monitored_examples_validate_in_the_editor() -> None:
    example = next(EXAMPLES.glob("01-*.yaml")).read_text(encoding="utf-8")
    monitored = example.replace("# 年度结束后填写", EXAMPLE_MONITORING + "# 年度结束后填写", 1)
    assert EXAMPLE_MONITORING in monitored
    assert _errors("project.schema.json", monitored) == []
    assert _errors("project.schema.json", MONITORED_PROJECT) == []
    bands = SETTINGS + "监控预警:\n  分档:\n    红: 50\n    黄: 75\n    蓝: 150\n"
    assert _errors("collection.schema.json", bands) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  月份: 7\n", "  月份: 13\n"),
        ("      全年预计: 92%\n", "      全年预计: 92%\n      偏差原因: [人员]\n"),
        ("      全年预计: 92%\n", "      全年预计: 92%\n      完成目标可能性: 可能\n"),
        ("      全年预计: 92%\n", "      全年预测: 92%\n"),
    ],
)
def test_the_editor_flags_what_validate_flags(old: str, new: str) -> None:
    assert old in MONITORED_PROJECT
    assert _errors("project.schema.json", MONITORED_PROJECT.replace(old, new, 1)) != []
