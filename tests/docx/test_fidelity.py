"""Read the built examples/2026 back (python-docx resolves the merges) and compare every label and value
with the seed, as written down in tests/seed_forms.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import docx
from perfsheet.documents.build import build
from tests.conftest import EXAMPLES

SEED = yaml.safe_load((Path(__file__).parent.parent / "seed_forms.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("fidelity") / "seed.docx"
    result = build(EXAMPLES, target)
    assert result.docx == target, [d.message for d in result.check.report]
    return docx.Document(str(target))


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _read_form(top: Any, indicators: Any) -> dict[str, Any]:
    rows = _texts(top) + _texts(indicators)
    fields = {rows[0][0]: rows[0][1], rows[0][3]: rows[0][4], rows[0][5]: rows[0][6]}
    fields.update({rows[1][0]: rows[1][1], rows[1][3]: rows[1][4], rows[2][0]: rows[2][1], rows[2][3]: rows[2][4]})
    for row in rows[3:7]:
        left = row[1] + ("(项目)" if row[1] == "其他资金" else "")
        right = row[3] + ("(年度)" if row[3] == "其他资金" else "")
        fields[left] = row[2]
        fields[right] = row[5]
    fields[rows[7][1]] = rows[8][1]
    return {
        "side_labels": [rows[3][0], rows[7][0], rows[9][0]],
        "goal_labels": [rows[7][1], rows[7][3]],
        "header": [rows[9][1], rows[9][2], rows[9][3], rows[9][5]],
        "fields": fields,
        "annual_goal": rows[8][3],
        # A group name that would leave 「标」 alone breaks before 「指标」 (可持续影响 / 指标): the same name.
        "indicators": [[row[1].replace("\n", ""), row[2].replace("\n", ""), row[3], row[5]] for row in rows[10:]],
    }


def test_the_document_is_a_cover_and_three_forms(built: Any) -> None:
    assert len(built.tables) == 7, "the cover, and each form as its top part and its indicator block"
    titles = [p.text for p in built.paragraphs if p.style.name == "Form Title"]
    assert titles == ["财政项目支出绩效目标申报表"] * 3
    assert [p.text for p in built.paragraphs if p.style.name == "Form Subtitle"] == ["（2026年度）"] * 3


def test_cover(built: Any) -> None:
    cover = SEED["cover"]
    assert built.paragraphs[0].text == cover["title"]
    rows = _texts(built.tables[0])
    assert rows[0] == [
        "序号", "项目名称", "项目性质", "项目类别", "计划开始日期", "计划完成日期",
        "年度资金申请总额", "其中：当年财政拨款", "上年结转资金", "其他资金",
    ]  # fmt: skip
    assert rows[1:-1] == [[str(v) for v in row] for row in cover["rows"]]
    assert rows[-1] == ["合计"] * 6 + cover["total"]
    assert cover["sentence"] in [p.text for p in built.paragraphs]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_form_matches_the_seed(built: Any, index: int) -> None:
    expected = SEED["forms"][index]
    form = _read_form(built.tables[2 * index + 1], built.tables[2 * index + 2])
    assert [label.replace("\n", "") for label in form["side_labels"]] == ["项目资金（元）", "项目绩效目标", "绩效指标"]
    assert form["goal_labels"] == ["项目总目标", "年度总体目标"]
    assert form["header"] == ["一级指标", "二级指标", "三级指标", "年度(/项目)指标值"]
    assert form["fields"] == {k: str(v) for k, v in expected["fields"].items()}
    assert form["annual_goal"].startswith(expected["annual_goal_starts"])
    assert form["annual_goal"].endswith(expected["annual_goal_ends"])
    assert form["indicators"] == expected["indicators"]
