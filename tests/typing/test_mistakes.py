"""A budget officer's typing mistakes (tests/typing/mistakes.yaml): each gets exactly its located Chinese
diagnostics, and ``perfsheet fix`` repairs the mechanical ones back to the clean file, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.rules.check import check_paths
from perfsheet.workspace.fix import fix_file
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, EXAMPLES, examples, variant, write_collection
from tests.monitoring.cases import MONITORED_PROJECT

MISTAKES = yaml.safe_load((Path(__file__).parent / "mistakes.yaml").read_text(encoding="utf-8"))
runner = CliRunner()
# What libyaml says in English; none of it may ever reach a user.
LIBYAML_ENGLISH = re.compile(r"could not find|mapping values|while scanning|expected|found character|stream", re.I)


def _collection(tmp_path: Path, text: str) -> Path:
    return write_collection(tmp_path / "c", {"01-项目.yaml": text})


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_gets_its_located_chinese_diagnostics(name: str, tmp_path: Path) -> None:
    case = MISTAKES[name]
    root = _collection(tmp_path, variant(case["old"], case["new"]))
    report = check_paths([root]).report
    assert [f"{d.code}@{d.line}:{d.column}" for d in report if d.code.startswith("E")] == case["expected"]
    result = runner.invoke(app, ["validate", str(root)])
    assert not LIBYAML_ENGLISH.search(result.output), result.output
    for diagnostic in report:
        if diagnostic.code in {"E020", "E021", "E022", "E023", "E024", "E028", "E029"}:
            assert "改成：" in diagnostic.hint or "写成「" in diagnostic.hint
            assert "perfsheet fix" in diagnostic.hint


@pytest.mark.parametrize("name", sorted(n for n, case in MISTAKES.items() if case.get("fixable", True)))
def test_fix_repairs_a_mistake_back_to_the_clean_bytes(name: str, tmp_path: Path) -> None:
    case = MISTAKES[name]
    root = _collection(tmp_path, variant(case["old"], case["new"]))
    path = root / "01-项目.yaml"
    result = runner.invoke(app, ["fix", str(root)])
    assert result.exit_code == 1, result.output  # something was fixed
    assert path.read_text(encoding="utf-8") == CLEAN_PROJECT
    assert re.search(r"01-项目\.yaml:\d+: .+ → .+", result.stdout)
    assert runner.invoke(app, ["fix", str(root)]).exit_code == 0, "nothing is left to fix"


@pytest.mark.parametrize("name", sorted(n for n, case in MISTAKES.items() if not case.get("fixable", True)))
def test_fix_leaves_what_has_no_single_repair_alone(name: str, tmp_path: Path) -> None:
    case = MISTAKES[name]
    text = variant(case["old"], case["new"])
    root = _collection(tmp_path, text)
    fix = fix_file(root / "01-项目.yaml")
    if name.startswith("value-starting-with") or name.startswith("unclosed-square"):
        # Quoting is the one repair: the text the officer typed, kept as text.
        assert len(fix.changes) == 1 and fix.changes[0].new.endswith('"')
    else:
        assert fix.changes == []


def test_fix_keeps_bom_crlf_comments_and_everything_else(tmp_path: Path) -> None:
    text = variant("项目类别: 特定目标类", "项目类别：特定目标类  # 按财政要求")
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    root = tmp_path / "c"
    write_collection(root, {})
    (root / "01-项目.yaml").write_bytes(crlf.encode("utf-8"))
    assert runner.invoke(app, ["fix", str(root)]).exit_code == 1
    expected = "\ufeff" + variant("项目类别: 特定目标类", "项目类别: 特定目标类  # 按财政要求").replace("\n", "\r\n")
    assert (root / "01-项目.yaml").read_bytes() == expected.encode("utf-8")


def test_diff_shows_and_writes_nothing(tmp_path: Path) -> None:
    root = _collection(tmp_path, variant("项目类别: 特定目标类", "项目类别：特定目标类"))
    before = (root / "01-项目.yaml").read_bytes()
    result = runner.invoke(app, ["fix", "--diff", str(root)])
    assert result.exit_code == 1
    assert "-项目类别：特定目标类\n+项目类别: 特定目标类\n" in result.stdout
    assert (root / "01-项目.yaml").read_bytes() == before


def test_fix_respells_values_canonically(tmp_path: Path) -> None:
    text = (
        CLEAN_PROJECT.replace("450,000.00", "45万元")
        .replace("400,000.00", "４００，０００.００")
        .replace("上年结转资金: 50,000.00", "上年结转资金: 50000")
        .replace("2026-01-01", "2026/1/1")
        .replace("≥2.00(场)", "≥2 场")
        .replace("≥90.00(%)", "≥90%")
    )
    root = _collection(tmp_path, text)
    assert runner.invoke(app, ["fix", str(root)]).exit_code == 1
    fixed = (root / "01-项目.yaml").read_text(encoding="utf-8")
    # 50000 is a correct amount (only spelt differently): fix changes only what validate reports or
    # what has one canonical form on the printed form (dates, 指标值).
    assert fixed == CLEAN_PROJECT.replace("上年结转资金: 50,000.00", "上年结转资金: 50000")


def test_fix_on_clean_files_changes_nothing(tmp_path: Path) -> None:
    root = _collection(tmp_path, CLEAN_PROJECT)
    result = runner.invoke(app, ["fix", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "01-项目.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT


def _key_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if re.match(r"^\s*(- )?[^\s#\-|][^:]*: \S", line)]


INJECTIONS = {
    "full-width colon": lambda line: line.replace(": ", "：", 1),
    "full-width space": lambda line: line.replace(": ", ":\u3000", 1),
    "no space": lambda line: line.replace(": ", ":", 1),
    "chinese dash": lambda line: re.sub(r"^(\s*)- ", r"\1－ ", line),
    "typed >=": lambda line: line.replace(": ≥", ": >=", 1),
    "ideographic indentation": lambda line: re.sub(r"^  ", "\u3000", line),
}
# Files fix leaves as they are (the third example keeps the seed's ≥90(次), which fix would respell).
CLEAN_FILES = [CLEAN_PROJECT, *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("0[12]-*.yaml")))]


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(range(len(CLEAN_FILES))), st.sampled_from(sorted(INJECTIONS)), st.data())
def test_fix_undoes_any_one_injected_mistake(index: int, kind: str, data: st.DataObject) -> None:
    original = CLEAN_FILES[index]
    lines = original.split("\n")
    candidates = [i for i in _key_lines(original) if INJECTIONS[kind](lines[i]) != lines[i]]
    if not candidates:
        return
    target = data.draw(st.sampled_from(candidates))
    broken = list(lines)
    broken[target] = INJECTIONS[kind](lines[target])
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "01-x.yaml"
        path.write_text("\n".join(broken), encoding="utf-8")
        fix = fix_file(path)
    assert fix.refused is None
    assert fix.fixed == original, (kind, broken[target])


def test_fix_respells_the_self_evaluation_s_money_too(tmp_path: Path) -> None:
    # validate's E122 promises 「可运行 perfsheet fix 自动改正」 for 自评 money as for 年度资金.
    text = EVALUATED_PROJECT.replace("    当年财政拨款: 380,000.00", "    当年财政拨款: 38万元")
    root = _collection(tmp_path, text)
    validated = runner.invoke(app, ["validate", str(root)])
    assert "error[E122]" in validated.output and "perfsheet fix" in validated.output
    assert runner.invoke(app, ["fix", str(root)]).exit_code == 1  # files changed, as pre-commit expects
    assert (root / "01-项目.yaml").read_text(encoding="utf-8") == EVALUATED_PROJECT
    assert runner.invoke(app, ["validate", str(root)]).exit_code == 0


def test_a_dash_that_may_be_right_is_never_taken_away(tmp_path: Path) -> None:
    """A list whose first item lost its dash: the dashes below are right, none is taken away."""
    text = variant(
        "      - 论文评审通过率: =100.00(%)",
        "      论文评审通过率: =100.00(%)\n      - 另一个参与率: ≥80.00(%)\n      - 第三个合格率: ≥80.00(%)",
    )
    root = _collection(tmp_path, text)
    assert "E031" not in [d.code for d in check_paths([root]).report]
    assert fix_file(next(root.glob("01-*.yaml"))).changes == []


def test_a_dashed_line_with_no_key_is_not_told_to_lose_its_dash(tmp_path: Path) -> None:
    """A tick pulled left out of its list (「- 其他」) is no 「名称: 值」 among keys."""
    text = variant(
        "      全年预计: 92%\n",
        "      全年预计: 92%\n      偏差原因:\n        - 人员保障\n      - 其他\n",
        MONITORED_PROJECT,
    )
    root = _collection(tmp_path, text)
    assert "E031" not in [d.code for d in check_paths([root]).report]
