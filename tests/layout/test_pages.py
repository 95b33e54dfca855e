"""The pages as a bureau reads them, asserted on the document XML: a value never breaks inside its number
or brackets, a label or a cover value never leaves one character alone on a line, a group is named again
on every page it continues on, 总分 stays with its last rows, 分值 in one number format, the sentences
without an orphan and with the table's thousands separators. The widths are measured as the layout
measures them (:mod:`perfsheet.layout.measure`); tests/layout/test_pages_rendered.py asks LibreOffice."""

from __future__ import annotations

import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError

from perfsheet.documents.build import build
from perfsheet.documents.evaluate import evaluate
from perfsheet.documents.monitor import monitor
from perfsheet.layout.blocks import Cell, Row
from perfsheet.layout.forms import definitions, fitted_widths
from perfsheet.layout.indicators import broken, group_cells
from perfsheet.layout.measure import leaves_one_alone, value_width, widest_unit, width_without_lone
from perfsheet.layout.monitoring import definition_for
from perfsheet.layout.pages import BlockPlace, indicator_breaks, page_by_page_breaks, page_height
from perfsheet.layout.style import style
from perfsheet.model.forms import CellDefinition, FittedColumns
from tests.conftest import EXAMPLES, write_collection
from tests.layout.projects import SETTINGS, TEN, long_project, ten_indicator_project, ten_monitored_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class XmlCell:
    text: str
    column: int
    width: int
    merge: str | None  # "restart", "continue" or None
    size: float


@dataclass
class XmlRow:
    cells: list[XmlCell]
    keep: bool
    header: bool
    height: int | None


