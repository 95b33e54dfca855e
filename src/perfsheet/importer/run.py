"""``perfsheet import`` of Word files, from the files given to the files written: read every document,
then write the projects to a new folder (``-o``) or into a collection's files (``--into``), all of them
or none, with a stop signal held until they are written. The command line prints the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.files.edits import stops_held
from perfsheet.importer import ImportResult, import_documents, write_files
from perfsheet.importer.into import append_evaluations

# Told the files as soon as they are written (before a held stop is let through), so that a stop that
# comes after can say they are.
Written = Callable[[list[Path]], None]


@dataclass
class ImportRun:
    """What one import read and wrote: the documents' result (forms, projects, diagnostics) and the files
    written, in ``target`` (the new folder, or the collection the sections went into)."""

    result: ImportResult
    target: Path
    written: list[Path] = field(default_factory=list)


def import_forms(sources: list[Path], target: Path, *, into: bool, partial: bool, on_written: Written) -> ImportRun:
    """Read ``sources`` and write what they hold to ``target``: a new folder, or with ``into`` the project
    files of an existing collection. Nothing is written when a document or table could not be read,
    unless ``partial``."""
    run = ImportRun(import_documents([(path, str(path)) for path in sources]), target)
    result = run.result
    if result.imported == 0 or not (result.complete or partial):
        return run
    with stops_held():
        if into:
            run.written = append_evaluations(result, target, str(target))
        else:
            run.written = write_files(result, target, str(target))
        on_written(run.written)
    return run
