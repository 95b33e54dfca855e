"""Two units' collections (the examples, and a copy under another 编报单位 whose texts begin like
formulas), and their exported workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsheet.collection.loading import Collection
from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet.export import workbook_bytes
from tests.conftest import EXAMPLES

# A project name and a goal from another unit that a spreadsheet would run as formulas.
HOSTILE_NAME = '=HYPERLINK("http://example.invalid/","点击")'
HOSTILE_GOAL = "+1+2"
SECOND_UNIT = "@上海市另一中心"


def second_unit(root: Path) -> Path:
    """The examples under another unit, one project renamed to a formula, one goal to a sum."""
    shutil.copytree(EXAMPLES, root)
    settings = root / "perfsheet.yaml"
    text = settings.read_text(encoding="utf-8")
    unit = next(line for line in text.splitlines() if line.startswith("编报单位:"))
    settings.write_text(text.replace(unit, f"编报单位: '{SECOND_UNIT}'"), encoding="utf-8")
    first = sorted(root.glob("0*.yaml"))[1]
    project = first.read_text(encoding="utf-8")
    name = next(line for line in project.splitlines() if line.startswith("项目名称:"))
    project = project.replace(name, f"项目名称: '{HOSTILE_NAME}'")
    project = project.replace("项目总目标:\n", f"项目总目标: '{HOSTILE_GOAL}'\n", 1)
    first.write_text(project, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def two_units(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Collection], bytes]:
    other = second_unit(tmp_path_factory.mktemp("units") / "other")
    checked = check_paths([EXAMPLES, other])
    assert not checked.report.has_errors, [d.message for d in checked.report.diagnostics if d.severity == "error"]
    return checked.collections, workbook_bytes(checked.collections)
