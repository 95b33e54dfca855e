"""The 监控表 goes to the finance bureau like the other forms: every independent reader we can install
opens monitor's document and finds every project name, amount, indicator value, 1-X月 value and light
word; pandoc's HTML carries the merges the layout asked for; openxml-audit finds nothing (the lights'
shading included). A reader missing locally skips with its reason; under CI=true it fails."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Report
from perfsheet.documents.monitor import monitor, monitoring_document
from perfsheet.layout.form import annual_money
from perfsheet.layout.monitoring import light_cell
from perfsheet.monitoring import light_project
from tests.docx.test_readers import _html_spans, _missing, libreoffice_text, openxml_audit, pandoc_html, spans_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench import generate  # noqa: E402


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("monitored")
    source = folder / "collection"
    generate(source, 40, monitored=True)
    result = monitor(source, folder / "out.docx")
    assert result.docx is not None, [d.message for d in result.check.report if d.severity == "error"]
    return source, result.docx


def _expected_texts(source: Path) -> list[str]:
    expected: list[str] = []
    for _file, project in load_collection(source).valid_projects:
        card = light_project(project)
        assert card is not None and card.light is not None
        expected += [project.name, *(annual_money(v) for v in card.spent.rows()), light_cell(card.light).text]
        for indicator in card.indicators:
            assert indicator.progress is not None
            expected += [indicator.target.canonical(), indicator.progress.current, indicator.forecast]
    return expected


def _layout_spans(source: Path, path: Path) -> Counter[tuple[str, int]]:
    composed = monitoring_document(load_collection(source), Report(), path)
    assert composed is not None
    return spans_of(list(composed[1]))


def test_python_docx_reads_every_value(document: tuple[Path, Path]) -> None:
    import docx

    source, path = document
    opened = docx.Document(str(path))
    text = "\n".join(cell.text for table in opened.tables for row in table.rows for cell in row.cells)
    assert _missing(_expected_texts(source), text) == []


def test_pandoc_reads_every_value_and_the_merges(document: tuple[Path, Path]) -> None:
    source, path = document
    markup = pandoc_html(path)
    assert _missing(_expected_texts(source), re.sub(r"<[^>]+>", " ", markup)) == []
    assert _html_spans(markup) == _layout_spans(source, path)


def test_libreoffice_reads_every_value(document: tuple[Path, Path], tmp_path: Path) -> None:
    source, path = document
    assert _missing(_expected_texts(source), libreoffice_text(path, tmp_path)) == []


@pytest.mark.parametrize("version", ["office2016", "microsoft365"])
def test_openxml_audit_finds_no_error(document: tuple[Path, Path], version: str) -> None:
    report = openxml_audit(document[1], version)
    assert "Errors: 0" in report, report
