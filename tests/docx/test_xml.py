"""The WordprocessingML itself: page, fonts, grid, merges, row properties, determinism."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from perfsheet.collection.loading import load_collection
from perfsheet.documents.build import build
from perfsheet.docx import document_parts
from perfsheet.layout import layout_collection
from tests.conftest import EXAMPLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _attr(element: etree._Element, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


@pytest.fixture(scope="module")
def parts() -> dict[str, etree._Element]:
    texts = document_parts(layout_collection(load_collection(EXAMPLES)), "t")
    return {name: etree.fromstring(text.encode()) for name, text in texts.items() if name.endswith(".xml")}


def test_page_is_a4_portrait_with_margins(parts: dict[str, etree._Element]) -> None:
    sect = parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (_attr(size, "w"), _attr(size, "h"), _attr(size, "orient")) == ("11906", "16838", None)
    margins = sect.find("w:pgMar", NS)
    assert [_attr(margins, side) for side in ("top", "bottom", "left", "right")] == ["1417", "1417", "1134", "1134"]
    assert sect.find("w:footerReference", NS) is not None


def test_fonts_and_language_are_east_asian_and_explicit(parts: dict[str, etree._Element]) -> None:
    styles = parts["word/styles.xml"]
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert _attr(fonts, "eastAsia") == "宋体"
    assert _attr(fonts, "ascii") and _attr(fonts, "hAnsi")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert _attr(lang, "eastAsia") == "zh-CN"
    title_fonts = styles.find("w:style[@w:styleId='FormTitle']/w:rPr/w:rFonts", NS)
    assert _attr(title_fonts, "eastAsia") == "黑体"
    # No theme font anywhere: theme attributes would override the explicit names.
    for part in parts.values():
        for element in part.iter(f"{{{W}}}rFonts"):
            assert not [k for k in element.attrib if k.endswith("Theme")]
    spacing = styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", NS)
    assert _attr(spacing, "after") == "0"


def _grid_positions(table: etree._Element) -> list[list[tuple[int, int, str | None]]]:
    """Per row, each cell's (first grid column, span, vMerge value or None if not merged)."""
    rows = []
    for tr in table.findall("w:tr", NS):
        column, cells = 0, []
        for tc in tr.findall("w:tc", NS):
            span_el = tc.find("w:tcPr/w:gridSpan", NS)
            span = int(_attr(span_el, "val")) if span_el is not None else 1
            merge_el = tc.find("w:tcPr/w:vMerge", NS)
            merge = None if merge_el is None else (_attr(merge_el, "val") or "continue")
            cells.append((column, span, merge))
            column += span
        rows.append(cells)
    return rows