def _tables(docx: Path) -> tuple[list[list[XmlRow]], etree._Element]:
    """Each table of the document as rows of cells with their grid column, width and merge."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    tables = []
    for table in body.iter(f"{W}tbl"):
        grid = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
        size_element = table.find(f".//{W}rPr/{W}sz")
        size = int(size_element.get(f"{W}val")) / 2 if size_element is not None else style().fonts.body_size
        rows = []
        for tr in table.findall(f"{W}tr"):
            cells, column = [], 0
            for tc in tr.findall(f"{W}tc"):
                span_element = tc.find(f"{W}tcPr/{W}gridSpan")
                span = int(span_element.get(f"{W}val")) if span_element is not None else 1
                merge_element = tc.find(f"{W}tcPr/{W}vMerge")
                merge = None if merge_element is None else merge_element.get(f"{W}val", "continue")
                text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.findall(f"{W}p"))
                cells.append(XmlCell(text, column, sum(grid[column : column + span]), merge, size))
                column += span
            height = tr.find(f"{W}trPr/{W}trHeight")
            rows.append(
                XmlRow(
                    cells,
                    keep=tr.find(f".//{W}keepNext") is not None,
                    header=tr.find(f"{W}trPr/{W}tblHeader") is not None,
                    height=int(height.get(f"{W}val")) if height is not None else None,
                )
            )
        tables.append(rows)
    return tables, body


MARGINS = 2 * style().table.cell_margin


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("pages")
    ten = write_collection(work / "ten", {"01-十个指标.yaml": ten_indicator_project()}, SETTINGS)
    monitored = write_collection(work / "monitored", {"01-十个指标.yaml": ten_monitored_project()}, SETTINGS)
    long = write_collection(work / "long", {"01-长项目.yaml": long_project()}, SETTINGS)
    made = {
        "examples-build": build(EXAMPLES, work / "e-build.docx").docx,
        "examples-evaluate": evaluate(EXAMPLES, work / "e-evaluate.docx").docx,
        "ten-build": build(ten, work / "ten-build.docx").docx,
        "ten-evaluate": evaluate(ten, work / "ten-evaluate.docx").docx,
        "long-build": build(long, work / "long-build.docx").docx,
        "examples-monitor": monitor(EXAMPLES, work / "e-monitor.docx").docx,
        "ten-monitor": monitor(monitored, work / "ten-monitor.docx").docx,
    }
    assert all(path is not None for path in made.values())
    return {name: path for name, path in made.items() if path is not None}


def _indicator_table(tables: list[list[XmlRow]], index: int = 0) -> list[XmlRow]:
    """The ``index``-th table that holds an indicator header row."""
    found = [
        rows for rows in tables if any(row.header and row.cells[1].text.replace("\n", "") == "一级指标" for row in rows)
    ]
    return found[index]


def test_the_evaluation_s_values_never_break_inside_a_number_or_brackets(documents: dict[str, Path]) -> None:
    """The 年度指标值 and 实际完成值 columns are as wide as their widest value: ≤25.00(万元), =12.00(台套)."""
    tables, _body = _tables(documents["ten-evaluate"])
    rows = _indicator_table(tables)
    values = {target for _one, _two, _name, target, _actual in TEN} | {actual for *_rest, actual in TEN}
    checked = 0
    for row in rows:
        for cell in row.cells:
            if cell.text in values:
                assert widest_unit(cell.text, cell.size) + MARGINS <= cell.width, (cell.text, cell.width)
                checked += 1
    assert checked == 2 * len(TEN)


def test_the_monitoring_form_s_amounts_and_values_never_break_inside_a_number_or_brackets(
    documents: dict[str, Path],
) -> None:
    """The 监控表's narrow columns: 12,345,678.00 in every money column, and every cell of 年度指标值,
    执行情况 and 全年预计 (≤25.00(万元), =12.00(台套), 320 人次, 25.00万元) as wide as its widest piece."""
    tables, _body = _tables(documents["ten-monitor"])
    money = [cell for row in tables[1] for cell in row.cells if re.fullmatch(r"[\d,]+\.\d\d", cell.text)]
    indicators = _indicator_table(tables)
    header = next(row for row in indicators if row.header)
    columns = {cell.column for cell in header.cells if cell.text in ("年度指标值", "1-7月执行情况", "全年预计完成情况")}
    values = [cell for row in indicators if not row.header for cell in row.cells if cell.column in columns]
    assert len(columns) == 3 and len(values) == 3 * len(TEN)
    assert {cell.text for cell in money} >= {"12,345,678.00", "10,500,000.00"}
    assert [
        (cell.text, cell.width)
        for cell in money + values
        if cell.text and widest_unit(cell.text, cell.size) + MARGINS > cell.width
    ] == []


@pytest.mark.parametrize(
    "name",
    [
        "examples-build",
        "examples-evaluate",
        "examples-monitor",
        "ten-build",
        "ten-evaluate",
        "ten-monitor",
        "long-build",
    ],
)
def test_no_cover_cell_leaves_a_character_alone(documents: dict[str, Path], name: str) -> None:
    """序|号, 项目类|别, 计划开始日|期, 经常性项|目, 其他资|金: every cell of the cover 汇总表."""
    tables, _body = _tables(documents[name])
    lone = [
        cell.text
        for row in tables[0]
        for cell in row.cells
        if cell.text and leaves_one_alone(cell.text, cell.width - MARGINS, cell.size)
    ]
    assert lone == []


@pytest.mark.parametrize(
    "name", ["examples-build", "examples-evaluate", "examples-monitor", "ten-monitor", "long-build"]
)
def test_no_label_of_a_form_leaves_a_character_alone(documents: dict[str, Path], name: str) -> None:
    """Every text the definitions print (计划开始日期, 其中：当年财政拨款, the headers) and every group name."""
    forms = definitions()
    labels = {
        cell.text
        for form in (forms.declaration, forms.evaluation, *map(definition_for, range(1, 13)))
        for table in form.tables
        for cell in table.cells()
        if cell.text
    }
    tables, _body = _tables(documents[name])
    checked, lone = 0, []
    for rows in tables[1:]:
        for row in rows:
            for cell in row.cells:
                if cell.text in labels or cell.text.replace("\n", "").endswith("指标"):
                    checked += 1
                    if leaves_one_alone(cell.text, cell.width - MARGINS, cell.size):
                        lone.append(cell.text)
    assert checked > 20 and lone == []


def _pages(rows: list[XmlRow]) -> list[list[XmlRow]]:
    """The indicator rows by the page they are kept on: a row without keep-with-next ends a page."""
    pages: list[list[XmlRow]] = [[]]
    for row in rows:
        if row.header:
            continue
        pages[-1].append(row)
        if not row.keep:
            pages.append([])
    return [page for page in pages if page]


def test_a_group_continuing_on_the_next_page_is_named_again(documents: dict[str, Path]) -> None:
    """45 indicators after a 30-line goal: the block runs over three pages, and on each the first row
    starts the merges of the side column, the 一级 and the 二级 with their names."""
    tables, _body = _tables(documents["long-build"])
    rows = _indicator_table(tables)
    pages = _pages(rows)
    assert len(pages) == 3
    for page in pages:
        first = page[0]
        side, level1, level2 = first.cells[0], first.cells[1], first.cells[2]
        assert side.merge == "restart"
        assert level1.merge in ("restart", None) and level1.text
        assert level2.merge in ("restart", None) and level2.text
    # A group that continues: the last page's first row names 效益指标 again, as the page before did.
    assert pages[1][-1].cells[1].text == "" and pages[2][0].cells[1].text == "效益指标"
    # Every row carries its estimated height, so that every renderer breaks where the estimate did.
    assert all(row.height is not None and row.height >= style().table.min_row_height for row in rows)


def test_the_header_repeats_with_its_label_and_merges_nothing_into_the_page_below(
    documents: dict[str, Path],
) -> None:
    """A side label merged down from a repeating header is drawn over the next page's rows (the border
    struck through 「绩效」): the corner holds the label and merges nothing."""
    for name in ("long-build", "ten-evaluate"):
        tables, _body = _tables(documents[name])
        header = next(row for row in _indicator_table(tables) if row.header)
        assert header.cells[0].text == "绩效\n指标" and header.cells[0].merge is None


def test_the_total_stays_with_the_last_rows(documents: dict[str, Path]) -> None:
    tables, body = _tables(documents["ten-evaluate"])
    rows = _indicator_table(tables)
    assert rows[-1].keep, "the last indicator row keeps with the 总分"
    total = next(rows for rows in tables if rows[0].cells[0].text == "总分")
    assert len(total) == 1
    joint = [p for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='TableJoint']") is not None]
    assert joint, "the 总分 table is joined to the indicator table by a hairline paragraph (TableJoint keeps next)"


def test_points_are_written_in_one_format(documents: dict[str, Path]) -> None:
    """8.34 beside 15 was two formats in one column: with one 分值 not whole, all have two decimals."""
    tables, _body = _tables(documents["examples-evaluate"])
    rows = _indicator_table(tables)
    header = next(row for row in rows if row.header)
    column = next(cell.column for cell in header.cells if cell.text == "分值")
    points = [cell.text for row in rows if not row.header for cell in row.cells if cell.column == column]
    assert "8.34" in points and "15.00" in points
    assert all(len(text.rsplit(".", 1)[-1]) == 2 for text in points), points
    total = next(rows for rows in tables if rows[0].cells[0].text == "总分")
    assert [cell.text for cell in total[0].cells if cell.column == column] == ["100.00"]


def _paragraph_texts(body: etree._Element) -> list[str]:
    return [
        "".join("\n" if node.tag == f"{W}br" else node.text or "" for node in p.iter(f"{W}t", f"{W}br"))
        for p in body.findall(f"{W}p")
    ]


def test_the_evaluation_sentence_keeps_its_last_count_whole(documents: dict[str, Path]) -> None:
    """「…中 0 个、差 0」 then 「个。」 alone: the last count starts the second line whole."""
    _tables_, body = _tables(documents["examples-evaluate"])
    sentence = next(text for text in _paragraph_texts(body) if text.startswith("共开展绩效自评"))
    assert sentence.endswith("、\n差 0 个。")


def test_the_cover_sentence_groups_thousands_as_the_table_does(documents: dict[str, Path]) -> None:
    _tables_, body = _tables(documents["ten-build"])
    sentence = next(text for text in _paragraph_texts(body) if text.startswith("共编报绩效目标"))
    assert sentence == "共编报绩效目标的项目1个，涉及项目预算资金1,234.57万元。"


# The page breaks on heights alone: a page of the examples' look holds 14,004 twips.
PAGE = 14004
NOTHING_ABOVE = BlockPlace((), 0)


def test_rows_fill_each_page_and_the_next_starts_with_the_row_that_does_not_fit() -> None:
    assert page_height() == PAGE
    # 500 of header, then 13 rows of 1,000 fit a page (13,500); the 14th starts the next.
    assert indicator_breaks(NOTHING_ABOVE, [500] + [1000] * 30) == [13, 26]
    # With the form's fixed rows above, the header and the first row move on together when they do not fit.
    assert indicator_breaks(BlockPlace(((13000, False),), 0), [500] + [1000] * 30) == [13, 26]
    # The 总分 stays with the last row: the last row goes on with it.
    assert indicator_breaks(BlockPlace((), 600), [500] + [1000] * 13) == [12]


def test_given_breaks_stand_only_while_each_page_holds_its_rows() -> None:
    heights = [500] + [1000] * 30
    assert indicator_breaks(NOTHING_ABOVE, heights, [5, 18]) == [5, 18]
    # Row 12 grew (its group, cut by the break at 13, needs more lines): the first page no longer holds it.
    grown = [500] + [1000] * 12 + [1600] + [1000] * 17
    assert indicator_breaks(NOTHING_ABOVE, grown, [13, 26]) == [12]


def _pairs(start: int, end: int) -> list[int]:
    """Rows in groups of two, 1,000 each; a group cut by the page's start or end takes 1,700 on its row."""
    return [500] + [1700 if (row % 2 == 0 and row == end - 1) or (row % 2 == 1 and row == start) else 1000
                    for row in range(start, end)]  # fmt: skip


