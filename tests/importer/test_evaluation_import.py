"""``import`` of a 自评表: perfsheet's own (alone, with its 申报表 in one document or in two, re-saved by
LibreOffice and by pandoc), generated ones, and one typed by hand with other labels, fake merges and
万元. The 自评 section comes back as the unit wrote it; a printed score the figures do not give, and
what cannot be read, are reported with their place."""

from __future__ import annotations

import copy
import errno
import shutil
import subprocess
import tempfile
import zipfile
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.collection.loading import load_collection
from perfsheet.documents.build import build
from perfsheet.documents.evaluate import evaluate
from perfsheet.documents.monitor import monitor
from perfsheet.docx import find_soffice
from perfsheet.evaluation.points import default_points
from perfsheet.evaluation.scoring import attainment_of
from perfsheet.files import edits
from perfsheet.importer import import_docx, write_files
from perfsheet.model import Quantitative
from perfsheet.model.evaluation import SelfEvaluation
from tests.conftest import EXAMPLES, examples, require
from tests.schema.test_schemas import _errors as editor_errors

runner = CliRunner()


def _evaluation_of(text: str) -> SelfEvaluation:
    return SelfEvaluation.model_validate(yaml.safe_load(text)["自评"])


def _combined(first: Path, second: Path, target: Path) -> Path:
    """One .docx holding the body of ``first`` and then that of ``second``, as an office pastes them."""
    document = docx.Document(str(first))
    body = document.element.body
    for element in docx.Document(str(second)).element.body:
        if not element.tag.endswith("}sectPr"):
            body.insert(len(body) - 1, copy.deepcopy(element))
    document.save(str(target))
    return target


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("documents")
    assert build(EXAMPLES, work / "申报.docx").docx
    assert evaluate(EXAMPLES, work / "自评.docx").docx
    assert monitor(EXAMPLES, work / "监控.docx").docx
    both = _combined(work / "申报.docx", work / "自评.docx", work / "both.docx")
    return {
        "declaration": work / "申报.docx",
        "evaluation": work / "自评.docx",
        "monitoring": work / "监控.docx",
        "both": both,
        # Every form of the examples' year in one document: 申报表, 自评表, 监控表 (after its cover).
        "all": _combined(both, work / "监控.docx", work / "all.docx"),
    }


def test_a_self_evaluation_alone_gives_back_its_section_and_its_targets(documents: dict[str, Path]) -> None:
    result = import_docx(documents["evaluation"])
    assert result.diagnostics == []
    assert (result.forms, result.imported, result.evaluations, result.merged) == (1, 1, 1, 0)
    original = load_collection(EXAMPLES).projects[0].project
    assert original is not None and original.self_evaluation is not None
    text = result.files["01-科技工作者系列服务.yaml"]
    assert _evaluation_of(text) == original.self_evaluation
    data = yaml.safe_load(text)
    # The 自评表 carries the targets, the 年初预算数 and the 预期目标 too; what it lacks stays empty.
    assert data["年度总体目标"] == original.annual_goal
    assert data["年度资金"]["年度资金申请总额"] == "450,000.00"
    assert [next(iter(i)) for group in data["绩效指标"]["产出指标"].values() for i in group] == [
        i.name for group in original.indicators["产出指标"].values() for i in group
    ]
    assert data["项目性质"] is None and data["计划开始日期"] is None
    # 分值 as the scheme splits them are left to it; the qualitative score within its band is kept.
    section = text.split("自评:\n", 1)[1]
    assert "分值" not in section
    assert (
        "    媒体报道增加情况:\n      实际完成值: 与上年持平\n      完成程度: 部分达成\n      得分: 11.00\n" in section
    )
    assert "    结题通过率: 100%\n" in section


