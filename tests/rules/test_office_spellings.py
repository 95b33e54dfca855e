"""R358 across a collection whose offices' names repeat, in more than one spelling: each project is
compared as the first spelling of its office, whichever spelling it repeats and whenever it comes."""

from __future__ import annotations

from pathlib import Path

from perfsheet.rules.check import check_paths
from tests.conftest import CLEAN_PROJECT, variant, write_collection

QINGSHAN, QINGSHAN_CODED, HONGSHAN = "青山区教育局", '"[015001]武汉市青山区教育局"', "洪山区教育局"


def _projects(departments: list[str]) -> dict[str, str]:
    return {
        f"{number:02d}-p.yaml": variant(
            "项目名称: 青年科技人才服务", f"项目名称: 项目{number}\n主管部门: {department}", CLEAN_PROJECT
        )
        for number, department in enumerate(departments, start=1)
    }


def _findings(root: Path) -> list[tuple[str, str, str]]:
    return [(Path(d.file).name, d.code, d.message) for d in check_paths([root]).report]


def test_repeated_spellings_count_for_their_office(tmp_path: Path) -> None:
    departments = [QINGSHAN, QINGSHAN_CODED, QINGSHAN, HONGSHAN, QINGSHAN]
    found = _findings(write_collection(tmp_path, _projects(departments)))
    assert [(name, code) for name, code, _message in found] == [("04-p.yaml", "R358")]
    assert QINGSHAN in found[0][2] and HONGSHAN in found[0][2]


def test_the_first_spelling_stands_for_its_office_however_often_another_repeats(tmp_path: Path) -> None:
    departments = [QINGSHAN_CODED, HONGSHAN, QINGSHAN, QINGSHAN, HONGSHAN]
    found = _findings(write_collection(tmp_path, _projects(departments)))
    assert [(name, code) for name, code, _message in found] == [("02-p.yaml", "R358"), ("05-p.yaml", "R358")]
    # The majority's office is named as its first spelling, with its code.
    assert all("[015001]武汉市青山区教育局" in message for _name, _code, message in found)