def test_pages_filled_as_drawn_end_before_a_group_they_would_cut_and_overfill() -> None:
    # Filled on the rows unbroken, the first page ends at 13 and cuts the group 12–13: row 12 grows to
    # 1,700 and the page no longer holds it. Filled page by page as drawn, it ends before that group.
    assert indicator_breaks(NOTHING_ABOVE, _pairs(0, 30)) == [13, 26]
    assert indicator_breaks(NOTHING_ABOVE, _drawn([13, 26], 30), [13, 26]) == [12]
    assert page_by_page_breaks(NOTHING_ABOVE, 30, _pairs) == [12, 24]
    assert indicator_breaks(NOTHING_ABOVE, _drawn([12, 24], 30), [12, 24]) == [12, 24]


def _drawn(breaks: list[int], count: int) -> list[int]:
    """The header and every row as drawn with ``breaks``: each page's rows as that page draws them."""
    edges = [0, *breaks, count]
    return [500] + [height for start, end in itertools.pairwise(edges) for height in _pairs(start, end)[1:]]


def test_a_row_taller_than_a_page_has_a_page_of_its_own() -> None:
    rows = [1000, 20000, 1000, 1000]
    assert page_by_page_breaks(NOTHING_ABOVE, 4, lambda start, end: [500, *rows[start:end]]) == [1, 2]


