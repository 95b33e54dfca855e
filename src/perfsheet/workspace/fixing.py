"""``perfsheet fix`` over the paths it is given: which files are ours to repair, each file's repairs
(:mod:`perfsheet.workspace.fix`), all of them written or none, and what ``validate`` would still report.
The command line prints the result; nothing here prints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.collection.discovery import SETTINGS_FILE, collection_files
from perfsheet.diagnostics import Diagnostic, Report, Severity, from_catalogue, visible
from perfsheet.files.edits import Edit, apply_edits, leftover_copies, stops_held
from perfsheet.files.safe import FileProblem, file_diagnostic
from perfsheet.rules.check import check_paths, is_other_yaml
from perfsheet.source.decoding import MAX_FILE_BYTES
from perfsheet.workspace.fix import FileFix, fix_file


@dataclass
class FixRun:
    """What one ``fix`` did: the files repaired (written), or under ``--diff`` the repairs it would make;
    the problems that kept files unchanged; how many respellings it held back in declared parts; and the
    errors ``validate`` would still report."""

    repaired: list[FileFix] = field(default_factory=list)
    pending: list[FileFix] = field(default_factory=list)
    problems: Report = field(default_factory=Report)
    held: int = 0
    remaining: int = 0

    @property
    def changed(self) -> int:
        return len(self.repaired) + len(self.pending)


def fix_paths(paths: list[Path], *, diff: bool, declared: bool, written: list[str]) -> FixRun:
    """Repair the files of ``paths`` (only show the repairs with ``diff``); the files written are added to
    ``written`` as soon as they are, so that a stop signal that comes after can say so."""
    files, refused = files_to_fix(paths)
    run = FixRun(problems=Report([*refused, *leftover_copies(files)]))
    repaired: list[FileFix] = []
    for path in files:
        result = fix_file(path, declared=declared)
        if result.refused is not None:
            run.problems.add(result.refused)
            continue
        run.held += result.held
        if result.changes:
            (run.pending if diff else repaired).append(result)
    with stops_held():
        try:
            # All the files or none: a stop signal or a file that cannot be written puts every file back.
            write_fixes(repaired)
        except FileProblem as failure:
            run.problems.add(file_diagnostic(failure))
            repaired = []
        written.extend(visible(result.display) for result in repaired)
    run.repaired = repaired
    # What validate would still report, once the repairs are made (written, or pending under --diff).
    run.remaining = errors_left(paths, run.pending)
    return run


def errors_left(paths: list[Path], pending: list[FileFix]) -> int:
    """The errors ``validate`` reports for ``paths`` once the repairs ``pending`` (not yet written, as
    under --diff) are made: an error on a line a pending repair changes is the one it repairs. Every
    check counts (the 自评's scores, the review rules set to 错误, the collection's), not only the model's."""
    repaired = {fix.path.resolve(): {change.line for change in fix.changes} for fix in pending}
    report = check_paths(paths).report
    return sum(
        1
        for diagnostic in report
        if diagnostic.severity is Severity.ERROR
        and diagnostic.line not in repaired.get(Path(diagnostic.file).resolve(), set())
    )


def files_to_fix(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The files validate checks among ``paths``, and why the others are left alone: a collection
    folder's perfsheet.yaml and project files; a file of a collection when it is one of its project
    files; a lone file when it is a project file. A folder without perfsheet.yaml, a file of a collection
    that is none of its project files and another tool's YAML (validate's E019) are never touched."""
    found: list[Path] = []
    refused: list[Diagnostic] = []
    for path in paths:
        if path.is_dir() or path.name == SETTINGS_FILE:
            files = collection_files(path)
            if not os.path.lexists(files.settings):
                refused.append(from_catalogue("E060", files.root.as_posix(), None, path=files.root.as_posix()))
                continue
            found.append(files.settings)
            found.extend(files.projects)
        elif os.path.lexists(path.parent / SETTINGS_FILE):
            if path.name in {project.name for project in collection_files(path.parent).projects}:
                found.append(path)
            else:
                refused.append(from_catalogue("E061", path.as_posix(), None, path=path.as_posix()))
        elif is_other_yaml(path):
            refused.append(from_catalogue("E019", path.as_posix(), None))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique), refused


def write_fixes(fixes: list[FileFix]) -> None:
    """Write every repaired file in place, all of them or none (raises ``FileProblem``)."""
    apply_edits([Edit(fix.path, fix.raw, fix.fixed.encode("utf-8")) for fix in fixes], MAX_FILE_BYTES)