def test_tables_have_fixed_layout_widths_spans_and_continuous_merges(parts: dict[str, etree._Element]) -> None:
    tables = parts["word/document.xml"].findall(".//w:tbl", NS)
    assert len(tables) == 7, "the cover, then each form as its top part and its indicator block"
    for table in tables:
        assert _attr(table.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
        grid = [int(_attr(col, "w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
        assert sum(grid) == int(_attr(table.find("w:tblPr/w:tblW", NS), "w"))
        rows = _grid_positions(table)
        for tr, cells in zip(table.findall("w:tr", NS), rows, strict=True):
            assert sum(span for _c, span, _m in cells) == len(grid), "every row's spans sum to the grid"
            for tc, (column, span, _m) in zip(tr.findall("w:tc", NS), cells, strict=True):
                assert int(_attr(tc.find("w:tcPr/w:tcW", NS), "w")) == sum(grid[column : column + span])
        # Every continued vertical merge sits under a restart or continuation with the same column and span.
        for above, below in zip(rows, rows[1:], strict=False):
            starts = {(column, span): merge for column, span, merge in above}
            for column, span, merge in below:
                if merge == "continue":
                    assert starts.get((column, span)) in ("restart", "continue")


def test_rows_do_not_split_except_the_goal_texts(parts: dict[str, etree._Element]) -> None:
    tables = parts["word/document.xml"].findall(".//w:tbl", NS)
    for top, indicators in zip(tables[1::2], tables[2::2], strict=True):
        splittable = [i for i, tr in enumerate(top.findall("w:tr", NS)) if tr.find("w:trPr/w:cantSplit", NS) is None]
        assert splittable == [8]
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in indicators.findall("w:tr", NS))
    cover_rows = tables[0].findall("w:tr", NS)
    assert cover_rows[0].find("w:trPr/w:tblHeader", NS) is not None, "the cover's header repeats on every page"


def test_the_indicator_header_repeats_and_the_block_joins_the_form(parts: dict[str, etree._Element]) -> None:
    body = parts["word/document.xml"].find("w:body", NS)
    blocks = list(body)
    tables = body.findall("w:tbl", NS)
    for top, indicators in zip(tables[1::2], tables[2::2], strict=True):
        rows = indicators.findall("w:tr", NS)
        header = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in rows]
        assert header == [True] + [False] * (len(rows) - 1), "the 一级/二级/三级/指标值 row repeats on each page"
        assert [t.text for t in rows[0].findall(".//w:t", NS)][:2] == ["绩效", "指标"]
        # The top part has no bottom border; a hairline paragraph, kept with the block, joins them.
        assert _attr(top.find("w:tblPr/w:tblBorders/w:bottom", NS), "val") == "nil"
        joint = blocks[blocks.index(top) + 1]
        assert _attr(joint.find("w:pPr/w:pStyle", NS), "val") == "TableJoint"
        assert blocks[blocks.index(top) + 2] is indicators


def test_each_form_starts_on_a_new_page_and_nothing_trails(parts: dict[str, etree._Element]) -> None:
    body = parts["word/document.xml"].find("w:body", NS)
    breaks = body.findall("w:p/w:pPr/w:pageBreakBefore", NS)
    assert len(breaks) == 3
    last_paragraph = body.findall("w:p", NS)[-1]
    assert list(body)[-2] is last_paragraph, "the hairline paragraph is the last block before sectPr"
    assert _attr(last_paragraph.find("w:pPr/w:pStyle", NS), "val") == "Spacer"
    assert not last_paragraph.findall(".//w:t", NS)


def test_footer_has_a_page_number_field(parts: dict[str, etree._Element]) -> None:
    instructions = [t.text for t in parts["word/footer1.xml"].iter(f"{{{W}}}instrText")]
    assert [i.strip() for i in instructions] == ["PAGE"]


def test_xml_special_text_is_escaped() -> None:
    from perfsheet.docx.emit import paragraph_xml
    from perfsheet.layout.blocks import Paragraph

    xml = paragraph_xml(Paragraph("A<B & ]]> 'q\"", "sentence"))
    parsed = etree.fromstring(f'<r xmlns:w="{W}">{xml}</r>'.encode())
    assert "".join(parsed.itertext()) == "A<B & ]]> 'q\""


@pytest.mark.parametrize("spans", [(1, 1), (1, 1, 1, 1), (2, 2)], ids=["narrower", "wider", "wider in one cell"])
def test_a_row_that_does_not_fill_its_grid_is_refused(spans: tuple[int, ...]) -> None:
    # A form definition whose row misses or overruns a column would shift every cell after it.
    from perfsheet.docx.emit import TableWriter
    from perfsheet.layout.blocks import Cell, Row, Table
    from perfsheet.layout.style import style

    table = Table(widths=(1000, 1000, 1000), rows=(Row(tuple(Cell("x", "label", span) for span in spans)),))
    with pytest.raises(ValueError, match=f"row spans {sum(spans)} columns, the grid has 3"):
        TableWriter(style()).table_xml(table)


def test_the_same_input_gives_the_same_document(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    build(EXAMPLES, first)
    build(EXAMPLES, second)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    assert first.read_bytes() == second.read_bytes()
