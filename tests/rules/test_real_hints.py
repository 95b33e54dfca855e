"""Hints on real text: a hint that, followed, makes the form worse is worse than none. Each case names
the real form (tests/corpus/real-forms) or the issue's example that taught it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, variant, write_collection

C = CLEAN_PROJECT
COST = "交流活动成本控制数: ≤40.00(万元)"


def _hint(found: list, code: str) -> str:  # type: ignore[type-arg]
    [hit] = [d for d in found if d.code == code]
    return str(hit.hint)


@pytest.mark.parametrize(
    ("old", "new", "fixed"),
    [
        # a rank is an at-most target, never 「≥3.00(名)」
        ("项目影响力: 较上年有所提升", "项目影响力: 进入全国前 3 名", "写作 ≤3.00(名)；"),
        # wuhan-qingshan-jiaoyu-2020: a whole 100% has one reading
        ("论文评审通过率: =100.00(%)", "论文评审通过率: 100%", "写作 =100.00(%)；"),
        # under 成本指标 the comparator is ≤; 「250万」 (xiangtan-huanweichu-2023) gets its 元
        (COST, "交流活动成本控制数: 40万元", "写作 ≤40.00(万元)；"),
        (COST, "交流活动成本控制数: 250万", "写作 ≤250.00(万元)；"),
        # linyi-shifu-xiaoxue-2025, yueyang-xian-nongye-2022: a fixed standard is exact
        (COST, "义务教育小学生均公用经费: 780元/生/年", "写作 =780.00(元/生/年)；"),
        (COST, "财政资金补助: 1600元/亩", "写作 =1600.00(元/亩)；"),
        # held-out daying-wenming-2020: the words after the measure stay out of the unit, never 「(次宣传)」
        ("≥2.00(场)", "至少全年完成2次宣传", "写作 ≥2.00(次)；"),
        # a compound unit stays whole
        ("≥2.00(场)", "共 12 台套", "写作 ≥12.00(台套) 或 =12.00(台套)；"),
        # elsewhere, without a word that says which, both readings
        ("≥2.00(场)", "2场", "写作 ≥2.00(场) 或 =2.00(场)；"),
    ],
)
def test_e131_suggests_what_the_value_means_where_it_stands(old: str, new: str, fixed: str, check_project) -> None:  # type: ignore[no-untyped-def]
    assert _hint(check_project(variant(old, new)), "E131").startswith(fixed)


def test_following_the_cost_hint_gives_no_r320(check_project) -> None:  # type: ignore[no-untyped-def]
    # E131's 「=780.00(元/生/年)」 followed: a fixed standard is exact, not a ceiling.
    standard = variant(COST, "义务教育小学生均公用经费: =780.00(元/生/年)")
    assert "R320" not in [d.code for d in check_project(standard)]
    # The near miss: an at-least standard, or an exact cost that is no standard, is still reported.
    assert "R320" in [d.code for d in check_project(variant(COST, "义务教育小学生均公用经费: ≥780.00(元/生/年)"))]
    assert "R320" in [d.code for d in check_project(variant(COST, "交流活动成本控制数: =40.00(万元)"))]


def test_the_actual_s_hint_never_offers_the_target(check_project) -> None:  # type: ignore[no-untyped-def]
    # actual 「99.95」 against =100.00(%): the hint shows the user's own figure with the unit.
    text = variant("论文评审通过率: 100%", "论文评审通过率: 99.95", EVALUATED_PROJECT)
    hint = _hint(check_project(text), "E404")
    assert "99.95%" in hint and "100.00%" not in hint
    # Another unit must be converted by the user: no figure is offered.
    other = variant("举办完成数: 2 场", "举办完成数: 2 次", EVALUATED_PROJECT)
    hint = _hint(check_project(other), "E404")
    assert "「场」" in hint and "2" not in hint
    words = variant("优秀论文评选数: 10 篇", "优秀论文评选数: 十篇", EVALUATED_PROJECT)
    hint = _hint(check_project(words), "E403")
    assert "10" not in hint and "「篇」" in hint


def test_fix_respells_quoted_values_and_never_a_missing_unit(tmp_path: Path) -> None:
    # tongxin-xiamaguan-2023: 「">=100%"」 quoted is respelled like a plain one; 「≤28.40/株」 is left for
    # the user (R366), never written 「≤28.40(/株)」.
    text = variant("论文评审通过率: =100.00(%)", '论文评审通过率: ">=100%"')
    text = variant(COST, "补助成本: ≤28.40/株", text)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    CliRunner().invoke(app, ["fix", str(root)])
    fixed = (root / "01-项目.yaml").read_text(encoding="utf-8")
    assert "论文评审通过率: ≥100.00(%)\n" in fixed
    assert "补助成本: ≤28.40/株\n" in fixed


def test_fix_respells_the_comparator_of_a_value_missing_its_unit_and_nothing_else(tmp_path: Path) -> None:
    # tongxin-xiamaguan-2023: 「种植作物成活率(≥**%): ">=85"」 quoted is respelled as a plain 「>=85」 is, to
    # 「≥85」; the unit stays missing (E134), neither guessed nor written as 「(%)」.
    for written in ('">=85"', "'>= 85'", "＞＝85", ">=85"):
        text = variant("论文评审通过率: =100.00(%)", f"论文评审通过率: {written}")
        root = write_collection(tmp_path / str(len(list(tmp_path.iterdir()))), {"01-项目.yaml": text})
        CliRunner().invoke(app, ["fix", str(root)])
        fixed = (root / "01-项目.yaml").read_text(encoding="utf-8")
        assert fixed == variant("论文评审通过率: =100.00(%)", "论文评审通过率: ≥85"), written
        assert [d.code for d in check_paths([root]).report] == ["E134"]


def test_fix_writes_the_one_reading_of_a_whole_percentage(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": variant("=100.00(%)", "100%")})
    CliRunner().invoke(app, ["fix", str(root)])
    assert (root / "01-项目.yaml").read_text(encoding="utf-8") == C
