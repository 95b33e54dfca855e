"""What ``perfsheet fix`` may touch and what it may never do to a value (issue 22, items 3 and 4): it
repairs the files validate checks and nothing else, and it never rounds an amount."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, variant, write_collection

runner = CliRunner()


@pytest.mark.parametrize("amount", ["1.2345678万元", "0.0000001万元"])
def test_fix_never_rounds_an_amount_finer_than_a_cent(amount: str, tmp_path: Path) -> None:
    text = variant("年度资金申请总额: 450,000.00", f"年度资金申请总额: {amount}")
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert (root / "01-x.yaml").read_text(encoding="utf-8") == text, "the amount stays as written"
    assert result.exit_code == 1
    # Reported, with the exact amount in 元 and no rounded figure to copy.
    found = [d for d in check_paths([root]).report.diagnostics if d.line == 11]
    assert [d.code for d in found] == ["E355"]
    exact = "12,345.678" if amount.startswith("1.") else "0.001"
    assert exact in found[0].message
    assert "12,345.68" not in found[0].message + found[0].hint
    assert "0.00 " not in found[0].hint and "0.00（" not in found[0].hint


def test_fix_still_converts_an_exact_amount_in_ten_thousands(tmp_path: Path) -> None:
    text = variant("年度资金申请总额: 450,000.00", "年度资金申请总额: 45万元")
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    runner.invoke(cli.app, ["fix", str(root)])
    assert "年度资金申请总额: 450,000.00\n" in (root / "01-x.yaml").read_text(encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


COMPOSE = "services:\n  app:\n    command: >=1\n    environment:\n      - KEY：value\n"
PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
PRE_COMMIT = "repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: check >=1\n    language: system\n"


def test_fix_refuses_a_folder_without_perfsheet_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "docker-compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (folder / "01-x.yaml").write_text(variant("上年结转资金: 50,000.00", "上年结转资金: ５0,000.00"), encoding="utf-8")
    before = _tree(folder)
    result = runner.invoke(cli.app, ["fix", str(folder)])
    assert _tree(folder) == before, "not one file of a folder that is no collection is touched"
    assert result.exit_code == 1
    assert "error[E060]" in result.output and "perfsheet.yaml" in result.output


@pytest.mark.parametrize(("name", "text"), [("passwd", PASSWD), (".pre-commit-config.yaml", PRE_COMMIT)])
def test_fix_leaves_alone_a_file_validate_skips(name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert [d.code for d in check_paths([path]).report.diagnostics] == ["E019"], "validate skips it"
    result = runner.invoke(cli.app, ["fix", str(path)])
    assert path.read_text(encoding="utf-8") == text
    assert "E019" in result.output and "改正了 0 个文件" in result.output


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", "passwd", "notes.yml"])
def test_fix_leaves_alone_a_file_of_a_collection_folder_that_is_no_project(name: str, tmp_path: Path) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    path = root / name
    path.write_text(PRE_COMMIT, encoding="utf-8")
    result = runner.invoke(cli.app, ["fix", str(path)])
    assert path.read_text(encoding="utf-8") == PRE_COMMIT
    assert result.exit_code == 1 and "error[E061]" in result.output


def test_fix_still_repairs_a_collection_and_a_lone_project_file(tmp_path: Path) -> None:
    broken = variant("上年结转资金: 50,000.00", "上年结转资金: ５0,000.00")
    root = write_collection(tmp_path / "c", {"01-x.yaml": broken})
    lone = tmp_path / "lone.yaml"
    lone.write_text(broken, encoding="utf-8")
    result = runner.invoke(cli.app, ["fix", str(root), str(lone)])
    assert "改正了 2 个文件" in result.output, result.output
    assert (root / "01-x.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT == lone.read_text(encoding="utf-8")
