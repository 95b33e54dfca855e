"""Every review rule with a case that triggers it (code and line) and a near miss that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsheet.diagnostics import Severity
from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, SETTINGS, variant, write_collection
from tests.monitoring.cases import MONITORING_CASES

C = CLEAN_PROJECT
E = EVALUATED_PROJECT
PRODUCTS = C[C.index("  产出指标:") : C.index("  效益指标:")]
BENEFITS = C[C.index("  效益指标:") : C.index("  满意度指标:")]
COSTS = C[C.index("  成本指标:") : C.index("  产出指标:")]
SATISFACTION = C[C.index("  满意度指标:") :]
TIMELINESS = "    时效指标:\n      - 各项工作完成及时性: 及时\n"
SAME_GOAL = "项目总目标: |\n  1.举办至少 2 场青年科技人才交流活动；\n  2.评选优秀论文不超过 10 篇。\n"
WHOLE_FUNDS = "项目资金:\n  项目资金总额: 900000\n  财政资金: 900000\n  其他资金: 0\n"
EMPTY_WHOLE = "项目资金:\n  项目资金总额:\n  财政资金:\n  其他资金:\n"
GOAL = "  1.举办至少 2 场青年科技人才交流活动；\n  2.评选优秀论文不超过 10 篇。\n"
ESSAYS = "      - 优秀论文评选数: ≤10.00(篇)\n"
EXTRA_COUNTS = "".join(f"      - 第{n}类活动完成数: ≥1.00(场)\n" for n in range(1, 14))


def line_of(text: str, needle: str) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert lines, f"test setup: {needle!r} not found"
    return lines[0]


def _multi(*pairs: tuple[str, str]) -> str:
    text = C
    for old, new in pairs:
        text = variant(old, new, text)
    return text


# code → (text that triggers it, the line's needle, a near miss that must not trigger it)
CASES: dict[str, tuple[str, str, str]] = {
    "R301": (C.replace(PRODUCTS, ""), "绩效指标:", C),
    "R302": (C.replace(BENEFITS, ""), "绩效指标:", C),
    "R303": (C.replace(COSTS, ""), "绩效指标:", C),
    "R304": (C.replace(SATISFACTION, ""), "绩效指标:", C),
    "R305": (C.replace(TIMELINESS, ""), "产出指标:", C),
    "R310": (variant("通过率: =100.00(%)", "通过率: =100.00(次)"), "论文评审通过率", variant("=100.00(%)", "=100%")),
    "R311": (variant("通过率: =100.00(%)", "通过率: =120.00(%)"), "论文评审通过率", C),
    "R312": (variant("≥90.00(%)", "≤90.00(%)"), "参会人员满意度", C),
    "R313": (variant("≥90.00(%)", "≥70.00(%)"), "参会人员满意度", variant("≥90.00(%)", "≥80.00(%)")),
    "R320": (variant("≤40.00(万元)", "≥40.00(万元)"), "成本控制数", variant("≤40.00(万元)", "合理")),
    "R321": (
        variant("论文评审通过率: =100.00(%)", "论文评审通过率: ≤5.00(%)"),
        "论文评审通过率",
        variant("论文评审通过率: =100.00(%)", "论文评审差错率: ≤5.00(%)"),
    ),
    "R322": (variant("完成数: ≥2.00(场)", "完成数: ≤2.00(场)"), "举办完成数", C),
    "R330": (
        variant("≤40.00(万元)", "≤50.00(万元)"),
        "成本控制数",
        _multi(("≤40.00(万元)", "≤50.00(万元)"), (EMPTY_WHOLE, WHOLE_FUNDS)),
    ),
    "R331": (variant("≤40.00(万元)", "≤45.00(万元)"), "成本控制数", variant("≤40.00(万元)", "≤44.99(万元)")),
    "R340": (variant("较上年有所提升", "有效促进"), "项目影响力", variant("较上年有所提升", "有效提升")),
    "R341": (variant("较上年有所提升", "宣传"), "项目影响力", variant("较上年有所提升", "有所提升")),
    "R342": (
        _multi(("≥2.00(场)", "按时完成"), ("=100.00(%)", "达标"), ("≥10.00(%)", "提高")),
        "绩效指标:",
        _multi(("≥2.00(场)", "按时完成"), ("=100.00(%)", "达标")),
    ),
    "R343": (variant("较上年有所提升", "达成年度指标"), "项目影响力", C),
    "R350": (variant("至少 2 场", "至少 3 场"), "至少 3 场", variant("至少 2 场", "至少 2.00 场")),
    "R351": (variant("青年科技人才参与人数增长率", "活动验收通过率"), "活动验收通过率", C),
    "R352": (variant("项目影响力", "社会满意情况"), "社会满意情况", C),
    "R353": (
        variant("项目总目标:\n", SAME_GOAL),
        "年度总体目标",
        variant("项目总目标:\n", "项目总目标: 三年内建成品牌活动\n"),
    ),
    "R354": (
        variant("其他一次性项目", "阶段性项目"),
        "项目性质",
        _multi(
            ("其他一次性项目", "阶段性项目"),
            (EMPTY_WHOLE, WHOLE_FUNDS),
            ("项目总目标:\n", "项目总目标: 三年内建成品牌活动\n"),
        ),
    ),
    "R355": (variant("2026-12-31", "2027-06-30"), "计划完成日期", C),
    "R356": (variant("其他一次性项目", "一次性"), "项目性质", variant("其他一次性项目", "经常性项目")),
    "R357": (variant("项目类别: 特定目标类", "项目类别: 特定目标类项目"), "项目类别", variant("特定目标类", "运转类")),
    "R359": (
        variant("      - 优秀论文评选数: ≤10.00(篇)\n", "      - 优秀论文评选数: ≤10.00(篇)\n" + EXTRA_COUNTS),
        "绩效指标:",
        C,
    ),
    "R360": (
        variant("青年科技人才交流活动举办完成数: ≥2.00(场)", "完成数: ≥2.00(场)"),
        "完成数: ≥2.00",
        variant("青年科技人才交流活动举办完成数: ≥2.00(场)", "交流活动完成数: ≥2.00(场)"),
    ),
    # R361–R366: taught by real published forms (tests/corpus/real-forms, named in each rule's source)
    "R361": (
        variant("青年科技人才交流活动举办完成数: ≥2.00(场)", "青年科技人才交流活动举办完成数(≥**场): ≥2.00(场)"),
        "举办完成数(≥**场)",
        variant("青年科技人才交流活动举办完成数: ≥2.00(场)", "青年科技人才交流活动(线下)举办完成数: ≥2.00(场)"),
    ),
    "R362": (
        variant("青年科技人才参与人数增长率", "青年科技人才受益情况"),
        "受益情况",
        variant("青年科技人才参与人数增长率", "青年科技人才参与人数增长幅度"),
    ),
    "R363": (
        variant("交流活动成本控制数: ≤40.00(万元)", "交流活动成本控制率: =100.00(%)"),
        "成本控制率",
        variant("交流活动成本控制数: ≤40.00(万元)", "交流活动场地费: ≤40.00(万元)"),
    ),
    "R364": (
        variant("      - 优秀论文评选数", "      - 交流活动参加人数: ≤200.00(人)\n      - 优秀论文评选数"),
        "参加人数",
        variant("      - 优秀论文评选数", "      - 交流活动参加人数: ≥200.00(人)\n      - 优秀论文评选数"),
    ),
    "R365": (
        variant("参会人员满意度", "参会人员、专家、主办单位满意度"),
        "主办单位满意度",
        variant("参会人员满意度", "参会人员、专家满意度"),
    ),
    "R366": (variant("≤40.00(万元)", "≤40.00(万)"), "成本控制数", variant("≤40.00(万元)", "≤40.00(元/场)")),
    # R367–R368: real forms (wuhan-qingshan-jiaoyu-2020; held-out tangxi-zhen-2022)
    "R367": (
        variant(GOAL, "  按工作计划完成交流活动经费预算安排。\n"),
        "年度总体目标",
        variant(GOAL, "  按工作计划完成交流活动经费预算安排；\n" + GOAL),
    ),
    "R368": (
        variant(ESSAYS, ESSAYS + "      - 受益青年人数: ≥30.00(个)\n"),
        "受益青年人数",
        variant(ESSAYS, ESSAYS + "      - 受益青年人数: ≥30.00(人)\n"),
    ),
    "R401": (
        variant("举办完成数: 2 场", "举办完成数: 1 场", E),
        "举办完成数: 1 场",
        variant("举办完成数: 2 场", "举办完成数:\n      实际完成值: 1 场\n      偏差原因: 场地改造，1 场延至次年\n", E),
    ),
    "R402": (variant("增长率: 12%", "增长率: 25%", E), "增长率: 25%", variant("增长率: 12%", "增长率: 15%", E)),
    "R403": (
        variant("当年财政拨款: 380,000.00", "当年财政拨款: 420,000.00", E),
        "当年财政拨款: 420,000.00",
        variant("当年财政拨款: 380,000.00", "当年财政拨款: 400,000.00", E),
    ),
    **MONITORING_CASES,
}


# What else a trigger reports, by the nature of the edit (a goal whose numbers lose their indicators).
ALSO = {
    "R301": ["R350@17", "R350@18"],
    "R342": ["R350@17"],
    "R355": ["R354@2"],
    "R423": [f"R422@{line_of(MONITORING_CASES['R423'][0], '其他资金: 12,000.00')}"],
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers_at_its_line_and_not_on_a_near_miss(code: str, check_project) -> None:  # type: ignore[no-untyped-def]
    trigger, needle, near_miss = CASES[code]
    found = check_project(trigger)
    hits = [d for d in found if d.code == code]
    # The complete list of what the trigger reports, as yamllint's rule tests assert it.
    expected = sorted([f"{code}@{line_of(trigger, needle)}", *ALSO.get(code, [])])
    assert sorted(f"{d.code}@{d.line}" for d in found) == expected, [(d.code, d.line, d.message) for d in found]
    assert hits[0].message and hits[0].hint
    assert code not in [d.code for d in check_project(near_miss)]


def test_fewer_than_four_indicators(check_project) -> None:  # type: ignore[no-untyped-def]
    quality = "    质量指标:\n      - 论文评审通过率: =100.00(%)\n"
    text = C.replace(BENEFITS, "").replace(SATISFACTION, "").replace(TIMELINESS, "").replace(quality, "")
    assert ("R359", line_of(text, "绩效指标:")) in [(d.code, d.line) for d in check_project(text)]


def test_cost_over_the_budget_is_an_error_with_the_exact_amount(check_project) -> None:  # type: ignore[no-untyped-def]
    [hit] = [d for d in check_project(variant("≤40.00(万元)", "≤45.01(万元)")) if d.code == "R330"]
    assert hit.severity is Severity.ERROR
    assert "450,100.00 元" in hit.message and "450,000.00 元" in hit.message


def test_department_differing_within_a_collection(tmp_path: Path) -> None:
    other = variant("项目名称: 青年科技人才服务", "项目名称: 另一个项目\n主管部门: 上海市另一个局")
    root = write_collection(
        tmp_path, {"01-a.yaml": C, "02-b.yaml": other, "03-c.yaml": variant("青年科技人才服务", "第三个")}
    )
    found = [(Path(d.file).name, d.code, d.line) for d in check_paths([root]).report]
    assert found == [("02-b.yaml", "R358", 2)]
    same = variant("项目名称: 青年科技人才服务", "项目名称: 另一个项目\n主管部门: 上海市某某局")
    root2 = write_collection(tmp_path / "same", {"01-a.yaml": C, "02-b.yaml": same})
    assert list(check_paths([root2]).report) == []


NO_COST = C.replace(COSTS, "")


def _settings_with(rules: str) -> str:
    return SETTINGS + "规则:\n" + rules


def test_a_rule_can_be_switched_off_or_made_an_error(check_project) -> None:  # type: ignore[no-untyped-def]
    assert [d.code for d in check_project(NO_COST)] == ["R303"]
    assert check_project(NO_COST, _settings_with("  R303: 关闭\n")) == []
    [hit] = check_project(NO_COST, _settings_with("  R303: 错误\n"))
    assert hit.severity is Severity.ERROR


def test_only_review_rules_are_configurable(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(C, _settings_with("  E201: 关闭\n  R303: 严重\n"))
    assert [(d.code, Path(d.file).name, d.line) for d in found] == [
        ("E160", "perfsheet.yaml", 5),
        ("E161", "perfsheet.yaml", 6),
    ]


def test_a_project_silences_a_rule_with_a_printed_reason(check_project) -> None:  # type: ignore[no-untyped-def]
    text = NO_COST + "忽略规则:\n  - 代码: R303\n    理由: 本项目为转移支付，不设成本指标\n"
    [hit] = check_project(text)
    assert hit.code == "R303" and hit.severity is Severity.INFO
    assert "已忽略，理由：本项目为转移支付，不设成本指标" in hit.message
    unknown = NO_COST + "忽略规则:\n  - 代码: R999\n    理由: x\n"
    assert ("E160", line_of(unknown, "R999")) in [(d.code, d.line) for d in check_project(unknown)]
    no_reason = NO_COST + "忽略规则:\n  - 代码: R303\n"
    assert "E101" in [d.code for d in check_project(no_reason)]
