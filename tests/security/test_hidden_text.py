"""Line breaks YAML sees are line breaks the user sees, and names hold only visible text: a raw or escaped
U+2028/U+2029/NEL or a lone CR is a located error, invisible format characters in a name are refused,
and ``fix`` never edits a file whose lines an editor counts differently from YAML."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.diagnostics import visible
from perfsheet.files.names import safe_file_name
from perfsheet.text.characters import hidden_character, invisible_in
from perfsheet.text.yaml_values import yaml_scalar
from tests.conftest import CLEAN_PROJECT, variant, write_collection

runner = CliRunner()


def _validated(name_line: str, tmp_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Exit code and (line:column, code) of each error of validate on the clean project whose
    项目名称 line is ``name_line``."""
    project = variant("项目名称: 青年科技人才服务", name_line)
    root = write_collection(tmp_path / "c", {"01-x.yaml": project})
    result = runner.invoke(cli.app, ["validate", str(root)])
    return result.exit_code, re.findall(r":(\d+:\d+): error\[(E\d+)\]", result.output)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\r"])
def test_a_raw_hidden_line_break_is_a_located_error(separator: str, tmp_path: Path) -> None:
    # An editor shows one line; YAML would read a second key 实施单位 (validate used to exit 0).
    code, found = _validated(f"项目名称: 科技{separator}实施单位: 恶意单位", tmp_path)
    assert code == 1 and ("1:9", "E040") in found, found


def test_crlf_line_endings_are_not_hidden_breaks(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT.replace("\n", "\r\n")})
    result = runner.invoke(cli.app, ["validate", str(root)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("escape", ["\\L", "\\P", "\\N", "\\u2028"])
def test_an_escaped_hidden_line_break_is_a_located_error(escape: str, tmp_path: Path) -> None:
    assert _validated(f'项目名称: "科技{escape}实施单位: 恶意单位"', tmp_path) == (1, [("1:7", "E041")])


@pytest.mark.parametrize("char", ["\u061c", "\u00ad", "\u180e", "\u3164", "\U000e0041", "\u2066", "\u200b"])
def test_invisible_characters_in_a_name_are_refused(char: str, tmp_path: Path) -> None:
    assert _validated(f"项目名称: 青年科技{char}人才服务", tmp_path) == (1, [("1:11", "E004")])


def test_every_format_character_of_unicode_counts_as_invisible() -> None:
    # From the Unicode database, not a hand list: a format character added later is covered too.
    every_format = "".join(chr(p) for p in range(sys.maxunicode + 1) if unicodedata.category(chr(p)) == "Cf")
    assert {"\u061c", "\u00ad", "\u180e", "\u2064", "\ufeff", "\U000e007f"} <= set(every_format)
    assert invisible_in("青年" + every_format + "科技") == "".join(sorted(every_format))
    assert all(visible(char) != char for char in every_format), "each is written out in a message"
    assert invisible_in("青年科技人才服务") == "" and invisible_in("ascii only") == ""
    assert hidden_character("青年科技人才服务") is None
    assert hidden_character("科技\u3164服务") == (2, "\u3164")


def test_fix_leaves_a_file_with_a_hidden_line_break_untouched(tmp_path: Path) -> None:
    # A comment ending in U+2028 shifted fix's line numbers: it rewrote the line below 上年结转资金.
    project = variant("  上年结转资金: 50,000.00", "  # 结转\u2028\n  上年结转资金: ５００００")
    root = write_collection(tmp_path / "c", {"01-x.yaml": project})
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert result.exit_code == 1
    assert "E040" in result.output
    assert (root / "01-x.yaml").read_text(encoding="utf-8") == project


@pytest.mark.parametrize(
    "name",
    ["x\n实施单位: 恶意单位\n#", "x\r实施单位: 恶意单位", "科技\u2028实施单位: 恶意单位", "a\x85b", "科\u061c技"],
)
def test_new_refuses_a_name_with_a_line_break_or_hidden_character(name: str, tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {})
    result = runner.invoke(cli.app, ["new", name, "--dir", str(root)])
    assert result.exit_code == 1, result.output
    assert "error[E042]" in result.output
    assert hidden_character(result.output.replace("\n", "")) is None, "the name is shown with escapes"
    assert sorted(p.name for p in root.iterdir()) == ["perfsheet.yaml"]


@pytest.mark.parametrize("char", ["\u061c", "\u3164", "\U000e0041", "\u2028"])
def test_file_names_and_imported_values_never_carry_an_invisible_character(char: str) -> None:
    assert safe_file_name(f"科{char}技", ".yaml", fallback="项目") == "科_技.yaml"
    written = yaml_scalar(f"科{char}技")
    assert char not in written and yaml.safe_load(f"k: {written}") == {"k": f"科{char}技"}
