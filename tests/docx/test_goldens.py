"""The XML the writer emits for examples/2026, kept as golden files: every change to document.xml or
styles.xml (a dropped keepNext, another vAlign) shows in review. After an intended change:
``pytest tests/docx/test_goldens.py --update-goldens`` and read the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from perfsheet.collection.loading import load_collection
from perfsheet.docx import document_parts
from perfsheet.layout import layout_collection
from perfsheet.layout.cover import cover_title
from tests.conftest import EXAMPLES

GOLDENS = Path(__file__).parent / "goldens"
PARTS = ["word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml"]


def _pretty(xml: str) -> str:
    """One element a line: a change is one line of the diff, not the whole part."""
    tree = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(remove_blank_text=True))
    return etree.tostring(tree, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("part", PARTS)
def test_the_emitted_xml_is_the_golden_one(part: str, request: pytest.FixtureRequest) -> None:
    collection = load_collection(EXAMPLES)
    assert collection.settings is not None
    parts = document_parts(layout_collection(collection), cover_title(collection.settings))
    actual = _pretty(parts[part])
    golden = GOLDENS / (part.replace("/", "__") + ".golden")
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden for {part}: run pytest {__file__} --update-goldens"
    assert actual == golden.read_text(encoding="utf-8"), f"{part} changed: review, then --update-goldens"
