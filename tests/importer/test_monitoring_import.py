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

from perfsheet.build import build
from perfsheet.cli import app
from perfsheet.collection import Collection, load_collection
from perfsheet.importer import import_documents, import_docx, into, write_files
from perfsheet.importer.monitoring import ticked_words
from perfsheet.model.monitoring import monitoring_scheme
from perfsheet.monitor import monitor
from perfsheet.monitoring import MonitoringCard, light_project
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
    assert (result.forms, result.monitoring_forms, result.monitoring_merged, result.merged) == (4, 1, 1, 0)
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


def _unmonitored(root: Path, line_end: str = "\n") -> tuple[Path, bytes]:
    """The monitored examples as they stood before July: the first project without its 监控."""
    first = next(root.glob("01-*.yaml"))
    text = first.read_text(encoding="utf-8").replace(EXAMPLE_MONITORING, "")
    first.write_bytes(text.replace("\n", line_end).encode("utf-8"))
    return first, first.read_bytes()


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_into_writes_the_section_before_the_self_evaluation_and_nothing_else(
    line_end: str, examples: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    source, _declared, monitored = examples
    root = monitored_examples(tmp_path / "2026")
    first, before = _unmonitored(root, line_end)
    others = {p.name: p.read_bytes() for p in root.glob("*.yaml") if p != first}
    result = runner.invoke(app, ["import", str(monitored), "--into", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(first)]
    assert "找到 1 张监控表，读出 1 张。" in result.stderr and "申报表" not in result.stderr
    after = first.read_bytes()
    # The declared part before it and the 自评 (with the comment that introduces it) after it, byte for byte.
    mark = "# 年度结束后填写".encode()
    head, tail = before.split(mark, 1)
    assert after.startswith(head) and after.endswith(mark + tail)
    added = after[len(head) : len(after) - len(tail) - len(mark)].decode("utf-8")
    assert added.startswith(f"监控:{line_end}  月份: 7{line_end}")
    assert added.count("\n") == added.count(line_end)
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml") if p != first} == others
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
    first, _before = _unmonitored(root)
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
    first, before = _unmonitored(root)
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
    assert "找到 1 张监控表，读出 1 张。其中 1 张与同名项目的申报表合为一个项目文件（含「监控」部分）。" in result.stderr
