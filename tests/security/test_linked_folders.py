"""init, new and import -o never write through a folder that is a symbolic link (``.github -> ../out``,
``.perfsheet -> ../out``): every level below the folder the user named is checked, the run is refused
with a located Chinese message, and nothing is written anywhere — not even the folders it made."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from tests.conftest import CLEAN_PROJECT, write_collection

runner = CliRunner()


def _tree(folder: Path) -> list[str]:
    """Every entry below ``folder``, git's own data excepted."""
    entries = [p.relative_to(folder) for p in folder.rglob("*")]
    return sorted(p.as_posix() for p in entries if p.parts[0] != ".git" or len(p.parts) == 1)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("link", [".github", ".github/workflows", "申报/2027/.perfsheet"])
def test_init_refuses_a_linked_folder_in_the_repository(link: str, outside: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside, target_is_directory=True)
    before = _tree(root)
    result = runner.invoke(cli.app, ["init", str(root / "申报" / "2027"), "--year", "2027"])
    assert result.exit_code == 1, result.output
    assert f"{link}:1:1: error[E044]" in result.output and "内部错误" not in result.output
    assert list(outside.iterdir()) == [], "nothing written through the link"
    assert _tree(root) == before, "nothing written in the repository either, not even a folder"


def test_new_refuses_a_linked_editor_folder(outside: Path, tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {})
    (root / ".perfsheet").symlink_to(outside, target_is_directory=True)
    result = runner.invoke(cli.app, ["new", "青年科技人才服务", "--dir", str(root)])
    assert result.exit_code == 1 and "error[E044]" in result.output, result.output
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in root.iterdir()) == [".perfsheet", "perfsheet.yaml"]


def test_import_refuses_a_linked_editor_folder_in_the_output(outside: Path, tmp_path: Path) -> None:
    collection = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    docx = tmp_path / "x.docx"
    assert runner.invoke(cli.app, ["build", str(collection), "-o", str(docx)]).exit_code == 0
    target = tmp_path / "imported"
    target.mkdir()
    (target / ".perfsheet").symlink_to(outside, target_is_directory=True)
    result = runner.invoke(cli.app, ["import", str(docx), "-o", str(target)])
    assert result.exit_code == 1 and "error[E044]" in result.output, result.output
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == [".perfsheet"]


def test_a_failed_init_leaves_no_folder_behind(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".github").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(cli.app, ["init", str(tmp_path / "申报" / "2027"), "--year", "2027"])
    assert result.exit_code == 1 and "error[E306]" in result.output, result.output
    assert _tree(tmp_path) == [".git", ".github"], "the folders made for the collection are removed again"


def test_a_linked_folder_the_user_names_is_followed(outside: Path, tmp_path: Path) -> None:
    # What the user typed is theirs to choose (a home folder reached through a link is common).
    named = tmp_path / "named"
    named.symlink_to(outside, target_is_directory=True)
    result = runner.invoke(cli.app, ["init", str(named), "--year", "2027"])
    assert result.exit_code == 0, result.output
    assert (outside / "perfsheet.yaml").is_file()
