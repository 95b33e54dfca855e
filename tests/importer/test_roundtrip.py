"""import(build(c)) == c as models, for the examples and for generated collections; and building the
imported YAML gives the same document XML."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsheet.collection.loading import Collection, load_collection
from perfsheet.documents.build import build
from perfsheet.documents.monitor import monitor
from perfsheet.docx import document_parts
from perfsheet.importer import import_documents, write_files
from perfsheet.layout import layout_collection
from perfsheet.model.framework import framework
from perfsheet.text.yaml_values import yaml_block, yaml_scalar
from tests.conftest import EXAMPLES, examples


def _roundtrip(root: Path, work: Path) -> tuple[Collection, Collection]:
    """build's document, and monitor's when a project has its 监控 (the examples), imported together."""
    docx = work / "built.docx"
    result = build(root, docx)
    assert result.docx == docx, [d.message for d in result.check.report if d.severity == "error"]
    documents = [(docx, docx.name)]
    if any(project.monitoring is not None for _file, project in load_collection(root).valid_projects):
        assert monitor(root, work / "monitored.docx").docx
        documents.append((work / "monitored.docx", "monitored.docx"))
    imported = import_documents(documents)
    assert [d.message for d in imported.diagnostics] == []
    assert write_files(imported, work / "imported", "imported")
    return load_collection(root), load_collection(work / "imported")


def _models(collection: Collection) -> list[Any]:
    """The projects as the 申报表 and the 监控表 carry them: the year-end 自评 is on neither."""
    assert all(p.project is not None for p in collection.projects), collection.all_diagnostics()
    return [p.project.model_copy(update={"self_evaluation": None}) for p in collection.projects if p.project]


def test_examples_round_trip_as_models_and_as_document_xml(tmp_path: Path) -> None:
    original, imported = _roundtrip(EXAMPLES, tmp_path)
    assert imported.settings == original.settings
    assert _models(imported) == _models(original)
    assert [p.display.rsplit("/", 1)[1] for p in imported.projects] == [
        p.display.rsplit("/", 1)[1] for p in original.projects
    ]
    first = document_parts(layout_collection(original), "t")["word/document.xml"]
    second = document_parts(layout_collection(imported), "t")["word/document.xml"]
    assert first == second


# --- generated collections ---------------------------------------------------------------------------

CJK = st.text(alphabet="科技人才服务学会交流活动培训质量效益社会提升党建年会论坛项目", min_size=2, max_size=14)
STATES = st.sampled_from(["及时", "有效提升", "较上年有所增加", "稳步提升", "合理", "达标"])
UNITS = st.sampled_from(["场", "次", "人次", "篇", "%", "个", "小时"])  # no 万元: a cost above the budget is an error


@st.composite
def indicator_value(draw: st.DrawFn) -> tuple[str, bool]:
    kind = draw(st.sampled_from(["quantitative", "state", "marked"]))
    if kind == "quantitative":
        number = draw(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False))
        return f"{draw(st.sampled_from(['≥', '≤', '=', '>', '<']))}{number}({draw(UNITS)})", False
    if kind == "state":
        return draw(STATES), False
    return f"进入全市前 {draw(st.integers(1, 20))} 名", True


@st.composite
def project_yaml(draw: st.DrawFn, number: int) -> str:
    annual = draw(st.integers(1, 10**8)) * Decimal("0.01") * 100
    carry = (annual * draw(st.sampled_from([0, 0, Decimal("0.1")]))).quantize(Decimal("0.01"))
    lines = [
        f"项目名称: 项目{number}{draw(CJK)}",
        f"项目性质: {draw(st.sampled_from(['其他一次性项目', '经常性项目', '一次性项目']))}",
        f"项目类别: {draw(st.sampled_from(['特定目标类', '运转类']))}",
        f"计划开始日期: 2026-{draw(st.integers(1, 6)):02d}-01",
        f"计划完成日期: 2026-12-{draw(st.integers(1, 31)):02d}",
        "年度资金:",
        f"  年度资金申请总额: {annual:,.2f}",
        f"  当年财政拨款: {annual - carry:,.2f}",
        f"  上年结转资金: {carry}",
        "  其他资金: 0",
    ]
    if draw(st.booleans()):
        lines.append(f"项目总目标: {yaml_block(draw(CJK) + chr(10) + draw(CJK))}")
    goal_lines = draw(st.lists(CJK, min_size=1, max_size=3))
    lines.append(f"年度总体目标: {yaml_block(chr(10).join(goal_lines))}")
    lines.append("绩效指标:")
    names: set[str] = set()
    fw = framework().levels
    for level1 in draw(st.lists(st.sampled_from(list(fw)), min_size=1, max_size=4, unique=True)):
        lines.append(f"  {level1}:")
        for level2 in draw(st.lists(st.sampled_from(fw[level1]), min_size=1, max_size=3, unique=True)):
            lines.append(f"    {level2}:")
            for _ in range(draw(st.integers(1, 3))):
                name = f"指标{len(names) + 1}{draw(CJK)}"
                names.add(name)
                value, marked = draw(indicator_value())
                if marked:
                    lines.append(f"      - {{名称: {yaml_scalar(name, flow=True)}, 指标值: {value}, 定性: true}}")
                else:
                    lines.append(f"      - {yaml_scalar(name)}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


@st.composite
def collections(draw: st.DrawFn) -> dict[str, str]:
    files = {"perfsheet.yaml": f"年度: 2026\n编报单位: 上海市{draw(CJK)}中心\n主管部门: 上海市{draw(CJK)}局\n"}
    for number in range(1, draw(st.integers(1, 4)) + 1):
        files[f"{number:02d}-项目{number}.yaml"] = draw(project_yaml(number))
    return files


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(files=collections())
def test_generated_collections_round_trip(tmp_path_factory, files: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("roundtrip")
    root = work / "source"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    original, imported = _roundtrip(root, work)
    assert imported.settings == original.settings
    assert _models(imported) == _models(original)
    assert date(2026, 1, 1) <= _models(imported)[0].start
