"""No form skipped in silence, and no file import writes that fails its own parse (issue 22, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.reader import FormData
from perfsheet.importer.writer import evaluation_yaml
from perfsheet.model import labels
from perfsheet.source import load_file, load_text
from tests.importer.test_edited_forms import _document
from tests.importer.test_handmade import ROWS

runner = CliRunner()
FORM = [list(row) for row in ROWS[:-1]]  # without the stray note row


def test_a_form_whose_project_name_is_empty_is_reported(tmp_path: Path) -> None:
    unnamed = [list(row) for row in FORM]
    unnamed[0][1] = ""
    first = _document(tmp_path / "first.docx", FORM)
    second = _document(tmp_path / "second.docx", unnamed)
    result = runner.invoke(app, ["import", str(first), str(second), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error[E356]" in result.stderr and "second.docx:1:1" in result.stderr, result.stderr
    assert "项目名称" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing written without --partial"


LONG = "各类培训完成数" + "（含线上线下）" * 200  # 1,407 characters: past YAML's 1,024 for an implicit key


@pytest.mark.parametrize("value", ["=3(次)", "有效提升"])
def test_an_indicator_name_past_1024_characters_reads_back(value: str, tmp_path: Path) -> None:
    rows = [list(row) for row in FORM]
    rows[11][3:5] = [LONG, value]
    result = runner.invoke(app, ["import", str(_document(tmp_path / "a.docx", rows)), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.output
    written = next((tmp_path / "out").glob("01-*.yaml"))
    source = load_file(written)
    assert source.ok, [d.message for d in source.diagnostics]
    names = [
        next(iter(item)) if labels.INDICATOR_NAME not in item else item[labels.INDICATOR_NAME]
        for groups in source.data["绩效指标"].values()
        for items in groups.values()
        for item in items
    ]
    assert LONG in names


@pytest.mark.parametrize("deviation", ["", "受场地改造影响，延至次年"])
def test_a_result_keyed_by_a_long_name_reads_back(deviation: str) -> None:
    form = FormData(1, indicators={"产出指标": {"数量指标": [(LONG, "=3(次)")]}})
    cells = {labels.RESULT_ACTUAL: "2次"} | ({labels.RESULT_DEVIATION: deviation} if deviation else {})
    text = evaluation_yaml(form, EvaluationData(1, results={LONG: cells}))
    source = load_text(text, "x.yaml")
    assert source.ok, [d.message for d in source.diagnostics]
    result = source.data[labels.SELF_EVALUATION][labels.EVALUATION_RESULTS][LONG]
    assert result == ({labels.RESULT_ACTUAL: "2次", labels.RESULT_DEVIATION: deviation} if deviation else "2次")
