"""The real client: LibreOffice Calc opens the exported workbook, recalculates the 合计 formulas, and its
CSV shows the sums of the project files."""

from __future__ import annotations

import csv
import subprocess
from decimal import Decimal
from pathlib import Path

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import phrases
from perfsheet.docx import find_soffice
from perfsheet.model import labels
from perfsheet.spreadsheet.declaration import workbook
from tests.conftest import require

CALC = "/usr/lib/libreoffice/program/libscfiltlo.so"
# Every sheet to its own file (the last token, -1), values unformatted, UTF-8 (76), comma separated.
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def calc() -> str:
    soffice = find_soffice()
    require(soffice is not None and Path(CALC).exists(), "LibreOffice Calc (apt-get install libreoffice-calc-nogui)")
    assert soffice is not None
    return soffice


def convert(source: Path, target_filter: str, folder: Path) -> None:
    soffice = calc()
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", target_filter,
         "--outdir", str(folder), str(source.resolve())],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip


def sheet_csv(path: Path, folder: Path, sheet: str) -> list[list[str]]:
    convert(path, _CSV_FILTER, folder)
    with (folder / f"{path.stem}-{sheet}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_calc_recalculates_the_totals_to_the_project_files_sums(
    two_units: tuple[list[Collection], bytes], tmp_path: Path
) -> None:
    collections, data = two_units
    path = tmp_path / "workbook.xlsx"
    path.write_bytes(data)
    rows = sheet_csv(path, tmp_path, "汇总")
    header = rows[0]
    name = header.index(labels.NAME)
    summed = [c.header for c in workbook().sheets[1].columns if c.summed]
    paths = [c.field for c in workbook().sheets[1].columns if c.summed]

    def expected(projects: list[Collection]) -> list[Decimal]:
        from perfsheet.spreadsheet.rows import by_label

        return [
            sum((by_label(p, path) or Decimal(0) for c in projects for _f, p in c.valid_projects), Decimal(0))  # type: ignore[misc]
            for path in paths
        ]

    totals = [row for row in rows if row[name] in (phrases().total, workbook().grand_total)]
    shown = [[Decimal(row[header.index(h)] or "0") for h in summed] for row in totals]
    assert shown == [expected([collections[0]]), expected([collections[1]]), expected(collections)]
    assert shown[-1][0] == Decimal("1700000")  # the examples' 850,000.00 twice
