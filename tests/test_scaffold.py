"""init → new → validate in a temporary directory, as a budget officer starts a new year."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.rules.check import check_paths
from perfsheet.source import load_text
from perfsheet.text.yaml_values import yaml_block, yaml_scalar

runner = CliRunner()


def test_init_then_new_then_validate_names_what_is_left(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a git repository: the tools' files go to its root
    root = tmp_path / "2027"
    result = runner.invoke(
        app, ["init", str(root), "--year", "2027", "--unit", "上海市某某中心", "--department", "上海市某某局"]
    )
    assert result.exit_code == 0, result.output
    for name in ("2027/perfsheet.yaml", ".editorconfig", ".gitattributes", ".pre-commit-config.yaml",
                 ".github/workflows/perfsheet.yml", "2027/.perfsheet/project.schema.json"):  # fmt: skip
        assert (tmp_path / name).is_file(), name
    assert "eol=lf" in (tmp_path / ".gitattributes").read_text(encoding="utf-8")
    assert "charset = utf-8" in (tmp_path / ".editorconfig").read_text(encoding="utf-8")
    assert "perfsheet validate" in (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")

    first = runner.invoke(app, ["new", "青年科技人才服务", "--dir", str(root)])
    second = runner.invoke(app, ["new", "科技社团党建", "--dir", str(root)])
    assert first.exit_code == 0 and second.exit_code == 0
    assert (root / "01-青年科技人才服务.yaml").is_file() and (root / "02-科技社团党建.yaml").is_file()
    text = (root / "01-青年科技人才服务.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.perfsheet/project.schema.json\n")
    assert "计划开始日期: 2027-01-01" in text

    report = check_paths([root / "01-青年科技人才服务.yaml"]).report
    left = sorted((d.code, d.message) for d in report)
    assert left == sorted([
        ("E101", "必填项「项目性质」没有填写"),
        ("E101", "必填项「项目类别」没有填写"),
        ("E101", "必填项「年度资金申请总额」没有填写"),
        ("E101", "必填项「年度总体目标」没有填写"),
        ("E130", "三级指标「成本控制数」没有填写指标值"),
        ("E130", "三级指标「完成数」没有填写指标值"),
        ("E130", "三级指标「合格率」没有填写指标值"),
        ("E130", "三级指标「效益情况」没有填写指标值"),
    ])  # fmt: skip


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "perfsheet.yaml").write_text("年度: 2026\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1 and "E320" in result.output
    assert (tmp_path / "perfsheet.yaml").read_text(encoding="utf-8") == "年度: 2026\n"
    assert not (tmp_path / ".editorconfig").exists()


def test_new_makes_a_safe_file_name_and_refuses_duplicates(tmp_path: Path) -> None:
    assert runner.invoke(app, ["new", "", "--dir", str(tmp_path)]).exit_code == 1
    assert runner.invoke(app, ["new", "项目", "--dir", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["new", "项目", "--dir", str(tmp_path)])
    assert again.exit_code == 1 and "E322" in again.output
    assert runner.invoke(app, ["new", "../a/b:c?", "--dir", str(tmp_path)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["01-项目.yaml", "02-a_b_c.yaml"]
    # The file name is made safe; the name inside the file is the one typed.
    assert "项目名称: ../a/b:c?" in (tmp_path / "02-a_b_c.yaml").read_text(encoding="utf-8")


NAMES = ["普通名称", "名称: 带冒号", "[方括号]", "- 开头", "引号\"与'", "50%完成", "%开头", "a,b", "末尾:", "x #y",
         "=100.00(%)", "≥1.00(场)", "{花括号}", "450,000.00", "尾部空格 ", "~", "null", "&锚", "*星"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_a_name_written_into_yaml_reads_back_the_same(name: str) -> None:
    loaded = load_text(f"项目名称: {yaml_scalar(name)}\n", "t.yaml")
    assert loaded.ok and loaded.data == {"项目名称": name}
    flow = load_text(f"- {{名称: {yaml_scalar(name, flow=True)}, 定性: true}}\n", "t.yaml")
    assert flow.ok and flow.data == [{"名称": name, "定性": "true"}]


@pytest.mark.parametrize(
    "text", ["一行", "两行\n第二行", "  以空格开头\n第二行", "末尾空行\n\n中间空行\n最后", "#不是注释"]
)
def test_a_block_written_into_yaml_reads_back_the_same(text: str) -> None:
    loaded = load_text(f"年度总体目标: {yaml_block(text)}\n下一项: x\n", "t.yaml")
    assert loaded.ok and loaded.data == {"年度总体目标": text, "下一项": "x"}


def test_pre_commit_hook_definition_is_shipped() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "perfsheet-validate" and hook["entry"] == "perfsheet validate"
    assert hook["language"] == "python"


def test_schema_command_writes_both_schemas(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--dir", str(tmp_path)])
    assert result.exit_code == 0
    assert (
        json.loads((tmp_path / "project.schema.json").read_text(encoding="utf-8"))["title"]
        == "财政项目支出绩效目标申报表"
    )


def test_init_with_a_file_in_the_way_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".github").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "2027"), "--year", "2027"])
    assert result.exit_code == 1 and "E306" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [".github"], "nothing half written"


def test_init_counts_a_dangling_symlink_as_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "perfsheet.yaml").symlink_to(tmp_path / "elsewhere")
    result = runner.invoke(app, ["init", str(tmp_path), "--year", "2027"])
    assert result.exit_code == 1 and "E320" in result.output
    assert not (tmp_path / "elsewhere").exists()


def test_the_workflow_gives_the_folder_to_the_shell_only_as_a_variable(tmp_path: Path) -> None:
    import shlex

    import yaml

    (tmp_path / ".git").mkdir()
    root = tmp_path / "a b;$(id)"
    assert runner.invoke(app, ["init", str(root), "--year", "2027"]).exit_code == 0
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "perfsheet.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["validate-and-build"]
    runs = [step["run"] for step in job["steps"] if "perfsheet validate" in step.get("run", "")]
    assert [shlex.split(run)[-1] for run in runs] == ["$PERFSHEET_COLLECTION"]
    assert '"$PERFSHEET_COLLECTION"' in runs[0], "one quoted word, whatever the folder's name"
    assert job["env"]["PERFSHEET_COLLECTION"] == root.name


@pytest.mark.parametrize(
    ("failure", "code"),
    [(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "E303"), (NotADirectoryError(errno.ENOTDIR, "x"), "E306")],
    ids=["a full disk", "a file above the folder"],
)
def test_a_folder_new_cannot_make_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, code: str
) -> None:
    def refused(*_arguments: object, **_options: object) -> None:
        raise failure

    monkeypatch.setattr(Path, "mkdir", refused)
    result = runner.invoke(app, ["new", "青年科技人才服务", "--dir", str(tmp_path / "项目")])
    assert result.exit_code == 1 and code in result.output and "内部错误" not in result.output


def test_the_new_project_s_examples_uncommented_as_told_are_its_mid_year_and_year_end_sections(
    tmp_path: Path,
) -> None:
    """The template says: delete 「# 」 at the start of each line of an example. Done for 监控 (written
    first, as the year goes), then for 自评, each lands at the top level of the file, below the declaration."""
    assert runner.invoke(app, ["new", "项目", "--dir", str(tmp_path)]).exit_code == 0
    path = tmp_path / "01-项目.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [index for index, line in enumerate(lines) if line in ("# 监控:", "# 自评:")]
    assert [lines[index] for index in starts] == ["# 监控:", "# 自评:"]
    for start in starts:
        end = start
        while end < len(lines) and lines[end].startswith(("# 监控:", "# 自评:", "#  ")):
            lines[end] = lines[end].removeprefix("# ")
            end += 1
    loaded = load_text("\n".join(lines) + "\n", path.name)
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    assert isinstance(loaded.data, dict)
    keys = list(loaded.data)
    assert keys[-2:] == ["监控", "自评"] and keys.index("绩效指标") < keys.index("监控")
    assert set(loaded.data["监控"]) >= {"月份", "执行数", "全年预计执行数", "执行情况", "指标"}
