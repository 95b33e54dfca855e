"""Security of what perfsheet reads and shows: only regular files inside the collection, nothing skipped
in silence, user text shown and never interpreted (terminal sequences, GitHub workflow commands), file
names that are safe on every system, and YAML written by import that reads back as exactly its text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.collection.discovery import natural_key, project_file_name
from perfsheet.files.names import MAX_NAME_BYTES, safe_file_name
from perfsheet.source import load_text
from perfsheet.text.yaml_values import yaml_scalar
from tests.conftest import CLEAN_PROJECT, examples, variant, write_collection

runner = CliRunner()


def _codes(result_output: str) -> list[str]:
    return re.findall(r"error\[(E\d+)\]", result_output)


def test_a_fifo_as_a_project_file_is_refused_at_once(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    os.mkfifo(root / "02-pipe.yaml")
    # In a process of its own: a blocking open would hang it, and the timeout would fail the test.
    completed = subprocess.run(
        [sys.executable, "-m", "perfsheet", "validate", str(root)], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 1
    assert "02-pipe.yaml:1:1: error[E006] 这是命名管道（FIFO），不是普通文件" in completed.stderr


def test_a_device_is_refused_however_small_stat_says_it_is() -> None:
    result = runner.invoke(cli.app, ["validate", "/dev/zero"])
    assert result.exit_code == 1 and "error[E006] 这是设备文件" in result.output


def test_a_symlink_out_of_the_collection_is_refused_without_showing_the_target(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root: $6$SECRETHASH$abc\nuser: x\n", encoding="utf-8")
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    (root / "02-link.yaml").symlink_to(secret)
    (root / "03-inside.yaml").symlink_to(root / "01-x.yaml")
    result = runner.invoke(cli.app, ["validate", str(root)])
    assert result.exit_code == 1
    assert "SECRETHASH" not in result.output and "root" not in result.output.replace(str(tmp_path), "")
    assert "02-link.yaml:1:1: error[E007]" in result.output
    # A link that stays inside the folder is read like the file it points to (here: a duplicate name).
    assert "03-inside.yaml" in result.output and "E220" in result.output


def test_entries_meant_as_projects_are_reported_never_skipped(tmp_path: Path) -> None:
    second = variant("项目名称: 青年科技人才服务", "项目名称: 第二个项目")
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT, "02-y.yaml": second})
    for name in ("b.yml", "c.YAML", "d.yaml "):
        (root / name).write_text(CLEAN_PROJECT, encoding="utf-8")
    (root / "e.yaml").symlink_to(root / "missing.yaml")
    (root / "f.yaml").mkdir()
    result = runner.invoke(cli.app, ["validate", str(root)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "error[" in line]
    assert [re.sub(r"^.*/c/(.+?):1:1: .*$", r"\1", line) for line in lines] == [
        "b.yml",
        "c.YAML",
        "d.yaml ",
        "e.yaml",
        "f.yaml",
    ]
    assert "请改名为「b.yaml」" in result.output and "请改名为「d.yaml」" in result.output
    assert _codes(result.output) == ["E232", "E232", "E232", "E006", "E006"]
    # build stops instead of writing a document that silently lacks these projects.
    assert runner.invoke(cli.app, ["build", str(root), "-o", str(tmp_path / "x.docx")]).exit_code == 1
    assert not (tmp_path / "x.docx").exists()


def test_names_with_any_unicode_digit_sort(tmp_path: Path) -> None:
    names = ["²1-项目.yaml", "①2-项目.yaml", "10-a.yaml", "2-a.yaml", "٣-a.yaml"]
    assert sorted(names, key=natural_key)[:2] == ["2-a.yaml", "10-a.yaml"]
    root = write_collection(tmp_path / "c", {name: variant("青年科技人才服务", name[:-5]) for name in names})
    result = runner.invoke(cli.app, ["validate", str(root)])
    assert result.exit_code == 0, result.output


HOSTILE_VALUES = ["\\e]0;pwned\\a", "\\n::error file=x::forged", "\\u202Eevil", "a\\u2028b: c"]


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_user_text_is_never_interpreted_by_a_terminal_or_github(
    value: str, output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project = variant("项目名称: 青年科技人才服务", f'项目名称: "{value}"\n"未知{value}": 1')
    root = write_collection(tmp_path / "c", {"01-x.yaml": project})
    (root / "02-a\n::error file=y::forged.yaml").write_text("项目名称: [", encoding="utf-8")
    result = runner.invoke(cli.app, ["validate", "--format", output_format, str(root)])
    assert result.exit_code == 1
    for stream in (result.stdout_bytes, result.stderr_bytes):
        assert b"\x1b" not in stream and b"\x07" not in stream
        assert "\u202e".encode() not in stream and "\u2028".encode() not in stream
        text = stream.decode("utf-8")
        # Only perfsheet's own annotations may start a workflow command, never a forged one.
        assert not re.search(r"^::error file=[xy]::forged", text, re.MULTILINE)
        assert not re.search(
            r"^::(?!stop-commands::|[0-9a-f]{32}::|error file=|warning file=|notice file=)", text, re.M
        )
    if output_format == "json":
        assert json.loads(result.stdout)


def test_the_text_report_under_github_actions_stops_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = write_collection(tmp_path / "c", {"01-x.yaml": variant("项目名称: 青年科技人才服务", "项目明称: x")})
    stderr = runner.invoke(cli.app, ["validate", str(root)]).stderr
    opening = re.match(r"::stop-commands::([0-9a-f]{32})\n", stderr)
    assert opening is not None and f"\n::{opening.group(1)}::\n" in stderr


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_any_text_written_by_import_reads_back_as_exactly_that_text(text: str) -> None:
    for written in (f"项目名称: {yaml_scalar(text)}\n下一项: x\n", f"- {{名称: {yaml_scalar(text, flow=True)}}}\n"):
        loaded = load_text(written, "t.yaml")
        codes = {d.code for d in loaded.diagnostics}
        assert codes <= {"E003", "E004", "E041"}, (written, codes)  # refused later as characters, never as syntax
        if not codes:
            expected = {"项目名称": text, "下一项": "x"} if written.startswith("项目名称") else [{"名称": text}]
            assert loaded.data == expected


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_a_line_separator_in_a_cell_cannot_add_keys(separator: str) -> None:
    text = f"名称{separator}实施单位:{separator}  X{separator}忽略规则: [R303]"
    written = f"项目名称: {yaml_scalar(text)}\n"
    assert yaml.safe_load(written) == {"项目名称": text}, "any YAML reader sees one key holding the whole text"
    # and validate refuses it where it stands: an escaped hidden line break is one too (E041).
    loaded = load_text(written, "t.yaml")
    assert [(d.code, d.line) for d in loaded.diagnostics] == [("E041", 1)]


@settings(max_examples=examples(300), deadline=None)
@given(st.text(), st.sampled_from([".docx", ".yaml", ""]))
def test_file_names_from_user_text_are_safe_everywhere(text: str, suffix: str) -> None:
    name = safe_file_name(text, suffix, fallback="项目")
    assert name.endswith(suffix) and len(name) > len(suffix)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert not re.search(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\u2028\u2029]', name)
    assert not name.startswith(("-", ".")) and not name[: len(name) - len(suffix)].endswith((".", " "))
    assert not re.match(r"(con|prn|aux|nul|com\d|lpt\d)(\.|$)", name, re.IGNORECASE)


def test_project_file_names_are_unique_and_short() -> None:
    taken: set[str] = set()
    for _ in range(3):
        taken.add(project_file_name(1, "很长的项目名称" * 40, taken))
    assert len(taken) == 3 and all(len(n.encode("utf-8")) <= MAX_NAME_BYTES for n in taken)
