"""Each foundation check with a case that triggers it (code and line) and one that does not."""

from pathlib import Path

import pytest

from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, SETTINGS, located, variant, write_collection


def test_annual_sum_mismatch_points_at_the_total(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("上年结转资金: 50,000.00", "上年结转资金: 40,000.00"))
    assert located(found) == [("E201", 11)]
    assert "450,000.00" in found[0].message and "440,000.00" in found[0].message
    assert "10,000.00" in found[0].hint


def test_annual_sum_with_blank_parts_counts_them_as_zero(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("  上年结转资金: 50,000.00\n", "", variant("当年财政拨款: 400,000.00", "当年财政拨款: 450,000.00"))
    assert check_project(text) == []


WHOLE = """项目资金:
  项目资金总额: {total}
  财政资金: {fiscal}
  其他资金: {other}
"""
EMPTY_WHOLE = "项目资金:\n  项目资金总额:\n  财政资金:\n  其他资金:\n"


def _whole(total: str, fiscal: str, other: str) -> str:
    return variant(EMPTY_WHOLE, WHOLE.format(total=total, fiscal=fiscal, other=other))


def test_project_sum(check_project) -> None:  # type: ignore[no-untyped-def]
    assert check_project(_whole("900000", "800000", "100000")) == []
    assert located(check_project(_whole("900000", "800000", "0"))) == [("E202", 7)]


def test_project_total_below_the_annual_request(check_project) -> None:  # type: ignore[no-untyped-def]
    assert located(check_project(_whole("400000", "400000", "0"))) == [("E203", 7)]


def test_project_parts_without_total(check_project) -> None:  # type: ignore[no-untyped-def]
    assert located(check_project(_whole("", "400000", "0"))) == [("E204", 6)]


def test_dates_in_the_wrong_order(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("计划完成日期: 2026-12-31", "计划完成日期: 2025-12-31"))
    assert located(found) == [("E205", 5)]


def test_budget_year_outside_the_project(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("计划开始日期: 2026-01-01", "计划开始日期: 2027-01-01")
    text = variant("计划完成日期: 2026-12-31", "计划完成日期: 2027-12-31", text)
    assert located(check_project(text)) == [("E206", 4)]
    multi_year = variant("计划开始日期: 2026-01-01", "计划开始日期: 2025-01-01")
    assert [d for d in check_project(multi_year) if d.code.startswith("E")] == []


def test_unknown_level1_suggests(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("  效益指标:", "  效益指示:"))
    assert located(found) == [("E210", 31)]
    assert "是不是「效益指标」" in found[0].hint


def test_level2_under_the_wrong_level1(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(
        variant("    社会效益指标:", "    质量指标:\n      - 服务质量达标率: =100.00(%)\n    社会效益指标:")
    )
    assert located(found) == [("E211", 32)]
    assert "属于「产出指标」" in found[0].hint


def test_legacy_level2_name_suggests_the_current_one(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("    社会效益指标:", "    社会效益:"))
    assert located(found) == [("E211", 32)]
    assert "是不是「社会效益指标」" in found[0].hint


def line_of_text(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def test_a_legacy_name_of_another_level1_s_group_is_sent_there(check_project) -> None:  # type: ignore[no-untyped-def]
    # 「成本」 under 产出指标 (as older forms file it) is 经济成本指标, a 二级 of 成本指标: the hint must not
    # offer it as a 二级 of 产出指标.
    found = check_project(variant("    时效指标:", "    成本:"))
    assert located(found) == [("E211", line_of_text(variant("    时效指标:", "    成本:"), "    成本:"))]
    assert "「经济成本指标」属于「成本指标」" in found[0].hint and "是不是" not in found[0].hint


@pytest.mark.parametrize(("written", "meant"), [("  社会效益:", "效益指标"), ("  成本:", "成本指标")])
def test_an_older_level2_name_as_a_level1_suggests_its_level1(written: str, meant: str, check_project) -> None:  # type: ignore[no-untyped-def]
    old = "  效益指标:" if "效益" in written else "  成本指标:"
    [found] = check_project(variant(old, written))
    assert found.code == "E210" and f"是不是「{meant}」" in found.hint


def test_empty_groups(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("    时效指标:\n      - 各项工作完成及时性: 及时\n", "    时效指标:\n"))
    assert located(found) == [("E212", 29)]
    found = check_project(
        variant("  成本指标:\n    经济成本指标:\n      - 交流活动成本控制数: ≤40.00(万元)\n", "  成本指标:\n")
    )
    assert located(found) == [("E213", 20)]


def test_duplicate_indicator_names(check_project) -> None:  # type: ignore[no-untyped-def]
    found = check_project(variant("- 项目影响力: 较上年有所提升", "- 各项工作完成及时性: 较上年有所提升"))
    assert located(found) == [("E214", 34)]
    assert "第 30 行" in found[0].message


def test_no_indicators(check_project) -> None:  # type: ignore[no-untyped-def]
    text = CLEAN_PROJECT[: CLEAN_PROJECT.index("绩效指标:")] + "绩效指标: {}\n"
    assert located(check_project(text)) == [("E215", 19)]


def test_duplicate_project_names_across_files(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-a.yaml": CLEAN_PROJECT, "02-b.yaml": CLEAN_PROJECT}, SETTINGS)
    found = check_paths([root]).report.sorted()
    assert [(Path(d.file).name, d.code, d.line) for d in found] == [("02-b.yaml", "E220", 1)]
    assert "01-a.yaml" in found[0].message


def test_collection_without_settings_or_projects(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert sorted(d.code for d in check_paths([tmp_path / "empty"]).report) == ["E230", "E231"]
