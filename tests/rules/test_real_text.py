"""Review rules on text as real published forms write it (tests/corpus/real-forms): each case names the
form that taught it. A form with one value that cannot be read still gets its whole review."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsheet.model.values import ValueProblem, parse_target
from perfsheet.rules.check import check_paths
from perfsheet.rules.indicator_names import residue, without_residue
from tests.conftest import CLEAN_PROJECT, SETTINGS, located, variant, write_collection
from tests.rules.test_review import line_of

C = CLEAN_PROJECT


def _multi(*pairs: tuple[str, str]) -> str:
    text = C
    for old, new in pairs:
        text = variant(old, new, text)
    return text


# --- a value that cannot be read silences only the rules that need it --------------------------------


def test_a_bare_percentage_leaves_the_rest_of_the_review_running(check_project) -> None:  # type: ignore[no-untyped-def]
    # 12 of 16 real projects print a bare 「100%」 somewhere (wuhan-qingshan-jiaoyu-2020): the review of
    # everything else must still come in the same run.
    text = _multi(("=100.00(%)", "100%"), ("较上年有所提升", "宣传"))
    assert located(check_project(text)) == [("E131", line_of(text, "100%")), ("R341", line_of(text, "宣传"))]


def test_an_unreadable_amount_skips_the_money_checks_only(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「250万」 in the money block: the cost rules cannot compare, the wording rules still read the form.
    text = _multi(("年度资金申请总额: 450,000.00", "年度资金申请总额: 45万元"), ("较上年有所提升", "宣传"))
    assert [code for code, _line in located(check_project(text))] == ["E122", "R341"]


def test_an_unreadable_date_skips_the_date_checks_only(check_project) -> None:  # type: ignore[no-untyped-def]
    # A date as 「2026年底」: E140 says what is wrong; R354/R355 would judge a date nobody wrote.
    text = _multi(("计划完成日期: 2026-12-31", "计划完成日期: 2026年底"), ("较上年有所提升", "宣传"))
    assert [code for code, _line in located(check_project(text))] == ["E140", "R341"]


def test_an_unreadable_value_may_carry_the_goal_s_number(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「举办至少 2 场」 with the indicator written 「≥2」: E134 says what is wrong, R350 would only echo it.
    text = variant("≥2.00(场)", "≥2")
    assert [code for code, _line in located(check_project(text))] == ["E134"]


def test_a_blank_goal_skips_the_goal_checks_only(check_project) -> None:  # type: ignore[no-untyped-def]
    # A draft with its 年度总体目标 not yet written (dazhou-daying held-out: the goal cell is empty): E101
    # says so, and the indicators are still reviewed; R350 and the other goal rules would judge no goal.
    goal = "年度总体目标: |\n  1.举办至少 2 场青年科技人才交流活动；\n  2.评选优秀论文不超过 10 篇。\n"
    for blank in ("年度总体目标:\n", ""):
        text = _multi((goal, blank), ("较上年有所提升", "宣传"))
        assert [code for code, _line in located(check_project(text))] == ["E101", "R341"]


# --- a date, a deadline or a period is a 时效 target ------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    # jinzhai-kaifaqu-2021 「2021年全年」, xiangtan-huanweichu-2023 「2023.07-2024.01」
    ["2021年全年", "2023.07-2024.01", "2027年11月30日前", "10月底前", "第三季度", "年底前", "2026年12月31日"],
)
def test_a_time_target_under_timeliness_is_a_target(target: str, check_project) -> None:  # type: ignore[no-untyped-def]
    assert check_project(variant("各项工作完成及时性: 及时", f"各项工作完成及时性: {target}")) == []
    # Anywhere else a date measures nothing.
    elsewhere = variant("项目影响力: 较上年有所提升", f"项目影响力: {target}")
    assert [d.code for d in check_project(elsewhere)] == ["R341"]


@pytest.mark.parametrize("value", ["12个月", "3天", "2", "1年"])
def test_a_duration_or_a_count_is_still_a_number_without_comparator(value: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_target(value)
    assert problem.value.code == "E131"


# --- R350: only numbers the goal sets as targets -------------------------------------------------------


def test_a_per_unit_standard_and_a_funding_share_are_no_targets(check_project) -> None:  # type: ignore[no-untyped-def]
    # linyi-shifu-xiaoxue-2025: 「小学教育公用经费每生每年780元,县级财政负担20%计」.
    goal = "  1.举办至少 2 场青年科技人才交流活动，每期 3 天，每人每年780元，区级财政负担20%；\n"
    text = variant("  1.举办至少 2 场青年科技人才交流活动；\n", goal)
    assert [d.code for d in check_project(text)] == []
    # The near miss: a number the goal does set is still reported.
    missed = variant("至少 2 场", "至少 3 场", text)
    assert [d.code for d in check_project(missed)] == ["R350"]


def test_a_compound_unit_is_one_unit(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「共 12 台套」 with =12.00(台套); 780元/生/年 carries 「780元」.
    text = _multi(("至少 2 场青年科技人才交流活动", "采购设备共 12 台套"), ("≥2.00(场)", "=12.00(台套)"))
    assert [d.code for d in check_project(text)] == []
    standard = _multi(("至少 2 场青年科技人才交流活动", "按 780元 的生均标准补助"), ("≥2.00(场)", "=780.00(元/生/年)"))
    assert "R350" not in [d.code for d in check_project(standard)]


def test_a_goal_s_number_is_compared_with_the_indicator_that_speaks_of_the_same_thing(check_project) -> None:  # type: ignore[no-untyped-def]
    # The issue's 「12 台」 against an unrelated indicator: the comparison names only an indicator whose
    # name shares words with the goal's clause (examples/2026/01: 「评选出优秀论文奖不超过 10 篇」 against
    # 「评选出优秀论文奖、优秀论文提名奖完成数 ≤10.00(人)」).
    [found] = check_project(variant("至少 2 场", "至少 3 场"))
    assert found.code == "R350"
    assert found.message.endswith("没有对应的指标（讲同一件事的指标「青年科技人才交流活动举办完成数」是 ≥2.00(场)）")
    [found] = check_project(variant("不超过 10 篇", "不超过 10 本"))
    assert found.message.endswith("（指标「优秀论文评选数」是 ≤10.00(篇)，单位不同）")
    # 10 of another thing: no indicator speaks of 草坪音乐会, so none is offered for comparison, although
    # 「优秀论文评选数」 has the number 10.
    text = variant("  2.评选优秀论文不超过 10 篇。\n", "  2.评选优秀论文不超过 10 篇；\n  3.举办 10 场草坪音乐会。\n")
    [found] = check_project(text)
    assert found.message.endswith("「10 场」没有对应的指标")


# --- R341: grades and states are target states ---------------------------------------------------------


def test_grades_and_built_states_are_target_states(check_project) -> None:  # type: ignore[no-untyped-def]
    # xiangtan-huanweichu-2023: 「服务周期内空气质量: 优良」 (an air-quality grade).
    for state in ("优良", "优秀", "基本建立", "有效支撑"):
        assert check_project(variant("较上年有所提升", state)) == [], state
    assert [d.code for d in check_project(variant("较上年有所提升", "有效"))] == ["R341"]


# --- R340: one list of vague wording, each entry from a text ---------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "稳步提高",  # wuhan-qingshan-jiaoyu-2020 (02), sent back
        "稳步提升",  # reads the same as 稳步提高: one list, one judgement
        "显著改善",  # jinzhai-kaifaqu-2021
        "持续改善",  # wuhan-qingshan-jiaoyu-2020 (01)
        "显著提升",  # held-out zhongjiang-shuili-2022: 显著 before any state
        "不断提升",  # held-out daying-wenming-2020: 不断 before any state
        "效果明显",  # held-out tangxi-zhen-2022
    ],
)
def test_an_intensity_nobody_can_check_is_vague_whatever_state_follows(value: str, check_project) -> None:  # type: ignore[no-untyped-def]
    assert [d.code for d in check_project(variant("较上年有所提升", value))] == ["R340"]


def test_a_plain_state_and_the_seed_s_有效提升_are_targets(check_project) -> None:  # type: ignore[no-untyped-def]
    # 有效提升 is printed on the Shanghai seed forms; 有效推动/有效促进 are the vague ones. 有效缓解 (a
    # new user's 停车难): 缓解 is a state as 减少 and 降低 are.
    for state in ("有效提升", "有所提升", "提高", "较上年有所增加", "有效缓解"):
        assert check_project(variant("较上年有所提升", state)) == [], state
    assert [d.code for d in check_project(variant("较上年有所提升", "有效促进"))] == ["R340"]


def test_every_vague_word_names_the_text_it_was_found_in() -> None:
    from perfsheet.model.vocabulary import vocabulary

    words = vocabulary()
    assert words.vague_words and all(source.strip() for source in words.vague_words.values())
    # One list: no target state holds a vague word.
    assert [state for state in words.target_states if any(word in state for word in words.vague_words)] == []


# --- R341 and R310 on compliance indicators and system-spelt units (held-out tangxi-zhen-2022) ------------


def test_compliance_is_the_target_state_of_a_compliance_indicator(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「补助资格合规性: 合规」「经费支出合规性: 严格执行相关制度规定」
    for state in ("合规", "严格执行相关制度规定"):
        assert check_project(variant("项目影响力: 较上年有所提升", f"经费支出合规性: {state}")) == [], state
    assert [d.code for d in check_project(variant("较上年有所提升", "相关制度规定"))] == ["R341"]


def test_百分比_is_how_budget_systems_spell_percent(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「委托业务报告合格率: ≥100百分比」: a rate in %, spelt out by the system's unit list.
    assert check_project(variant("=100.00(%)", "≥100.00(百分比)")) == []
    assert [d.code for d in check_project(variant("=100.00(%)", "≥100.00(次)"))] == ["R310"]


# --- R367: a goal that only states the budget ----------------------------------------------------------

GOAL = "  1.举办至少 2 场青年科技人才交流活动；\n  2.评选优秀论文不超过 10 篇。\n"


@pytest.mark.parametrize(
    "goal",
    [
        "按工作计划完成教育局重点项目建设经费预算安排",  # wuhan-qingshan-jiaoyu-2020 (01)
        # held-out tangxi-zhen-2022 (01): the budget, then how it is split
        "本项目共申请预算资金45万元。其中:40万元用于交流活动;5万元用于论文评审。",
        # the same with its numbers each on a line of their own: a number alone is no sentence
        "1.\n  本项目共申请预算资金45万元。\n  2、\n  其中:40万元用于交流活动;5万元用于论文评审。",
    ],
)
def test_a_goal_that_only_states_the_budget(goal: str, check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant(GOAL, f"  {goal}\n"))
    assert "R367" in [d.code for d in found]


@pytest.mark.parametrize(
    "goal",
    [
        # linyi-shifu-xiaoxue-2025 (fine.tsv): a standard and a share, no budget statement
        "根据鲁财科教(2024)67号文件,小学教育公用经费每生每年780元,县级财政负担20%计,主要用于学校教学与管理。",
        # the budget stated beside what it is for: a goal
        "本项目申请预算资金45万元；举办至少 2 场青年科技人才交流活动；评选优秀论文不超过 10 篇。",
        "完成2026年部门预算编制工作；举办至少 2 场青年科技人才交流活动；评选优秀论文不超过 10 篇。",
    ],
)
def test_a_goal_with_an_output_is_no_budget_statement(goal: str, check_project) -> None:  # type: ignore[no-untyped-def]
    assert "R367" not in [d.code for d in check_project(variant(GOAL, f"  {goal}\n"))]


# --- R368: a headcount in a unit of things; R341: a cost in words says its bound ------------------------


@pytest.mark.parametrize(
    ("indicator", "flagged"),
    [
        ("保障村干部人数: =42个", True),  # held-out tangxi-zhen-2022 (02)
        ("受益脱贫户、监测户人口数(≥**户): ≥10户", True),  # tongxin-xiamaguan-2023 (also R361)
        ("保障村干部人数: =42人", False),
        ("参与人数: ≥300人次", False),
        ("受益户数: ≥10户", False),
        ("补助村(社区)数量: =8个", False),  # held-out tangxi-zhen-2022 (02): no headcount
    ],
)
def test_a_headcount_is_counted_in_people(indicator: str, flagged: bool, check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("      - 优秀论文评选数: ≤10.00(篇)\n", f"      - 优秀论文评选数: ≤10.00(篇)\n      - {indicator}\n")
    assert ("R368" in [d.code for d in check_project(text)]) is flagged


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("参照政府采购成本控制", ["R341"]),  # wuhan-qingshan-jiaoyu-2020 (01)
        ("符合相关规定", ["R341"]),  # held-out tangxi-zhen-2022 (01) 「单项业务成本」
        ("合理", []),
        ("不超预算", []),
    ],
)
def test_a_cost_in_words_says_it_stays_within_a_bound(value: str, codes: list[str], check_project) -> None:  # type: ignore[no-untyped-def]
    assert [d.code for d in check_project(variant("≤40.00(万元)", value))] == codes


# --- R358: one office however it is spelt ---------------------------------------------------------------


def test_an_office_with_its_code_or_without_its_city_is_the_same_office(tmp_path: Path) -> None:
    # wuhan-qingshan-jiaoyu-2020: 「青山区教育局」 and 「[015001]武汉市青山区教育局」.
    settings = SETTINGS.replace("主管部门: 上海市某某局", '主管部门: "[015001]上海市某某区某某局"')
    other = variant("项目名称: 青年科技人才服务", "项目名称: 另一个项目\n主管部门: 某某区某某局")
    root = write_collection(tmp_path / "a", {"01-a.yaml": C, "02-b.yaml": other}, settings)
    assert list(check_paths([root]).report) == []
    # The near miss: another district's office of the same name is another office.
    elsewhere = variant("项目名称: 青年科技人才服务", "项目名称: 另一个项目\n主管部门: 另一区某某局")
    root = write_collection(
        tmp_path / "b", {"01-a.yaml": C, "02-b.yaml": elsewhere, "03-c.yaml": C.replace("青年", "中年")}, settings
    )
    assert [(Path(d.file).name, d.code) for d in check_paths([root]).report] == [("02-b.yaml", "R358")]


def test_a_department_s_own_summary_lets_its_units_carry_out_projects(tmp_path: Path) -> None:
    # wuhan-qingshan-jiaoyu-2020: the 教育局's 汇总 with 「实施单位: 化工区学校」.
    settings = SETTINGS.replace("编报单位: 上海市某某中心", "编报单位: 上海市某某局")
    school = variant("项目名称: 青年科技人才服务", "项目名称: 另一个项目\n实施单位: 某某学校")
    third = C.replace("青年", "中年")
    root = write_collection(tmp_path / "a", {"01-a.yaml": C, "02-b.yaml": school, "03-c.yaml": third}, settings)
    assert list(check_paths([root]).report) == []
    # A unit's own 汇总: a project of another unit stands out.
    root = write_collection(tmp_path / "b", {"01-a.yaml": C, "02-b.yaml": school, "03-c.yaml": third})
    assert [(Path(d.file).name, d.code) for d in check_paths([root]).report] == [("02-b.yaml", "R358")]


# --- R361–R366: what reviewers send back, each from a real form ------------------------------------------


@pytest.mark.parametrize(
    ("name", "found", "clean"),
    [
        # jinzhai-kaifaqu-2021, tongxin-xiamaguan-2023
        ("指标1:项目总成本(≤**万元)", ["(≤**万元)"], "项目总成本"),
        ("★★★受益脱贫户、监测户人口数(≥**户)", ["(≥**户)", "★★★"], "受益脱贫户、监测户人口数"),
        ("种植作物成活率（≥＊＊%）", ["（≥＊＊%）"], "种植作物成活率"),
        # yueyang-xian-nongye-2022 (fine.tsv): (监测) is part of the official term
        ("受益脱贫(监测)人口数", [], "受益脱贫(监测)人口数"),
    ],
)
def test_template_residue_in_a_name(name: str, found: list[str], clean: str) -> None:
    assert residue(name) == found
    assert without_residue(name) == clean


def test_the_residue_hint_names_the_clean_name(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("参会人员满意度: ≥90.00(%)", "参会人员满意度(≥**%): ≥90.00(%)")
    [hit] = check_project(text)
    assert hit.code == "R361" and "「参会人员满意度」" in hit.hint and "(≥**%)" in hit.message


@pytest.mark.parametrize(
    ("name", "flagged"),
    [
        ("教学条件改善、办学水平提高", True),  # linyi-shifu-xiaoxue-2025
        ("学生受益情况", True),  # linyi-shifu-xiaoxue-2025
        ("种植作物成活率(≥**%)", False),  # tongxin-xiamaguan-2023: a rate behind its residue
        ("服务周期内,市民对空气质量改善的满意程度", False),  # xiangtan-huanweichu-2023
        ("农户收入增长幅度", False),
    ],
)
def test_a_percentage_needs_a_rate(name: str, flagged: bool, check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("青年科技人才参与人数增长率: ≥10.00(%)", f"{name}: ≥10.00(%)")
    assert ("R362" in [d.code for d in check_project(text)]) is flagged


@pytest.mark.parametrize(
    ("name", "flagged"),
    [
        ("学生、家长、社会满意度", True),  # wuhan-qingshan-jiaoyu-2020 form 01
        ("学生家长满意度", False),  # wuhan-qingshan-jiaoyu-2020 form 02 (fine.tsv): one group
        ("服务周期内,市民对空气质量改善的满意程度", False),  # xiangtan-huanweichu-2023
        ("支部书记、通讯员满意度", False),  # the seed's form 3: one group of trainees, named by its two roles
    ],
)
def test_one_satisfaction_per_group(name: str, flagged: bool, check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("参会人员满意度", name)
    assert ("R365" in [d.code for d in check_project(text)]) is flagged


def test_an_upper_bound_on_a_headcount(check_project) -> None:  # type: ignore[no-untyped-def]
    # linyi-shifu-xiaoxue-2025: 「小学就读人数: <=6962人」; the hint keeps the number and unit.
    text = variant("      - 优秀论文评选数", "      - 小学就读人数: <=6962人\n      - 优秀论文评选数")
    [hit] = [d for d in check_project(text) if d.code == "R364"]
    assert "≥6962.00(人)" in hit.hint


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("安置小区物业费: =8.00(个)", True),  # jinzhai-kaifaqu-2021 「安置小区物业费: 8个」, with its comparator
        ("建设项目成本控制率: =100.00(%)", True),  # wuhan-qingshan-jiaoyu-2020 form 02, under 成本指标
        ("安置小区物业费: ≤8.00(万元)", False),
        ("补助成本: ≤28.40/株", False),  # tongxin-xiamaguan-2023: R366's, not this rule's
    ],
)
def test_a_value_that_does_not_measure_its_name(line: str, flagged: bool, check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("交流活动成本控制数: ≤40.00(万元)", line)
    assert ("R363" in [d.code for d in check_project(text)]) is flagged