def test_with_its_declaration_in_the_same_document_it_is_one_project_file_and_evaluates_the_same(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    result = import_docx(documents["all"])
    assert result.diagnostics == []
    assert (result.forms, result.imported, result.evaluations, result.merged) == (7, 7, 1, 1)
    assert (result.monitoring_forms, result.monitoring_merged) == (3, 3)
    assert write_files(result, tmp_path / "imported", "imported")
    original, imported = load_collection(EXAMPLES), load_collection(tmp_path / "imported")
    assert [p.project for p in imported.projects] == [p.project for p in original.projects]
    again = evaluate(tmp_path / "imported", tmp_path / "again.docx")
    assert again.docx, [d.message for d in again.check.report if d.severity == "error"]
    parts = [zipfile.ZipFile(path).read("word/document.xml") for path in (documents["evaluation"], again.docx)]
    assert parts[0] == parts[1]


# --- a 自评表 typed by hand -----------------------------------------------------------------------------

TOP = [
    ["项目名称", "社区体育场馆运营", "", "", "", "", "", "", ""],
    ["主管部门", "某区体育局", "", "", "实施单位", "某区体育事业管理中心", "", "", ""],
    ["项目资金（元）", "", "年初预算数", "调整后预算数", "实际执行数", "权重", "执行率", "得分", ""],
    ["", "年度资金总额", "250000", "250000", "215457.6", "10", "86.18%", "8.62", ""],
    ["", "其中：当年财政拨款", "250000", "250000", "215457.6", "", "", "", ""],
    ["", "上年结转资金", "0", "0", "0", "", "", "", ""],
    ["", "其他资金", "", "", "", "", "", "", ""],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
    ["", "保障场馆全年开放不少于 300 天", "", "", "全年开放 320 天，改造期间部分场地关闭", "", "", "", ""],
]
INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分", "偏差原因分析"],
    ["", "产出指标（50分）", "数量指标", "场馆开放天数", "≥300天", "320天", "30", "30", ""],
    ["", "", "时效指标", "费用结算及时性", "及时", "及时", "20", "20", ""],
    ["", "效益指标（30分）", "社会效益指标", "群众健身参与度", "有效提升", "部分提升", "30", "20", "受场地改造影响"],
    ["", "满意度指标（10分）", "服务对象满意度指标", "场馆开放满意度", ">=90%", "96%", "10", "10", ""],
    ["总分", "", "", "", "", "", "100", "88.62", ""],
]

EXPECTED_SECTION = """\
自评:
  全年预算数:
    当年财政拨款: 250,000.00
    上年结转资金: 0.00
    其他资金:
  全年执行数:
    当年财政拨款: 215,457.60
    上年结转资金: 0.00
    其他资金:
  实际完成情况: 全年开放 320 天，改造期间部分场地关闭
  指标:
    场馆开放天数:
      实际完成值: 320天
      分值: 30
    费用结算及时性:
      实际完成值: 及时
      分值: 20
    群众健身参与度:
      实际完成值: 部分提升
      分值: 30
      完成程度: 部分达成
      得分: 20
      偏差原因: 受场地改造影响
    场馆开放满意度:
      实际完成值: 96%
      分值: 10
"""


def _handmade(path: Path, top: list[list[str]], indicators: list[list[str]]) -> Path:
    document = docx.Document()
    document.add_paragraph("财政项目支出绩效自评表")
    document.add_paragraph("（2025年度）")
    rows = top + indicators
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_a_handmade_self_evaluation_with_other_labels_reads_as_the_unit_wrote_it(tmp_path: Path) -> None:
    result = import_docx(_handmade(tmp_path / "自评.docx", TOP, INDICATORS))
    assert result.diagnostics == []
    text = result.files["01-社区体育场馆运营.yaml"]
    assert text.split("\n自评:\n", 1)[1] == EXPECTED_SECTION.split("自评:\n", 1)[1]
    data = yaml.safe_load(text)
    # 「产出指标（50分）」 is 产出指标; the 预期目标 is the 年度总体目标; 年度 from the title line.
    assert list(data["绩效指标"]) == ["产出指标", "效益指标", "满意度指标"]
    assert data["绩效指标"]["满意度指标"]["服务对象满意度指标"] == [{"场馆开放满意度": "≥90.00(%)"}]
    assert data["年度总体目标"] == "保障场馆全年开放不少于 300 天"
    assert yaml.safe_load(result.files["perfsheet.yaml"])["年度"] == 2025
    assert _evaluation_of(text).results["群众健身参与度"].score == Decimal(20)


def test_printed_points_that_are_the_scheme_s_own_split_are_left_to_it(tmp_path: Path) -> None:
    even = [row[:] for row in INDICATORS]
    even[1][6:8] = even[2][6:8] = ["25", "25"]
    assert default_points(["产出指标", "产出指标", "效益指标", "满意度指标"]) == [25, 25, 30, 10]
    result = import_docx(_handmade(tmp_path / "even.docx", TOP, even))
    section = result.files["01-社区体育场馆运营.yaml"].split("\n自评:\n", 1)[1]
    assert "分值" not in section
    assert "    场馆开放天数: 320天\n    费用结算及时性: 及时\n" in section


