"""Model errors come back as located diagnostics in the user's terms."""

from tests.conftest import CLEAN_PROJECT, located, variant


def test_the_clean_project_has_no_diagnostic(check_project) -> None:  # type: ignore[no-untyped-def]
    assert check_project(CLEAN_PROJECT) == []


def test_unknown_key_says_did_you_mean(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("项目类别: 特定目标类", "项目类型: 特定目标类"))
    # One finding: the misspelt key with its did-you-mean, not also 「项目类别」 missing.
    assert located(found) == [("E102", 3)]
    unknown = next(d for d in found if d.code == "E102")
    assert unknown.line == 3 and "项目类型" in unknown.message
    assert "是不是「项目类别」" in unknown.hint


def test_unknown_nested_key_lists_the_keys_of_that_level(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("  上年结转资金: 50,000.00", "  上年结转: 50,000.00"))
    unknown = next(d for d in found if d.code == "E102")
    assert unknown.line == 13
    assert "上年结转资金" in unknown.hint and "项目名称" not in unknown.hint


def test_missing_required_field(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("项目性质: 其他一次性项目\n", ""))
    assert [(d.code, d.message) for d in found] == [("E101", "必填项「项目性质」没有填写")]


def test_empty_required_field_points_at_its_line(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("项目名称: 青年科技人才服务", "项目名称:"))
    assert located(found) == [("E101", 1)]


def test_money_error_points_at_the_amount(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("年度资金申请总额: 450,000.00", "年度资金申请总额: 45万元"))
    assert located(found) == [("E122", 11)]
    assert found[0].column == 13
    assert "450,000.00" in found[0].hint


def test_value_error_names_the_indicator(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("- 参会人员满意度: ≥90.00(%)", "- 参会人员满意度: 90%"))
    assert located(found) == [("E131", 37)]
    assert "参会人员满意度" in found[0].message
    assert "≥90.00(%)" in found[0].hint


def test_expanded_form_marks_a_qualitative_text_with_digits(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("- 项目影响力: 较上年有所提升", "- {名称: 项目影响力, 指标值: 进入全市前 3 名, 定性: true}")
    assert check_project(text) == []
    unmarked = variant("- 项目影响力: 较上年有所提升", "- {名称: 项目影响力, 指标值: 进入全市前 3 名}")
    assert located(check_project(unmarked)) == [("E131", 34)]


def test_an_indicator_item_with_two_keys_is_an_error(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("- 项目影响力: 较上年有所提升", "- 项目影响力: 较上年有所提升\n        其他: 提升")
    assert located(check_project(text)) == [("E110", 34)]


def test_a_list_at_the_top_is_an_error(check_project) -> None:  # type: ignore[no-untyped-def]
    assert located(check_project("- 项目名称: x\n")) == [("E107", 1)]


def test_an_empty_file_is_an_error(check_project) -> None:  # type: ignore[no-untyped-def]
    assert located(check_project("# 只有注释\n")) == [("E108", 1)]


def test_errors_of_every_field_are_reported_in_one_run(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("计划开始日期: 2026-01-01", "计划开始日期: 2026-13-01")
    text = variant("当年财政拨款: 400,000.00", "当年财政拨款: 40万", text)
    text = variant("- 论文评审通过率: =100.00(%)", "- 论文评审通过率: 100%", text)
    assert [d.code for d in check_project(text)] == ["E141", "E122", "E131"]