@settings(max_examples=200)
@given(
    st.lists(st.integers(300, 5000), min_size=1, max_size=60),
    st.integers(0, 16000),
    st.integers(0, 3000),
)
def test_page_by_page_is_the_same_fill_where_the_heights_do_not_follow_the_breaks(
    rows: list[int], above: int, after: int
) -> None:
    place = BlockPlace(((above, True),), after)
    heights = [500, *rows]
    assert page_by_page_breaks(place, len(rows), lambda start, end: [500, *rows[start:end]]) == indicator_breaks(
        place, heights
    )


def test_a_group_is_one_cell_merged_down_over_its_run_of_rows() -> None:
    cells = group_cells([("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标")])
    merged = [Cell("数量指标", "group", 1, "restart"), Cell("", "group", 1, "continue")]
    assert cells == [*merged, Cell("质量指标", "group")]


def test_a_name_breaks_before_its_words_and_before_them_again_a_few_times_at_most() -> None:
    """完成目|标可能|性 → 完成 / 目标 / 可能性; a name of many 「指标」 (user text) is broken four times, not
    once per word (each break measures the name again)."""
    assert broken("完成目标可能性", 760, ("可能性", "目标")) == "完成\n目标\n可能性"
    assert broken("二级指标", 760, ("指标",)) == "二级\n指标"
    assert broken("二级指标", 1200, ("指标",)) == "二级指标"
    many = broken("甲" + "指标" * 10, 560, ("指标",))
    assert many == "甲" + "指标" * 6 + "\n指标" * 4


@pytest.mark.parametrize("words", [[""], ["标"], ["指标", " 标 "]])
def test_a_word_to_break_before_has_two_characters(words: list[str]) -> None:
    with pytest.raises(ValidationError, match="至少两个字"):
        CellDefinition.model_validate({"role": "group", "field": "一级指标", "breaks_before": words})


