"""Hostile input: every file gets its expected exit code and located diagnostics, no traceback, no output
created or changed, and an answer within 2 seconds (a guard against hangs, not a benchmark)."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from perfsheet.cli import app

HERE = Path(__file__).parent
FILES = HERE / "files"
CASES: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
EARLIER = b"an earlier good document"


def test_the_suite_has_at_least_forty_files_and_each_has_an_expectation() -> None:
    on_disk = {p.name for p in FILES.iterdir()} - {"perfsheet.yaml"}
    assert on_disk <= set(CASES)
    assert len(on_disk) + sum(1 for c in CASES.values() if "generate" in c) >= 40


def _prepare(name: str, case: dict[str, Any], tmp: Path) -> tuple[Path, Path]:
    """Copy the case into a fresh collection directory; returns (input file, output path)."""
    shutil.copy(FILES / "perfsheet.yaml", tmp / "perfsheet.yaml")
    source = tmp / (case.get("file") or name)
    if "generate" in case:
        with source.open("wb") as stream:
            line = "年度总体目标: " + "很长的目标" * 20 + "\n"
            data = ("项目名称: 大文件\n" + line * (case["generate"] // len(line.encode()) + 1)).encode()
            cut = data[: case["generate"]]
            while True:  # exactly that many bytes, still UTF-8: a character cut in two becomes '#'s
                try:
                    cut.decode("utf-8")
                    break
                except UnicodeDecodeError:
                    cut = cut[:-1]
            stream.write(cut + b"#" * (case["generate"] - len(cut)))
    else:
        shutil.copy(FILES / source.name, source)
    (tmp / "blocker").write_text("a file where a folder is expected", encoding="utf-8")
    output = case.get("output", "{tmp}/out.docx").format(
        tmp=tmp.as_posix(), input=source.as_posix(), settings=(tmp / "perfsheet.yaml").as_posix()
    )
    return source, Path(output)


HANG_GUARD_SECONDS = 60


def _hung(_signum: int, _frame: object) -> None:
    raise AssertionError(f"no answer within {HANG_GUARD_SECONDS} s: perfsheet hangs on this input")


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    source, output = _prepare(name, case, tmp_path)
    if output.suffix == ".docx" and output.parent.is_dir():
        output.write_bytes(EARLIER)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    # A hang guard, not a speed test (make bench measures speed): no input may keep perfsheet busy.
    signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        result = CliRunner().invoke(app, ["build", "--format", "json", str(source), "-o", str(output)])
    finally:
        signal.alarm(0)

    assert result.exit_code == case["exit"], result.output
    assert "Traceback" not in result.output
    diagnostics, _end = json.JSONDecoder().raw_decode(result.stdout.lstrip())
    assert sorted({d["code"] for d in diagnostics}) == case["codes"]
    if diagnostics:
        assert diagnostics[0]["line"] == case["line"]
        assert all(d["file"] and d["line"] >= 1 and d["column"] >= 1 and d["message"] for d in diagnostics)

    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    if case["exit"] == 0:
        assert output.read_bytes() != EARLIER and output.stat().st_size > 0
        after.pop(output)
        before.pop(output, None)
    assert after == before, "a failed run creates or changes nothing; a good one only writes its output"


def test_xml_special_text_arrives_intact_in_the_document(tmp_path: Path) -> None:
    import zipfile

    source, output = _prepare("xml-special-text.yaml", CASES["xml-special-text.yaml"], tmp_path)
    assert CliRunner().invoke(app, ["build", str(source), "-o", str(output)]).exit_code == 0
    with zipfile.ZipFile(output) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(body.itertext())
    assert "A<B & C]]> 'D'" in text and "项目影响力<A&B>]]>" in text
