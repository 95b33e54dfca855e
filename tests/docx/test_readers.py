"""The .docx goes to the finance bureau and is read by programs we do not control. Every independent
reader we can install opens it — the 申报表 of build and the 自评表 of evaluate — and finds every
project name, amount and indicator value (and in the 自评表 every actual, score and total): python-docx,
mammoth and docx2python (PyPI), pandoc (Debian) and LibreOffice; pandoc's and mammoth's HTML carry the
merged cells the layout asked for; openxml-audit (a port of the Open XML SDK validator) finds nothing.
A reader missing locally skips with its reason; under CI=true it fails."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Report
from perfsheet.documents.build import build
from perfsheet.documents.evaluate import evaluate, self_evaluation
from perfsheet.docx import find_soffice
from perfsheet.evaluation.scoring import shown_points
from perfsheet.layout import layout_collection
from perfsheet.layout.blocks import Block, Table
from perfsheet.layout.form import annual_money
from tests.conftest import EXAMPLES, require

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench import generate  # noqa: E402


def _module(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:
        require(False, f"{name} (pip install {name})")


@pytest.fixture(scope="module", params=["examples", "synthetic", "self-evaluation"])
def document(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    source = EXAMPLES
    if request.param != "examples":
        source = folder / "collection"
        generate(source, 40, evaluated=request.param == "self-evaluation")
    write = evaluate if request.param == "self-evaluation" else build
    result = write(source, folder / "out.docx")
    assert result.docx is not None, [d.message for d in result.check.report if d.severity == "error"]
    return source, result.docx


def _layout_blocks(source: Path, path: Path) -> list[Block]:
    """The blocks the document at ``path`` was written from: the 申报表 or, for evaluate's, the 自评表."""
    collection = load_collection(source)
    if path.parent.name.startswith("self-evaluation"):
        composed = self_evaluation(collection, Report(), path)
        assert composed is not None
        return list(composed[1])
    return list(layout_collection(collection).blocks)


def _expected_texts(source: Path, path: Path) -> list[str]:
    """Every name, amount and indicator value; in the 自评表 also every actual, score and total."""
    collection = load_collection(source)
    expected: list[str] = []
    for file, project in collection.valid_projects:
        funds = project.annual_funds
        expected += [
            project.name,
            *(annual_money(v) for v in (funds.total, funds.fiscal, funds.carryover, funds.other)),
        ]
        for groups in project.indicators.values():
            for items in (groups or {}).values():
                expected += [item.value.canonical() for item in items or []]
        card = file.scorecard
        if path.parent.name.startswith("self-evaluation") and card is not None:
            expected += [shown_points(card.total), card.shown_rate]
            expected += [text for i in card.indicators for text in (i.actual, shown_points(i.score))]
    return expected


def _missing(expected: list[str], text: str) -> list[str]:
    flat = re.sub(r"\s+", "", html.unescape(text))
    return [item for item in expected if re.sub(r"\s+", "", item) not in flat]


def _layout_spans(source: Path, path: Path) -> Counter[tuple[str, int]]:
    return spans_of(_layout_blocks(source, path))


def spans_of(blocks: list[Block]) -> Counter[tuple[str, int]]:
    """The colspans and rowspans the layout asks for, as an HTML table would carry them."""
    spans: Counter[tuple[str, int]] = Counter()
    for block in blocks:
        if not isinstance(block, Table):
            continue
        columns = [[] for _ in block.widths]  # per grid column: the merge marks down the table
        for row in block.rows:
            column = 0
            for cell in row.cells:
                if cell.span > 1 and cell.merge != "continue":
                    spans["colspan", cell.span] += 1
                columns[column].append(cell.merge)
                column += cell.span
        for marks in columns:
            run = 0
            for mark in [*marks, ""]:
                if mark == "continue":
                    run += 1
                    continue
                if run:
                    spans["rowspan", run + 1] += 1
                run = 0
    return spans


def _html_spans(markup: str) -> Counter[tuple[str, int]]:
    return Counter((kind, int(n)) for kind, n in re.findall(r'(colspan|rowspan)="(\d+)"', markup) if int(n) > 1)


