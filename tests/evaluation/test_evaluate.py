"""``perfsheet evaluate`` on the examples and on small collections: the document read back cell by cell
(python-docx resolves the merges), and what happens when a project cannot be scored or has no 自评."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.documents.evaluate import evaluate
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, EXAMPLES, variant, write_collection


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("evaluate") / "自评.docx"
    result = evaluate(EXAMPLES, target)
    assert result.docx == target, [d.message for d in result.check.report]
    return docx.Document(str(target))


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_cover_sums_up_the_evaluated_projects(evaluated: Any) -> None:
    cover = evaluated.tables[0]
    assert evaluated.paragraphs[0].text == "上海市科学技术协会学会服务中心2026年度项目绩效自评汇总表"
    assert _texts(cover) == [
        ["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "总分", "等级"],
        ["1", "科技工作者系列服务", "450,000.00", "421,680.50", "93.71%", "92.59", "优"],
        ["合计", "合计", "450,000.00", "421,680.50", "93.71%", "", ""],
    ]
    sentence = next(p.text for p in evaluated.paragraphs if p.text.startswith("共开展"))
    # The last count would leave 「个。」 alone on the second line: it starts the line whole.
    assert sentence == "共开展绩效自评的项目1个，平均得分92.59分；其中优 1 个、良 0 个、中 0 个、\n差 0 个。"


def test_the_form_cell_by_cell(evaluated: Any) -> None:
    assert len(evaluated.tables) == 4, "the cover, then the form: its top part, indicator block, 总分 row"
    top, indicators, total = (_texts(table) for table in evaluated.tables[1:])
    funds = "项目\n资金\n（元）"
    DEPARTMENT = "上海市科学技术协会"  # noqa: N806
    assert top[:7] == [
        ["项目名称", "项目名称", *["科技工作者系列服务"] * 6],
        ["主管部门", "主管部门", *[DEPARTMENT] * 2, "实施单位", *[DEPARTMENT + "学会服务中心"] * 3],
        [funds, "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        # 421,680.50 ÷ 450,000.00 = 93.706…% → 93.71%; 10 × 0.93706… = 9.3706… → 9.37
        [funds, "年度资金总额", "450,000.00", "450,000.00", "421,680.50", "10.00", "93.71%", "9.37"],
        [funds, "其中：当年财政拨款", "450,000.00", "450,000.00", "421,680.50", "", "", ""],
        [funds, "上年结转资金", "0.00", "0.00", "0.00", "", "", ""],
        [funds, "其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ]  # fmt: skip
    assert top[7][1:] == ["预期目标"] * 3 + ["实际完成情况"] * 4
    assert top[8][1].startswith("1.举办至少 1 场青年科技人才交流活动") and top[8][4].startswith(
        "1.举办青年科技人才交流活动 2 场"
    )
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert indicators[0] == ["绩效\n指标", *header]
    rows = [row[1:8] for row in indicators[1:]]
    # 产出 50 over 6 → 8.34, 8.34, 8.33 × 4 (to the cent, adding up to 50); 效益 30 over 2; 满意度 10 over 2.
    # 分值 in one format: 8.34 beside 15.00. A group name too wide for its column breaks before 「指标」.
    assert rows == [
        ["产出指标", "数量指标", "青年科技人才交流活动举办完成数", "≥1.00(场)", "2 场", "8.34", "8.34"],
        ["产出指标", "数量指标", "采集小组结题完成数", "≥3.00(个)", "2 个", "8.34", "5.56"],  # 8.34 × 2 ÷ 3
        ["产出指标", "数量指标", "评选出优秀论文奖、优秀论文提名奖完成数", "≤10.00(人)", "10 人", "8.33", "8.33"],
        ["产出指标", "质量指标", "结题通过率", "=100.00(%)", "100%", "8.33", "8.33"],
        ["产出指标", "质量指标", "论文质量率", "=100.00(%)", "100%", "8.33", "8.33"],
        ["产出指标", "时效指标", "各项工作完成及时性", "及时", "及时", "8.33", "8.33"],
        ["效益指标", "社会效益指标", "项目影响力提升情况", "提升", "提升", "15.00", "15.00"],
        # 部分达成 of 15 points: 9 up to 12
        ["效益指标", "社会效益指标", "媒体报道增加情况", "较上年有所增加", "与上年持平", "15.00", "11.00"],
        ["满意度\n指标", "服务对象满意度\n指标", "项目管理者满意度", "≥90.00(%)", "95%", "5.00", "5.00"],
        ["满意度\n指标", "服务对象满意度\n指标", "科技工作者满意度", "≥90.00(%)", "92.5%", "5.00", "5.00"],
    ]  # fmt: skip
    assert indicators[2][8].startswith("1 个采集小组因受访人健康原因")
    # 9.37 + 8.34 + 5.56 + 4 × 8.33 + 15 + 11 + 5 + 5 = 92.59; 总分 from the form's left edge
    assert total == [[*["总分"] * 6, "100.00", "92.59", ""]]


def test_the_indicator_header_repeats_on_every_page(evaluated: Any) -> None:
    header = evaluated.tables[2].rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader"), "the indicator header row is marked to repeat"


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_a_project_that_cannot_be_scored_writes_nothing(tmp_path: Path) -> None:
    root = write_collection(
        tmp_path / "c", {"01-a.yaml": variant("举办完成数: 2 场", "举办完成数: 2 次", EVALUATED_PROJECT)}
    )
    target = tmp_path / "out.docx"
    result = _run("evaluate", str(root), "-o", str(target))
    assert result.exit_code == 1
    assert "error[E404]" in result.output
    assert not target.exists()


def test_projects_without_self_evaluation_are_named(tmp_path: Path) -> None:
    second = CLEAN_PROJECT.replace("青年科技人才服务", "第二个项目")
    root = write_collection(tmp_path / "c", {"01-a.yaml": EVALUATED_PROJECT, "02-b.yaml": second})
    target = tmp_path / "out.docx"
    result = _run("evaluate", str(root), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "02-b.yaml:1:7: info[E415] 项目「第二个项目」还没有「自评」部分，未参加评价" in result.output
    assert [row.cells[1].text for row in docx.Document(str(target)).tables[0].rows] == [
        "项目名称",
        "青年科技人才服务",
        "合计",
    ]


def test_nothing_to_evaluate_is_an_error(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-a.yaml": CLEAN_PROJECT})
    target = tmp_path / "out.docx"
    result = _run("evaluate", str(root), "-o", str(target))
    assert result.exit_code == 1
    assert "error[E416]" in result.output and "info[E415]" in result.output
    assert not target.exists()


def test_evaluate_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert evaluate(EXAMPLES, first).docx and evaluate(EXAMPLES, second).docx
    assert first.read_bytes() == second.read_bytes()
