"""Two readings #22 found wrong: an indicator with 分值 0 (it carries no points, so 得分 0 is the only
score and no band can be missed), and a 指标值 whose unit starts with a point (「≥5. 场」)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, variant, write_collection


def _found(text: str, tmp_path: Path) -> list[str]:
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    return [f"{d.code}@{d.line}: {d.message}" for d in check_paths([root]).report]


@pytest.mark.parametrize(
    ("attainment", "score"), [("部分达成", "0"), ("未达成", "0"), ("达成", "0"), ("部分达成", None)]
)
def test_an_indicator_without_points_scores_zero_in_any_band(
    attainment: str, score: str | None, tmp_path: Path
) -> None:
    lines = f"      实际完成值: 与上年持平\n      完成程度: {attainment}\n      分值: 0\n"
    if score is not None:
        lines += f"      得分: {score}\n"
    text = variant(
        "    项目影响力: 较上年有所提升\n",
        f"    项目影响力:\n{lines}      偏差原因: 报道与上年持平\n",
        EVALUATED_PROJECT,
    )
    found = _found(text, tmp_path)
    assert not [f for f in found if "E407" in f], found
    assert not [f for f in found if "0.00–0.00" in f], found


def test_an_indicator_without_points_may_not_score(tmp_path: Path) -> None:
    lines = "      实际完成值: 与上年持平\n      完成程度: 部分达成\n      分值: 0\n      得分: 3\n"
    text = variant(
        "    项目影响力: 较上年有所提升\n",
        f"    项目影响力:\n{lines}      偏差原因: 报道与上年持平\n",
        EVALUATED_PROJECT,
    )
    assert [f for f in _found(text, tmp_path) if "E407" in f] != []


@pytest.mark.parametrize("written", ["≥5. 场", "≥5.场", "≥5 。场", "≥5(.场)"])
def test_a_unit_starting_with_a_point_is_refused_not_read_as_the_unit(written: str, tmp_path: Path) -> None:
    text = variant("≥2.00(场)", written, CLEAN_PROJECT)
    found = _found(text, tmp_path)
    line = text[: text.index(written)].count("\n") + 1
    # The review still runs beside it (R350: the goal's 「2 场」 is no longer carried by the 5 written here).
    errors = [f for f in found if f.startswith("E")]
    assert [f.split(":")[0] for f in errors] == [f"E046@{line}"], found
    assert "数值 5 之后" in errors[0]
