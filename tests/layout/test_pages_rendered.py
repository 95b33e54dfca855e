"""LibreOffice judges the pages: the examples (build, evaluate and monitor), a 10-indicator project with its 自评 and
a 45-indicator one after a 30-line goal, rendered to PDF and read back with pdftotext. No line of a cover
holds one character alone; the labels, the values and the group names are whole; every page of an
indicator block names the 一级 and 二级 of each of its rows, once (a page that falls earlier than
estimated carries the rows meant for the next one, and names their groups a second time); 总分 is on the
page of the last rows.
Skipped with the reason when LibreOffice or pdftotext is missing; under CI=true that fails."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from perfsheet.documents.build import build
from perfsheet.documents.evaluate import evaluate
from perfsheet.documents.monitor import monitor
from perfsheet.docx import find_soffice
from tests.conftest import EXAMPLES, require, write_collection
from tests.layout.projects import SETTINGS, TEN, long_project, ten_indicator_project, ten_monitored_project


def _groups(text: str) -> dict[str, tuple[str, str]]:
    """Each 三级指标 of a project file with its 一级 and 二级."""
    found: dict[str, tuple[str, str]] = {}
    level1 = level2 = ""
    in_indicators = False
    for line in text.splitlines():
        if line.startswith("绩效指标:"):
            in_indicators = True
            continue
        if in_indicators and line and not line.startswith(" "):
            break
        if not in_indicators:
            continue
        if line.startswith("      - "):
            found[line[8:].split(":")[0]] = (level1, level2)
        elif line.startswith("    "):
            level2 = line.strip().rstrip(":")
        elif line.startswith("  "):
            level1 = line.strip().rstrip(":")
    return found


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each document's pages as pdftotext -raw reads them."""
    require(find_soffice(), "LibreOffice (soffice)")
    require(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    work = tmp_path_factory.mktemp("rendered")
    ten = write_collection(work / "ten", {"01-十个指标.yaml": ten_indicator_project()}, SETTINGS)
    long = write_collection(work / "long", {"01-长项目.yaml": long_project()}, SETTINGS)
    monitored = write_collection(work / "monitored", {"01-十个指标.yaml": ten_monitored_project()}, SETTINGS)
    results = {
        "examples-build": build(EXAMPLES, work / "e-build.docx", pdf=True).pdf,
        "examples-evaluate": evaluate(EXAMPLES, work / "e-evaluate.docx", pdf=True).pdf,
        "examples-monitor": monitor(EXAMPLES, work / "e-monitor.docx", pdf=True).pdf,
        "ten-build": build(ten, work / "ten-build.docx", pdf=True).pdf,
        "ten-evaluate": evaluate(ten, work / "ten-evaluate.docx", pdf=True).pdf,
        "long-build": build(long, work / "long-build.docx", pdf=True).pdf,
        "ten-monitor": monitor(monitored, work / "ten-monitor.docx", pdf=True).pdf,
    }
    pages = {}
    for name, pdf in results.items():
        assert pdf is not None, name
        text = subprocess.run(
            [str(shutil.which("pdftotext")), "-raw", "--", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        pages[name] = text.split("\f")[:-1]
    return pages


# One character, perhaps with closing punctuation: what a line must never be.
LONE = re.compile(r"^\s*[\u2e80-\u9fff\uff00-\uffef][，。、；：）%]?\s*$")


@pytest.mark.parametrize("name", ["examples-build", "examples-evaluate", "ten-build", "ten-evaluate", "long-build"])
def test_no_line_of_a_cover_is_one_character(rendered: dict[str, list[str]], name: str) -> None:
    cover = rendered[name][0]
    assert [line for line in cover.splitlines() if LONE.match(line)] == []


def test_the_labels_and_the_values_are_whole_on_their_lines(rendered: dict[str, list[str]]) -> None:
    """计划开始日期 on the 申报表; ≤25.00(万元), =12.00(台套) on the 自评表 and the 监控表; the money with
    commas."""
    lines = {name: [_squeeze(line) for page in pages for line in page.splitlines()] for name, pages in rendered.items()}
    for name in ("examples-build", "ten-build", "long-build"):
        assert any("计划开始日期" in line for line in lines[name][1:]), name
    for _one, _two, _name, target, _actual in TEN:
        assert any(target in line for line in lines["ten-evaluate"]), target
        # The 监控表's narrower columns too.
        assert any(target in line for line in lines["ten-monitor"]), target
    assert sum("12,345,678.00" in line for line in lines["ten-monitor"]) >= 2
    assert any(line.endswith("1,234.57万元。") for line in lines["ten-build"])


def test_the_evaluation_sentence_has_no_orphan(rendered: dict[str, list[str]]) -> None:
    for name in ("examples-evaluate", "ten-evaluate"):
        sentence = [line for line in rendered[name][0].splitlines() if line.strip()]
        assert not any(_squeeze(line) in ("个。", "0个。") for line in sentence), sentence


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("long-build", "long"),
        ("ten-evaluate", "ten"),
        ("examples-build", "examples"),
        ("examples-evaluate", "examples"),
        ("examples-monitor", "examples"),
    ],
)
def test_every_page_names_the_groups_of_its_rows(rendered: dict[str, list[str]], name: str, source: str) -> None:
    if source == "long":
        groups = _groups(long_project())
    elif source == "ten":
        groups = _groups(ten_indicator_project())
    else:
        # evaluate prints the one project with a 自评 (01); build prints them all.
        paths = sorted(EXAMPLES.glob("0*.yaml"))[: 1 if name.endswith("evaluate") else None]
        groups = {}
        for path in paths:
            groups |= _groups(path.read_text(encoding="utf-8"))
    checked = 0
    for page in rendered[name][1:]:
        flat = _squeeze(page)
        # A name is on the page when one of its lines is (a long name wraps); a short one needs all of it.
        names = [n for n in groups if n in flat]
        for indicator in names:
            level1, level2 = groups[indicator]
            assert level1 in flat and level2 in flat, (indicator, level1, level2, page[:200])
            # Each 二级 of these forms is one run of rows: named twice on a page, a page broke early.
            assert flat.count(level2) == 1, (level2, page[:200])
            checked += 1
        if names:
            assert "一级指标" in flat and "绩效指标" in flat, "the header and its label on every page"
    assert checked >= len(groups) - 2


def test_the_long_form_runs_over_pages_and_the_total_stays_with_its_rows(rendered: dict[str, list[str]]) -> None:
    long_pages = [page for page in rendered["long-build"][1:] if "一级指标" in page]
    assert len(long_pages) >= 3, "the 45 indicators run over three pages"
    evaluation = rendered["ten-evaluate"][1:]
    last_name = _squeeze(TEN[-1][2])
    page = next(page for page in evaluation if last_name in _squeeze(page))
    assert "总分" in page
