"""A symlink loop in a collection (``ln -s 08.yaml 08.yaml``) is a file that cannot be read, reported
like any other (E006), never a crash of validate, build, evaluate or ``build --watch``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.documents import build
from tests.conftest import CLEAN_PROJECT, EVALUATED_PROJECT, write_collection

runner = CliRunner()


def _loops(root: Path) -> None:
    (root / "08.yaml").symlink_to("08.yaml")
    (root / "09-a.yaml").symlink_to("09-b.yaml")
    (root / "09-b.yaml").symlink_to("09-a.yaml")


@pytest.mark.parametrize("command", ["validate", "build", "evaluate"])
def test_a_symlink_loop_is_reported_not_a_crash(command: str, tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": EVALUATED_PROJECT})
    _loops(root)
    output = ["-o", str(tmp_path / "out.docx")] if command != "validate" else []
    result = runner.invoke(cli.app, [command, str(root), *output])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    for name in ("08.yaml", "09-a.yaml", "09-b.yaml"):
        assert f"/c/{name}:1:1: error[E006]" in result.output, result.output
    assert not (tmp_path / "out.docx").exists()


def test_a_symlink_loop_given_by_name_is_reported(tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    _loops(root)
    result = runner.invoke(cli.app, ["validate", str(root / "08.yaml"), str(root / "01-x.yaml")])
    assert result.exit_code == 1 and "error[E006]" in result.output and "内部错误" not in result.output


def test_build_watch_survives_a_symlink_loop_made_while_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    real_watch = build.watch_collection

    def watch_twice(path: Path, rebuild: Callable[[], None], interval: float) -> None:
        looks = iter([lambda: _loops(root), lambda: (root / "08.yaml").unlink()])
        real_watch(path, rebuild, interval, sleep=lambda _seconds: next(looks)(), rounds=2)

    monkeypatch.setattr(build, "watch_collection", watch_twice)
    result = runner.invoke(cli.app, ["build", str(root), "-o", str(tmp_path / "out.docx"), "--watch"])
    assert result.exit_code == 0, result.output
    assert "内部错误" not in result.output
    assert result.output.count("error[E006]") == 3 + 2, "each rebuild names the loops"
