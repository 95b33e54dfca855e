"""One run of validate shows every problem of a file, and fix repairs what it can and names what is left:
the officer never goes round between the two (the whole output is asserted)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from perfsheet.cli import app
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, variant, write_collection
from tests.monitoring.cases import MONITORED_PROJECT

runner = CliRunner()

# A full-width space after a colon (a syntax error, with its repair) and a key indented 3 spaces
# where its siblings stand at 4 (found only once the line before it can be read).
BROKEN = variant("    质量指标:", "   质量指标:", variant("  当年财政拨款: ", "  当年财政拨款:\u3000"))

E022 = """\
{file}:12:10: error[E022] 冒号后有全角空格「　」或不换行空格，YAML 只认普通的半角空格
    提示：改成：当年财政拨款: 400,000.00（可运行 perfsheet fix 自动改正）
"""
E030 = """\
{file}:27:1: error[E030] 「质量指标」缩进了 3 个空格，但它属于「产出指标」，应与「数量指标」对齐（缩进 4 个空格）
    提示：把这一行行首改成 4 个空格；同一层的键要左端对齐，下一层比上一层多缩进 2 个空格
"""


def test_validate_shows_the_problem_behind_a_syntax_error_in_the_same_run(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": BROKEN})
    file = f"{root}/01-项目.yaml"
    result = runner.invoke(app, ["validate", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (E022 + E030).format(file=file) + "检查了 2 个文件：2 个错误，0 个警告，0 条提示。\n"


def test_fix_repairs_what_it_can_and_counts_what_is_left(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-项目.yaml": BROKEN})
    file = f"{root}/01-项目.yaml"
    result = runner.invoke(app, ["fix", str(root)])
    assert result.exit_code == 1
    assert result.stdout == f"{file}:12: 当年财政拨款:\u3000400,000.00 → 当年财政拨款: 400,000.00\n"
    assert result.stderr == "改正了 1 个文件；还有 1 个不能自动改正的错误（用 perfsheet validate 查看）。\n"
    after = runner.invoke(app, ["validate", str(root)])
    assert after.stderr == E030.format(file=file) + "检查了 2 个文件：1 个错误，0 个警告，0 条提示。\n"
    assert Path(file).read_text(encoding="utf-8") == variant("    质量指标:", "   质量指标:", CLEAN_PROJECT)


def test_the_model_sees_a_file_whose_only_syntax_errors_have_a_repair(tmp_path: Path) -> None:
    # The money no longer adds up: E201 shows beside the typing mistake, not after fix.
    text = variant("  当年财政拨款: 400,000.00", "  当年财政拨款：400,000.01")
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    result = runner.invoke(app, ["validate", str(root)])
    lines = [line.split(": ", 1)[1].split("]")[0] for line in result.stderr.splitlines() if "error[" in line]
    assert lines == ["error[E201", "error[E020"]  # in line order: the total (line 11), the colon (12)


def test_fix_counts_every_error_validate_reports_the_year_end_s_too(tmp_path: Path) -> None:
    # A 部分达成 scored 12 of 15 (the band is 9.00 up to 12.00: E407) and a colon to repair.
    score = (
        "    项目影响力:\n      实际完成值: 与上年持平\n      完成程度: 部分达成\n      得分: 12\n"
        "      偏差原因: 报道与上年持平\n"
    )
    text = variant("    项目影响力: 较上年有所提升\n", score, EVALUATED_PROJECT)
    text = variant("项目类别: 特定目标类", "项目类别：特定目标类", text)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    would = runner.invoke(app, ["fix", "--diff", str(root)])
    assert would.stderr == "需要改正 1 个文件；还有 1 个不能自动改正的错误（用 perfsheet validate 查看）。\n"
    done = runner.invoke(app, ["fix", str(root)])
    assert done.exit_code == 1
    assert done.stderr == "改正了 1 个文件；还有 1 个不能自动改正的错误（用 perfsheet validate 查看）。\n"
    left = runner.invoke(app, ["validate", str(root)])
    assert [line for line in left.stderr.splitlines() if "error[" in line][0].split(" error[")[1].startswith("E407]")


def test_after_the_year_end_fix_leaves_the_submitted_declaration_as_written(tmp_path: Path) -> None:
    text = variant("论文评审通过率: =100.00(%)", "论文评审通过率: =100%", EVALUATED_PROJECT)
    text = variant("    当年财政拨款: 380,000.00", "    当年财政拨款: 38万元", text)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    path = root / "01-项目.yaml"
    done = runner.invoke(app, ["fix", str(root)])
    assert done.stdout == f"{path}:40: 当年财政拨款: 38万元 → 当年财政拨款: 380,000.00\n"
    assert done.stderr == (
        "已有「监控」或「自评」的文件中，申报部分有 1 处取值的写法可以统一，"
        "但申报表已经上报，没有改写；确需改写请加 --declared。\n"
        "改正了 1 个文件；还有 0 个不能自动改正的错误（用 perfsheet validate 查看）。\n"
    )
    assert "论文评审通过率: =100%\n" in path.read_text(encoding="utf-8")
    asked = runner.invoke(app, ["fix", "--declared", str(root)])
    assert asked.stdout == f"{path}:28: - 论文评审通过率: =100% → - 论文评审通过率: =100.00(%)\n"
    assert path.read_text(encoding="utf-8") == EVALUATED_PROJECT


def test_at_mid_year_fix_repairs_the_monitoring_s_amounts_and_leaves_the_submitted_declaration(
    tmp_path: Path,
) -> None:
    """The 申报表 went in before the 监控 was written: its =100% stays, 25万元 of 1-7月执行数 is repaired
    (validate says fix can do it)."""
    text = variant("论文评审通过率: =100.00(%)", "论文评审通过率: =100%", MONITORED_PROJECT)
    text = variant("    当年财政拨款: 250,000.00", "    当年财政拨款: 25万元", text)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    path = root / "01-项目.yaml"
    line = text.splitlines().index("    当年财政拨款: 25万元") + 1
    assert "perfsheet fix" in runner.invoke(app, ["validate", str(root)]).stderr
    done = runner.invoke(app, ["fix", str(root)])
    assert done.stdout == f"{path}:{line}: 当年财政拨款: 25万元 → 当年财政拨款: 250,000.00\n"
    assert done.stderr.startswith("已有「监控」或「自评」的文件中，申报部分有 1 处取值的写法可以统一，")
    assert path.read_text(encoding="utf-8") == variant(
        "论文评审通过率: =100.00(%)", "论文评审通过率: =100%", MONITORED_PROJECT
    )


def test_an_error_in_the_declared_part_is_repaired_at_mid_year_and_a_valid_spelling_kept(tmp_path: Path) -> None:
    """40万元 under 年度资金 stops validate (E122): the file cannot be used as it is, so fix repairs it
    though the 申报表 went in; =100% is valid and keeps the spelling it was submitted in."""
    text = variant("论文评审通过率: =100.00(%)", "论文评审通过率: =100%", MONITORED_PROJECT)
    text = variant("  当年财政拨款: 400,000.00", "  当年财政拨款: 40万元", text)
    root = write_collection(tmp_path / "c", {"01-项目.yaml": text})
    path = root / "01-项目.yaml"
    line = text.splitlines().index("  当年财政拨款: 40万元") + 1
    done = runner.invoke(app, ["fix", str(root)])
    assert done.stdout == f"{path}:{line}: 当年财政拨款: 40万元 → 当年财政拨款: 400,000.00\n"
    assert done.stderr.startswith("已有「监控」或「自评」的文件中，申报部分有 1 处取值的写法可以统一，")
    assert "论文评审通过率: =100%\n" in path.read_text(encoding="utf-8")


def test_a_list_straight_under_a_level1_names_the_level2_to_put_between(tmp_path: Path) -> None:
    block = "  满意度指标:\n    服务对象满意度指标:\n      - 参会人员满意度: ≥90.00(%)"
    root = write_collection(
        tmp_path / "c", {"01-项目.yaml": variant(block, "  满意度:\n    - 参会人员满意度: ≥90.00(%)")}
    )
    result = runner.invoke(app, ["validate", str(root)])
    assert result.stderr.splitlines()[:2] == [
        f"{root}/01-项目.yaml:36:5: error[E103] 「满意度」应当是一组「键: 值」",
        "    提示：是不是「满意度指标」？三级指标要写在二级指标下面：「满意度指标:」下一行先写二级指标，"
        "如「服务对象满意度指标:」（可用的有：服务对象满意度指标），再在它下面用「- 」逐项列出三级指标",
    ]