def test_a_self_evaluation_without_its_actual_column_is_reported_where(tmp_path: Path) -> None:
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "说明", "分值", "得分", "偏差原因分析"]
    top = [row[:] for row in TOP]
    top[7] = ["年度总体目标", "", "", "", "", "", "", "", ""]
    result = import_docx(_handmade(tmp_path / "自评.docx", top, [header, *INDICATORS[1:]]))
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("E345", "第 1 张表（自评表）中没有找到「实际完成情况」"),
        ("E345", "第 1 张表（自评表）中没有找到「实际完成值」"),
    ]


@pytest.mark.parametrize(
    ("score", "points", "band"),
    [("15", "15", "达成"), ("12", "15", "达成"), ("11.99", "15", "部分达成"), ("9", "15", "部分达成"),
     ("8.99", "15", "未达成"), ("0", "15", "未达成"), ("1", "0", None),
     # above its points: the top band (validate then reports 得分 > 分值, E414)
     ("16", "15", "达成")],
)  # fmt: skip
def test_a_printed_score_s_band(score: str, points: str, band: str | None) -> None:
    assert attainment_of(Decimal(score), Decimal(points)) == band


def test_printed_scores_that_the_figures_do_not_give_are_said_where_they_stand(tmp_path: Path) -> None:
    top, rows = [row[:] for row in TOP], [row[:] for row in INDICATORS]
    top[3][7] = "8.6"  # 10 × 215,457.60 ÷ 250,000 = 8.618… → 8.62
    rows[1][5:8] = ["270天", "30", "27"]  # ≥300 missed: 30 × 270 ÷ 300 = 27, as printed
    rows[2][7] = "18"  # 及时 as declared: its full 20
    # 总分 printed 88.62; the figures give 8.62 + 27 + 20 + 20 + 10 = 85.62
    result = import_docx(_handmade(tmp_path / "自评.docx", top, rows))
    assert [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("E346", "warning", 4, 8, "第 1 张表第 4 行：「执行率」的得分印作 8.6，按表中的数字计算是 8.62"),
        ("E346", "warning", 12, 8, "第 1 张表第 12 行：「费用结算及时性」的得分印作 18，按表中的数字计算是 20.00"),
        ("E346", "warning", 15, 8, "第 1 张表第 15 行：「总分」的得分印作 88.62，按表中的数字计算是 85.62"),
    ]
    # A warning: the files are still written, with the figures and not the printed arithmetic.
    assert "    场馆开放天数:\n      实际完成值: 270天\n      分值: 30\n" in result.files["01-社区体育场馆运营.yaml"]


def test_a_form_in_ten_thousands_is_read_in_yuan(tmp_path: Path) -> None:
    top = [row[:] for row in TOP]
    top[2][0] = "项目资金（万元）"
    top[3][2:5] = ["25", "25.0000", "21.54576"]
    top[4][2:5] = ["25", "25", "21.54576"]
    result = import_docx(_handmade(tmp_path / "万元.docx", top, INDICATORS))
    assert result.diagnostics == []
    text = result.files["01-社区体育场馆运营.yaml"]
    assert text.split("\n自评:\n", 1)[1] == EXPECTED_SECTION.split("自评:\n", 1)[1]
    assert "  年度资金申请总额: 250,000.00\n  当年财政拨款: 250,000.00\n" in text


@pytest.mark.parametrize(
    ("printed", "written"),
    [("25", "250,000.00"), ("12.3456", "123,456.00"), ("1,234.5", "12,345,000.00"), ("0", "0.00"),
     ("3万元", "30,000.00"),
     # finer than a cent, or no amount: kept with its unit for validate to show, never rounded
     ("21.5457601", "21.5457601万元"), ("待定", "待定万元"), ("5万元?", "5万元?万元")],
)  # fmt: skip
def test_an_amount_in_ten_thousands(printed: str, written: str, tmp_path: Path) -> None:
    top = [row[:] for row in TOP]
    top[2][0] = "项目资金(万元)"
    top[4][2] = printed
    text = import_docx(_handmade(tmp_path / "f.docx", top, INDICATORS)).files["01-社区体育场馆运营.yaml"]
    assert f"\n年度资金:\n  年度资金申请总额: 2,500,000,000.00\n  当年财政拨款: {written}\n" in text


