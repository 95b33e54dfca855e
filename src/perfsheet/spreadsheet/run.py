"""``perfsheet import`` of one workbook: its projects to a new folder (``-o``) or as new files of a
collection (``--into``), all of them or none, with a stop signal held until they are written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.files.edits import stops_held
from perfsheet.importer import ImportResult, write_files
from perfsheet.importer.run import Written
from perfsheet.spreadsheet.into import add_projects
from perfsheet.spreadsheet.reading import import_workbook
from perfsheet.spreadsheet.workbook_state import WorkbookImport


@dataclass
class WorkbookRun:
    """What the workbook held (sheets, rows, projects, diagnostics) and the files written."""

    read: WorkbookImport
    written: list[Path] = field(default_factory=list)


def import_workbook_to(path: Path, target: Path, *, into: bool, on_written: Written) -> WorkbookRun:
    run = WorkbookRun(import_workbook(path, str(path)))
    read = run.read
    if read.unreadable or not read.projects:
        return run
    # As for Word files: a stop waits until the files are written, then says so.
    with stops_held():
        if into:
            run.written = add_projects(read, target, str(target))
        else:
            result = ImportResult(files=read.files())
            run.written = write_files(result, target, str(target))
            read.diagnostics.extend(result.diagnostics)
        on_written(run.written)
    return run
