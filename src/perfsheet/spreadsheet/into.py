"""``import FILE.xlsx --into DIR``: the workbook's projects added to the collection in DIR as new files.
No existing file is touched: a project whose 项目名称 DIR already has is reported, and then nothing is
written at all (the workbook is imported whole or not)."""

from __future__ import annotations

from pathlib import Path

from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import from_catalogue, listing
from perfsheet.files.folders import NOT_A_FOLDER
from perfsheet.importer import ImportResult, write_files
from perfsheet.model import labels
from perfsheet.spreadsheet.workbook_state import WorkbookImport


def add_projects(read: WorkbookImport, directory: Path, display: str) -> list[Path]:
    """Write every project of ``read`` as a new file in ``directory``; the files written, or none (and
    why, in ``read.diagnostics``)."""
    if not directory.is_dir():
        read.diagnostics.append(from_catalogue("E306", display, None, path=display, reason=NOT_A_FOLDER))
        return []
    if len(read.units) > 1:
        units = listing(unit.unit for unit in read.units.values())
        read.diagnostics.append(from_catalogue("E516", display, None, count=len(read.units), units=units))
        return []
    collection = load_collection(directory)
    existing: dict[str, str] = {}
    for file in collection.projects:
        data = file.source.data
        name = data.get(labels.NAME) if isinstance(data, dict) else None
        if isinstance(name, str) and name.strip():
            existing.setdefault(name.strip(), file.display)
    (unit,) = read.units.values()
    clashes = [name for name in unit.projects if name in existing]
    for name in clashes:
        read.diagnostics.append(
            from_catalogue("E515", existing[name], None, name=name, folder=display, existing=existing[name])
        )
    if clashes or not unit.projects:
        return []
    settings = collection.settings
    defaults = (settings.department, settings.unit) if settings is not None else None
    taken = {file.source.path.name for file in collection.projects}
    files = unit.project_files(len(collection.projects) + 1, taken, defaults)
    result = ImportResult(files=files)
    written = write_files(result, directory, display)
    read.diagnostics.extend(result.diagnostics)
    return written
