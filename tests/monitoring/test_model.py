"""The 监控 section as the model reads it: short and long forms, and located Chinese errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfsheet.collection.loading import load_project
from perfsheet.model.monitoring import BandSettings, MonitoringSettings, monitoring_scheme
from tests.conftest import located, variant
from tests.monitoring.cases import MONITORED_PROJECT


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return load_project(path)


def test_short_and_long_forms(tmp_path: Path) -> None:
    file = _load(tmp_path, MONITORED_PROJECT)
    assert file.diagnostics == []
    assert file.project is not None
    monitoring = file.project.monitoring
    assert monitoring is not None
    assert monitoring.month == 7
    assert monitoring.budget is None
    assert monitoring.spent.total == Decimal("300000.00")
    assert monitoring.forecast.total == Decimal("450000.00")
    short = monitoring.results["青年科技人才交流活动举办完成数"]
    assert (short.current, short.forecast, short.likelihood, short.reasons) == ("1 场", None, None, None)
    long = monitoring.results["参会人员满意度"]
    assert (long.current, long.forecast) == ("尚未调查", "92%")


def test_the_month_may_be_written_as_the_form_writes_the_period(tmp_path: Path) -> None:
    for written in ("7月", "1-7月", "1—7 月", "'7'"):
        file = _load(tmp_path, variant("  月份: 7\n", f"  月份: {written}\n", MONITORED_PROJECT))
        assert file.project is not None and file.project.monitoring is not None, written
        assert file.project.monitoring.month == 7


def test_ticks_likelihood_and_month_errors_are_located(tmp_path: Path) -> None:
    text = variant("  月份: 7\n", "  月份: 13\n", MONITORED_PROJECT)
    text = variant(
        "      全年预计: 92%\n",
        "      全年预计: 92%\n      偏差原因: [人员, 其他]\n      完成目标可能性: 可能\n      偏偏: 1\n",
        text,
    )
    file = _load(tmp_path, text)
    lines = text.splitlines()
    assert located(file.diagnostics) == [
        ("E560", lines.index("  月份: 13") + 1),
        ("E561", lines.index("      偏差原因: [人员, 其他]") + 1),
        ("E562", lines.index("      完成目标可能性: 可能") + 1),
        ("E102", lines.index("      偏偏: 1") + 1),
    ]
    messages = [d.message for d in file.diagnostics]
    assert messages[1] == "「人员」不是偏差原因的勾选项"
    assert "经费保障、制度保障、人员保障、硬件条件保障、其他" in (file.diagnostics[1].hint or "")


def test_one_tick_may_be_written_without_a_list(tmp_path: Path) -> None:
    text = variant("      全年预计: 92%\n", "      全年预计: 92%\n      偏差原因: 其他\n", MONITORED_PROJECT)
    file = _load(tmp_path, text)
    assert file.project is not None and file.project.monitoring is not None
    assert file.project.monitoring.results["参会人员满意度"].reasons == ["其他"]


def test_a_collection_overrides_some_bands_and_keeps_the_others() -> None:
    settings = MonitoringSettings.model_validate({"分档": {"红": "50", "蓝": "150%"}})
    bands = settings.resolved(monitoring_scheme().bands)
    assert (bands.red, bands.yellow, bands.blue) == (Decimal(50), Decimal(80), Decimal(150))
    assert BandSettings.model_validate({}).red is None


def test_the_scheme_lists_the_form_s_columns() -> None:
    scheme = monitoring_scheme()
    assert scheme.reasons == ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
    assert list(scheme.likelihood) == ["确定能", "有可能", "完全不可能"]
    assert [light.name for light in scheme.lights] == ["红", "黄", "蓝", "绿"]


@pytest.mark.parametrize(
    ("written", "code", "hint"),
    [
        ("制度保障，其他", "E584", "写成：[制度保障, 其他]"),
        ("[人员保障、其他]", "E584", "写成：[人员保障, 其他]"),
        ("【其他】", "E584", "写成：[其他]"),
        ("人员保障，其它", "E561", "偏差原因只能勾选："),
    ],
)
def test_ticks_typed_as_one_text_are_told_as_a_list(tmp_path: Path, written: str, code: str, hint: str) -> None:
    """Each tick is one of the form's; joined by a Chinese comma or 顿号, or in 【】, they are told how to
    write the list, not that the whole is no tick (one that is not a tick still is)."""
    text = variant("      全年预计: 92%\n", f"      全年预计: 92%\n      偏差原因: {written}\n", MONITORED_PROJECT)
    file = _load(tmp_path, text)
    [diagnostic] = file.diagnostics
    assert diagnostic.code == code and diagnostic.line == text.splitlines().index(f"      偏差原因: {written}") + 1
    assert (diagnostic.hint or "").startswith(hint)


@pytest.mark.parametrize(("written", "fixed"), [("７", "7"), ("１－７月", "1-7月")])
def test_a_month_in_full_width_digits_is_told_so(tmp_path: Path, written: str, fixed: str) -> None:
    file = _load(tmp_path, variant("  月份: 7\n", f"  月份: {written}\n", MONITORED_PROJECT))
    [diagnostic] = file.diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "E585",
        f"监控月份「{written}」用了全角数字",
        f"请改用半角数字：{fixed}",
    )


def test_an_amount_left_to_fill_in_is_asked_for_and_a_source_not_written_is_none(tmp_path: Path) -> None:
    """The template's 「当年财政拨款:」 left empty is not 0 spent (E586, at that line); a source not
    written at all is none of the money."""
    blank = variant("    当年财政拨款: 250,000.00\n", "    当年财政拨款:\n", MONITORED_PROJECT)
    file = _load(tmp_path, blank)
    assert located(file.diagnostics) == [("E586", blank.splitlines().index("    当年财政拨款:") + 1)]
    assert file.diagnostics[0].hint == "请填写金额（元）；没有的写 0"
    left_out = variant("    当年财政拨款: 250,000.00\n", "", MONITORED_PROJECT)
    file = _load(tmp_path, left_out)
    assert file.diagnostics == [] and file.project is not None and file.project.monitoring is not None
    assert file.project.monitoring.spent.fiscal is None and file.project.monitoring.spent.total == 50000
