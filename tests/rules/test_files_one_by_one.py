"""Files given one by one (as a pre-commit hook gives the files of a commit) are checked with their
collection and reported for themselves: exactly what checking the whole collection reports for them,
although the other files' own checks are no longer run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsheet.rules.check import check_paths

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = sorted(
    p.parent for p in [*REPO.glob("tests/corpus/real-forms*/*/perfsheet.yaml"), *REPO.glob("examples/*/perfsheet.yaml")]
)


def _findings(paths: list[Path]) -> list[tuple[str, int, int, str, str]]:
    return [(Path(d.file).name, d.line, d.column, d.code, d.message) for d in check_paths(paths).report.sorted()]


def _each_file_alone_reports_its_share(folder: Path) -> None:
    whole = _findings([folder])
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "perfsheet.yaml":
            continue
        share = [f for f in whole if f[0] in (path.name, "perfsheet.yaml")]
        assert _findings([path]) == share, path.name


@pytest.mark.parametrize("folder", COLLECTIONS, ids=[str(p.relative_to(REPO)) for p in COLLECTIONS])
def test_each_file_alone_reports_what_the_whole_collection_reports_for_it(folder: Path) -> None:
    _each_file_alone_reports_its_share(folder)


def test_findings_across_files_are_kept_for_a_file_given_alone(tmp_path: Path) -> None:
    # Three copies of one project: the same 项目名称 twice over (E220 on the later files), and a third
    # with another 主管部门 than the other two (R358 on it alone).
    source = REPO / "examples" / "2026"
    folder = tmp_path / "c"
    shutil.copytree(source, folder)
    first = sorted(folder.glob("0*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    (folder / "91-copy.yaml").write_text(text, encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("项目名称:"))
    (folder / "92-copy.yaml").write_text(text.replace(name, f"{name}\n主管部门: 上海市另一局"), encoding="utf-8")
    codes = {f[3] for f in _findings([folder / "92-copy.yaml"])}
    assert {"E220", "R358"} <= codes
    _each_file_alone_reports_its_share(folder)
