"""The seed is the test: what a reviewer would flag in the three real forms, each at its own line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.rules.check import check_paths
from tests.conftest import EXAMPLES
from tests.rules.test_review import line_of

FORM_1 = EXAMPLES / "01-科技工作者系列服务.yaml"
FORM_2 = EXAMPLES / "02-科技社团创新发展赋能计划.yaml"
FORM_3 = EXAMPLES / "03-科技社团党建.yaml"


def _at(path: Path, code: str, needle: str) -> tuple[str, str, int]:
    return (path.name, code, line_of(path.read_text(encoding="utf-8"), needle))


def test_the_seed_findings_each_at_its_own_file_and_line() -> None:
    report = check_paths([EXAMPLES]).report
    found = {(Path(d.file).name, d.code, d.line) for d in report}
    expected = {
        _at(FORM_3, "R310", "支部书记、通讯员参与率: ≥90(次)"),
        _at(FORM_2, "R341", "媒体宣传影响力提升情况: 宣传"),
        _at(FORM_2, "R341", "学会影响力提升情况: 效率"),
        _at(FORM_1, "R303", "绩效指标:"),
        _at(FORM_2, "R303", "绩效指标:"),
        _at(FORM_2, "R340", "有效推动"),
        _at(FORM_2, "R340", "有效促进"),
        _at(FORM_1, "R350", "不超过 10 篇"),
        _at(FORM_1, "R322", "≤10.00(人)"),
        _at(FORM_3, "R331", "≤5.00(万元)"),
        _at(FORM_2, "R342", "绩效指标:"),
    }
    assert found == expected
    assert not report.has_errors
    r350 = next(d for d in report if d.code == "R350")
    assert "不超过 10 篇" in r350.message and "≤10.00(人)" in r350.message
    r310 = next(d for d in report if d.code == "R310")
    assert "≥90(次)" in r310.message


def test_validate_exits_0_and_strict_exits_1() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(EXAMPLES)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(EXAMPLES)]).exit_code == 1


def test_build_goes_on_with_warnings_and_strict_stops_it(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 0 and (tmp_path / "a.docx").is_file()
    assert "warning[R303]" in result.output
    strict = runner.invoke(app, ["build", "--strict", str(EXAMPLES), "-o", str(tmp_path / "b.docx")])
    assert strict.exit_code == 1 and not (tmp_path / "b.docx").exists()
