"""The one corpus of bad, hostile and edge-case inputs (tests/corpus/cases.yaml): for each, validate
reports exactly its diagnostics (the full list, code@line:column) and exits as expected; build exits the
same, never with a traceback, and creates or changes nothing when it fails (an earlier good document
stays as it was)."""

from __future__ import annotations

import json
import signal
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, SETTINGS

HERE = Path(__file__).parent
FILES = HERE / "files"
CASES: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
EARLIER = b"an earlier good document"
HANG_GUARD_SECONDS = 60


def test_every_file_of_the_corpus_is_a_case() -> None:
    assert {p.name for p in FILES.iterdir()} == {c["file"] for c in CASES.values() if "file" in c}
    assert len(CASES) >= 70


def _content(case: dict[str, Any]) -> bytes:
    if "file" in case:
        return (FILES / case["file"]).read_bytes()
    if "generate" in case:
        line = "年度总体目标: " + "很长的目标" * 20 + "\n"
        data = ("项目名称: 大文件\n" + line * (case["generate"] // len(line.encode()) + 1)).encode()
        cut = data[: case["generate"]]
        while True:  # exactly that many bytes, still UTF-8: a character cut in two becomes '#'s
            try:
                cut.decode("utf-8")
                break
            except UnicodeDecodeError:
                cut = cut[:-1]
        return cut + b"#" * (case["generate"] - len(cut))
    text = CLEAN_PROJECT
    for old, new in case.get("edits", []):
        assert text.count(old) == 1, f"test setup: {old!r} must stand once in the clean project"
        text = text.replace(old, new)
    return text.encode("utf-8")


def _prepare(name: str, case: dict[str, Any], tmp: Path) -> tuple[Path, Path]:
    (tmp / "perfsheet.yaml").write_text(SETTINGS, encoding="utf-8")
    source = tmp / (name if name.endswith(".yaml") else f"{name}.yaml")
    source.write_bytes(_content(case))
    (tmp / "blocker").write_text("a file where a folder is expected", encoding="utf-8")
    output = case.get("output", "{tmp}/out.docx").format(
        tmp=tmp.as_posix(), input=source.as_posix(), settings=(tmp / "perfsheet.yaml").as_posix()
    )
    return source, Path(output)


def _hung(_signum: int, _frame: object) -> None:
    raise AssertionError(f"no answer within {HANG_GUARD_SECONDS} s: perfsheet hangs on this input")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_case_gets_exactly_its_diagnostics(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    source, output = _prepare(name, case, tmp_path)
    # A hang guard, not a speed test (make bench measures speed): no input may keep perfsheet busy.
    signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        report = check_paths([source]).report
        if output.suffix == ".docx" and output.parent.is_dir():
            output.write_bytes(EARLIER)
        before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
        result = CliRunner().invoke(app, ["build", "--format", "json", str(source), "-o", str(output)])
    finally:
        signal.alarm(0)
    found = [f"{d.code}@{d.line}:{d.column}" for d in report]
    if "found" in case:
        assert found == case["found"]
    elif "first" in case:
        assert found[0].rsplit(":", 1)[0] == case["first"]
    assert all(d.message for d in report)
    assert result.exit_code == case["exit"], result.output
    assert "Traceback" not in result.output
    diagnostics, _end = json.JSONDecoder().raw_decode(result.stdout.lstrip())
    if "build_codes" in case:
        assert sorted({d["code"] for d in diagnostics}) == case["build_codes"]
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    if case["exit"] == 0:
        assert output.read_bytes() != EARLIER and output.stat().st_size > 0
        after.pop(output)
        before.pop(output, None)
    assert after == before, "a failed run creates or changes nothing; a good one only writes its output"


def test_xml_special_text_arrives_intact_in_the_document(tmp_path: Path) -> None:
    source, output = _prepare("xml-special-text.yaml", CASES["xml-special-text.yaml"], tmp_path)
    assert CliRunner().invoke(app, ["build", str(source), "-o", str(output)]).exit_code == 0
    with zipfile.ZipFile(output) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(body.itertext())
    assert "A<B & C]]> 'D'" in text and "项目影响力<A&B>]]>" in text
