"""import reads a 监控表 back: monitor's document imported gives the same 监控 section, value by value,
on the monitored examples and on generated collections; with build's 申报表 beside it, the two forms of a
project become one file. Other units' spellings (√ or 是 for a tick, one tick column per reason, 1—7月)
read the same."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import docx
from perfsheet.cli import app
from perfsheet.collection.loading import Collection, load_collection
from perfsheet.documents.build import build
from perfsheet.documents.monitor import monitor
from perfsheet.importer import import_documents, import_docx, into, write_files
from perfsheet.importer.grid import Grid, GridCell
from perfsheet.importer.monitoring import monitoring_yaml, read_monitoring, ticked_words
from perfsheet.importer.reader import read_form
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.monitoring import MonitoringCard, light_project
from perfsheet.rules.check import check_paths
from tests.conftest import EXAMPLES
from tests.monitoring.cases import EXAMPLE_MONITORING, monitored_examples

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench import generate  # noqa: E402


def _section(card: MonitoringCard) -> tuple[Any, ...]:
    """What the 监控 section says, every default resolved (全年预算数 left to 年度资金, 全年预计 left to the
    target, 确定能 left unsaid): what the form prints and a second file must say alike."""
    indicators = []
    for indicator in card.indicators:
        progress = indicator.progress
        assert progress is not None
        indicators.append(
            (
                indicator.name,
                progress.current,
                indicator.forecast,
                tuple(progress.reasons or ()),
                progress.explanation,
                progress.likelihood or next(iter(monitoring_scheme().likelihood)),
                progress.measures,
                indicator.light,
            )
        )
    money = tuple(funds.rows() for funds in (card.initial, card.budget, card.spent, card.forecast))
    return card.month, money, card.budget_light, tuple(indicators)


def _sections(collection: Collection) -> dict[str, tuple[Any, ...]]:
    found = {}
    for file, project in collection.valid_projects:
        card = light_project(project)
        if card is not None:
            found[project.name] = (_section(card), project.monitoring.progress.strip() if project.monitoring else "")
            assert file.project is not None
    return found


def _imported(documents: list[Path], work: Path) -> Collection:
    result = import_documents([(path, path.name) for path in documents])
    assert [d.message for d in result.diagnostics] == []
    assert write_files(result, work / "imported", "imported")
    return load_collection(work / "imported")


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    work = tmp_path_factory.mktemp("examples")
    root = monitored_examples(work / "examples")
    declared, monitored = work / "申报.docx", work / "监控.docx"
    assert build(root, declared).docx and monitor(root, monitored).docx
    return root, declared, monitored


def test_a_monitoring_form_joins_its_declaration(examples: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """build's 申报表 and monitor's 监控表 of the same projects: one file per project, the declared part
    as the examples have it, the 监控 as they have it."""
    root, declared, monitored = examples
    original = load_collection(root)
    result = import_documents([(declared, "申报.docx"), (monitored, "监控.docx")])
    assert (result.forms, result.monitoring_forms, result.monitoring_merged, result.merged) == (6, 3, 3, 0)
    assert write_files(result, tmp_path / "imported", "imported")
    imported = load_collection(tmp_path / "imported")
    assert _sections(imported) == _sections(original)

    def declared_part(collection: Collection) -> list[Any]:
        return [
            p.project.model_copy(update={"self_evaluation": None, "monitoring": None})
            for p in collection.projects
            if p.project
        ]

    assert declared_part(imported) == declared_part(original)
    text = next(
        (tmp_path / "imported" / name).read_text(encoding="utf-8") for name in result.files if name.startswith("01-")
    )
    # As the year goes: the declared part, then the 监控 (import never writes the 自评 it did not read).
    assert text.index("绩效指标:") < text.index("监控:")
    assert "\n    青年科技人才交流活动举办完成数: 2 场\n" in text, "the short form for an indicator on track"
    assert "      偏差原因: [人员保障, 其他]\n" in text
    assert "全年预算数" not in text, "a 全年预算数 equal to 年度资金 is left to it"


def test_generated_monitored_collections_come_back_value_by_value(tmp_path: Path) -> None:
    source = tmp_path / "collection"
    generate(source, 30, monitored=True)
    declared, monitored = tmp_path / "申报.docx", tmp_path / "监控.docx"
    assert build(source, declared).docx == declared and monitor(source, monitored).docx == monitored
    original = load_collection(source)
    assert len(_sections(original)) == 30
    assert _sections(_imported([declared, monitored], tmp_path)) == _sections(original)


def _edited(source: Path, target: Path, edit: Any) -> Path:
    """A copy of a document with its document.xml changed by ``edit``."""
    shutil.copy(source, target)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)
    return target


def test_other_units_spellings_read_the_same(examples: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """√ for ☑, 1—7月 for 1-7月, 1至7月执行数 in the money block, 是否 words kept apart: the same section."""
    root, declared, monitored = examples

    def respell(xml: str) -> str:
        xml = xml.replace("☑", "√").replace("1-7月执行情况", "1—7月执行情况")
        return xml.replace("1-7月执行数", "1至7月执行数").replace("全年预计完成情况", "全年预计完成值")

    edited = _edited(monitored, tmp_path / "其他单位.docx", respell)
    assert _sections(_imported([declared, edited], tmp_path)) == _sections(load_collection(root))


@pytest.mark.parametrize(
    ("text", "ticked", "rest"),
    [
        ("☑人员保障 ☑其他\n受访人健康原因", ["人员保障", "其他"], "受访人健康原因"),
        ("√经费保障、☐制度保障", ["经费保障"], ""),
        ("经费保障✓ 人员保障", ["经费保障"], ""),
        ("人员保障", ["人员保障"], ""),
        ("人员不足，经费保障不到位", [], "人员不足，经费保障不到位"),
        ("☐经费保障 ☐制度保障", [], ""),
    ],
)
def test_ticked_words_in_one_cell(text: str, ticked: list[str], rest: str) -> None:
    ticks = ("☑", "√", "✓", "✔", "是")
    assert ticked_words(text, monitoring_scheme().reasons, ticks) == (ticked, rest)


def test_a_declaration_alone_has_no_monitoring(examples: tuple[Path, Path, Path]) -> None:
    _root, declared, _monitored = examples
    result = import_docx(declared)
    assert result.monitoring_forms == 0
    assert not any(re.search(r"^监控:", text, re.MULTILINE) for text in result.files.values())


# --- import --into: the 监控 written into the project files already there --------------------------------

runner = CliRunner()


_MIDYEAR = "# 年中填写"
_YEAR_END = "# 年度结束后填写"


def _unmonitored(root: Path, line_end: str = "\n") -> dict[Path, bytes]:
    """The examples as they stood before July: no 监控 (nor the comment that introduces it) in any file."""
    before = {}
    for path in sorted(root.glob("0*.yaml")):
        text = path.read_text(encoding="utf-8")
        start = text.index(_MIDYEAR)
        end = text.find(_YEAR_END, start)
        text = text[:start] + (text[end:] if end >= 0 else "")
        path.write_bytes(text.replace("\n", line_end).encode("utf-8"))
        before[path] = path.read_bytes()
    return before


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_into_writes_the_section_before_the_self_evaluation_and_nothing_else(
    line_end: str, examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    source, _declared, monitored = examples
    root = monitored_examples(tmp_path / "2026")
    before = _unmonitored(root, line_end)
    settings = (root / "perfsheet.yaml").read_bytes()
    result = runner.invoke(app, ["import", str(monitored), "--into", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(path) for path in before]
    assert "找到 3 张监控表，读出 3 张。" in result.stderr and "申报表" not in result.stderr
    for path, old in before.items():
        after = path.read_bytes()
        # Before the 自评 (and the comment that introduces it), else at the end: the rest byte for byte.
        mark = _YEAR_END.encode()
        head, tail = old.split(mark, 1) if mark in old else (old, b"")
        assert after.startswith(head) and after.endswith(mark + tail if tail else b"")
        added = after[len(head) : len(after) - len(tail) - (len(mark) if tail else 0)].decode("utf-8")
        assert added.startswith(f"监控:{line_end}  月份: 7{line_end}")
        assert added.count("\n") == added.count(line_end)
    assert (root / "perfsheet.yaml").read_bytes() == settings
    assert _sections(load_collection(root)) == _sections(load_collection(source))
    assert [p.project for p in load_collection(root).projects] == [p.project for p in load_collection(source).projects]


def test_into_updates_a_section_and_says_so(examples: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """The June figures give way to July's; the rest of the file stays."""
    source, _declared, monitored = examples
    root = monitored_examples(tmp_path / "2026")
    first = next(root.glob("01-*.yaml"))
    june = EXAMPLE_MONITORING.replace("月份: 7 ", "月份: 6 ").replace("180,000.00", "150,000.00")
    first.write_text(first.read_text(encoding="utf-8").replace(EXAMPLE_MONITORING, june), encoding="utf-8")
    result = runner.invoke(app, ["import", str(monitored), "--into", str(root)])
    assert result.exit_code == 0, result.output
    said = "info[E580] 项目「科技工作者系列服务」原有的「监控」部分已换成第 2 张表（监控表）读出的内容"
    assert said in result.stderr
    assert _sections(load_collection(root)) == _sections(load_collection(source))


