"""Word forms edited as people edit them: the indicator header reworded, left blank or deleted, a form
split across two tables, a table that is no form in between, a long name, a name with / : ?. Each
imports to the right YAML or fails with a located diagnostic — never a silent drop, never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.collection.loading import load_collection
from perfsheet.files.names import MAX_NAME_BYTES
from perfsheet.files.safe import FileProblem
from perfsheet.importer import import_docx, write_files
from perfsheet.source import load_file
from tests.conftest import EXAMPLES, examples, variant, write_collection
from tests.importer.test_handmade import ROWS

runner = CliRunner()
HEADER = 10  # the index of the indicator header row in ROWS


def _document(path: Path, rows: list[list[str]], *, split_at: int | None = None, between: bool = False) -> Path:
    document = docx.Document()
    parts = [rows] if split_at is None else [rows[:split_at], rows[split_at:]]
    for index, part in enumerate(parts):
        if index and between:
            other = document.add_table(rows=2, cols=3)
            for c, text in enumerate(["审核意见", "签字", "日期"]):
                other.cell(0, c).text = text
        table = document.add_table(rows=len(part), cols=len(part[0]))
        for r, values in enumerate(part):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    document.save(str(path))
    return path


def _header(replacement: list[str] | None) -> list[list[str]]:
    rows = [list(row) for row in ROWS[:-1]]  # without the stray note row
    if replacement is None:
        del rows[HEADER]
    else:
        rows[HEADER] = replacement
    return rows


HEADERS = {
    "as-printed": ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", ""],
    "with-绩效": ["绩效指标", "一级绩效指标", "二级绩效指标", "三级绩效指标", "年度绩效指标值", ""],
    "with-spaces": ["绩效指标", "一级 指标", "二级 指标", "三级 指标", "年度(/项目) 指标值", ""],
    "full-width-and-breaks": ["绩效指标", "一级\n指标", "二级\n指标", "三级\n指标", "年度（/项目）\n指标值", ""],
    "reworded": ["绩效指标", "指标大类", "指标小类", "具体指标", "目标值", ""],
    "blank": ["绩效指标", "", "", "", "", ""],
}


@pytest.mark.parametrize("variant_name", [*sorted(HEADERS), "deleted"])
def test_a_header_however_written_still_finds_every_indicator(variant_name: str, tmp_path: Path) -> None:
    rows = _header(HEADERS.get(variant_name)) if variant_name != "deleted" else _header(None)
    result = import_docx(_document(tmp_path / "f.docx", rows))
    assert (result.forms, result.imported) == (1, 1), [d.message for d in result.diagnostics]
    text = result.files["01-科技社团党建.yaml"]
    for name in (
        "各类培训完成数",
        "社团党建成本控制数",
        "支部书记、通讯员参与率",
        "政治素质提升情况",
        "支部书记满意度",
    ):
        assert name in text
    assert [d.code for d in result.diagnostics] == []


@pytest.mark.parametrize("between", [False, True])
def test_a_form_split_across_two_tables_is_one_form(between: bool, tmp_path: Path) -> None:
    rows = _header(HEADERS["as-printed"])
    result = import_docx(_document(tmp_path / "f.docx", rows, split_at=HEADER + 3, between=between))
    if between:
        # A table in between cuts the form: the cut-off indicator rows are reported, never guessed.
        assert (result.forms, result.imported) == (1, 1)
        assert [(d.code, d.message) for d in result.diagnostics] == [
            ("E344", "第 3 张表有三级指标，但它前面紧挨着的不是申报表，没有读入")
        ]
    else:
        assert (result.forms, result.imported) == (1, 1)
        text = result.files["01-科技社团党建.yaml"]
        assert "各类培训完成数" in text and "支部书记满意度" in text


def test_a_form_without_its_indicator_block_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [row for row in _header(None)[:HEADER]]  # the indicator rows are gone
    source = _document(tmp_path / "f.docx", rows)
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "f.docx:1:1: error[E341] 第 1 张表（申报表）中没有找到「绩效指标" in result.stderr
    assert "找到 1 张申报表，读出 0 张。" in result.stderr
    assert not out.exists()


def test_partial_writes_what_was_read(tmp_path: Path) -> None:
    good = _header(HEADERS["as-printed"])
    broken = [list(row) for row in good[:HEADER]]
    broken[0][1] = "另一个项目"
    document = docx.Document()
    for rows in (good, broken):
        table = document.add_table(rows=len(rows), cols=6)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    source = tmp_path / "two.docx"
    document.save(str(source))
    refused = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "a")])
    assert refused.exit_code == 1 and not (tmp_path / "a").exists()
    assert "找到 2 张申报表，读出 1 张。" in refused.stderr and "--partial" in refused.stderr
    partial = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "b"), "--partial"])
    assert partial.exit_code == 1, "something was not read: still a failure to look at"
    assert sorted(p.name for p in (tmp_path / "b").glob("*.yaml")) == ["01-科技社团党建.yaml", "perfsheet.yaml"]


@pytest.mark.parametrize("name", ["长" * 120, "项目/子项目: 是否完成?", "CON", "结尾的点.", "a\\b|c*d"])
def test_names_become_safe_short_unique_file_names_and_stay_whole_inside(name: str, tmp_path: Path) -> None:
    rows = _header(HEADERS["as-printed"])
    rows[0][1] = name
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(_document(tmp_path / "f.docx", rows)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [project] = [p for p in out.glob("*.yaml") if p.name != "perfsheet.yaml"]
    assert len(project.name.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(char in project.name for char in '\\/:*?"<>|')
    assert project.name.split(".")[0].split("-", 1)[1].upper() != "CON"
    assert load_file(project).data["项目名称"] == name  # type: ignore[index]


def test_a_failure_in_the_middle_leaves_no_folder_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = import_docx(_document(tmp_path / "f.docx", _header(HEADERS["as-printed"])))
    calls = {"count": 0}
    import perfsheet.importer as importer

    original = importer.write_text_file

    def failing(path: Path, text: str, **kwargs: object) -> Path:
        calls["count"] += 1
        if calls["count"] == 2:
            raise FileProblem("E303", path, reason="No space left on device")
        return original(path, text)

    monkeypatch.setattr(importer, "write_text_file", failing)
    out = tmp_path / "out"
    assert write_files(result, out, str(out)) == []
    assert result.diagnostics[-1].code == "E303"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.docx"], "no folder, no hidden temporary"
    monkeypatch.setattr(importer, "write_text_file", original)
    assert write_files(result, out, str(out)), "the next run behaves like the first"


HEADER_VARIANTS = [
    ("一级指标", "一级绩效指标"),
    ("二级指标", "二级 指标"),
    ("三级指标", "三级\n指标"),
    ("年度(/项目)指标值", "年度（/项目）指标值"),
]


@settings(max_examples=examples(8), deadline=None)
@given(st.lists(st.sampled_from(range(4)), max_size=4), st.integers(min_value=2, max_value=5), st.randoms())
def test_import_of_build_gives_back_the_collection(variants: list[int], size: int, rng: random.Random) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        names = rng.sample(["青年科技人才服务", "科技社团党建", "学术年会", "科普讲座", "国际交流"], size)
        root = write_collection(
            work / "c", {f"0{i}-x.yaml": variant("青年科技人才服务", name) for i, name in enumerate(names, start=1)}
        )
        built = work / "built.docx"
        assert runner.invoke(app, ["build", str(root), "-o", str(built)]).exit_code == 0
        document = docx.Document(str(built))
        for index in set(variants):
            old, new = HEADER_VARIANTS[index]
            for table in document.tables:
                for cell in table.rows[0].cells:
                    if cell.text == old:
                        cell.text = new
        document.save(str(built))
        result = import_docx(built)
        assert (result.forms, result.imported) == (size, size), [d.message for d in result.diagnostics]
        write_files(result, work / "back", "back")
        original, back = load_collection(root), load_collection(work / "back")
        assert [p.model_dump() for _f, p in back.valid_projects] == [
            p.model_dump() for _f, p in original.valid_projects
        ]


def test_import_of_build_s_own_examples(tmp_path: Path) -> None:
    built = tmp_path / "built.docx"
    assert runner.invoke(app, ["build", str(EXAMPLES), "-o", str(built)]).exit_code == 0
    result = import_docx(built)
    assert (result.forms, result.imported) == (3, 3) and result.diagnostics == []


def test_the_import_vocabulary_names_the_model_s_fields() -> None:
    # The labels the importer reads beside their values name the model's fields: a drift would drop a
    # field in silence.
    from perfsheet.importer.labels import labels as import_labels
    from perfsheet.model import labels
    from perfsheet.model.project import AnnualFunds, Project, ProjectFunds

    known = {*labels.aliases(Project), *labels.aliases(ProjectFunds), *labels.aliases(AnnualFunds)}
    assert set(import_labels().fields) <= known
