"""export → import gives the same projects (as models, 自评 included) and the same file names; the
imported collection exports to the very same bytes; and a workbook saved again by LibreOffice Calc
imports to the same files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from perfsheet.collection.loading import Collection, load_collection
from perfsheet.importer import ImportResult, write_files
from perfsheet.rules.check import check_paths
from perfsheet.spreadsheet.export import workbook_bytes
from perfsheet.spreadsheet.reading import import_workbook
from tests.conftest import EXAMPLES
from tests.importer.test_roundtrip import collections as generated_collections
from tests.spreadsheet.test_libreoffice import convert


def _import(data: bytes, work: Path) -> tuple[dict[str, str], Path]:
    source = work / "workbook.xlsx"
    source.write_bytes(data)
    read = import_workbook(source)
    assert [d.message for d in read.diagnostics] == []
    files = read.files()
    target = work / "imported"
    assert write_files(ImportResult(files=files), target, "imported")
    return files, target


def _models(collection: Collection) -> list[Any]:
    assert all(p.project is not None for p in collection.projects), collection.all_diagnostics()
    return [p.project for p in collection.projects]


def _round_trip(root: Path, work: Path) -> tuple[Collection, Collection, bytes, dict[str, str]]:
    checked = check_paths([root])
    assert not checked.report.has_errors
    data = workbook_bytes(checked.collections)
    files, target = _import(data, work)
    return load_collection(root), load_collection(target), data, files


def test_examples_round_trip_with_their_evaluations(tmp_path: Path) -> None:
    original, imported, data, _files = _round_trip(EXAMPLES, tmp_path)
    assert imported.settings == original.settings
    assert _models(imported) == _models(original)
    assert any(p.self_evaluation is not None for p in _models(imported))
    assert [Path(p.display).name for p in imported.projects] == [Path(p.display).name for p in original.projects]
    # The imported collection is the same collection: it exports to the same bytes.
    assert workbook_bytes(check_paths([imported.root]).collections) == data


def test_a_workbook_saved_by_calc_imports_to_the_same_files(tmp_path: Path) -> None:
    checked = check_paths([EXAMPLES])
    data = workbook_bytes(checked.collections)
    direct, _target = _import(data, tmp_path)
    saved = tmp_path / "calc"
    saved.mkdir()
    (saved / "ours.xlsx").write_bytes(data)
    convert(saved / "ours.xlsx", "xlsx:Calc MS Excel 2007 XML", saved / "out")
    resaved = (saved / "out" / "ours.xlsx").read_bytes()
    assert resaved != data  # Calc wrote its own file (shared strings, its styles, cached results)
    again, _target = _import(resaved, saved)
    assert again == direct


@settings(
    max_examples=int(os.environ.get("PERFSHEET_ROUNDTRIP_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(files=generated_collections())
def test_generated_collections_round_trip(tmp_path_factory, files: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("sheets")
    root = work / "source"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    original, imported, data, written = _round_trip(root, work)
    assert imported.settings == original.settings
    assert _models(imported) == _models(original)
    assert workbook_bytes(check_paths([imported.root]).collections) == data
    (work / "again").mkdir()
    again, _target = _import(data, work / "again")
    assert again == written


def test_a_thousand_generated_projects_with_their_evaluations_round_trip(tmp_path: Path) -> None:
    """The benchmark's 1,000 realistic projects, each with a 自评."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench import generate  # type: ignore[import-not-found]

    root = tmp_path / "source"
    generate(root, 1000, evaluated=True)
    original, imported, _data, files = _round_trip(root, tmp_path)
    assert len(files) > 1000
    assert imported.settings == original.settings
    assert _models(imported) == _models(original)
    assert all(p.self_evaluation is not None for p in _models(imported))
