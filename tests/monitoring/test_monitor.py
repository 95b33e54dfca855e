"""``perfsheet monitor`` on the examples and on small collections: the document read back cell by cell
(python-docx resolves the merges), the lights as shading plus a word, and what happens without 监控."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.documents.monitor import monitor
from perfsheet.layout.monitoring import monitoring_look
from perfsheet.layout.style import style
from tests.conftest import CLEAN_PROJECT, variant, write_collection
from tests.monitoring.cases import MONITORED_PROJECT, monitored_examples


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return monitored_examples(tmp_path_factory.mktemp("examples") / "2026")


@pytest.fixture(scope="module")
def monitored(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("monitor") / "监控.docx"
    result = monitor(examples, target)
    assert result.docx == target, [d.message for d in result.check.report]
    return docx.Document(str(target)), target


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_cover_sums_up_the_monitored_projects(monitored: Any) -> None:
    document, _path = monitored
    assert document.paragraphs[0].text == "上海市科学技术协会学会服务中心2026年度项目绩效监控汇总表"
    # 180,000 ÷ 450,000 = 40.00 %; 7/12 = 58.33 %; 40 ÷ 58.33 = 68.57 % → yellow money, the red indicator
    # makes the project red.
    assert _texts(document.tables[0]) == [
        ["序号", "项目名称", "监控期间", "全年预算数", "执行数", "执行率", "时间进度", "预警", "红灯指标", "黄灯指标"],
        ["1", "科技工作者系列服务", "1-7月", "450,000.00", "180,000.00", "40.00%", "58.33%", "红", "1", "0"],
        # 210,000 ÷ 350,000 = 60.00 %, ÷ 58.33 % = 102.86 % → green; every indicator on track.
        ["2", "科技社团创新发展赋能计划", "1-7月", "350,000.00", "210,000.00", "60.00%", "58.33%", "绿", "0", "0"],
        ["3", "科技社团党建", "1-7月", "50,000.00", "30,000.00", "60.00%", "58.33%", "绿", "0", "0"],
        # 420,000 ÷ 850,000 = 49.41 %
        ["合计", "合计", "合计", "850,000.00", "420,000.00", "49.41%", "", "", "1", "0"],
    ]  # fmt: skip
    sentence = next(p.text for p in document.paragraphs if p.text.startswith("共开展"))
    assert sentence == "共开展绩效运行监控的项目3个，其中红灯 1 个、黄灯 0 个、蓝灯 0 个、绿灯 2 个。"


def test_the_form_cell_by_cell(monitored: Any) -> None:
    document, _path = monitored
    assert len(document.tables) == 7, "the cover, then each form: its top part and its indicator block"
    top, indicators = (_texts(table) for table in document.tables[1:3])
    funds = "项目\n资金\n（元）"
    assert top[2:7] == [
        [funds, "", "年初预算数", "全年预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数", "预警"],
        [funds, "年度资金总额", "450,000.00", "450,000.00", "180,000.00", "40.00%", "430,000.00", "黄"],
        [funds, "其中：当年财政拨款", "450,000.00", "450,000.00", "180,000.00", "", "430,000.00", ""],
        [funds, "上年结转资金", "0.00", "0.00", "0.00", "", "0.00", ""],
        [funds, "其他资金", "0.00", "0.00", "0.00", "", "0.00", ""],
    ]  # fmt: skip
    assert top[7][1:] == ["年度总体目标"] * 3 + ["1-7月执行情况"] * 4
    assert top[8][4].startswith("1.已举办青年科技人才交流活动 2 场")
    side = "绩效\n指标"
    # A header that would leave a character alone in its narrow column breaks before its last words
    # (二级指|标, 完成目|标可能|性); so does a group (产出指|标 in the 一级 column, three characters wide).
    assert indicators[0] == [side, "一级\n指标", "二级\n指标", "三级指标", "年度指标值", "1-7月执行情况",
                             "全年预计完成情况", "偏差原因分析", "完成\n目标\n可能性", "备注（纠偏措施）",
                             "预警"]  # fmt: skip
    # ≥1 场 × 7/12 = 0.58 场 expected, 2 done: 342.86 % → blue; 0 of ≥3 个 is red, explained.
    # The forecast is the 2 held, not the target.
    # The side label stands in the header, which repeats on every page; the rows beside it are one empty merge.
    # 数量指|标 would leave a character alone in the narrow 二级 column: the line breaks before 指标.
    assert indicators[1] == ["", "产出\n指标", "数量\n指标", "青年科技人才交流活动举办完成数", "≥1.00(场)", "2 场",
                             "2.00场", "", "确定能", "", "蓝"]  # fmt: skip
    assert indicators[2][3:] == [
        "采集小组结题完成数", "≥3.00(个)", "0 个", "2 个",
        "☑人员保障 ☑其他\n1 个采集小组的受访人因健康原因无法按期访谈，其余 2 个小组年底前结题",
        "有可能", "调整访谈计划，申请延期至 2027 年 6 月结题", "红",
    ]  # fmt: skip
    assert [row[-1] for row in indicators[1:]] == ["蓝", "红", *["绿"] * 8]
    assert indicators[-1][3:7] == ["科技工作者满意度", "≥90.00(%)", "年末调查", "90.00%"]


def test_lights_are_shaded_cells_with_their_word(monitored: Any) -> None:
    _document, path = monitored
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    roles = style().roles
    for light, word in (("red", "红"), ("yellow", "黄"), ("blue", "蓝"), ("green", "绿")):
        fill = roles[f"light_{light}"].fill
        assert fill is not None
        cell = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/><w:vAlign w:val="center"/></w:tcPr>'
        assert cell in xml, light
        after = xml[xml.index(cell) :]
        assert after[: after.index("</w:tc>")].endswith(f'<w:t xml:space="preserve">{word}</w:t></w:r></w:p>')


def test_the_widths_of_the_form_fill_the_page() -> None:
    page = style().page
    look = monitoring_look()
    text_width = page.width - page.margin_left - page.margin_right
    assert [sum(widths) for widths in look.widths.values()] == [text_width] * 2
    assert sum(look.cover.widths) == text_width


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_a_project_that_cannot_be_lit_writes_nothing(tmp_path: Path) -> None:
    broken = variant(
        "    青年科技人才交流活动举办完成数: 1 场\n", "    青年科技人才交流活动举办完成数: 0 场\n", MONITORED_PROJECT
    )
    root = write_collection(tmp_path / "c", {"01-项目.yaml": broken})
    target = tmp_path / "out.docx"
    result = _run("monitor", str(root), "-o", str(target))
    assert result.exit_code == 1
    assert "error[E567]" in result.output
    assert not target.exists()


def test_projects_without_monitoring_are_named_and_none_at_all_is_an_error(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": MONITORED_PROJECT, "02-乙.yaml": CLEAN_PROJECT.replace(
        "项目名称: 青年科技人才服务", "项目名称: 乙项目")})  # fmt: skip
    target = tmp_path / "out.docx"
    result = _run("monitor", str(root), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "info[E572] 项目「乙项目」还没有「监控」部分" in result.output
    assert target.exists()
    alone = write_collection(tmp_path / "d", {"01-项目.yaml": CLEAN_PROJECT})
    result = _run("monitor", str(alone), "-o", str(tmp_path / "none.docx"))
    assert result.exit_code == 1
    assert "error[E573]" in result.output
    assert not (tmp_path / "none.docx").exists()


def test_monitor_is_deterministic(examples: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert monitor(examples, first).docx and monitor(examples, second).docx
    assert first.read_bytes() == second.read_bytes()


def test_import_reads_the_monitoring_columns_without_a_word(monitored: Any) -> None:
    from perfsheet.importer import import_docx

    _document, path = monitored
    result = import_docx(path)
    assert result.diagnostics == []
    assert (result.forms, result.imported, result.monitoring_forms) == (3, 3, 3)
    assert [form.monitoring.month for form in result.read if form.monitoring is not None] == [7, 7, 7]
