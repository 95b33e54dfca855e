"""perfsheet export / import FILE.xlsx on the command line: exit codes, what is written, what is left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from perfsheet import cli
from tests.conftest import CLEAN_PROJECT, EXAMPLES, variant, write_collection

runner = CliRunner()


def _export(tmp_path: Path) -> Path:
    target = tmp_path / "汇总.xlsx"
    result = runner.invoke(cli.app, ["export", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_export_refuses_a_collection_with_errors_and_keeps_the_earlier_workbook(tmp_path: Path) -> None:
    target = _export(tmp_path)
    before = target.read_bytes()
    broken = write_collection(
        tmp_path / "broken", {"01-x.yaml": variant("当年财政拨款: 400,000.00", "当年财政拨款: 1")}
    )
    result = runner.invoke(cli.app, ["export", str(broken), "-o", str(target)])
    assert result.exit_code == 1 and "E201" in result.output
    assert target.read_bytes() == before
    wrong = runner.invoke(cli.app, ["export", str(EXAMPLES), "-o", str(tmp_path / "汇总.docx")])
    assert wrong.exit_code == 1 and "E521" in wrong.output


def test_import_writes_a_new_folder_and_into_adds_only_new_projects(tmp_path: Path) -> None:
    workbook = _export(tmp_path)
    result = runner.invoke(cli.app, ["import", str(workbook), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "c").glob("*.yaml")) == sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    # --into a folder that has two of the three projects: nothing is written, each clash is named.
    folder = tmp_path / "into"
    shutil.copytree(EXAMPLES, folder)
    third = sorted(folder.glob("03-*.yaml"))[0]
    third.unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    clash = runner.invoke(cli.app, ["import", str(workbook), "--into", str(folder)])
    assert clash.exit_code == 1 and clash.output.count("E515") == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # Without the clashing projects, the third is added as a new file; the others stay byte for byte.
    for name in list(before):
        if name.startswith(("01-", "02-")):
            (folder / name).unlink()
            before.pop(name)
    write_collection(folder, {"01-other.yaml": CLEAN_PROJECT}, (folder / "perfsheet.yaml").read_text("utf-8"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    added = runner.invoke(cli.app, ["import", str(workbook), "--into", str(folder)])
    assert added.exit_code == 0, added.output
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == ["02-科技工作者系列服务.yaml", "03-科技社团创新发展赋能计划.yaml",
                                                "04-科技社团党建.yaml"]  # fmt: skip


def test_legacy_and_open_document_files_get_a_clear_message(tmp_path: Path) -> None:
    legacy = tmp_path / "指标.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = runner.invoke(cli.app, ["import", str(legacy), "-o", str(tmp_path / "c")])
    assert result.exit_code == 1 and "E500" in result.output and "另存为" in result.output
    ods = tmp_path / "指标.ods"
    ods.write_bytes(b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet")
    result = runner.invoke(cli.app, ["import", str(ods), "-o", str(tmp_path / "c")])
    assert result.exit_code == 1 and "E501" in result.output
    assert not (tmp_path / "c").exists()
    two = runner.invoke(cli.app, ["import", str(legacy), str(ods), "-o", str(tmp_path / "c")])
    assert two.exit_code == 2


def test_a_text_longer_than_a_cell_holds_writes_nothing(tmp_path: Path) -> None:
    goal = "举办讲座。" * 7000  # 35,000 characters
    root = write_collection(tmp_path / "c", {"01-x.yaml": variant("项目总目标:\n", f"项目总目标: {goal}\n")})
    target = tmp_path / "汇总.xlsx"
    result = runner.invoke(cli.app, ["export", str(root), "-o", str(target)])
    assert result.exit_code == 1 and "E523" in result.output and "35,000" in result.output
    assert not target.exists()
