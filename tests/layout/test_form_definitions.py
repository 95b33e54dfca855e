"""Each form is one typed data file under templates/forms/: checked when read (widths fill the page the
look defines, every field path exists in the model, every row fills its columns), drawn by the one
interpreter and read back by the importer through the same file. A label variant or a column width is
one line of one file."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import perfsheet.resources as resources
from perfsheet.collection.loading import load_collection
from perfsheet.importer import import_docx, reader
from perfsheet.layout import forms as layout_forms
from perfsheet.layout.form import form_table
from perfsheet.layout.style import style
from perfsheet.model import forms as model_forms
from tests.conftest import EXAMPLES, REPO
from tests.importer.test_handmade import make_handmade


def _text_width() -> int:
    page = style().page
    return page.width - page.margin_left - page.margin_right


def _clear() -> None:
    for cached in (model_forms.forms, layout_forms.definitions, reader.labels):
        cached.cache_clear()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the data folders that the code reads instead of the real ones."""
    for folder in ("templates", "schemas"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.setattr(resources, "data_dir", lambda folder: tmp_path / folder)
    _clear()
    yield tmp_path
    monkeypatch.undo()
    _clear()


def _edit(path: Path, old: str, new: str) -> None:
    """Replace one passage, and prove the edit is one line of the file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r}"
    changed = text.replace(old, new)
    diff = [
        line
        for line in difflib.unified_diff(text.splitlines(), changed.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(diff) == 2, diff  # one line out, one line in
    path.write_text(changed, encoding="utf-8")
    _clear()


def test_every_width_set_fills_the_page_the_look_defines() -> None:
    found = layout_forms.definitions()
    width_sets = [*found.declaration.widths.values(), *found.evaluation.widths.values()]
    width_sets += [found.cover.widths, found.evaluation_cover.widths]
    assert len(width_sets) == 5
    assert all(sum(widths) == _text_width() for widths in width_sets)


def test_the_drawn_table_has_the_definition_s_widths_and_columns() -> None:
    collection = load_collection(EXAMPLES)
    _file, project = collection.valid_projects[0]
    table = form_table(project, "部门", "单位")
    assert table.widths == layout_forms.definitions().declaration.widths["form"]
    assert all(row.width == len(table.widths) for row in table.rows)


def test_a_label_variant_is_one_line_of_one_file(data: Path, tmp_path: Path) -> None:
    handmade = make_handmade(tmp_path / "手工.docx")
    # A unit that prints 「项目名目」 for 项目名称: not read until the definition knows the variant.
    import docx

    document = docx.Document(str(handmade))
    document.tables[1].cell(0, 0).text = "项目名目"
    document.save(str(handmade))
    assert import_docx(handmade).imported == 0
    _edit(
        data / "templates" / "forms" / "declaration.yaml",
        "- {role: label, text: 项目名称, field: 项目名称}",
        "- {role: label, text: 项目名称, field: 项目名称, variants: [项目名目]}",
    )
    result = import_docx(handmade)
    assert result.imported == 1 and "01-科技社团党建.yaml" in result.files


def test_a_column_width_is_one_line_of_one_file(data: Path) -> None:
    _edit(
        data / "templates" / "forms" / "declaration.yaml",
        "form: [1390, 1600, 1390, 1400, 1658, 1000, 1200]",
        "form: [1490, 1500, 1390, 1400, 1658, 1000, 1200]",
    )
    collection = load_collection(EXAMPLES)
    _file, project = collection.valid_projects[0]
    assert form_table(project, "部门", "单位").widths == (1490, 1500, 1390, 1400, 1658, 1000, 1200)


def test_widths_that_do_not_fill_the_page_are_refused_naming_the_file(data: Path) -> None:
    _edit(
        data / "templates" / "forms" / "declaration.yaml",
        "form: [1390, 1600, 1390, 1400, 1658, 1000, 1200]",
        "form: [1390, 1600, 1390, 1400, 1658, 1000, 1000]",
    )
    with pytest.raises(resources.DataFileError) as raised:
        layout_forms.definitions()
    assert str(raised.value).startswith("templates/forms/declaration.yaml: widths.form")
    assert str(_text_width()) in str(raised.value)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("field: 年度资金.上年结转资金, span: 2, format", "field: 年度资金.上年资金, span: 2, format", "上年资金"),
        ("- {role: value, field: 项目名称, span: 2}", "- {role: value, field: 项目名称, span: 3}", "占 8 列"),
        ("- {role: group, field: 二级指标, breaks", "- {role: group, field: 三级指标, breaks", "三级指标"),
        ("- {role: value, field: 项目类别}", "- {role: value, field: 项目类别, colour: red}", "colour"),
    ],
)
def test_a_wrong_definition_is_refused_where_it_is(data: Path, old: str, new: str, said: str) -> None:
    path = data / "templates" / "forms" / "declaration.yaml"
    _edit(path, old, new)
    with pytest.raises(resources.DataFileError) as raised:
        model_forms.forms()
    message = str(raised.value)
    assert message.startswith("templates/forms/declaration.yaml:") and said in message


def test_every_field_of_the_declaration_is_on_the_form() -> None:
    """Every scalar the 申报表 model holds (but the suppressions) is shown by a cell of its form."""
    shown = {
        cell.field
        for table in model_forms.forms().declaration.tables
        for cell in (*table.cells(), *(table.indicators.row if table.indicators else ()))
        if cell.field is not None
    }
    expected = {"项目名称", "项目性质", "项目类别", "主管部门", "实施单位", "计划开始日期", "计划完成日期"}
    expected |= {"项目总目标", "年度总体目标", "名称", "指标值"}
    expected |= {f"项目资金.{label}" for label in ("项目资金总额", "财政资金", "其他资金")}
    expected |= {f"年度资金.{label}" for label in ("年度资金申请总额", "当年财政拨款", "上年结转资金", "其他资金")}
    assert expected <= shown
