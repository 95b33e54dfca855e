"""``import --into DIR``: the 自评 section of each 自评表 appended to the project file already in DIR that
has its 项目名称. The declared part of a file stays byte for byte (git shows only the added lines), a file
that has a 自评 already is never touched, and nothing is written unless every 自评表 finds its one file."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from perfsheet.collection.discovery import collection_files
from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Position, closest, did_you_mean, from_catalogue, listing
from perfsheet.files.edits import Edit, apply_edits, leftover_copies
from perfsheet.files.folders import NOT_A_FOLDER
from perfsheet.files.safe import FileProblem, file_diagnostic, read_user_file
from perfsheet.importer import ImportResult
from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.reader import FormData
from perfsheet.importer.writer import evaluation_yaml
from perfsheet.model import labels
from perfsheet.source import load_text
from perfsheet.source.decoding import MAX_FILE_BYTES

_CRLF = b"\r\n"


def _files_by_name(directory: Path) -> dict[str, list[tuple[Path, str, bool]]]:
    """Each 项目名称 of the folder's project files → (path, as shown, whether it has a 自评 already)."""
    found: dict[str, list[tuple[Path, str, bool]]] = {}
    for file in load_collection(directory).projects:
        data = file.source.data
        name = data.get(labels.NAME) if isinstance(data, dict) else None
        if isinstance(data, dict) and isinstance(name, str) and name.strip():
            has_section = labels.SELF_EVALUATION in data
            found.setdefault(name.strip(), []).append((file.source.path, file.display, has_section))
    return found


def append_evaluations(result: ImportResult, directory: Path, display: str) -> list[Path]:
    """Append every 自评 section of ``result`` to its project file in ``directory``; the files changed,
    or none (and the reasons in ``result.diagnostics``)."""
    if not directory.is_dir():
        result.diagnostics.append(from_catalogue("E306", display, None, path=display, reason=NOT_A_FOLDER))
        return []
    evaluations = [(form, form.evaluation) for form in result.read if form.evaluation is not None]
    for form in result.read:
        if form.evaluation is None:
            result.diagnostics.append(from_catalogue("E352", form.document, Position(1, 1), table=form.fields.table))
    result.diagnostics.extend(leftover_copies(collection_files(directory).projects))
    files = _files_by_name(directory)
    planned: dict[Path, tuple[FormData, EvaluationData, str]] = {}
    failed = False
    named = Counter(form.name for form, _evaluation in evaluations)
    for form, evaluation in evaluations:
        name, document, table = form.name, form.document, evaluation.table
        matches = files.get(name, [])
        where = Position(1, 1)
        if named[name] > 1:
            result.diagnostics.append(from_catalogue("E354", document, where, table=table, name=name))
        elif not matches:
            close = closest(name, list(files), cutoff=0.6)
            guess = did_you_mean(close) if close else ""
            result.diagnostics.append(
                from_catalogue("E349", document, where, table=table, name=name, folder=display, guess=guess)
            )
        elif len(matches) > 1:
            shown = listing(shown for _path, shown, _has in matches)
            result.diagnostics.append(
                from_catalogue("E351", document, where, table=table, name=name, count=len(matches), files=shown)
            )
        elif matches[0][2]:
            result.diagnostics.append(from_catalogue("E350", matches[0][1], Position(1, 1), name=name))
        else:
            planned[matches[0][0]] = (form.fields, evaluation, matches[0][1])
            continue
        failed = True
    if failed or not planned:
        return []
    changed = _with_sections(planned, result)
    return _write_all(changed, result) if changed is not None else []


def _with_sections(
    planned: dict[Path, tuple[FormData, EvaluationData, str]], result: ImportResult
) -> dict[Path, tuple[bytes, bytes]] | None:
    """Each file's bytes before and after; None (and why) when one cannot be read or would not read
    back as the same project with the section added (a file that ends its YAML document with 「...」)."""
    changed: dict[Path, tuple[bytes, bytes]] = {}
    for path, (fields, evaluation, shown) in planned.items():
        try:
            original = read_user_file(path, MAX_FILE_BYTES)
        except FileProblem as problem:
            result.diagnostics.append(file_diagnostic(problem))
            return None
        # The file's own line ends (Notepad writes CRLF), and a line end before the section.
        ending = _CRLF if _CRLF in original else b"\n"
        added = evaluation_yaml(fields, evaluation).encode("utf-8").replace(b"\n", ending)
        joint = b"" if not original or original.endswith(b"\n") else ending
        after = original + joint + added
        if not _reads_as(original, after, shown):
            result.diagnostics.append(from_catalogue("E353", shown, Position(1, 1)))
            return None
        changed[path] = (original, after)
    return changed


def _reads_as(before: bytes, after: bytes, shown: str) -> bool:
    """``after`` reads as ``before`` with a 自评 section added, and nothing else changed."""
    try:
        old, new = (load_text(data.decode("utf-8-sig"), shown, typing=False).data for data in (before, after))
    except UnicodeDecodeError:
        return False
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    rest = {key: value for key, value in new.items() if key != labels.SELF_EVALUATION}
    return rest == old and bool(new.get(labels.SELF_EVALUATION))


def _write_all(changed: dict[Path, tuple[bytes, bytes]], result: ImportResult) -> list[Path]:
    """Write every file in place, all of them or none (a stop signal included)."""
    try:
        apply_edits([Edit(path, before, after) for path, (before, after) in changed.items()], MAX_FILE_BYTES)
    except FileProblem as problem:
        result.diagnostics.append(file_diagnostic(problem))
        return []
    return [Path(os.path.abspath(path)) for path in changed]
