"""``perfsheet build`` through the CLI: it validates first, never half-writes, never destroys."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from tests.conftest import CLEAN_PROJECT, EXAMPLES, variant, write_collection

runner = CliRunner()


def test_build_writes_the_docx_and_prints_its_path(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "申报表.docx"
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file() and target.stat().st_size > 0
    assert str(target) in result.stdout
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")], "no temporary file is left"


def test_default_output_is_named_after_the_cover_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "上海市科学技术协会学会服务中心2026年度项目绩效目标汇总表.docx").is_file()


def test_errors_write_nothing_and_keep_the_earlier_output(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    assert runner.invoke(cli.app, ["build", str(root), "-o", str(target)]).exit_code == 0
    good = target.read_bytes()
    (root / "01-x.yaml").write_text(variant("当年财政拨款: 400,000.00", "当年财政拨款: 1"), encoding="utf-8")
    result = runner.invoke(cli.app, ["build", str(root), "-o", str(target)])
    assert result.exit_code == 1
    assert "E201" in result.output
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "out.docx"]


def test_a_failed_write_leaves_the_earlier_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"earlier")

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("perfsheet.files.safe.os.replace", crash)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code == 1
    assert "E303" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


@pytest.mark.parametrize(
    ("make_target", "code"),
    [
        (lambda tmp: tmp, "E300"),
        (lambda tmp: tmp / "out.pdf", "E302"),
        (lambda tmp: tmp / "c" / "01-x.docx", None),
    ],
)
def test_output_path_problems(tmp_path: Path, make_target, code) -> None:  # type: ignore[no-untyped-def]
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    result = runner.invoke(cli.app, ["build", str(root), "-o", str(make_target(tmp_path))])
    if code is None:
        assert result.exit_code == 0
    else:
        assert result.exit_code == 1 and code in result.output


def test_pdf_without_libreoffice_names_the_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("perfsheet.docx.pdf.shutil.which", lambda name: None)
    target = tmp_path / "out.docx"
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target), "--pdf"])
    assert result.exit_code == 1
    assert "E310" in result.output and "libreoffice-writer-nogui" in result.output
    assert list(tmp_path.iterdir()) == [], "checked before anything is written"


def test_watch_rebuilds_once_per_change(tmp_path: Path) -> None:
    from perfsheet.documents.build import watch_collection

    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    rebuilt: list[int] = []
    edited, added = root / "01-x.yaml", root / "02-y.yaml"
    edits = iter([
        lambda: None,
        lambda: edited.write_text(CLEAN_PROJECT + "\n", encoding="utf-8"),
        lambda: None,
        lambda: added.write_text("项目名称: y\n", encoding="utf-8"),
    ])  # fmt: skip

    def sleep(_seconds: float) -> None:
        next(edits)()  # what the budget officer does between two looks

    watch_collection(root, lambda: rebuilt.append(1), 1.0, sleep=sleep, rounds=4)
    assert len(rebuilt) == 2, "an edit and a new file: two rebuilds, and none when nothing changed"