def pandoc_html(path: Path) -> str:
    """pandoc's HTML of the document (the test skips without pandoc)."""
    pandoc = shutil.which("pandoc")
    require(pandoc is not None, "pandoc (Debian: apt-get install pandoc)")
    return subprocess.run(
        [str(pandoc), "--from=docx", "--to=html", "--", str(path.resolve())],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip


def libreoffice_text(path: Path, work: Path) -> str:
    """LibreOffice's plain text of the document, converted in ``work`` (skips without LibreOffice)."""
    soffice = find_soffice()
    require(soffice is not None, "LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    profile = (work / "profile").as_uri()
    subprocess.run(
        [str(soffice), "--headless", f"-env:UserInstallation={profile}", "--convert-to", "txt:Text",
         "--outdir", str(work), str(path.resolve())],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    return (work / path.with_suffix(".txt").name).read_text(encoding="utf-8-sig", errors="replace")


def openxml_audit(path: Path, version: str) -> str:
    """openxml-audit's report on the document (skips without it)."""
    beside = Path(sys.executable).parent / "openxml-audit"
    audit = shutil.which("openxml-audit") or (str(beside) if beside.exists() else None)
    require(audit is not None, "openxml-audit (pip install openxml-audit)")
    completed = subprocess.run(
        [str(audit), "--format", version, "--", str(path.resolve())], capture_output=True, text=True, timeout=300
    )
    return completed.stdout


def test_python_docx_reads_every_value(document: tuple[Path, Path]) -> None:
    import docx

    source, path = document
    opened = docx.Document(str(path))
    text = "\n".join(cell.text for table in opened.tables for row in table.rows for cell in row.cells)
    assert _missing(_expected_texts(source, path), text) == []


def test_mammoth_reads_every_value_and_the_merges(document: tuple[Path, Path]) -> None:
    mammoth = _module("mammoth")
    source, path = document
    with path.open("rb") as stream:
        result = mammoth.convert_to_html(stream)
    assert _missing(_expected_texts(source, path), re.sub(r"<[^>]+>", " ", result.value)) == []
    assert _html_spans(result.value) == _layout_spans(source, path)


def test_docx2python_reads_every_value(document: tuple[Path, Path]) -> None:
    docx2python = _module("docx2python")
    source, path = document
    with docx2python.docx2python(str(path)) as content:
        text = content.text
    assert _missing(_expected_texts(source, path), text) == []


def test_pandoc_reads_every_value_and_the_merges(document: tuple[Path, Path]) -> None:
    source, path = document
    markup = pandoc_html(path)
    assert _missing(_expected_texts(source, path), re.sub(r"<[^>]+>", " ", markup)) == []
    assert _html_spans(markup) == _layout_spans(source, path)


def test_libreoffice_reads_every_value(document: tuple[Path, Path], tmp_path: Path) -> None:
    source, path = document
    assert _missing(_expected_texts(source, path), libreoffice_text(path, tmp_path)) == []


@pytest.mark.parametrize("version", ["office2016", "microsoft365"])
def test_openxml_audit_finds_no_error(document: tuple[Path, Path], version: str) -> None:
    _source, path = document
    report = openxml_audit(path, version)
    assert "Errors: 0" in report, report


def _extra_ids(extra: bytes) -> list[int]:
    ids, offset = [], 0
    while offset + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, offset)
        ids.append(header_id)
        offset += 4 + size
    return ids


def test_no_member_carries_a_zip64_record(document: tuple[Path, Path]) -> None:
    _source, path = document
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            assert 0x0001 not in _extra_ids(info.extra), info.filename  # central directory
            # The local header repeats the extra field: read it where the member starts.
            name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
            local_extra = data[
                info.header_offset + 30 + name_length : info.header_offset + 30 + name_length + extra_length
            ]
            assert 0x0001 not in _extra_ids(local_extra), info.filename
    assert b"PK\x06\x06" not in data and b"PK\x06\x07" not in data, "no ZIP64 end of central directory"
