"""Scoring computed by hand: every expected figure below is worked out in the comment beside it from
财预〔2020〕10号's rules, not taken from the code's output.

The evaluated clean project (tests/conftest.py) has 8 indicators: 成本 1 + 产出 4 share 产出's 50 points
(10 each), 效益 2 share 30 (15 each), 满意度 1 has 10; 预算执行率 10. Budget 450,000.00 (年度资金, no
全年预算数 given), spent 380,000.00 + 50,000.00 = 430,000.00.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfsheet.evaluation import Scorecard, score_project
from perfsheet.evaluation.points import split_evenly
from perfsheet.evaluation.scoring import quantitative_share
from perfsheet.rules.check import check_paths
from tests.conftest import EVALUATED_PROJECT, variant, write_collection

E = EVALUATED_PROJECT
NAMES = [
    "交流活动成本控制数",
    "青年科技人才交流活动举办完成数",
    "优秀论文评选数",
    "论文评审通过率",
    "各项工作完成及时性",
    "青年科技人才参与人数增长率",
    "项目影响力",
    "参会人员满意度",
]


def _evaluate(text: str, tmp_path: Path) -> tuple[Scorecard | None, list[str]]:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    result = check_paths([root])
    found = [f"{d.code}@{d.line}" for d in result.report.sorted()]
    project = result.collections[0].projects[0].project
    return (score_project(project) if project is not None else None), found


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _scores(card: Scorecard) -> dict[str, str]:
    return {i.name: f"{i.shown_score}/{i.points}" for i in card.indicators}


def test_every_target_met(tmp_path: Path) -> None:
    card, found = _evaluate(E, tmp_path)
    assert found == []
    assert card is not None
    # 430,000 ÷ 450,000 = 95.5555…% → 95.56%; 10 × 0.955555… = 9.5555… → 9.56
    assert card.shown_rate == "95.56%"
    assert f"{card.budget_score.quantize(Decimal('0.01'))}" == "9.56"
    assert [str(i.points) for i in card.indicators] == [
        "10.00",
        "10.00",
        "10.00",
        "10.00",
        "10.00",
        "15.00",
        "15.00",
        "10.00",
    ]
    # 9.56 + 5 × 10 + 2 × 15 + 10 = 99.56
    assert card.total == Decimal("99.56")
    assert card.grade == "优"


def test_a_missed_at_least_target_scores_in_proportion(tmp_path: Path) -> None:
    text = variant("举办完成数: 2 场", "举办完成数:\n      实际完成值: 1 场\n      偏差原因: 场地改造\n", E)
    card, found = _evaluate(text, tmp_path)
    assert found == [] and card is not None
    # ≥2 场, 1 场: 10 × 1 ÷ 2 = 5.00; total 99.56 − 5 = 94.56
    assert _scores(card)["青年科技人才交流活动举办完成数"] == "5.00/10.00"
    assert card.total == Decimal("94.56")


def test_rounding_adds_up_as_printed(tmp_path: Path) -> None:
    """Three misses of 10 × 10 ÷ 12 = 8.3333… each: printed 8.33 three times, so the total counts
    24.99 for them, not 25.00 (the exact sum, which would make the printed column not add up)."""
    text = E
    for old, new in (
        ("优秀论文评选数: 10 篇", "优秀论文评选数: 12 篇"),  # ≤10 篇: 10 × 10 ÷ 12
        ("成本控制数: 38 万元", "成本控制数: 48 万元"),  # ≤40 万元: 10 × 40 ÷ 48
        ("通过率: 100%", "通过率: 120%"),  # =100% missed from above scores as ≤: 10 × 100 ÷ 120
    ):
        text = variant(old, new, text)
    card, found = _evaluate(text, tmp_path)
    assert card is not None
    assert [_scores(card)[n] for n in (NAMES[0], NAMES[2], NAMES[3])] == ["8.33/10.00"] * 3
    # 9.56 + 3 × 8.33 + 10 + 10 + 15 + 15 + 10 = 94.55 (rounding the exact 94.5555… would give 94.56)
    assert card.total == Decimal("94.55")
    assert found == [f"R401@{_line(text, n)}" for n in ("成本控制数: 48", "评选数: 12", "通过率: 120")]


def test_an_equal_target_missed_from_below_scores_as_at_least(tmp_path: Path) -> None:
    text = variant("通过率: 100%", "通过率:\n      实际完成值: 80%\n      偏差原因: 2 篇未通过\n", E)
    card, _found = _evaluate(text, tmp_path)
    assert card is not None
    assert _scores(card)["论文评审通过率"] == "8.00/10.00"  # 10 × 80 ÷ 100


def test_over_achievement_earns_full_points_and_asks_why(tmp_path: Path) -> None:
    text = variant("增长率: 12%", "增长率: 25%", E)
    card, found = _evaluate(text, tmp_path)
    assert card is not None
    assert _scores(card)["青年科技人才参与人数增长率"] == "15.00/15.00"
    assert found == [f"R402@{_line(text, '增长率: 25%')}"]  # 25 ÷ 10 = 250% > 150%


def test_execution_over_one_hundred_percent_scores_ten(tmp_path: Path) -> None:
    text = variant("当年财政拨款: 380,000.00", "当年财政拨款: 450,000.00", E)
    card, found = _evaluate(text, tmp_path)
    assert card is not None
    # 500,000 ÷ 450,000 = 111.11%; 10 × min(1.1111, 1) = 10
    assert card.shown_rate == "111.11%"
    assert card.budget_score == Decimal(10)
    assert card.total == Decimal("100.00")
    assert found == [f"R403@{_line(text, '当年财政拨款: 450,000.00')}"]  # 450,000 > 400,000 budgeted


@pytest.mark.parametrize(
    ("attainment", "score", "expected"),
    [
        # 项目影响力 has 15 points. 达成 is 100–80%（含）: 12.00–15.00; 部分达成 80–60%（含）: 9.00 up to
        # but not 12.00; 未达成 60–0%: below 9.00.
        ("部分达成", "10", []),
        ("部分达成", "9", []),
        ("部分达成", "11.99", []),
        ("部分达成", "12", ["E407@得分"]),
        ("达成", "12", []),
        ("达成", "15", []),
        ("达成", "11.99", ["E407@得分"]),
        ("未达成", "8.99", []),
        ("未达成", "9", ["E407@得分"]),
        ("基本达成", "10", ["E413@完成程度"]),
        ("部分达成", None, ["E407@完成程度"]),
    ],
)
def test_a_qualitative_indicator_scores_within_its_band(
    attainment: str, score: str | None, expected: list[str], tmp_path: Path
) -> None:
    lines = f"      实际完成值: 与上年持平\n      完成程度: {attainment}\n"
    if score is not None:
        lines += f"      得分: {score}\n"
    text = variant("    项目影响力: 较上年有所提升\n", f"    项目影响力:\n{lines}      偏差原因: 报道与上年持平\n", E)
    card, found = _evaluate(text, tmp_path)
    assert found == [f"{code}@{_line(text, needle + ':')}" for code, needle in (e.split("@") for e in expected)]
    if not expected:
        assert card is not None
        assert _scores(card)["项目影响力"] == f"{Decimal(score or 0).quantize(Decimal('0.01'))}/15.00"


def test_a_qualitative_indicator_off_its_wording_needs_a_band(tmp_path: Path) -> None:
    text = variant("    项目影响力: 较上年有所提升", "    项目影响力: 与上年持平", E)
    _card, found = _evaluate(text, tmp_path)
    assert found == [f"E406@{_line(text, '与上年持平')}"]


def test_custom_points_take_their_share_and_the_rest_splits_evenly(tmp_path: Path) -> None:
    text = variant("交流活动成本控制数: 38 万元", "交流活动成本控制数:\n      实际完成值: 38 万元\n      分值: 20\n", E)
    card, found = _evaluate(text, tmp_path)
    assert found == [] and card is not None
    # 产出's 50: 20 to the cost indicator, 30 left over 4 → 7.50 each
    assert [str(i.points) for i in card.indicators[:5]] == ["20", "7.50", "7.50", "7.50", "7.50"]
    assert card.total == Decimal("99.56")


def test_points_that_do_not_total_one_hundred_are_an_error(tmp_path: Path) -> None:
    text = variant("参会人员满意度: 95%", "参会人员满意度:\n      实际完成值: 95%\n      分值: 15\n", E)
    _card, found = _evaluate(text, tmp_path)
    assert found == [f"E405@{_line(text, '  指标:')}"]  # 10 + 50 + 30 + 15 = 105


def test_even_split_to_the_cent() -> None:
    assert split_evenly(Decimal(50), 3) == [Decimal("16.67"), Decimal("16.67"), Decimal("16.66")]
    assert split_evenly(Decimal(10), 3) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
    assert sum(split_evenly(Decimal(30), 7)) == Decimal(30)


@pytest.mark.parametrize(
    ("comparator", "actual", "target", "share"),
    [
        ("≥", "3", "2", "1"),
        ("≥", "1", "4", "0.25"),
        (">", "2", "2", "1"),  # > missed at equality: actual ÷ target = 1, capped at the points
        ("≤", "5", "10", "1"),
        ("≤", "20", "10", "0.5"),
        ("<", "0", "0", "0"),
        ("=", "50", "100", "0.5"),
        ("=", "200", "100", "0.5"),
        ("≥", "0", "0", "1"),
    ],
)
def test_quantitative_share(comparator: str, actual: str, target: str, share: str) -> None:
    assert quantitative_share(comparator, Decimal(actual), Decimal(target)) == Decimal(share)


def test_what_cannot_be_scored_is_located(tmp_path: Path) -> None:
    text = E
    for old, new in (
        ("举办完成数: 2 场", "举办完成数: 2 次"),  # E404: 次 is not the target's 场
        ("优秀论文评选数: 10 篇", "优秀论文评选数: 十篇"),  # E403: not a number
        ("论文评审通过率: 100%", "论文评审通过率:\n      实际完成值: 100%\n      得分: 10\n"),  # E408
        ("参会人员满意度: 95%", "参会人员满意程度: 95%"),  # E401 (did you mean) + E402 (missing)
    ):
        text = variant(old, new, text)
    _card, found = _evaluate(text, tmp_path)
    assert sorted(found) == sorted([
        f"E404@{_line(text, '举办完成数: 2 次')}",
        f"E403@{_line(text, '评选数: 十篇')}",
        f"E408@{_line(text, '得分: 10')}",
        f"E401@{_line(text, '满意程度: 95%')}",
        f"E402@{_line(text, '  指标:')}",
    ])  # fmt: skip


def test_a_zero_budget_cannot_give_a_rate(tmp_path: Path) -> None:
    budget = "  全年预算数:\n    当年财政拨款: 0\n    上年结转资金: 0\n    其他资金: 0\n"
    text = variant("自评:\n", "自评:\n" + budget, E)
    _card, found = _evaluate(text, tmp_path)
    assert found == [f"E411@{_line(text, '全年预算数:')}"]


def test_points_must_be_a_number_up_to_one_hundred(tmp_path: Path) -> None:
    for bad in ("十分", "101", "-1", "2.555"):
        text = variant("参会人员满意度: 95%", f"参会人员满意度:\n      实际完成值: 95%\n      分值: {bad}\n", E)
        _card, found = _evaluate(text, tmp_path)
        assert found == [f"E409@{_line(text, '分值: ')}"], bad


def test_a_project_without_self_evaluation_is_not_scored(tmp_path: Path) -> None:
    card, found = _evaluate(EVALUATED_PROJECT.split("自评:")[0], tmp_path)
    assert card is None and found == []


def test_the_schema_offers_the_scheme_s_attainment_bands() -> None:
    """The editor's enum of 完成程度 is written in the model; validate reads schemas/evaluation.yaml."""
    from perfsheet.model.evaluation import IndicatorResult, scoring_scheme

    schema = IndicatorResult.model_json_schema(by_alias=True)
    attainment = schema["properties"]["完成程度"]["anyOf"][0]
    assert attainment["enum"] == list(scoring_scheme().attainment_bands)


NAMED = "指标「青年科技人才交流活动举办完成数」的实际完成值"


@pytest.mark.parametrize(
    ("actual", "said"),
    [
        ("2 次", f"{NAMED}「2 次」的单位是「次」，而指标值 ≥2.00(场) 的单位是「场」"),
        ("2", f"{NAMED}「2」没有写单位，而指标值 ≥2.00(场) 的单位是「场」"),
    ],
)
def test_an_actual_in_another_unit_or_none_is_said_so(actual: str, said: str, tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": variant("举办完成数: 2 场", f"举办完成数: {actual}", E)})
    assert [d.message for d in check_paths([root]).report.sorted()] == [said]
