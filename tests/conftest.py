"""Shared fixtures: a clean project that no rule may fire on, and helpers to check variants of it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from perfsheet.diagnostics import Diagnostic
from perfsheet.rules.check import CheckResult, check_paths

REPO = Path(__file__).resolve().parent.parent

# Hypothesis runs derandomized with fixed example counts, so a failure in CI is a failure anyone can
# reproduce; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) draws random examples, many more of them.
FUZZ_FACTOR = 20
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, max_examples=100 * FUZZ_FACTOR, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(count: int) -> int:
    """A test's example count: ``count`` in the derandomized runs, FUZZ_FACTOR times more under ``make fuzz``."""
    return count * FUZZ_FACTOR if settings().derandomize is False else count


EXAMPLES = REPO / "examples" / "2026"

SETTINGS = """\
年度: 2026
编报单位: 上海市某某中心
主管部门: 上海市某某局
"""

# A correct, complete project: every test starts from it and breaks one thing.
CLEAN_PROJECT = """\
项目名称: 青年科技人才服务
项目性质: 其他一次性项目
项目类别: 特定目标类
计划开始日期: 2026-01-01
计划完成日期: 2026-12-31
项目资金:
  项目资金总额:
  财政资金:
  其他资金:
年度资金:
  年度资金申请总额: 450,000.00
  当年财政拨款: 400,000.00
  上年结转资金: 50,000.00
  其他资金: 0
项目总目标:
年度总体目标: |
  1.举办至少 2 场青年科技人才交流活动；
  2.评选优秀论文不超过 10 篇。
绩效指标:
  成本指标:
    经济成本指标:
      - 交流活动成本控制数: ≤40.00(万元)
  产出指标:
    数量指标:
      - 青年科技人才交流活动举办完成数: ≥2.00(场)
      - 优秀论文评选数: ≤10.00(篇)
    质量指标:
      - 论文评审通过率: =100.00(%)
    时效指标:
      - 各项工作完成及时性: 及时
  效益指标:
    社会效益指标:
      - 青年科技人才参与人数增长率: ≥10.00(%)
      - 项目影响力: 较上年有所提升
  满意度指标:
    服务对象满意度指标:
      - 参会人员满意度: ≥90.00(%)
"""


# The clean project at year end: every target met, so nothing to report; scored by hand in
# tests/evaluation/test_scoring.py.
EVALUATION = """\
自评:
  全年执行数:
    当年财政拨款: 380,000.00
    上年结转资金: 50,000.00
    其他资金: 0
  实际完成情况: |
    1.举办青年科技人才交流活动 2 场；
    2.评选优秀论文 10 篇。
  指标:
    交流活动成本控制数: 38 万元
    青年科技人才交流活动举办完成数: 2 场
    优秀论文评选数: 10 篇
    论文评审通过率: 100%
    各项工作完成及时性: 及时
    青年科技人才参与人数增长率: 12%
    项目影响力: 较上年有所提升
    参会人员满意度: 95%
"""
EVALUATED_PROJECT = CLEAN_PROJECT + EVALUATION


def require(found: object, what: str) -> None:
    """A real client a test needs: missing locally, the test skips with the reason; under CI=true it fails."""
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is not installed")
        pytest.skip(f"{what} is not installed")


def write_collection(root: Path, projects: dict[str, str], settings: str = SETTINGS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "perfsheet.yaml").write_text(settings, encoding="utf-8")
    for name, text in projects.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def fake_program(folder: Path, name: str, source: str) -> Path:
    """A stand-in for an external program: ``source`` (``{python}`` stands for this interpreter) as the
    executable script ``folder/name``."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(source.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    return script


def variant(old: str, new: str, base: str = CLEAN_PROJECT) -> str:
    """The clean project with one passage replaced; fails loudly when the passage is not there."""
    assert old in base, f"test setup: {old!r} not in the base project"
    return base.replace(old, new, 1)


@pytest.fixture
def check_project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Check one project text inside a collection; returns the diagnostics."""

    def run(text: str, settings: str = SETTINGS) -> list[Diagnostic]:
        root = write_collection(tmp_path / "c", {"01-项目.yaml": text}, settings)
        return check_paths([root]).report.sorted()

    return run


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diagnostics]


def check_dir(path: Path) -> CheckResult:
    return check_paths([path])


@pytest.fixture(autouse=True)
def _strict_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    """In every test, a catalogue message made without one of its parameters fails (in use, the
    placeholder would stay visible as {name})."""
    import perfsheet.diagnostics as diagnostics

    def missing(_self: object, key: str) -> str:
        raise AssertionError(f"message parameter {{{key}}} was not supplied")

    monkeypatch.setattr(diagnostics._Blank, "__missing__", missing)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/docx/goldens from the current writer (review the diff before committing)",
    )
