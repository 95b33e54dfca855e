"""Hostile workbooks are refused within limits, or read without running anything: a zip bomb, entity
expansion and external entities, 100,000 rows, a part named outside the package, formulas."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet import package
from perfsheet.spreadsheet.export import workbook_bytes
from perfsheet.spreadsheet.reading import import_workbook
from tests.conftest import EXAMPLES

SHEET = "xl/worksheets/sheet2.xml"  # 汇总
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.fixture(scope="module")
def exported() -> bytes:
    return workbook_bytes(check_paths([EXAMPLES]).collections)


def _with_parts(data: bytes, parts: dict[str, bytes], path: Path) -> Path:
    """The workbook with some parts replaced (or added)."""
    written = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in parts.items():
            target.writestr(name, content)
    path.write_bytes(written.getvalue())
    return path


def _codes(path: Path) -> list[str]:
    return [d.code for d in import_workbook(path).diagnostics]


def _sheet(rows: str) -> bytes:
    return f"{HEADER}<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>".encode()


def test_entity_expansion_and_external_entities_are_refused(exported: bytes, tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9))
        + f']><worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    assert _codes(_with_parts(exported, {SHEET: laughs.encode()}, tmp_path / "laughs.xlsx")) == ["E505"]
    external = (
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<styleSheet {MAIN}><numFmts count="1"><numFmt numFmtId="200" formatCode="&x;"/></numFmts></styleSheet>'
    )
    parts = {"xl/styles.xml": external.encode()}
    assert _codes(_with_parts(exported, parts, tmp_path / "external.xlsx")) == ["E505"]


def test_a_zip_bomb_stops_at_the_limit(exported: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 120 MB of rows that deflate to a few hundred kB: refused by the declared size before inflating.
    filler = _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>' + "0" * 120_000_000 + "</t></is></c></row>")
    path = _with_parts(exported, {SHEET: filler}, tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 1_000_000
    started = time.monotonic()
    assert _codes(path) == ["E504"]
    assert time.monotonic() - started < 5
    # And what is inflated is counted, whatever the headers claim: a smaller limit stops a smaller part.
    monkeypatch.setattr(package, "MAX_PACKAGE_BYTES", 10_000)
    monkeypatch.setattr(package, "MAX_PART_BYTES", 10_000)
    assert _codes(_with_parts(exported, {}, tmp_path / "plain.xlsx")) == ["E504"]


def test_a_hundred_thousand_rows_are_refused(exported: bytes, tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c></row>' for r in range(1, 100_001)
    )
    path = _with_parts(exported, {SHEET: _sheet(rows)}, tmp_path / "rows.xlsx")
    started = time.monotonic()
    read = import_workbook(path)
    assert [d.code for d in read.diagnostics] == ["E504"]
    assert "50,000" in read.diagnostics[0].message
    assert time.monotonic() - started < 20


def test_a_part_named_outside_the_package_is_refused(exported: bytes, tmp_path: Path) -> None:
    assert _codes(_with_parts(exported, {"../../evil.xml": b"<x/>"}, tmp_path / "names.xlsx")) == ["E503"]


def test_formulas_are_read_as_their_cached_values_never_run(exported: bytes, tmp_path: Path) -> None:
    labels = ["项目名称", "三级指标", "一级指标", "二级指标", "指标值"]
    cells = "".join(f'<c r="{"ABCDE"[i]}1" t="inlineStr"><is><t>{text}</t></is></c>' for i, text in enumerate(labels))
    header = f'<row r="1">{cells}</row>'
    row = (
        '<row r="2"><c r="A2" t="str"><f>WEBSERVICE("http://example.invalid/")</f><v>缓存的名称</v></c>'
        '<c r="B2" t="inlineStr"><is><t>=1+1</t></is></c><c r="C2" t="inlineStr"><is><t>产出指标</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>数量指标</t></is></c><c r="E2"><f>1+1</f><v>2</v></c></row>'
    )
    path = _with_parts(exported, {"xl/worksheets/sheet3.xml": _sheet(header + row)}, tmp_path / "formulas.xlsx")
    read = import_workbook(path)
    units = list(read.units.values())
    project = next(p for u in units for p in u.projects.values() if p.name == "缓存的名称")
    assert project.form.indicators == {"产出指标": {"数量指标": [("=1+1", "2")]}}


def test_a_sheet_behind_an_external_link_is_never_followed(exported: bytes, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        book = archive.read("xl/workbook.xml").decode()
    worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    link = f'<Relationship Type="{worksheet}" Target="file:///etc/passwd" TargetMode="External" Id="rId99"/>'
    rels = rels.replace("</Relationships>", link + "</Relationships>")
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = f'<sheet xmlns:r="{relationships}" name="外部" sheetId="99" r:id="rId99"/>'
    book = book.replace("</sheets>", sheet + "</sheets>")
    assert "rId99" in rels and "rId99" in book
    parts = {"xl/_rels/workbook.xml.rels": rels.encode(), "xl/workbook.xml": book.encode()}
    read = import_workbook(_with_parts(exported, parts, tmp_path / "linked.xlsx"))
    assert read.diagnostics == [] and read.projects == 3
