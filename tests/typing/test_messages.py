"""Where one mistake hid another, the message now says what the budget officer needs to hear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.model.values import parse_money, parse_target, suggest_canonical
from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, SETTINGS, variant, write_collection

runner = CliRunner()


def _found(tmp_path: Path, text: str, settings: str = SETTINGS) -> list[str]:
    root = write_collection(tmp_path / "c", {"01-x.yaml": text}, settings)
    return [f"{d.code}@{d.line}:{d.column}" for d in check_paths([root]).report if d.code.startswith("E")]


def test_a_file_with_only_a_name_lists_what_is_really_missing(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": "项目名称: x\n"})
    missing = sorted(d.message for d in check_paths([root]).report if d.code == "E101")
    assert missing == sorted(
        f"必填项「{label}」没有填写"
        for label in ("项目性质", "项目类别", "计划开始日期", "计划完成日期", "年度资金", "年度总体目标", "绩效指标")
    )


def test_yaml_that_is_not_a_project_gets_one_message(tmp_path: Path) -> None:
    found = _found(tmp_path, "repos:\n  - repo: local\n    hooks: []\n")
    assert found == ["E109@1:1"]


def test_hints_use_the_collections_year(tmp_path: Path) -> None:
    root = write_collection(
        tmp_path / "c",
        {"01-x.yaml": variant("计划开始日期: 2026-01-01", "计划开始日期: 明年")},
        "年度: 2031\n编报单位: a\n主管部门: b\n",
    )
    [bad_date] = [d for d in check_paths([root]).report if d.code == "E140"]
    assert bad_date.hint == "写作 2031-01-01 或 2031/1/1"


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("90%以上", "≥90.00(%)"),
        ("不少于3场", "≥3.00(场)"),
        ("不超过 10 篇", "≤10.00(篇)"),
        ("985米", "≥985.00(米) 或 =985.00(米)"),
    ],
)
def test_words_that_say_the_comparator_give_one_suggestion(written: str, suggested: str) -> None:
    assert suggest_canonical(written) == suggested


def test_full_width_percent_and_minus_zero_and_year_with_nian(tmp_path: Path) -> None:
    assert parse_target("≧95％").canonical() == "≥95.00(%)"
    assert parse_money("-0.00") == parse_money("0")
    text = variant("  其他资金: 0", "  其他资金: -0.00")
    assert _found(tmp_path, text, "年度: 2026年\n编报单位: a\n主管部门: b\n") == []


def test_each_file_is_counted_once(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    result = runner.invoke(
        app, ["validate", str(root), str(root / "01-x.yaml"), str(root), str(root / "perfsheet.yaml")]
    )
    assert result.exit_code == 0
    assert "检查了 2 个文件" in result.stderr


def test_template_names_are_flagged_while_they_are_still_there(tmp_path: Path) -> None:
    root = tmp_path / "c"
    assert runner.invoke(app, ["init", str(root), "--year", "2027", "--unit", "a", "--department", "b"]).exit_code == 0
    assert runner.invoke(app, ["new", "青年科技人才服务", "--dir", str(root)]).exit_code == 0
    project = root / "01-青年科技人才服务.yaml"
    text = project.read_text(encoding="utf-8")
    # The officer fills in every blank but leaves the template's indicator names.
    filled = {
        "项目性质:": "其他一次性项目", "项目类别:": "特定目标类", "年度资金申请总额:": "100000",
        "当年财政拨款:": "100000", "年度总体目标:": "举办活动", "- 成本控制数:": "≤5.00(万元)",
        "- 完成数:": "≥2.00(场)", "- 合格率:": "=100.00(%)", "- 效益情况:": "有效提升",
    }  # fmt: skip
    for key, value in filled.items():
        text = re.sub(rf"(?<!\S){re.escape(key)} *(?=#|$)", f"{key} {value}  ", text, count=1, flags=re.M)
    project.write_text(text, encoding="utf-8")
    report = check_paths([root]).report
    assert not report.has_errors, [d.message for d in report]
    flagged = sorted(d.message.split("「")[1].split("」")[0] for d in report if d.code == "R360")
    assert flagged == sorted(["合格率", "完成数", "成本控制数", "效益情况", "服务对象满意度"])


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "E015"),
        (b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", "E016"),
        (b"%PDF-1.7\n", "E017"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "E015"),
    ],
)
def test_a_word_or_pdf_file_given_to_validate_says_what_it_is(content: bytes, code: str, tmp_path: Path) -> None:
    path = tmp_path / "申报表.docx"
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and f"error[{code}]" in result.output and "UTF-8" not in result.output


def test_amounts_not_indented_under_their_heading_are_one_finding_each(tmp_path: Path) -> None:
    text = CLEAN_PROJECT
    for key in ("年度资金申请总额", "当年财政拨款", "上年结转资金"):
        text = text.replace(f"  {key}", key)
    text = text.replace("  其他资金: 0", "其他资金: 0")
    assert _found(tmp_path, text) == ["E111@11:1", "E111@12:1", "E111@13:1", "E111@14:1"]