def test_into_writes_nothing_when_a_monitoring_form_finds_no_file(
    examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _source, _declared, monitored = examples
    root = monitored_examples(tmp_path / "2026")
    _unmonitored(root)
    first = next(root.glob("01-*.yaml"))
    first.write_text(
        first.read_text(encoding="utf-8").replace("项目名称: 科技工作者系列服务", "项目名称: 科技工作者服务"),
        encoding="utf-8",
    )
    before = {p.name: p.read_bytes() for p in root.glob("*.yaml")}
    result = runner.invoke(app, ["import", str(monitored), "--into", str(root)])
    assert result.exit_code == 1
    assert "error[E576] 第 2 张表（监控表）的项目「科技工作者系列服务」在" in result.stderr
    assert "是不是「科技工作者服务」？" in result.stderr
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml")} == before


def test_into_refuses_an_edit_that_would_change_anything_else(
    examples: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net under the section's placement: a file that would not read back as itself with only
    its 监控 changed is not written (here the placement is made to touch the 年度总体目标)."""
    _source, _declared, monitored = examples
    root = monitored_examples(tmp_path / "2026")
    first = next(root.glob("01-*.yaml"))
    before = _unmonitored(root)[first]
    placed = into.with_monitoring
    monkeypatch.setattr(into, "with_monitoring", lambda text, section: placed(text, section).replace("青年", "老年"))
    result = runner.invoke(app, ["import", str(monitored), "--into", str(root)])
    assert result.exit_code == 1
    assert f"{first}:1:1: error[E579] 在这个文件中写入「监控」部分后" in result.stderr
    assert first.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n监控:\n  x: 1\n# 年末\n自评:\n  y: 2\n", "a: 1\nNEW# 年末\n自评:\n  y: 2\n"),
        ("a: 1\n# 年末\n\n自评:\n  y: 2\n", "a: 1\nNEW# 年末\n\n自评:\n  y: 2\n"),
        ("a: 1\n监控:\n  x: 1\n  # 注\n\n  z: 3\n", "a: 1\nNEW"),
        ("a: 1", "a: 1\nNEW"),
    ],
    ids=["replaced", "before-the-self-evaluation", "to-the-end", "no-line-end"],
)
def test_where_the_section_goes(text: str, expected: str) -> None:
    assert into.with_monitoring(text, "NEW") == expected


def test_import_says_how_many_monitoring_forms_it_read_and_joined(
    examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _source, declared, monitored = examples
    result = runner.invoke(app, ["import", str(declared), str(monitored), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "找到 3 张申报表，读出 3 张。" in result.stderr
    joined = "其中 3 张与同名项目的申报表合为一个项目文件（含「监控」部分）。"
    assert f"找到 3 张监控表，读出 3 张。{joined}" in result.stderr


def _grid(rows: list[list[str | tuple[str, str]]]) -> Grid:
    """A table as the Word reader gives it: a cell written (text, key) shares its key with the other
    positions of the same merged cell; any other cell is a cell of its own."""
    cells = []
    for r, row in enumerate(rows):
        cells.append(
            [
                GridCell(item[0], item[1]) if isinstance(item, tuple) else GridCell(item, f"{r}:{c}")
                for c, item in enumerate(row)
            ]
        )
    return Grid(1, cells)


def _other_units_rows() -> list[list[str | tuple[str, str]]]:
    """Another unit's 监控表: 1至8月, 调整后预算数, a header of two rows — 偏差原因分析 over one column per
    reason and 完成目标可能性 over one per likelihood, ticked with √ or 是."""
    side, goals = ("项目资金（元）", "side"), ("年度总体目标", "goals")
    l1, l2, l3, value = (("一级指标", "h1"), ("二级指标", "h2"), ("三级指标", "h3"), ("年度指标值", "h4"))
    current, forecast = ("1至8月执行情况", "h5"), ("全年预计完成情况", "h6")
    reasons, likely, notes = ("偏差原因分析", "h7"), ("完成目标可能性", "h8"), ("备注", "h9")
    name = ("科技培训", "name")
    return [
        ["项目名称", name, name, name, name, name, name, name, name, name, name, name, name, name, name],
        ["主管部门", "某局", "某局", "实施单位", "某中心", "某中心", *[""] * 9],
        [side, "", "年初预算数", "调整后预算数", "1至8月执行数", "执行率", "全年预计执行数", *[""] * 8],
        [side, "年度资金总额", "100,000.00", "120,000.00", "60,000.00", "50.00%", "120,000.00", *[""] * 8],
        [side, "其中：当年财政拨款", "100,000.00", "120,000.00", "60,000.00", "", "120,000.00", *[""] * 8],
        [side, "上年结转资金", "0", "0", "0", "", "0", *[""] * 8],
        [side, "其他资金", "0", "0", "0", "", "0", *[""] * 8],
        [goals, "年度总体目标", "年度总体目标", "1至8月执行情况", "1至8月执行情况", *[""] * 10],
        [goals, "举办培训 4 次", "举办培训 4 次", "已举办 2 次", "已举办 2 次", *[""] * 10],
        ["绩效指标", l1, l2, l3, value, current, forecast, *[reasons] * 5, *[likely] * 3, notes][:15],
        ["绩效指标", l1, l2, l3, value, current, forecast, "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他",
         "确定能", "有可能", "完全不可能"],
        ["绩效指标", "产出指标", "数量指标", "培训次数", "≥4(次)", "1次", "4次", "", "", "√", "", "是", "", "√", ""],
        ["绩效指标", "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "年末调查", "90%",
         *[""] * 5, "√", "", ""],
    ]  # fmt: skip


def _word(rows: list[list[str | tuple[str, str]]], path: Path) -> Path:
    """The same table as a Word document: the positions of a cell written (text, key) merged into one."""
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    done: set[str] = set()
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            if isinstance(item, tuple):
                if item[1] in done:
                    continue
                done.add(item[1])
                where = [(i, j) for i, cells in enumerate(rows) for j, x in enumerate(cells) if x == item]
                cell = table.cell(r, c).merge(table.cell(max(i for i, _j in where), max(j for _i, j in where)))
                cell.text = item[0]
            else:
                table.cell(r, c).text = item
    document.save(str(path))
    return path


@pytest.mark.parametrize("source", ["grid", "word"])
def test_another_units_form_with_a_tick_column_per_reason(source: str, tmp_path: Path) -> None:
    rows = _other_units_rows()
    if source == "grid":
        grid = _grid(rows)
        form = read_form(grid)
        data = read_monitoring(grid, form)
    else:
        result = import_docx(_word(rows, tmp_path / "其他单位的监控表.docx"))
        assert result.diagnostics == [] and result.monitoring_forms == 1
        form, data = result.read[0].fields, result.read[0].monitoring
    assert list(form.indicator_rows) == ["培训次数", "学员满意度"], "the header's second row is no indicator"
    assert data is not None and data.problems == []
    assert data.month == 8
    assert (data.budget, data.spent, data.forecast) == (
        {"年度资金申请总额": "120,000.00", "当年财政拨款": "120,000.00", "上年结转资金": "0", "其他资金": "0"},
        {"年度资金申请总额": "60,000.00", "当年财政拨款": "60,000.00", "上年结转资金": "0", "其他资金": "0"},
        {"年度资金申请总额": "120,000.00", "当年财政拨款": "120,000.00", "上年结转资金": "0", "其他资金": "0"},
    )
    assert data.progress == "已举办 2 次"
    assert data.reasons == {"培训次数": ["人员保障", "其他"], "学员满意度": []}
    assert data.results["培训次数"]["完成目标可能性"] == "有可能"
    assert data.results["学员满意度"]["完成目标可能性"] == "确定能"
    text = monitoring_yaml(form, data)
    assert "  月份: 8\n  全年预算数:\n    当年财政拨款: 120,000.00\n" in text, "an adjusted budget is written"
    reasons = "      偏差原因: [人员保障, 其他]\n      完成目标可能性: 有可能\n"
    assert "    培训次数:\n      执行情况: 1次\n      全年预计: 4次\n" + reasons in text
    assert "    学员满意度:\n      执行情况: 年末调查\n      全年预计: 90%\n" in text


def test_an_indicator_the_declaration_does_not_have_is_kept_for_validate_to_name(
    examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The 监控表 of a project whose indicator was renamed after its 申报表 was sent: joined to that
    申报表, the renamed indicator's row is kept (never dropped), the declared one is left empty, and
    validate names it."""
    _source, declared, _monitored = examples
    renamed = tmp_path / "renamed"
    shutil.copytree(EXAMPLES, renamed)
    first = next(renamed.glob("01-*.yaml"))
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("采集小组结题完成数", "采集小组结项完成数"), encoding="utf-8")
    assert monitor(renamed, tmp_path / "监控.docx").docx
    result = import_documents([(declared, "申报.docx"), (tmp_path / "监控.docx", "监控.docx")])
    assert result.diagnostics == []
    written = result.files["01-科技工作者系列服务.yaml"]
    assert "    采集小组结题完成数:\n" in written
    assert "    采集小组结项完成数:\n      执行情况: 0 个\n      全年预计: 2 个\n" in written
    assert write_files(result, tmp_path / "imported", "imported")
    report = check_paths([tmp_path / "imported"]).report
    said = [(d.code, d.message) for d in report.diagnostics if d.severity == "error"]
    assert said == [("E101", "必填项「采集小组结题完成数」没有填写")]


def test_a_monitoring_document_alone_gives_the_collection_its_year_and_unit(
    examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The 监控表's year line is （2026年度 1-7月） and its cover 「…2026年度项目绩效监控汇总表」: imported
    without its 申报表, the collection still has its 年度 and 编报单位 (not an empty 年度 that validate
    then refuses)."""
    _root, _declared, monitored = examples
    result = import_documents([(monitored, "监控.docx")])
    settings = result.files["perfsheet.yaml"]
    assert "\n年度: 2026\n" in settings
    assert "\n编报单位: 上海市科学技术协会学会服务中心\n" in settings


def test_a_qualitative_indicator_judged_by_its_progress_prints_it_and_keeps_its_light(tmp_path: Path) -> None:
    """部分延期 with 完成程度 部分达成 and no 全年预计: the light is yellow, so the form's 全年预计 column says
    部分延期 (not the target 及时, which would read as on track), and the form read back lights it yellow."""
    root = monitored_examples(tmp_path / "examples")
    first = next(root.glob("01-*.yaml"))
    late = (
        "    各项工作完成及时性:\n      执行情况: 部分延期\n      完成程度: 部分达成\n"
        "      偏差原因: [人员保障]\n      纠偏措施: 增派人手\n"
    )
    # The 监控's line (the 自评 below has one of the same words).
    text = first.read_text(encoding="utf-8")
    assert text.index("    各项工作完成及时性: 及时\n") > text.index("监控:")
    first.write_text(text.replace("    各项工作完成及时性: 及时\n", late, 1), encoding="utf-8")
    declared, monitored = tmp_path / "申报.docx", tmp_path / "监控.docx"
    assert build(root, declared).docx and monitor(root, monitored).docx
    original = load_collection(root)
    row = next(
        [cell.text for cell in row.cells]
        for table in docx.Document(str(monitored)).tables
        for row in table.rows
        if row.cells[3].text == "各项工作完成及时性"
    )
    assert row[4:7] == ["及时", "部分延期", "部分延期"] and row[-1] == "黄"
    imported = _imported([declared, monitored], tmp_path)
    assert _sections(imported) == _sections(original)
    assert _sections(original)["科技工作者系列服务"][0][3][5][-1] == "yellow"


def test_a_source_left_blank_beside_a_filled_one_is_read_as_0_and_a_blank_column_stays_blank() -> None:
    """Hand-filled forms leave the sources they have no money from blank: beside a filled one that is 0.
    A column blank throughout is not made up: it stays blank, for validate to ask for (E586)."""
    rows = _other_units_rows()
    for row in rows[5:7]:  # 上年结转资金 and 其他资金: 1至8月执行数 left blank
        row[4] = ""
    for row in rows[3:7]:  # 全年预计执行数 left blank throughout
        row[6] = ""
    grid = _grid(rows)
    form = read_form(grid)
    data = read_monitoring(grid, form)
    assert data is not None
    text = monitoring_yaml(form, data)
    spent = "  执行数:\n    当年财政拨款: 60,000.00\n    上年结转资金: 0.00\n    其他资金: 0.00\n"
    forecast = "  全年预计执行数:\n    当年财政拨款:\n    上年结转资金:\n    其他资金:\n"
    assert spent in text and forecast in text


@pytest.mark.parametrize(
    ("paragraph", "year"),
    [
        ("（2026年度）", "2026"),
        ("（2026年度 1-7月）", "2026"),
        ("（2026年度 1–8月）", "2026"),
        ("（2025年12月）", None),
    ],
)
def test_a_form_s_year_line_is_read_and_a_date_is_not(paragraph: str, year: str | None) -> None:
    from perfsheet.importer import _YEAR

    found = _YEAR.search(paragraph)
    assert (found.group(1) if found else None) == year
