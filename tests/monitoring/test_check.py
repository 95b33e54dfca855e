"""validate on the 监控 section: what cannot be lit is an error at its line, the review rules warn, and
perfsheet.yaml's bands are checked; each test asserts the complete list."""

from __future__ import annotations

from tests.conftest import SETTINGS, variant
from tests.monitoring.cases import MONITORED_PROJECT


def line_of(text: str, needle: str, after: str = "") -> int:
    """The line of the first ``needle`` below the first ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start + 1) if needle in line)


def _found(check_project, text: str, settings: str = SETTINGS) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f"{d.code}@{d.line}" for d in check_project(text, settings))


def test_a_clean_monitoring_reports_nothing(check_project) -> None:  # type: ignore[no-untyped-def]
    assert _found(check_project, MONITORED_PROJECT) == []


def test_unknown_missing_and_unexplained_indicators(check_project) -> None:  # type: ignore[no-untyped-def]
    text = variant("    优秀论文评选数: 0 篇\n", "    优秀论文评选书: 0 篇\n", MONITORED_PROJECT)
    # 0 of ≥2 场 × 7/12 is 0 %: red, with neither reason nor measures.
    text = variant("    青年科技人才交流活动举办完成数: 1 场\n", "    青年科技人才交流活动举办完成数: 0 场\n", text)
    text = variant("    项目影响力: 较上年有所提升\n", "    项目影响力: 正在推进\n", text)
    found = check_project(text)
    assert sorted(f"{d.code}@{d.line}" for d in found) == sorted(
        [
            f"E569@{line_of(text, '优秀论文评选书: 0 篇')}",
            f"E570@{line_of(text, '  指标:', after='监控:')}",
            f"E567@{line_of(text, '举办完成数: 0 场', after='监控:')}",
            f"E566@{line_of(text, '项目影响力: 正在推进')}",
        ]
    )
    messages = {d.code: (d.message, d.hint) for d in found}
    assert messages["E569"][1] is not None and messages["E569"][1].startswith("是不是「优秀论文评选数」？")
    assert messages["E567"][0] == "指标「青年科技人才交流活动举办完成数」亮红灯，没有写偏差原因、纠偏措施"


def test_bands_in_perfsheet_yaml(check_project) -> None:  # type: ignore[no-untyped-def]
    settings = SETTINGS + "监控预警:\n  分档:\n    红: 85\n"
    found = check_project(MONITORED_PROJECT, settings)
    assert [(d.code, d.file.endswith("perfsheet.yaml"), d.line) for d in found] == [("E571", True, 5)]
    assert found[0].message == "预警分档应为 红 < 黄 < 蓝，现在是 红 85、黄 80、蓝 120"
    bad = SETTINGS + "监控预警:\n  分档:\n    红: 六十\n"
    assert [(d.code, d.line) for d in check_project(MONITORED_PROJECT, bad)] == [("E563", 6)]


def test_a_value_that_is_no_quantity_is_reported_where_it_is_written(check_project) -> None:  # type: ignore[no-untyped-def]
    short = variant(
        "    青年科技人才交流活动举办完成数: 1 场\n", "    青年科技人才交流活动举办完成数: 一场\n", MONITORED_PROJECT
    )
    long = variant(
        "    青年科技人才交流活动举办完成数: 1 场\n",
        "    青年科技人才交流活动举办完成数:\n      全年预计: 2 场\n      执行情况: 一场\n",
        MONITORED_PROJECT,
    )
    for text in (short, long):
        found = [(d.code, d.line, d.column) for d in check_project(text)]
        line = line_of(text, "一场")
        assert found == [("E564", line, text.splitlines()[line - 1].index("一场") + 1)]


def test_money_of_a_source_a_column_leaves_out_is_reported_at_that_column(check_project) -> None:  # type: ignore[no-untyped-def]
    """2,000.00 of 其他资金 spent, which has no budget (R423, at its amount), and a 全年预计执行数 that
    does not write 其他资金 (R424, at that column's key: not at another source's line)."""
    text = variant(
        "    其他资金: 0\n  全年预计执行数:\n", "    其他资金: 2,000.00\n  全年预计执行数:\n", MONITORED_PROJECT
    )
    text = variant(
        "    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况", "    上年结转资金: 50,000.00\n  执行情况", text
    )
    assert _found(check_project, text) == sorted(
        [f"R423@{line_of(text, '其他资金: 2,000.00')}", f"R424@{line_of(text, '全年预计执行数:')}"]
    )
