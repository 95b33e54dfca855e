"""A real word processor is the judge: LibreOffice renders the examples, and the PDF has the pages we
designed and every name, amount and value. Skipped with a reason when LibreOffice is missing locally;
under CI=true a missing LibreOffice fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from perfsheet.documents.build import build
from perfsheet.docx import find_soffice
from tests.conftest import EXAMPLES

SEED = yaml.safe_load((Path(__file__).parent / "seed_forms.yaml").read_text(encoding="utf-8"))


def _require_tools() -> None:
    missing = [
        name for name, found in (("soffice", find_soffice()), ("pdftotext", shutil.which("pdftotext"))) if not found
    ]
    if missing:
        message = f"{', '.join(missing)} not installed (Debian: libreoffice-writer-nogui fonts-noto-cjk poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    _require_tools()
    target = tmp_path_factory.mktemp("render") / "seed.docx"
    result = build(EXAMPLES, target, pdf=True)
    assert result.pdf is not None, [d.message for d in result.check.report]
    info = subprocess.run(["pdfinfo", str(result.pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    text = subprocess.run(
        ["pdftotext", "-raw", str(result.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_one_cover_page_and_one_page_per_seed_form(rendered: tuple[int, str]) -> None:
    pages, _text = rendered
    assert pages == 4


def test_every_name_amount_and_value_is_on_the_pages(rendered: tuple[int, str]) -> None:
    _pages, text = rendered
    flat = _squeeze(text)
    expected = [SEED["cover"]["title"], SEED["cover"]["sentence"], *SEED["cover"]["total"]]
    for form in SEED["forms"]:
        expected += [str(v) for v in form["fields"].values() if v]
        for level1, level2, name, value in form["indicators"]:
            expected += [level1, level2, name, value]
    missing = [item for item in expected if _squeeze(item) not in flat]
    assert missing == []


def test_page_numbers_are_printed(rendered: tuple[int, str]) -> None:
    _pages, text = rendered
    for page in range(1, 5):
        assert f"— {page} —" in text


def _pdf(source: Path, folder: Path) -> Path:
    result = build(source, folder / "out.docx", pdf=True)
    assert result.pdf is not None, [d.message for d in result.check.report if d.severity == "error"]
    return result.pdf


def _pages(pdf: Path, mode: str = "-layout") -> list[str]:
    text = subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_the_largest_amounts_stay_on_one_line_on_the_cover(tmp_path: Path) -> None:
    from tests.conftest import CLEAN_PROJECT, write_collection

    _require_tools()
    big = "999,999,999.99"
    text = (
        CLEAN_PROJECT.replace("年度资金申请总额: 450,000.00", "年度资金申请总额: 2,999,999,999.97")
        .replace("当年财政拨款: 400,000.00", f"当年财政拨款: {big}")
        .replace("上年结转资金: 50,000.00", f"上年结转资金: {big}")
        .replace("  其他资金: 0", f"  其他资金: {big}")
    )
    projects = {
        f"0{n}-x.yaml": text.replace("青年科技人才服务", f"青年科技人才服务第{n}期（名称较长的项目）")
        for n in (1, 2, 3)
    }
    cover = _pages(_pdf(write_collection(tmp_path / "c", projects), tmp_path))[0]
    lines = cover.splitlines()
    # Every amount is whole on one line: three rows of four, and the 合计 row.
    assert sum(line.count(big) for line in lines) == 9
    assert sum(line.count("2,999,999,999.97") for line in lines) == 3 + 3
    assert sum(line.count("8,999,999,999.91") for line in lines) == 1


def test_a_long_form_repeats_its_indicator_header_and_leaves_no_page_half_empty(tmp_path: Path) -> None:
    from tests.conftest import CLEAN_PROJECT, write_collection

    _require_tools()
    goal = "年度总体目标: |\n" + "".join(
        f"  {n}.围绕青年科技人才服务开展第{n}项重点工作，组织专家论证、培训交流和成果宣传，确保按期完成；\n"
        for n in range(1, 31)
    )
    text = (
        CLEAN_PROJECT[: CLEAN_PROJECT.index("年度总体目标: |")]
        + goal
        + CLEAN_PROJECT[CLEAN_PROJECT.index("绩效指标:") :]
    )
    # Three 一级 groups of about fifteen rows: none fits whole in what is left of a page.
    extra = "".join(f"      - 第{n}类活动举办完成数: ≥{n}.00(场)\n" for n in range(1, 13))
    text = text.replace("      - 优秀论文评选数: ≤10.00(篇)\n", "      - 优秀论文评选数: ≤10.00(篇)\n" + extra)
    benefits = "".join(f"      - 第{n}类服务对象覆盖率: ≥{n}.00(%)\n" for n in range(1, 14))
    text = text.replace("      - 项目影响力: 较上年有所提升\n", "      - 项目影响力: 较上年有所提升\n" + benefits)
    satisfied = "".join(f"      - 第{n}类参会人员满意度: ≥90.00(%)\n" for n in range(1, 13))
    text = text.replace("      - 参会人员满意度: ≥90.00(%)\n", "      - 参会人员满意度: ≥90.00(%)\n" + satisfied)
    pdf = _pdf(write_collection(tmp_path / "c", {"01-x.yaml": text}), tmp_path)
    pages = _pages(pdf)[1:]  # the form's pages, after the cover
    assert len(pages) >= 3, "the test needs a form over several pages"
    with_indicators = [page for page in pages if re.search("完成数|覆盖率|满意度", page)]
    assert len(with_indicators) >= 2
    assert all("一级指标" in page and "三级指标" in page for page in with_indicators), "the header row repeats"
    # Every page but the last is well used (the issue asks for half; pushing a whole 一级 group to the next
    # page, as before, left pages 69% and 54% used here): its lowest text is in the bottom quarter.
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(h) for h in re.findall(r'<page width="[\d.]+" height="([\d.]+)">', boxes)]
    lowest = []
    for page, height in zip(re.findall(r"<page .*?</page>", boxes, re.S), heights, strict=True):
        # Text above the footer (the page number sits in the bottom margin).
        bottoms = [y for y in map(float, re.findall(r'yMax="([\d.]+)"', page)) if y < height - 72]
        lowest.append(max(bottoms) if bottoms else 0.0)
    for index in range(1, len(heights) - 1):
        assert lowest[index] > heights[index] * 0.75, f"page {index + 1} is less than three quarters used"
