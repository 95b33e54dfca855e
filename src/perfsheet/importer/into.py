"""``import --into DIR``: the 自评 section of each 自评表 appended to the project file already in DIR that
has its 项目名称, and the 监控 section of each 监控表 written into it (before its 自评, or in place of the
监控 it has: the mid-year figures are updated as the year goes). The rest of a file stays byte for byte
(git shows only the section's lines), a file that has a 自评 already never gets another, and nothing is
written unless every form finds its one file."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from perfsheet.collection.discovery import collection_files
from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Position, closest, did_you_mean, from_catalogue, listing
from perfsheet.files.edits import Edit, apply_edits, leftover_copies
from perfsheet.files.folders import NOT_A_FOLDER
from perfsheet.files.safe import FileProblem, file_diagnostic, read_user_file
from perfsheet.importer import ImportResult, ReadForm
from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.monitoring import MonitoringData, monitoring_yaml
from perfsheet.importer.reader import FormData
from perfsheet.importer.writer import evaluation_yaml
from perfsheet.model import labels
from perfsheet.source import load_text
from perfsheet.source.decoding import MAX_FILE_BYTES

_CRLF = b"\r\n"


_FileEntry = tuple[Path, str, frozenset[str]]  # path, as shown, its top-level keys


def _files_by_name(directory: Path) -> dict[str, list[_FileEntry]]:
    """Each 项目名称 of the folder's project files → (path, as shown, the sections it has)."""
    found: dict[str, list[_FileEntry]] = {}
    for file in load_collection(directory).projects:
        data = file.source.data
        name = data.get(labels.NAME) if isinstance(data, dict) else None
        if isinstance(data, dict) and isinstance(name, str) and name.strip():
            keys = frozenset(str(key) for key in data)
            found.setdefault(name.strip(), []).append((file.source.path, file.display, keys))
    return found


@dataclass(frozen=True)
class _Codes:
    """What is said when a form does not find its one file: named twice among the forms, no file, several."""

    twice: str
    missing: str
    several: str


_EVALUATION_CODES = _Codes("E354", "E349", "E351")
_MONITORING_CODES = _Codes("E578", "E576", "E577")


@dataclass
class _Plan:
    fields: FormData
    shown: str
    evaluation: EvaluationData | None = None
    monitoring: MonitoringData | None = None
    replaces: tuple[str, int] | None = None  # the project's name and the 监控表's table, when it updates one


def _matched(
    form: ReadForm, table: int, files: dict[str, list[_FileEntry]], named: Counter[str], codes: _Codes,
    display: str, result: ImportResult,
) -> _FileEntry | None:  # fmt: skip
    """The one file of the form's project; None (and why) when there is not exactly one."""
    name, document, where = form.name, form.document, Position(1, 1)
    matches = files.get(name, [])
    if named[name] > 1:
        result.diagnostics.append(from_catalogue(codes.twice, document, where, table=table, name=name))
    elif not matches:
        close = closest(name, list(files), cutoff=0.6)
        guess = did_you_mean(close) if close else ""
        result.diagnostics.append(
            from_catalogue(codes.missing, document, where, table=table, name=name, folder=display, guess=guess)
        )
    elif len(matches) > 1:
        shown = listing(shown for _path, shown, _keys in matches)
        result.diagnostics.append(
            from_catalogue(codes.several, document, where, table=table, name=name, count=len(matches), files=shown)
        )
    else:
        return matches[0]
    return None


def append_evaluations(result: ImportResult, directory: Path, display: str) -> list[Path]:
    """Append every 自评 section of ``result`` to its project file in ``directory`` and write every 监控
    section into its file; the files changed, or none (and the reasons in ``result.diagnostics``)."""
    if not directory.is_dir():
        result.diagnostics.append(from_catalogue("E306", display, None, path=display, reason=NOT_A_FOLDER))
        return []
    for form in result.read:
        if form.evaluation is None and form.monitoring is None:
            result.diagnostics.append(from_catalogue("E352", form.document, Position(1, 1), table=form.fields.table))
    result.diagnostics.extend(leftover_copies(collection_files(directory).projects))
    files = _files_by_name(directory)
    planned: dict[Path, _Plan] = {}
    failed = False
    evaluated = Counter(form.name for form in result.read if form.evaluation is not None)
    monitored = Counter(form.name for form in result.read if form.monitoring is not None)
    for form in result.read:
        if form.evaluation is not None:
            match = _matched(form, form.evaluation.table, files, evaluated, _EVALUATION_CODES, display, result)
            if match is not None and labels.SELF_EVALUATION in match[2]:
                result.diagnostics.append(from_catalogue("E350", match[1], Position(1, 1), name=form.name))
                match = None
            if match is not None:
                plan = planned.setdefault(match[0], _Plan(form.fields, match[1]))
                plan.evaluation = form.evaluation
        elif form.monitoring is not None:
            table = form.monitoring.table
            match = _matched(form, table, files, monitored, _MONITORING_CODES, display, result)
            if match is not None:
                plan = planned.setdefault(match[0], _Plan(form.fields, match[1]))
                plan.monitoring, plan.fields = form.monitoring, form.fields
                if labels.MONITORING in match[2]:
                    plan.replaces = (form.name, table)
        else:
            continue
        failed = failed or match is None
    if failed or not planned:
        return []
    changed = _with_sections(planned, result)
    if changed is None:
        return []
    written = _write_all(changed, result)
    if written:
        for plan in planned.values():
            if plan.replaces is not None:
                name, table = plan.replaces
                result.diagnostics.append(from_catalogue("E580", plan.shown, Position(1, 1), name=name, table=table))
    return written