def test_a_goal_that_mentions_ten_thousands_leaves_the_amounts_in_yuan(tmp_path: Path) -> None:
    top = [row[:] for row in TOP]
    top[8][1] = "保障场馆全年开放不少于 300 天，运营经费控制在 25（万元）以内"
    data = yaml.safe_load(
        import_docx(_handmade(tmp_path / "f.docx", top, INDICATORS)).files["01-社区体育场馆运营.yaml"]
    )
    assert data["年度资金"]["当年财政拨款"] == "250,000.00"


def test_the_declarations_and_the_self_evaluations_in_two_files_make_one_collection(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    sources = [documents["declaration"], documents["evaluation"], documents["evaluation"], documents["monitoring"]]
    result = runner.invoke(app, ["import", *map(str, sources), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "找到 3 张申报表，读出 3 张。",
        "找到 3 张监控表，读出 3 张。其中 3 张与同名项目的申报表合为一个项目文件（含「监控」部分）。",
        "找到 1 张自评表，读出 1 张。其中 1 张与同名项目的申报表合为一个项目文件（含「自评」部分）。",
        f"请运行 perfsheet validate {out} 检查。",
    ]
    original, imported = load_collection(EXAMPLES), load_collection(out)
    assert [p.project for p in imported.projects] == [p.project for p in original.projects]


def test_a_file_that_cannot_be_read_leaves_the_whole_import_unwritten(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "自评.docx"
    broken.write_bytes(b"%PDF-1.7 not a Word file")
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(documents["declaration"]), str(broken), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert f"{broken}:1:1: error[E331] 这是 PDF 文件，perfsheet 只能读取 Word 的 .docx" in result.stderr
    assert "有文档或表格没有读出，什么也没有写" in result.stderr


# --- generated 自评 sections on the examples' first project --------------------------------------------

DECLARED = (EXAMPLES / "01-科技工作者系列服务.yaml").read_text(encoding="utf-8").split("\n自评:\n", 1)[0] + "\n"
# Always given: a result not fully met or far above its target needs one (R401, R402).
DEVIATIONS = st.sampled_from(["受场地改造影响，延至次年", "指标值设定偏低，明年调整", "经费拨付延迟"])


def _cents_at_least(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


@st.composite
def self_evaluations(draw: st.DrawFn) -> str:
    """A 自评 section as a unit writes it: any spending, actuals met or missed in the target's unit,
    qualitative ones met or scored within their band, 分值 of the scheme or the unit's own."""
    project = load_collection(EXAMPLES).projects[0].project
    assert project is not None
    declared = [(level1, i.name, i.value) for level1, _level2, _index, i in project.each_indicator()]
    points = default_points([level1 for level1, _name, _target in declared])
    own_points = draw(st.booleans())
    if own_points:
        # The unit's own integer 分值, each pool still adding up to its share.
        pools: dict[str, list[int]] = {}  # the examples' project has no 成本指标 sharing 产出's points
        for index, level1 in enumerate(level1 for level1, _n, _t in declared):
            pools.setdefault(level1, []).append(index)
        for level1, members in pools.items():
            total = sum(default_points([level1]))
            cuts = sorted(draw(st.lists(st.integers(1, int(total) - 1), min_size=len(members) - 1,
                                        max_size=len(members) - 1, unique=True)))  # fmt: skip
            for index, (low, high) in zip(members, zip([0, *cuts], [*cuts, int(total)], strict=True), strict=True):
                points[index] = Decimal(high - low)
    budget = draw(st.integers(100_000, 900_000))
    spent = draw(st.integers(0, budget + 50_000))
    lines = [
        "自评:",
        "  全年预算数:",
        f"    当年财政拨款: {budget:,}.00",
        "    上年结转资金: 0",
        "    其他资金: 0",
        "  全年执行数:",
        f"    当年财政拨款: {spent:,}.00",
        "    上年结转资金: 0",
        "    其他资金: 0",
        "  实际完成情况: 按计划完成各项工作。",
        "  指标:",
    ]
    for (_level1, name, target), share in zip(declared, points, strict=True):
        entry: dict[str, str] = {}
        if isinstance(target, Quantitative):
            number = draw(st.decimals(0, target.number * 2 + 1, places=draw(st.integers(0, 2))))
            entry["实际完成值"] = f"{number}%" if target.unit == "%" else f"{number} {target.unit}"
        elif draw(st.booleans()):
            entry["实际完成值"] = target.canonical()
        else:
            band = draw(st.sampled_from(["达成", "部分达成", "未达成"]))
            low, high = {"达成": (80, 100), "部分达成": (60, 80), "未达成": (0, 60)}[band]
            lowest = _cents_at_least(share * low / 100)
            highest = share * high / 100 - (0 if band == "达成" else Decimal("0.01"))
            score = draw(st.decimals(lowest, max(lowest, highest), places=2))
            entry |= {"实际完成值": "有所提升", "完成程度": band, "得分": f"{score}"}
        if own_points:
            entry["分值"] = f"{share}"
        entry["偏差原因"] = draw(DEVIATIONS)
        lines.append(f"    {name}:")
        lines += [f"      {key}: {value}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(25), deadline=None)
@given(section=self_evaluations())
def test_generated_self_evaluations_come_back_as_written(section: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "source"
        root.mkdir()
        (root / "perfsheet.yaml").write_text((EXAMPLES / "perfsheet.yaml").read_text(encoding="utf-8"), "utf-8")
        (root / "01-项目.yaml").write_text(DECLARED + section, encoding="utf-8")
        written = evaluate(root, Path(work) / "自评.docx")
        assert written.docx, [d.message for d in written.check.report if d.severity == "error"]
        result = import_docx(written.docx)
        assert result.diagnostics == []
        original = load_collection(root).projects[0].project
        assert original is not None
        assert _evaluation_of(result.files["01-科技工作者系列服务.yaml"]) == original.self_evaluation


# --- the same 自评表 after another program saved it -------------------------------------------------------


def _resaved_by_libreoffice(source: Path, work: Path) -> Path:
    soffice = find_soffice()
    require(soffice, "LibreOffice (soffice)")
    assert soffice is not None
    command = [
        soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source.resolve()),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=180, check=True, cwd=work, start_new_session=True)
    return work / "out" / source.name


def _resaved_by_pandoc(source: Path, work: Path) -> Path:
    pandoc = shutil.which("pandoc")
    require(pandoc, "pandoc")
    assert pandoc is not None
    target = work / "pandoc.docx"
    subprocess.run(
        [pandoc, "-o", str(target), "--", str(source.resolve())], capture_output=True, timeout=120, check=True
    )
    return target


@pytest.mark.parametrize("resave", [_resaved_by_libreoffice, _resaved_by_pandoc], ids=["LibreOffice", "pandoc"])
def test_forms_resaved_by_another_program_still_read_back(
    resave: Any, documents: dict[str, Path], tmp_path: Path
) -> None:
    # LibreOffice writes merges and cell properties its own way; pandoc writes the tables anew.
    resaved = resave(documents["all"], tmp_path)
    result = import_docx(resaved)
    assert result.diagnostics == []
    assert (result.forms, result.imported, result.evaluations, result.merged) == (7, 7, 1, 1)
    assert (result.monitoring_forms, result.monitoring_merged) == (3, 3)
    assert write_files(result, tmp_path / "imported", "imported")
    original, imported = load_collection(EXAMPLES), load_collection(tmp_path / "imported")
    assert [p.project for p in imported.projects] == [p.project for p in original.projects]


def test_a_total_without_its_sources_is_kept_under_fiscal_money_and_said(tmp_path: Path) -> None:
    top = [row[:] for row in TOP]
    for row in top[4:7]:
        row[4] = ""  # 全年执行数 only on the 年度资金总额 row
    result = import_docx(_handmade(tmp_path / "自评.docx", top, INDICATORS))
    assert [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics] == [
        (
            "E347",
            "warning",
            4,
            5,
            "第 1 张表第 4 行：全年执行数只填了年度资金总额 215,457.60 元，没有分来源，已记在「当年财政拨款」下",
        )
    ]
    text = result.files["01-社区体育场馆运营.yaml"]
    assert "  全年执行数:\n    当年财政拨款: 215,457.60\n    上年结转资金:\n    其他资金:\n" in text


def test_a_total_that_its_sources_do_not_add_up_to_is_said(tmp_path: Path) -> None:
    top = [row[:] for row in TOP]
    top[4][3] = "240000"  # 全年预算数: 240,000 + 0 is not the 250,000 printed as its total
    result = import_docx(_handmade(tmp_path / "自评.docx", top, INDICATORS))
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("E348", 4, 4, "第 1 张表第 4 行：全年预算数的年度资金总额印作 250,000.00 元，各来源合计 240,000.00 元"),
        # the file keeps the sources: 执行率 is 215,457.60 ÷ 240,000, its score 8.98, the total 88.98
        ("E346", 4, 8, "第 1 张表第 4 行：「执行率」的得分印作 8.62，按表中的数字计算是 8.98"),
        ("E346", 15, 8, "第 1 张表第 15 行：「总分」的得分印作 88.62，按表中的数字计算是 88.98"),
    ]


def test_points_printed_with_their_unit_are_numbers(tmp_path: Path) -> None:
    rows = [row[:] for row in INDICATORS]
    rows[1][6:8] = ["30分", "30分"]
    rows[3][6:8] = ["30 分", "20分"]
    rows[5][7] = "88.62分"
    result = import_docx(_handmade(tmp_path / "自评.docx", TOP, rows))
    assert result.diagnostics == []  # 88.62分 is the total the figures give
    text = result.files["01-社区体育场馆运营.yaml"]
    assert text.split("\n自评:\n", 1)[1] == EXPECTED_SECTION.split("自评:\n", 1)[1]


def test_a_self_evaluation_alone_is_counted_as_one(documents: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(documents["evaluation"]), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "找到 1 张自评表，读出 1 张。",
        f"请运行 perfsheet validate {tmp_path / 'out'} 检查。",
    ]


# --- import --into: the 自评 appended to the project files already there ------------------------------


def _collection_before_year_end(root: Path, line_end: str = "\n") -> Path:
    """The examples as they stood in January: no project has its 自评 yet."""
    shutil.copytree(EXAMPLES, root)
    first = root / "01-科技工作者系列服务.yaml"
    first.write_bytes(DECLARED.replace("\n", line_end).encode("utf-8"))
    return root


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_into_appends_the_section_and_leaves_the_declaration_byte_for_byte(
    line_end: str, documents: dict[str, Path], tmp_path: Path
) -> None:
    root = _collection_before_year_end(tmp_path / "2026", line_end)
    first = root / "01-科技工作者系列服务.yaml"
    before = {path.name: path.read_bytes() for path in root.glob("*.yaml")}
    result = runner.invoke(app, ["import", str(documents["evaluation"]), "--into", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(first)]
    after = first.read_bytes()
    assert after.startswith(before[first.name])  # git shows only added lines
    added = after[len(before[first.name]) :].decode("utf-8")
    assert added.startswith(f"自评:{line_end}  全年预算数:{line_end}")
    assert added.count("\n") == added.count(line_end)  # no other line end slipped in
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml") if p != first} == {
        name: data for name, data in before.items() if name != first.name
    }
    original, joined = load_collection(EXAMPLES), load_collection(root)
    assert [p.project for p in joined.projects] == [p.project for p in original.projects]


def test_into_never_touches_a_file_that_has_its_self_evaluation(documents: dict[str, Path], tmp_path: Path) -> None:
    root = tmp_path / "2026"
    shutil.copytree(EXAMPLES, root)
    before = (root / "01-科技工作者系列服务.yaml").read_bytes()
    result = runner.invoke(app, ["import", str(documents["evaluation"]), "--into", str(root)])
    assert result.exit_code == 1
    said = "error[E350] 项目「科技工作者系列服务」的文件已经有「自评」部分，没有改动"
    assert f"{root / '01-科技工作者系列服务.yaml'}:1:1: {said}" in result.stderr
    assert (root / "01-科技工作者系列服务.yaml").read_bytes() == before


def test_into_writes_nothing_unless_every_self_evaluation_finds_its_file(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    root = _collection_before_year_end(tmp_path / "2026")
    before = {path.name: path.read_bytes() for path in root.glob("*.yaml")}
    top = [row[:] for row in TOP]
    top[0][1] = "科技社团创新发展赋能计划（二期）"  # no such project in the folder
    other = _handmade(tmp_path / "另一张.docx", top, INDICATORS)
    sources = [str(documents["both"]), str(other)]
    result = runner.invoke(app, ["import", *sources, "--into", str(root)])
    assert result.exit_code == 1
    messages = [line for line in result.stderr.splitlines() if "[E3" in line]
    skipped = "；--into 只把自评表的「自评」部分和监控表的「监控」部分写进已有的项目文件，这张表没有读入"
    unmatched = "的项目「科技社团创新发展赋能计划（二期）」在"
    assert messages == [
        *(f"{documents['both']}:1:1: info[E352] 第 {n} 张表是申报表{skipped}" for n in (2, 4, 6)),
        f"{other}:1:1: error[E349] 第 1 张表（自评表）{unmatched} {root} 中没有同名的项目文件，没有并入",
    ]
    assert "是不是「科技社团创新发展赋能计划」？" in result.stderr
    assert {path.name: path.read_bytes() for path in root.glob("*.yaml")} == before


def test_into_puts_back_what_it_changed_when_a_later_file_cannot_be_written(
    documents: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _collection_before_year_end(tmp_path / "2026")
    before = {path.name: path.read_bytes() for path in root.glob("*.yaml")}
    top = [row[:] for row in TOP]
    top[0][1] = "科技社团创新发展赋能计划"
    second = _handmade(tmp_path / "第二张.docx", top, INDICATORS)
    real_write = edits._write_in_place
    calls = []

    def full_at_the_second(descriptor: int, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 4:  # the two copies, the first file, then the second: the disk is full
            raise OSError(errno.ENOSPC, "设备上没有空间")
        real_write(descriptor, data)

    monkeypatch.setattr(edits, "_write_in_place", full_at_the_second)
    result = runner.invoke(app, ["import", str(documents["evaluation"]), str(second), "--into", str(root)])
    assert result.exit_code == 1
    assert "error[E303]" in result.stderr and "设备上没有空间" in result.stderr
    assert {path.name: path.read_bytes() for path in root.glob("*.yaml")} == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [], "no copy is left"


def test_into_refuses_a_file_that_would_not_read_back_with_the_section(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    root = _collection_before_year_end(tmp_path / "2026")
    first = root / "01-科技工作者系列服务.yaml"
    first.write_text(DECLARED + "...\n", encoding="utf-8")  # the YAML document ends here: an addition would not count
    before = first.read_bytes()
    result = runner.invoke(app, ["import", str(documents["evaluation"]), "--into", str(root)])
    assert result.exit_code == 1
    assert f"{first}:1:1: error[E353] 在这个文件末尾加上「自评」部分后" in result.stderr
    assert first.read_bytes() == before


def test_what_import_writes_shows_no_error_in_the_editor(documents: dict[str, Path], tmp_path: Path) -> None:
    # The editor reads the file against the JSON Schema as a language server does (numbers are numbers).
    rows = [row[:] for row in INDICATORS]
    rows[3][6:8] = ["30分", "20分"]
    written = [
        *import_docx(documents["both"]).files.items(),
        *import_docx(_handmade(tmp_path / "自评.docx", TOP, rows)).files.items(),
    ]
    projects = {name: text for name, text in written if name.endswith(".yaml") and name != "perfsheet.yaml"}
    assert len(projects) == 4 and sum("\n自评:\n" in text for text in projects.values()) == 2
    where = {
        name: sorted({str(error.absolute_path[0]) for error in editor_errors("project.schema.json", text)})
        for name, text in projects.items()
    }
    # The 自评表 alone has no 项目性质, 类别 or dates: left empty, as validate says too (E101); nothing else.
    assert where == {name: [] for name in projects} | {
        "01-社区体育场馆运营.yaml": ["计划完成日期", "计划开始日期", "项目性质", "项目类别"]
    }


def test_into_takes_no_side_between_two_self_evaluations_of_one_project(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    root = _collection_before_year_end(tmp_path / "2026")
    before = {path.name: path.read_bytes() for path in root.glob("*.yaml")}
    copy = tmp_path / "副本.docx"
    copy.write_bytes(documents["evaluation"].read_bytes())  # another file, the same 自评表
    result = runner.invoke(app, ["import", str(documents["evaluation"]), str(copy), "--into", str(root)])
    assert result.exit_code == 1
    said = "error[E354] 第 2 张表（自评表）的项目「科技工作者系列服务」在导入的文档中有不止一张自评表，没有并入"
    assert [line for line in result.stderr.splitlines() if "[E3" in line] == [
        f"{documents['evaluation']}:1:1: {said}",
        f"{copy}:1:1: {said}",
    ]
    assert {path.name: path.read_bytes() for path in root.glob("*.yaml")} == before
