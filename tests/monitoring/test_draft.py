"""evaluate --draft-from-monitoring: a draft 自评 from the 监控's forecasts, appended to each file that has
a 监控 and no 自评; a file with its 自评 is never touched, and what was written is said file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.collection.loading import load_collection
from perfsheet.monitoring import light_project
from perfsheet.rules.check import check_paths
from tests.conftest import EXAMPLES, variant, write_collection
from tests.monitoring.cases import MONITORED_PROJECT

runner = CliRunner()


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_the_examples_get_their_drafts_and_the_evaluated_one_stays(line_end: str, tmp_path: Path) -> None:
    root = tmp_path / "2026"
    shutil.copytree(EXAMPLES, root)
    for path in root.glob("0*.yaml"):
        path.write_bytes(path.read_text(encoding="utf-8").replace("\n", line_end).encode("utf-8"))
    before = {path.name: path.read_bytes() for path in root.glob("*.yaml")}
    result = runner.invoke(app, ["evaluate", str(root), "--draft-from-monitoring"])
    assert result.exit_code == 0, result.output
    drafted = sorted(root.glob("0[23]-*.yaml"))
    assert result.stdout.splitlines() == [str(path) for path in drafted]
    first = next(root.glob("01-*.yaml"))
    assert f"{first}:1:1: info[E582] 文件已经有「自评」部分，没有起草，也没有改动" in result.stderr
    assert first.read_bytes() == before[first.name]
    for path in drafted:
        assert "info[E581] 已按「监控」的全年预计起草「自评」部分" in result.stderr
        after = path.read_bytes()
        assert after.startswith(before[path.name]), "the file's own bytes stay as they were"
        added = after[len(before[path.name]) :].decode("utf-8")
        assert added.startswith(f"自评:{line_end}  全年执行数:{line_end}")
        assert added.count("\n") == added.count(line_end)
    assert not check_paths([root]).report.has_errors
    for file in load_collection(root).projects:
        project = file.project
        assert project is not None and project.monitoring is not None and project.self_evaluation is not None
        if file.source.path.name.startswith("01-"):
            continue
        card = light_project(project)
        assert card is not None
        section = project.self_evaluation
        assert section.spent.model_dump() == project.monitoring.forecast.model_dump()
        assert {name: r.actual for name, r in section.results.items()} == {i.name: i.forecast for i in card.indicators}


def test_the_reason_and_the_measures_become_the_deviation(tmp_path: Path) -> None:
    text = variant(
        "      全年预计: 92%\n",
        "      全年预计: 85%\n      原因说明: 调查推迟到 12 月\n      纠偏措施: 增加一次回访\n",
        MONITORED_PROJECT,
    )
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    assert runner.invoke(app, ["evaluate", str(root), "--draft-from-monitoring"]).exit_code == 0
    project = load_collection(root).projects[0].project
    assert project is not None and project.self_evaluation is not None
    result = project.self_evaluation.results["参会人员满意度"]
    assert (result.actual, result.deviation) == ("85%", "调查推迟到 12 月；增加一次回访")


def test_a_monitoring_that_cannot_be_lit_is_not_drafted(tmp_path: Path) -> None:
    broken = variant("    优秀论文评选数: 0 篇\n", "    优秀论文评选数: 很多\n", MONITORED_PROJECT)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": broken})
    before = (root / "01-项目.yaml").read_bytes()
    result = runner.invoke(app, ["evaluate", str(root), "--draft-from-monitoring"])
    assert result.exit_code == 0
    assert "warning[E583] 「监控」部分有错误（或文件读不出），没有起草「自评」" in result.stderr
    assert result.stdout == ""
    assert (root / "01-项目.yaml").read_bytes() == before