# A top-level key at the start of a line (not indented, not a comment): where a section ends.
_TOP_KEY = re.compile(r"^[^\s#]")


def _section_at(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines of the top-level section ``key``: from its key to the next top-level key, less the
    comments and blank lines at column 0 just before that key (they introduce it)."""
    start = next((i for i, text in enumerate(lines) if re.match(re.escape(key) + r"\s*:", text)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return start, end


def with_monitoring(text: str, section: str) -> str:
    """``text`` with its 监控 section replaced by ``section``, or ``section`` put before the 自评 (and the
    comments that introduce it), or at the end."""
    lines = text.splitlines(keepends=True)
    found = _section_at(lines, labels.MONITORING)
    if found is not None:
        start, end = found
        return "".join(lines[:start]) + section + "".join(lines[end:])
    evaluation = _section_at(lines, labels.SELF_EVALUATION)
    if evaluation is None:
        joint = "" if not text or text.endswith("\n") else "\n"
        return text + joint + section
    start = evaluation[0]
    while start > 0 and (not lines[start - 1].strip() or lines[start - 1].startswith("#")):
        start -= 1
    return "".join(lines[:start]) + section + "".join(lines[start:])


def _with_sections(planned: dict[Path, _Plan], result: ImportResult) -> dict[Path, tuple[bytes, bytes]] | None:
    """Each file's bytes before and after; None (and why) when one cannot be read or would not read
    back as the same project with the sections written (a file that ends its YAML document with 「...」)."""
    changed: dict[Path, tuple[bytes, bytes]] = {}
    for path, plan in planned.items():
        try:
            original = read_user_file(path, MAX_FILE_BYTES)
        except FileProblem as problem:
            result.diagnostics.append(file_diagnostic(problem))
            return None
        # The file's own line ends (Notepad writes CRLF), and a line end before the section.
        ending = _CRLF if _CRLF in original else b"\n"
        after = original
        sections = []
        if plan.monitoring is not None:
            try:
                text = original.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            section = monitoring_yaml(plan.fields, plan.monitoring).replace("\n", ending.decode())
            after = with_monitoring(text, section).encode("utf-8") if text is not None else b""
            sections.append(labels.MONITORING)
        if plan.evaluation is not None:
            added = evaluation_yaml(plan.fields, plan.evaluation).encode("utf-8").replace(b"\n", ending)
            joint = b"" if not after or after.endswith(b"\n") else ending
            after = after + joint + added
            sections.append(labels.SELF_EVALUATION)
        if not _reads_as(original, after, plan.shown, sections):
            code = "E353" if plan.monitoring is None else "E579"
            result.diagnostics.append(from_catalogue(code, plan.shown, Position(1, 1)))
            return None
        changed[path] = (original, after)
    return changed


def _reads_as(before: bytes, after: bytes, shown: str, sections: list[str]) -> bool:
    """``after`` reads as ``before`` with ``sections`` written, and nothing else changed."""
    try:
        old, new = (load_text(data.decode("utf-8-sig"), shown, typing=False).data for data in (before, after))
    except UnicodeDecodeError:
        return False
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    rest = {key: value for key, value in new.items() if key not in sections}
    kept = {key: value for key, value in old.items() if key not in sections}
    return rest == kept and all(new.get(section) for section in sections)


def _write_all(changed: dict[Path, tuple[bytes, bytes]], result: ImportResult) -> list[Path]:
    """Write every file in place, all of them or none (a stop signal included)."""
    try:
        apply_edits([Edit(path, before, after) for path, (before, after) in changed.items()], MAX_FILE_BYTES)
    except FileProblem as problem:
        result.diagnostics.append(file_diagnostic(problem))
        return []
    return [Path(os.path.abspath(path)) for path in changed]
