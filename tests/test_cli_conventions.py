"""Ecosystem conventions: GitHub annotations, progress only for people, --watch's change detection, help."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.cli import progress
from perfsheet.cli.reporters import format_github
from perfsheet.collection.discovery import snapshot
from perfsheet.diagnostics import Diagnostic, Report, Severity
from tests.conftest import CLEAN_PROJECT, EXAMPLES, write_collection

runner = CliRunner()


def test_annotation_format_and_escaping() -> None:
    report = Report([
        Diagnostic("a,b:c.yaml", 3, 7, "E201", Severity.ERROR, "100% 不平衡\r\n第二行", "提示, 含: 冒号"),
        Diagnostic("x.yaml", 1, 1, "R331", Severity.INFO, "等于", ""),
    ])  # fmt: skip
    assert format_github(report).splitlines() == [
        "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=E201 error::100%25 不平衡%0D%0A第二行%0A提示：提示, 含: 冒号",
        "::notice file=x.yaml,line=1,col=1,title=R331 info::等于",
    ]


def test_github_actions_gets_annotations_and_the_full_text_report(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(cli.app, ["validate", str(EXAMPLES)])
    assert result.exit_code == 0
    assert result.stdout.startswith("::warning file=")
    assert result.stdout.count("::warning") == 10 and result.stdout.count("::notice") == 1
    assert "warning[R303]" in result.stderr, "the text report follows on stderr"
    explicit = runner.invoke(cli.app, ["validate", "--format", "json", str(EXAMPLES)])
    assert explicit.stdout.lstrip().startswith("[")


def test_progress_is_only_for_a_person_at_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress.wants_progress(Terminal(), {}) is True
    assert progress.wants_progress(io.StringIO(), {}) is False
    assert progress.wants_progress(Terminal(), {"CI": "true"}) is False
    assert progress.wants_progress(Terminal(), {"GITHUB_ACTIONS": "true"}) is False


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    projects = {f"{n:02d}-p.yaml": CLEAN_PROJECT.replace("青年科技人才服务", f"项目{n}") for n in range(1, 26)}
    root = write_collection(tmp_path / "c", projects)
    result = runner.invoke(cli.app, ["build", str(root), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 0, result.output
    assert "读取项目" not in result.output and "[#" not in result.output


def test_watch_notices_an_edit_and_a_new_file(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-a.yaml": CLEAN_PROJECT})
    before = snapshot(root)
    assert snapshot(root) == before
    target = root / "01-a.yaml"
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited = snapshot(root)
    assert edited != before
    (root / "02-b.yaml").write_text(CLEAN_PROJECT, encoding="utf-8")
    assert snapshot(root) != edited
    (root / "notes.txt").write_text("x", encoding="utf-8")
    time.sleep(0)
    assert set(snapshot(root)) == {f"{root.as_posix()}/{n}" for n in ("01-a.yaml", "02-b.yaml", "perfsheet.yaml")}


def test_help_is_chinese_with_an_example_for_every_command() -> None:
    for command in ("validate", "build", "rules", "schema", "init", "new"):
        result = runner.invoke(cli.app, [command, "--help"])
        assert result.exit_code == 0
        assert "示例：perfsheet " + command in result.output, command
    assert "--install-completion" in runner.invoke(cli.app, ["--help"]).output