def test_a_fitted_column_reads_only_the_cells_that_cover_it_alone() -> None:
    """A fixed row's wide cell (span 2) and a group merged down from the row above fit no column; a cell
    of its own does, in a row of one cell per column as in a row of spans."""
    fitted = FittedColumns.model_validate({"columns": [0], "give": [2], "least": [0]})
    wide = "≥1000000.00(人次)"
    spanned = Row((Cell(wide, "value", 2), Cell("", "text")))
    merged = [
        Row((Cell(wide, "group", 1, "restart"), Cell("", "text"), Cell("", "text"))),
        Row((Cell("", "group", 1, "continue"), Cell("", "text"), Cell("", "text"))),
    ]
    assert fitted_widths((600, 600, 3000), fitted, [spanned]) == (600, 600, 3000)
    assert fitted_widths((600, 600, 3000), fitted, [merged[1]]) == (600, 600, 3000)
    grown = value_width(wide, 10.5) + MARGINS
    assert fitted_widths((600, 600, 3000), fitted, [spanned, *merged]) == (grown, 600, 3600 - grown)
    alone = Row((Cell(wide, "value"), Cell("", "text", 2)))
    assert fitted_widths((600, 600, 3000), fitted, [spanned, alone]) == (grown, 600, 3600 - grown)


def test_a_fitted_column_serves_the_values_the_spare_width_can_hold_and_no_more() -> None:
    """≤25.00(万元) needs 1,369 twips (its piece, the margins and a border's leeway either side),
    ≥1000000.00(人次) 1,894: with 360 to spare the column takes what the first needs (a width part way to the
    second would only move its break into its brackets); with none to spare, or a value alone that nothing
    would hold, it keeps its width."""
    rows = [
        Row((Cell("≤25.00(万元)", "target"), Cell("", "text"))),
        Row((Cell("≥1000000.00(人次)", "target"), Cell("", "text"))),
    ]
    spare = FittedColumns.model_validate({"columns": [0], "give": [1], "least": [1240]})
    assert value_width("≤25.00(万元)", 10.5) + MARGINS == 1369
    assert fitted_widths((1240, 1600), spare, rows) == (1369, 1471)
    assert fitted_widths((1240, 1240), spare, rows) == (1240, 1240)
    assert fitted_widths((1240, 1600), spare, rows[1:]) == (1240, 1600)


def test_every_value_is_whole_before_any_column_keeps_its_characters_company() -> None:
    """The first column could take 144 of the 200 twips to spare to keep 「较上年有所增」 from leaving 增
    alone; the second needs 182 of them for 总分's 100.00: the number comes first, the character is left."""
    fitted = FittedColumns.model_validate({"columns": [0, 1], "give": [2], "least": [1000]})
    rows = [Row((Cell("较上年有所增", "target"), Cell("100.00", "score"), Cell("", "text")))]
    assert width_without_lone(["较上年有所增"], 1240, 10.5, MARGINS) == 1384
    assert value_width("100.00", 10.5) + MARGINS == 702
    assert fitted_widths((1240, 520, 1200), fitted, rows) == (1240, 702, 1018)
    assert fitted_widths((1240, 520, 1400), fitted, rows) == (1384, 702, 1074)


def test_a_cell_of_one_quantity_is_kept_whole_where_the_free_text_beside_it_cannot_be() -> None:
    """「80.82万元」 would break before 元; a text of 21 characters leaves one alone at every width the spare
    width reaches: the column is as wide as the quantity needs, and no wider."""
    fitted = FittedColumns.model_validate({"columns": [0], "give": [1], "least": [800]})
    free = "较上年有所增加情况明显且服务对象满意度提高"
    rows = [Row((Cell("80.82万元", "target"), Cell("", "text"))), Row((Cell(free, "target"), Cell("", "text")))]
    whole = value_width("80.82万元", 10.5, quantity=True) + MARGINS
    assert whole == 1016 and value_width("80.82万元", 10.5) + MARGINS < 900
    # Typed with a space, it is one quantity too (125.00 万 / 元 is what a careful form never shows).
    assert value_width("125.00 万元", 10.5, quantity=True) > value_width("125.00万元", 10.5, quantity=True)
    assert all(leaves_one_alone(free, width - MARGINS, 10.5) for width in range(whole, 1101))
    assert fitted_widths((900, 1000), fitted, rows) == (1016, 884)
