"""The lights computed by hand from the rules of schemas/monitoring.yaml (bands 60 / 80 / 120): each case
states its arithmetic; the band edges are hit exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfsheet.model import AnnualFunds, CollectionSettings, parse_target
from perfsheet.model.monitoring import Monitoring, monitoring_scheme
from perfsheet.monitoring import bands_for, worst
from perfsheet.monitoring.lights import MonitoringCard, light_monitoring

ANNUAL = AnnualFunds.model_validate({"年度资金申请总额": "120,000.00", "当年财政拨款": "120,000.00"})
COUNT = ("产出指标", "数量指标")
SATISFACTION = ("满意度指标", "服务对象满意度指标")
TIMELINESS = ("产出指标", "时效指标")
REASONED = {"偏差原因": ["其他"], "纠偏措施": "加快进度"}


def card(
    targets: dict[str, tuple[tuple[str, str], str]],
    results: dict[str, Any],
    *,
    month: int = 6,
    spent: str = "60,000.00",
    bands: Any = None,
) -> MonitoringCard:
    monitoring = Monitoring.model_validate(
        {
            "月份": str(month),
            "执行数": {"当年财政拨款": spent},
            "全年预计执行数": {"当年财政拨款": "120,000.00"},
            "执行情况": "按计划推进",
            "指标": results,
        }
    )
    declared = [
        (level1, level2, name, parse_target(target, qualitative=target[0] not in "≥>≤<="))
        for name, ((level1, level2), target) in targets.items()
    ]
    return light_monitoring(monitoring, ANNUAL, declared, bands)


def one(
    target: str, value: Any, *, where: tuple[str, str] = COUNT, month: int = 6
) -> tuple[str | None, Any, list[str]]:
    """The light, the progress and the problem codes of one indicator ``指标`` with ``target``."""
    lit = card({"指标": (where, target)}, {"指标": value}, month=month)
    indicator = lit.indicators[0]
    return indicator.light, indicator.percent, [p.code for p in lit.problems]


@pytest.mark.parametrize(
    ("value", "light", "percent"),
    [
        # ≥12 场 at the end of June: 12 × 6/12 = 6 场 expected by now.
        ("3.59 场", "red", Decimal("59.83333333333333333333333333")),  # 3.59 ÷ 6 = 59.83 %
        ("3.6 场", "yellow", Decimal(60)),  # 3.6 ÷ 6 = 60 % exactly: the yellow band holds its lower edge
        ("4.79 场", "yellow", Decimal("79.83333333333333333333333333")),
        ("4.8 场", "green", Decimal(80)),  # 80 % exactly is green
        ("7.19 场", "green", Decimal("119.8333333333333333333333333")),
        ("7.2 场", "blue", Decimal(120)),  # 120 % exactly is blue: the target may be set too low
    ],
)
def test_an_at_least_target_is_judged_pro_rata_at_the_band_edges(value: str, light: str, percent: Decimal) -> None:
    reasons = REASONED if light in ("red", "yellow") else {}
    assert one("≥12.00(场)", {"执行情况": value, **reasons}) == (light, percent, [])


def test_in_december_the_pro_rata_target_is_the_whole_target() -> None:
    # ≥10 篇 at month 12: 10 × 12/12 = 10; 6 ÷ 10 = 60 % (yellow), 8 ÷ 10 = 80 % (green), 12 ÷ 10 = 120 % (blue).
    assert one("≥10.00(篇)", {"执行情况": "6 篇", **REASONED}, month=12)[:2] == ("yellow", Decimal(60))
    assert one("≥10.00(篇)", "8 篇", month=12)[:2] == ("green", Decimal(80))
    assert one("≥10.00(篇)", "12 篇", month=12)[:2] == ("blue", Decimal(120))


def test_a_zero_target_is_met_by_any_value() -> None:
    assert one("≥0.00(个)", "0 个") == ("green", None, [])


def test_an_at_most_target_is_green_within_and_red_over() -> None:
    assert one("≤10.00(篇)", "10 篇") == ("green", None, [])
    assert one("≤10.00(篇)", {"执行情况": "11 篇", **REASONED}) == ("red", None, [])
    assert one("<10.00(篇)", {"执行情况": "10 篇", **REASONED})[0] == "red"


def test_an_equal_target_has_no_blue_and_is_red_above() -> None:
    # =10 篇 at month 6: 5 expected; 6 ÷ 5 = 120 % is green (no blue for =); 11 > 10 is red.
    assert one("=10.00(篇)", "6 篇")[:2] == ("green", Decimal(120))
    assert one("=10.00(篇)", {"执行情况": "11 篇", **REASONED})[0] == "red"


def test_satisfaction_is_judged_on_the_forecast_against_the_whole_target() -> None:
    # ≥90 %: a forecast of 72 % is 80 % of it (green), 71.91 % is 79.9 % (yellow), 53.91 % is 59.9 % (red).
    assert one("≥90.00(%)", "尚未调查", where=SATISFACTION) == ("green", Decimal(100), [])
    assert one("≥90.00(%)", {"执行情况": "尚未调查", "全年预计": "72%"}, where=SATISFACTION)[:2] == (
        "green",
        Decimal(80),
    )
    assert one("≥90.00(%)", {"执行情况": "-", "全年预计": "71.91%", **REASONED}, where=SATISFACTION)[0] == "yellow"
    assert one("≥90.00(%)", {"执行情况": "-", "全年预计": "53.91%", **REASONED}, where=SATISFACTION)[0] == "red"


def test_a_rate_is_judged_on_its_forecast_not_pro_rata() -> None:
    # =100 % in June: pro rata would expect 50 %; a rate is a level, so 100 % forecast is green.
    assert one("=100.00(%)", "100%", where=("产出指标", "质量指标")) == ("green", Decimal(100), [])


def test_a_qualitative_target_takes_the_light_of_its_attainment() -> None:
    assert one("及时", "及时", where=TIMELINESS) == ("green", None, [])
    assert one("及时", {"执行情况": "按计划推进", "全年预计": "及时"}, where=TIMELINESS)[0] == "green"
    assert one("及时", {"执行情况": "滞后", "完成程度": "部分达成", **REASONED}, where=TIMELINESS)[0] == "yellow"
    assert one("及时", {"执行情况": "滞后", "完成程度": "未达成", **REASONED}, where=TIMELINESS)[0] == "red"
    assert one("及时", {"执行情况": "滞后", "完成程度": "达成"}, where=TIMELINESS)[0] == "green"
    assert one("及时", "滞后", where=TIMELINESS) == (None, None, ["E566"])


def test_likelihood_sets_a_floor_whatever_the_figures() -> None:
    # 4.8 of 6 expected is 80 % (green); 7.2 is 120 % (blue); 3 is 50 % (red).
    assert one("≥12.00(场)", {"执行情况": "4.8 场", "完成目标可能性": "有可能", **REASONED})[0] == "yellow"
    assert one("≥12.00(场)", {"执行情况": "7.2 场", "完成目标可能性": "有可能", **REASONED})[0] == "yellow"
    assert one("≥12.00(场)", {"执行情况": "3 场", "完成目标可能性": "有可能", **REASONED})[0] == "red"
    assert one("≥12.00(场)", {"执行情况": "4.8 场", "完成目标可能性": "完全不可能", **REASONED})[0] == "red"
    assert one("≥12.00(场)", {"执行情况": "4.8 场", "完成目标可能性": "确定能"})[0] == "green"


def test_red_or_yellow_without_reasons_and_measures_is_an_error() -> None:
    lit = card({"指标": (COUNT, "≥12.00(场)")}, {"指标": "3 场"})
    assert [(p.code, p.params["light"], p.params["missing"]) for p in lit.problems] == [
        ("E567", "红", "偏差原因、纠偏措施")
    ]
    lit = card({"指标": (COUNT, "≥12.00(场)")}, {"指标": {"执行情况": "3.6 场", "原因说明": "场地未落实"}})
    assert [(p.code, p.params["light"], p.params["missing"]) for p in lit.problems] == [("E567", "黄", "纠偏措施")]
    lit = card({"指标": (COUNT, "≥12.00(场)")}, {"指标": {"执行情况": "3.6 场", "纠偏措施": "加快"}})
    assert [(p.code, p.params["missing"]) for p in lit.problems] == [("E567", "偏差原因")]


@pytest.mark.parametrize(
    ("month", "spent", "light", "percent"),
    [
        # 120,000 budgeted; June is 6/12 of the year: progress = spent ÷ 120,000 ÷ 0.5.
        (6, "35,999.99", "red", Decimal("59.99998333333333333333333333")),
        (6, "36,000.00", "yellow", Decimal(60)),
        (6, "48,000.00", "green", Decimal(80)),
        (6, "144,000.00", "green", Decimal(240)),  # money has no blue light
        (12, "96,000.00", "green", Decimal(80)),  # December: 96,000 ÷ 120,000 = 80 %
        (12, "95,999.99", "yellow", Decimal("79.99999166666666666666666667")),
    ],
)
def test_the_budget_light(month: int, spent: str, light: str, percent: Decimal) -> None:
    lit = card({}, {}, month=month, spent=spent)
    assert (lit.budget_light, lit.budget_percent) == (light, percent)


def test_a_project_takes_its_worst_light() -> None:
    targets = {"甲": (COUNT, "≥12.00(场)"), "乙": (COUNT, "≥12.00(场)")}
    # money 60,000 of 120,000 in June: 100 % (green); 甲 7.2 场 blue, 乙 3.6 场 yellow.
    lit = card(targets, {"甲": "7.2 场", "乙": {"执行情况": "3.6 场", **REASONED}})
    assert ([i.light for i in lit.indicators], lit.budget_light, lit.light) == (["blue", "yellow"], "green", "yellow")
    assert (lit.count("blue"), lit.count("yellow"), lit.count("red")) == (1, 1, 0)
    assert worst(["green", "blue"]) == "blue"
    assert worst(["blue", "red", "yellow"]) == "red"
    assert worst([None]) is None


def test_collection_bands_move_the_edges() -> None:
    settings = CollectionSettings.model_validate(
        {"年度": "2026", "编报单位": "某", "主管部门": "某", "监控预警": {"分档": {"红": "50", "蓝": "150"}}}
    )
    bands, problem = bands_for(settings)
    assert problem is None
    # 3 of 6 expected is 50 %: yellow under 50 / 80; 7.2 is 120 %: green under a blue band of 150.
    lit = card({"甲": (COUNT, "≥12.00(场)"), "乙": (COUNT, "≥12.00(场)")},
               {"甲": {"执行情况": "3 场", **REASONED}, "乙": "7.2 场"}, bands=bands)  # fmt: skip
    assert [i.light for i in lit.indicators] == ["yellow", "green"]


def test_bands_out_of_order_are_an_error_and_the_defaults_stay() -> None:
    settings = CollectionSettings.model_validate(
        {"年度": "2026", "编报单位": "某", "主管部门": "某", "监控预警": {"分档": {"红": "90"}}}
    )
    bands, problem = bands_for(settings)
    assert bands == monitoring_scheme().bands
    assert problem is not None and problem.code == "E571"
    assert (problem.params["red"], problem.params["yellow"]) == (Decimal(90), Decimal(80))


def test_missing_and_unknown_indicators_are_named_with_a_guess() -> None:
    lit = card({"交流活动举办数": (COUNT, "≥2.00(场)"), "论文数": (COUNT, "≥2.00(篇)")}, {"交流活动举办次数": "1 场"})
    problems = [(p.code, p.params.get("name"), p.params.get("guess")) for p in lit.problems]
    assert problems == [
        ("E569", "交流活动举办次数", "是不是「交流活动举办数」？"),
        ("E570", "交流活动举办数", None),
        ("E570", "论文数", None),
    ]
    assert [i.light for i in lit.indicators] == [None, None]


def test_values_that_are_no_quantity_or_in_another_unit_are_problems() -> None:
    assert one("≥12.00(场)", "两场")[2] == ["E564"]
    assert one("≥12.00(场)", "3 次")[2] == ["E565"]
    assert one("≥90.00(%)", {"执行情况": "-", "全年预计": "九成"}, where=SATISFACTION)[2] == ["E564"]


@pytest.mark.parametrize(
    ("target", "value", "example"),
    [
        ("≥12.00(场)", "3 次", "12.00场"),  # no unit of money: the target shows how to write it
        ("≤125.00(万元)", "740000 元", "74.00万元"),  # the officer's own amount in the target's unit
        ("≤740000.00(元)", "74 万元", "740000.00元"),
    ],
)
def test_a_value_in_another_unit_is_shown_how_to_write_it(target: str, value: str, example: str) -> None:
    lit = card({"指标": (COUNT, target)}, {"指标": value})
    [problem] = lit.problems
    assert (problem.code, problem.params["example"]) == ("E565", example)


def test_the_worked_example_of_the_budget_systems() -> None:
    # 1-7月: 70,000 of 200,000 is 35 %; 7/12 is 58.33 %; 35 ÷ 58.33 × 100 = 60 exactly → yellow, not red.
    monitoring = Monitoring.model_validate(
        {"月份": "1-7月", "全年预算数": {"当年财政拨款": "200,000.00"}, "执行数": {"当年财政拨款": "70,000.00"},
         "全年预计执行数": {"当年财政拨款": "200,000.00"}, "执行情况": "-", "指标": {}}
    )  # fmt: skip
    lit = light_monitoring(monitoring, ANNUAL, [])
    assert (lit.rate, lit.budget_percent, lit.budget_light) == (Decimal("0.35"), Decimal(60), "yellow")


def _forecast(target: str, value: Any) -> str:
    return card({"指标": (COUNT, target)}, {"指标": value}).indicators[0].forecast


def test_an_indicator_on_track_forecasts_its_target_or_what_it_has_passed_already() -> None:
    # No 全年预计 written: on track. ≥1 场 with 2 held by June forecasts 2, not 1; below it, the target.
    assert _forecast("≥1.00(场)", "2 场") == "2.00场"
    assert _forecast("≥12.00(场)", "7.2 场") == "12.00场"
    assert _forecast("≤10.00(篇)", "3 篇") == "10.00篇"  # an at-most target forecasts its bound
    assert _forecast("≥1.00(场)", {"执行情况": "2 场", "全年预计": "3 场"}) == "3 场"  # as written


@pytest.mark.parametrize(
    ("attainment", "light", "forecast"),
    [("达成", "green", "有效提升"), ("部分达成", "yellow", "正在推进"), ("未达成", "red", "正在推进")],
)
def test_a_qualitative_forecast_left_unsaid_is_the_target_only_when_its_attainment_reaches_it(
    attainment: str, light: str, forecast: str
) -> None:
    """正在推进 against 有效提升, no 全年预计: 达成 prints the target, 部分达成 and 未达成 the 1-X月 value the
    light was read from (a 全年预计 of 有效提升 beside a yellow light would contradict it)."""
    benefit = ("效益指标", "社会效益指标")
    lit = card({"影响力": (benefit, "有效提升")}, {"影响力": {"执行情况": "正在推进", "完成程度": attainment}})
    [indicator] = lit.indicators
    assert (indicator.light, indicator.forecast) == (light, forecast)
