"""A .docx made as a person makes it in Word: other column widths, empty cells instead of merges, label
variants, extra blank rows, older indicator names. It imports to the right YAML; what is wrong in it is
kept verbatim for validate to show; unreadable rows are reported with their place."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.shared import Cm
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.importer import import_docx
from perfsheet.rules.check import check_paths

ROWS = [
    ["项目名称", "科技社团党建", "项目性质", "其他一次性项目", "项目类别", "特定目标类"],
    ["主管部门", "上海市科学技术协会", "实施单位", "上海市科学技术协会学会服务中心", "", ""],
    ["计划开始日期", "2026/1/1", "计划完成日期", "2026/12/31", "", ""],
    ["项目资金(元)", "项目资金总额", "", "年度资金申请总额:", "50000", ""],
    ["", "其中:财政资金", "", "其中:当年财政拨款", "50,000", ""],
    ["", "", "", "上年结转资金", "0", ""],
    ["", "其他资金", "", "其他资金", "0", ""],
    ["", "", "", "", "", ""],
    ["项目绩效目标", "项目总体目标(2024年-2026年)", "", "年度总体目标", "", ""],
    ["", "", "", "组织党建工作调研座谈会，开展党建联络员培训。", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", ""],
    ["", "产出", "数量", "各类培训完成数", "=3(次)", ""],
    ["", "", "成本", "社团党建成本控制数", "≤5(万元)", ""],
    ["", "", "质量", "支部书记、通讯员参与率", "≥90(次)", ""],
    ["", "", "", "", "", ""],
    ["", "效益指标", "社会效益", "政治素质提升情况", "有效提升", ""],
    ["", "", "", "覆盖人数", "985米", ""],
    ["", "", "", "党建品牌影响力", "进入全市前 3 名", ""],
    ["", "满意度指标", "社会公众或服务对象满意度指标", "支部书记满意度", "≥90%", ""],
    ["", "", "", "说明：以上指标由支部填报", "", ""],
]

EXPECTED_PROJECT = """\
# yaml-language-server: $schema=.perfsheet/project.schema.json
项目名称: 科技社团党建
项目性质: 其他一次性项目
项目类别: 特定目标类
计划开始日期: 2026-01-01
计划完成日期: 2026-12-31
项目资金:
  项目资金总额:
  财政资金:
  其他资金:
年度资金:
  年度资金申请总额: 50,000.00
  当年财政拨款: 50,000.00
  上年结转资金: 0.00
  其他资金: 0.00
项目总目标:
年度总体目标: 组织党建工作调研座谈会，开展党建联络员培训。
绩效指标:
  产出指标:
    数量指标:
      - 各类培训完成数: =3.00(次)
    质量指标:
      - 支部书记、通讯员参与率: ≥90.00(次)
  成本指标:
    经济成本指标:
      - 社团党建成本控制数: ≤5.00(万元)
  效益指标:
    社会效益指标:
      - 政治素质提升情况: 有效提升
      - 覆盖人数: 985米
      - {名称: 党建品牌影响力, 指标值: 进入全市前 3 名, 定性: true}
  满意度指标:
    服务对象满意度指标:
      - 支部书记满意度: ≥90.00(%)
"""


def make_handmade(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("无关的说明文字")
    other = document.add_table(rows=2, cols=2)
    other.cell(0, 0).text, other.cell(0, 1).text = "附件", "说明"
    document.add_paragraph("财政项目支出绩效目标申报表")
    document.add_paragraph("(2026年度)")
    table = document.add_table(rows=len(ROWS), cols=6)
    table.style = "Table Grid"
    for width, column in zip([2.2, 3.5, 2.0, 5.0, 2.5, 0.8], table.columns, strict=True):
        column.width = Cm(width)
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    # The note at the end is written across the 三级指标 and 指标值 columns, merged by hand.
    note = table.cell(len(ROWS) - 1, 3)
    note.merge(table.cell(len(ROWS) - 1, 4)).text = ROWS[-1][3]
    document.save(str(path))
    return path


def test_handmade_form_imports_to_the_right_yaml(tmp_path: Path) -> None:
    result = import_docx(make_handmade(tmp_path / "手工.docx"))
    assert result.forms == 1
    assert result.files["01-科技社团党建.yaml"] == EXPECTED_PROJECT
    settings = result.files["perfsheet.yaml"]
    assert "年度: 2026\n" in settings
    assert "编报单位: 上海市科学技术协会学会服务中心\n" in settings and "主管部门: 上海市科学技术协会\n" in settings
    # The stray note row is reported with its place and its text; nothing is invented for it.
    [problem] = result.diagnostics
    assert (problem.code, problem.line, problem.column) == ("E340", 20, 4)
    assert "第 2 张表" in problem.message and "说明：以上指标由支部填报" in problem.message


def test_what_would_not_validate_is_kept_for_validate_to_show(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    result = CliRunner().invoke(app, ["import", str(make_handmade(tmp_path / "手工.docx")), "-o", str(out)])
    assert result.exit_code == 1, "the unreadable row is an error the user must look at"
    assert (out / "01-科技社团党建.yaml").is_file()
    codes = {(d.code, d.line) for d in check_paths([out]).report}
    assert ("E131", 30) in codes, "985米 kept verbatim: validate shows it where it stands"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.7\n...", "E331"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "E330"),
        (b"just some text", "E332"),
    ],
)
def test_pdf_doc_and_other_files_are_refused_with_how_to_convert(tmp_path: Path, content: bytes, code: str) -> None:
    source = tmp_path / "旧表格.docx"
    source.write_bytes(content)
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and code in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_document_without_forms(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "别的表"
    document.save(str(tmp_path / "x.docx"))
    assert [d.code for d in import_docx(tmp_path / "x.docx").diagnostics] == ["E333"]


def test_import_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "perfsheet.yaml").write_text("年度: 2025\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(make_handmade(tmp_path / "手工.docx")), "-o", str(out)])
    assert result.exit_code == 1 and "E334" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["perfsheet.yaml"]
    assert (out / "perfsheet.yaml").read_text(encoding="utf-8") == "年度: 2025\n"
