"""Every word a user sees from --help and from a usage error is Chinese (Typer and Click write English)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app

runner = CliRunner()
COMMANDS = ["validate", "build", "evaluate", "monitor", "fix", "rules", "schema", "init", "new", "import", "export"]
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|\[required\]|Error|Missing|No such|Try |"
    r"Got unexpected|Invalid value|is not one of|<path>|<list|\{|Install completion|Show completion|"
    r"Aborted|Did you mean|requires an argument|Possible options|Value error|Input should|default:|\.\.\.$",
    re.M,
)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_chinese(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：")
    assert not ENGLISH.search(result.stdout), ENGLISH.search(result.stdout)


def test_every_command_has_a_one_line_chinese_description() -> None:
    listing = runner.invoke(app, ["--help"]).stdout.split("命令：\n", 1)[1]
    rows = [line.split(None, 1) for line in listing.strip().splitlines()]
    assert [row[0] for row in rows] == COMMANDS
    for _name, description in rows:
        assert re.search(r"[\u4e00-\u9fff]", description) and "..." not in description and "…" not in description


USAGE_ERRORS = [
    (["validate"], "错误：缺少参数「路径…」。"),
    (["valdate", "x"], "错误：没有「valdate」这个命令。是不是「validate、evaluate」？"),
    (
        ["build", "x", "--format", "xml"],
        "错误：「--format」的取值不对：「xml」不是可选的取值，可选：text, json, github。",
    ),
    (["build", "x", "-o"], "错误：选项「-o」后面需要一个值。"),
    (["build", "x", "--bogus"], "错误：没有「--bogus」这个选项。"),
    (["init", "x", "--year", "abc"], "错误：「--year」的取值不对：应当是一个整数，如 2027。"),
    (["rules", "a"], "错误：多余的参数：a。"),
    (["import", "a.docx"], "错误：请用 -o 写到一个新的目录，或用 --into 并入已有的项目文件，二者选一。"),
    (["import", "-o", "out"], "错误：缺少参数「文件…」。"),
]


@pytest.mark.parametrize(("args", "expected"), USAGE_ERRORS)
def test_usage_errors_are_chinese(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(expected), result.stderr
    if args != ["build", "x", "-o"]:  # Click raises that one before it knows the command's context
        assert result.stderr.startswith("用法：") and "查看帮助" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_no_arguments_shows_the_chinese_help() -> None:
    result = runner.invoke(app, [])
    assert "[选项] 命令 [参数]…" in result.output
    assert not ENGLISH.search(result.output)
