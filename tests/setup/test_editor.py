"""The editor, for real: yaml-language-server (the engine of VS Code's YAML extension) with perfsheet's
schemas, driven over stdio as an editor drives it, in a Chinese locale. It accepts what validate accepts,
flags what validate flags on the same line in validate's words, and completes the framework's names."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from tests.conftest import CLEAN_PROJECT, EXAMPLES, REPO, variant
from tests.setup.conftest import NODE_MODULES, require, tool
from tests.setup.lsp import LanguageServer

SERVER = NODE_MODULES / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = {
    "yaml": {
        "validate": True,
        "completion": True,
        "hover": False,
        "format": {"enable": False},
        "schemaStore": {"enable": False},  # no network: only perfsheet's schemas
    }
}
HEADER = "# yaml-language-server: $schema=.perfsheet/project.schema.json\n"
ENGLISH = re.compile(r"Property|Missing|Incorrect|Value is|String does|Matches|Expected|pattern", re.I)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LanguageServer, Path]]:
    require(SERVER.exists(), "yaml-language-server (make tools)")
    work = tmp_path_factory.mktemp("editor")
    (work / ".perfsheet").mkdir()
    for name in ("project.schema.json", "collection.schema.json"):
        shutil.copy(REPO / "schemas" / name, work / ".perfsheet" / name)
    language_server = LanguageServer([tool("node"), str(SERVER), "--stdio"], work, SETTINGS)
    yield language_server, work
    language_server.close()


def _open(server: tuple[LanguageServer, Path], name: str, text: str) -> list[tuple[int, str]]:
    client, work = server
    path = work / name
    path.write_text(HEADER + text, encoding="utf-8")
    # 1-based lines of the text as written (the schema comment is line 1).
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in client.open(path)]


def test_the_examples_have_no_diagnostic(server: tuple[LanguageServer, Path]) -> None:
    client, _work = server
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert client.open(path) == [], path.name


def test_imported_files_have_no_diagnostic(server: tuple[LanguageServer, Path], tmp_path: Path) -> None:
    client, _work = server
    built = tmp_path / "built.docx"
    assert CliRunner().invoke(app, ["build", str(EXAMPLES), "-o", str(built)]).exit_code == 0
    assert CliRunner().invoke(app, ["import", str(built), "-o", str(tmp_path / "imported")]).exit_code == 0
    for path in sorted((tmp_path / "imported").glob("*.yaml")):
        assert client.open(path) == [], path.name


ACCEPTED = {
    "expanded-qualitative": (
        "      - 项目影响力: 较上年有所提升",
        "      - {名称: 项目影响力, 指标值: 进入全市前 3 名, 定性: true}",
    ),
    "date-in-chinese": ("计划开始日期: 2026-01-01", "计划开始日期: 2026年1月1日"),
    "date-with-dots": ("计划开始日期: 2026-01-01", "计划开始日期: 2026.1.1"),
    "money-as-number": ("当年财政拨款: 400,000.00", "当年财政拨款: 400000.5"),
    "target-with-spaces": ("≥2.00(场)", "≥ 2 场"),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_what_validate_accepts_the_editor_accepts(server: tuple[LanguageServer, Path], case: str) -> None:
    old, new = ACCEPTED[case]
    assert _open(server, f"{case}.yaml", variant(old, new)) == []


FLAGGED = {
    # case: (old, new, the 1-based line in the file, a phrase of validate's words)
    "misspelt-key": ("项目类别: 特定目标类", "项目类型: 特定目标类", 4, "未知的键"),
    "wrong-level2": ("    数量指标:", "    数量:", 25, "二级指标有：数量指标、质量指标、时效指标"),
    "percent-without-comparator": ("≥90.00(%)", "90%", 38, "指标值无法识别"),
    "money-in-wan": ("当年财政拨款: 400,000.00", "当年财政拨款: 12万", 13, "金额格式不对"),
    "money-three-decimals": ("当年财政拨款: 400,000.00", "当年财政拨款: 400000.123", 13, ""),
    "wrong-level1": ("  效益指标:", "  效益:", 32, "一级指标只有"),
    "bad-date": ("计划开始日期: 2026-01-01", "计划开始日期: 明年一月", 5, "日期格式不对"),
}


@pytest.mark.parametrize("case", sorted(FLAGGED))
def test_what_validate_flags_the_editor_flags_once_on_its_line(server: tuple[LanguageServer, Path], case: str) -> None:
    old, new, line, words = FLAGGED[case]
    [(found_line, message)] = _open(server, f"{case}.yaml", variant(old, new))
    assert found_line == line
    assert words in message and re.search(r"[\u4e00-\u9fff]", message) and not ENGLISH.search(message), message


def test_completion_offers_the_level2_names_under_a_level1(server: tuple[LanguageServer, Path]) -> None:
    client, work = server
    products = CLEAN_PROJECT[CLEAN_PROJECT.index("    数量指标:") : CLEAN_PROJECT.index("  效益指标:")]
    text = HEADER + CLEAN_PROJECT.replace(products, "    \n")
    path = work / "completion.yaml"
    path.write_text(text, encoding="utf-8")
    client.open(path)
    line = text.split("\n").index("  产出指标:") + 1
    assert set(client.complete(path, line, 4)) >= {"数量指标", "质量指标", "时效指标"}


def test_completion_offers_rule_codes_in_perfsheet_yaml(server: tuple[LanguageServer, Path]) -> None:
    client, work = server
    schema = "# yaml-language-server: $schema=.perfsheet/collection.schema.json\n"
    text = schema + "年度: 2026\n编报单位: a\n主管部门: b\n规则:\n  \n"
    path = work / "perfsheet.yaml"
    path.write_text(text, encoding="utf-8")
    client.open(path)
    offered = client.complete(path, 5, 2)
    assert {"R303", "R350"} <= set(offered)
