"""monitor's document of the monitored examples (tests/monitoring/cases.py), kept as golden files like
build's and evaluate's: the package's digests and the document.xml one element a line. After an intended
change: ``pytest tests/goldens --update-goldens`` and read the diff."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perfsheet.monitor import monitor
from tests.goldens.test_outputs import _check_golden, _digests, _pretty
from tests.monitoring.cases import monitored_examples


def test_the_monitored_examples_document_is_the_golden_one(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    target = tmp_path / "监控.docx"
    assert monitor(monitored_examples(tmp_path / "examples"), target).docx == target
    with zipfile.ZipFile(target) as archive:
        _check_golden("examples-monitor.document.xml", _pretty(archive.read("word/document.xml")), request)
    _check_golden("examples-monitor.sha256", _digests(target), request)
