"""monitor's document of the examples (every project has its 监控 of 1-7月), kept as golden files like
build's and evaluate's: the package's digests and the document.xml one element a line. After an intended
change: ``pytest tests/goldens --update-goldens`` and read the diff."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perfsheet.documents.monitor import monitor
from tests.conftest import EXAMPLES
from tests.goldens.test_outputs import _check_golden, _digests, _pretty


def test_the_examples_monitoring_document_is_the_golden_one(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    target = tmp_path / "监控.docx"
    assert monitor(EXAMPLES, target).docx == target
    with zipfile.ZipFile(target) as archive:
        _check_golden("examples-monitor.document.xml", _pretty(archive.read("word/document.xml")), request)
    _check_golden("examples-monitor.sha256", _digests(target), request)
