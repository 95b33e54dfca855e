import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import __version__, cli
from tests.conftest import CLEAN_PROJECT, EXAMPLES, variant, write_collection

runner = CliRunner()


def test_examples_validate_clean() -> None:
    result = runner.invoke(cli.app, ["validate", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "检查了 4 个文件：0 个错误，10 个警告，1 条提示" in result.output


def test_errors_exit_1_with_path_line_column_code(tmp_path: Path) -> None:
    root = write_collection(tmp_path, {"01-x.yaml": variant("当年财政拨款: 400,000.00", "当年财政拨款: 1")})
    result = runner.invoke(cli.app, ["validate", str(root)])
    assert result.exit_code == 1
    assert f"{root.as_posix()}/01-x.yaml:11:13: error[E201] 年度资金不平衡" in result.output
    assert "提示：" in result.output


def test_json_report_goes_to_stdout(tmp_path: Path) -> None:
    root = write_collection(tmp_path, {"01-x.yaml": variant("计划完成日期: 2026-12-31", "计划完成日期: 2026-12-32")})
    result = runner.invoke(cli.app, ["validate", "--format", "json", str(root)])
    assert result.exit_code == 1
    [only] = json.loads(result.stdout)
    assert only["code"] == "E141" and only["line"] == 5 and only["severity"] == "error"
    assert set(only) == {"file", "line", "column", "code", "severity", "message", "hint"}


def test_a_single_project_file_uses_the_settings_beside_it(tmp_path: Path) -> None:
    root = write_collection(tmp_path, {"01-x.yaml": CLEAN_PROJECT})
    result = runner.invoke(cli.app, ["validate", str(root / "01-x.yaml")])
    assert result.exit_code == 0, result.output
    assert "检查了 2 个文件" in result.output


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "找不到" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(cli.app, ["validate", "--nope", str(EXAMPLES)]).exit_code == 2


def test_version() -> None:
    result = runner.invoke(cli.app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"perfsheet {__version__}"


def test_an_internal_error_is_called_a_bug_and_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(paths: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("perfsheet.rules.check.check_paths", broken)
    result = runner.invoke(cli.app, ["validate", str(EXAMPLES)])
    assert result.exit_code == 3
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output
    assert "内部错误" in result.output
