"""``import``: last year's Word forms → a collection of project YAML files (the inverse of layout).

Every 申报表, 监控表 and 自评表 table of the .docx is found by its labels and read by meaning (a 监控表
gives the project file its 监控 section too, a 自评表 its 自评 section); the files are gathered first and
written only when all of them can be, never over an existing file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from perfsheet.collection.discovery import SETTINGS_FILE, project_file_name
from perfsheet.diagnostics import Diagnostic, Position, from_catalogue, listing
from perfsheet.files.folders import NOT_A_FOLDER, create_files
from perfsheet.files.safe import FileProblem, file_diagnostic, umask, write_text_file
from perfsheet.importer.evaluation import EvaluationData, printed_score_problems, read_evaluation
from perfsheet.importer.grid import read_docx
from perfsheet.importer.monitoring import MonitoringData, monitoring_yaml, read_monitoring
from perfsheet.importer.ooxml import NotReadable
from perfsheet.importer.reader import FormData, Problem, is_form, joined_forms, read_form, stray_indicator_rows
from perfsheet.importer.writer import project_yaml, settings_yaml
from perfsheet.model import labels
from perfsheet.model.json_schema import EDITOR_FOLDER, editor_schema_files
from perfsheet.model.monitoring import PERIOD_DASHES

# The year line under a form's title: （2026年度）, and a 监控表's （2026年度 1-7月）.
_YEAR = re.compile(rf"[（(]\s*(\d{{4}})\s*年度?(?:\s*1\s*[{PERIOD_DASHES}]\s*\d{{1,2}}\s*月)?\s*[)）]")
_COVER_TITLE = re.compile(r"^\s*(.+?)\s*(\d{4})\s*年度?项目绩效(?:目标|自评|监控)汇总表\s*$")


@dataclass(frozen=True)
class ReadForm:
    """One form as read: the document it is in (as shown in messages), its fields, its 自评 columns,
    its 监控 columns."""

    document: str
    fields: FormData
    evaluation: EvaluationData | None
    monitoring: MonitoringData | None = None

    @property
    def name(self) -> str:
        return self.fields.fields.get(labels.NAME, "")


@dataclass
class ImportResult:
    files: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    forms: int = 0  # tables that carry a form's signature
    imported: int = 0  # of those, the ones written as project files (or joined to one)
    evaluation_forms: int = 0  # of the forms, 自评表
    monitoring_forms: int = 0  # of the forms, 监控表
    evaluations: int = 0  # of the imported, 自评表
    merged: int = 0  # 自评表 joined to their project's 申报表
    monitorings: int = 0  # of the imported, 监控表
    monitoring_merged: int = 0  # 监控表 joined to their project's 申报表
    unread: int = 0  # documents that could not be read or held no form
    # Every form imported, as read (--into writes the 自评表's sections itself, and names the 申报表).
    read: list[ReadForm] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every document was read and every form found in them imported."""
        return self.forms > 0 and self.imported == self.forms and not self.unread


def _most_common(values: list[str]) -> str:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else ""


def _located(problem: Problem, shown: str) -> Diagnostic:
    """A reader's problem as a diagnostic at its row and column of the document's tables."""
    position = Position(max(problem.row, 1), max(problem.column, 1))
    return from_catalogue(problem.code, shown, position, table=problem.table, row=problem.row, **problem.params)


def _with_evaluations(forms: list[ReadForm], result: ImportResult) -> list[ReadForm]:
    """A 自评表 or a 监控表 whose project has its 申报表 among the documents joins it: the declared part is
    read from the 申报表 (which has every field), the 自评 from the 自评表, the 监控 from the 监控表. Any
    other form stays on its own."""
    declarations = {
        f.fields.fields.get(labels.NAME): i
        for i, f in enumerate(forms)
        if f.evaluation is None and f.monitoring is None
    }
    projects = list(forms)
    joined: set[int] = set()
    for index, form in enumerate(forms):
        target = declarations.get(form.fields.fields.get(labels.NAME))
        if target is None or target == index:
            continue
        if form.evaluation is not None and projects[target].evaluation is None:
            projects[target] = replace(projects[target], document=form.document, evaluation=form.evaluation)
            joined.add(index)
        elif form.monitoring is not None and projects[target].monitoring is None:
            projects[target] = replace(projects[target], monitoring=form.monitoring)
            joined.add(index)
            result.monitoring_merged += 1
    return [form for index, form in enumerate(projects) if index not in joined]


def _read_document(path: Path, shown: str, result: ImportResult) -> tuple[list[str], list[ReadForm]] | None:
    """The paragraphs and forms of one document; None (and a diagnostic) when it cannot be read."""
    try:
        content = read_docx(path)
    except NotReadable as exc:
        result.diagnostics.append(from_catalogue(exc.code, shown, None, **exc.params))
        return None
    except FileProblem as refused:
        result.diagnostics.append(from_catalogue(refused.code, shown, None, **refused.params))
        return None
    grids = joined_forms(content.grids)
    forms: list[ReadForm] = []
    for grid in grids:
        if is_form(grid):
            fields = read_form(grid)
            monitoring = read_monitoring(grid, fields)
            evaluation = read_evaluation(grid, fields) if monitoring is None else None
            forms.append(ReadForm(shown, fields, evaluation, monitoring))
        elif stray_indicator_rows(grid):
            # Indicator rows that follow no form directly: reported, never read into a form by guess.
            result.diagnostics.append(from_catalogue("E344", shown, Position(1, 1), table=grid.number))
    if not forms:
        result.diagnostics.append(from_catalogue("E333", shown, None, tables=len(content.grids)))
        return None
    for form in forms:
        read = (form.evaluation, form.monitoring)
        for problem in [*form.fields.problems, *(p for part in read if part is not None for p in part.problems)]:
            result.diagnostics.append(_located(problem, shown))
    return content.paragraphs, forms


def import_docx(path: Path, display: str | None = None) -> ImportResult:
    """Read every 申报表, 监控表 and 自评表 of ``path``; problems come back as diagnostics located by table, row,
    column."""
    return import_documents([(path, display or str(path))])


def import_documents(sources: Sequence[tuple[Path, str]]) -> ImportResult:
    """Read every form of these documents (path, as shown) into one collection: a 自评表 joins its
    project's 申报表 from any of them. A document that cannot be read leaves the import incomplete."""
    result = ImportResult()
    paragraphs: list[str] = []
    forms: list[ReadForm] = []
    seen: set[str] = set()
    for path, shown in sources:
        if os.path.realpath(path) in seen:
            continue  # the same file named twice (or by two paths) is read once
        seen.add(os.path.realpath(path))
        read = _read_document(path, shown, result)
        if read is None:
            result.unread += 1
            continue
        paragraphs += read[0]
        forms += read[1]
    result.forms = len(forms)
    result.evaluation_forms = sum(1 for form in forms if form.evaluation is not None)
    result.monitoring_forms = sum(1 for form in forms if form.monitoring is not None)
    if not forms:
        return result

    years = Counter(int(m.group(1)) for text in paragraphs for m in _YEAR.finditer(text))
    cover = next((m for text in paragraphs if (m := _COVER_TITLE.match(text))), None)
    year = years.most_common(1)[0][0] if years else (int(cover.group(2)) if cover else None)
    unit = cover.group(1) if cover else _most_common([f.fields.fields.get(labels.IMPLEMENTER, "") for f in forms])
    department = _most_common([f.fields.fields.get(labels.DEPARTMENT, "") for f in forms])

    result.files[SETTINGS_FILE] = settings_yaml(year, unit, department)
    importable = [form for form in forms if form.fields.importable]
    result.evaluations = sum(1 for form in importable if form.evaluation is not None)
    projects = _with_evaluations(importable, result)
    result.monitorings = sum(1 for form in importable if form.monitoring is not None)
    result.merged = len(importable) - len(projects) - result.monitoring_merged
    result.imported = len(importable)
    result.read = importable
    for number, form in enumerate(projects, start=1):
        name = project_file_name(number, form.fields.fields.get(labels.NAME, ""), set(result.files))
        monitoring = monitoring_yaml(form.fields, form.monitoring) if form.monitoring is not None else ""
        result.files[name] = project_yaml(form.fields, department, unit, form.evaluation, monitoring)
        if form.evaluation is not None:
            for problem in printed_score_problems(result.files[name], form.evaluation):
                result.diagnostics.append(_located(problem, form.document))
    for path, text in editor_schema_files(Path()).items():
        result.files[path.as_posix()] = text
    return result


def write_files(result: ImportResult, directory: Path, display: str) -> list[Path]:
    """Write the imported files, never over an existing file and never through a symbolic link.

    A new output folder is built as a hidden sibling and renamed into place only when complete, so a
    failed import leaves nothing behind. Into an existing folder each file is created exclusively, and
    what was written is removed again when a later file fails. Editor schemas that exist stay as they are.
    """
    if os.path.lexists(directory) and not directory.is_dir():
        result.diagnostics.append(from_catalogue("E306", display, None, path=display, reason=NOT_A_FOLDER))
        return []
    if not os.path.lexists(directory):
        return _write_new_folder(result, directory, display)
    wanted = {
        name: text
        for name, text in result.files.items()
        if not (Path(name).parts[0] == EDITOR_FOLDER and os.path.lexists(directory / name))
    }
    existing = [name for name in wanted if os.path.lexists(directory / name)]
    if existing:
        result.diagnostics.append(from_catalogue("E334", display, None, files=listing(existing[:5])))
        return []
    try:
        return create_files({directory / name: text for name, text in wanted.items()}, within=directory)
    except FileProblem as problem:
        result.diagnostics.append(file_diagnostic(problem))
        return []


def _write_new_folder(result: ImportResult, directory: Path, display: str) -> list[Path]:
    parent = Path(os.path.abspath(directory)).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".perfsheet-import-", dir=parent))
    except OSError as exc:
        result.diagnostics.append(from_catalogue("E306", display, None, path=display, reason=exc.strerror or str(exc)))
        return []
    try:
        for name, text in result.files.items():
            write_text_file(staging / name, text)
        staging.chmod(0o777 & ~umask())
        # rename, not replace: a folder made meanwhile at the same path is never taken over.
        os.rename(staging, directory)
    except FileProblem as problem:
        result.diagnostics.append(file_diagnostic(problem))
        return []
    except OSError as exc:
        result.diagnostics.append(from_catalogue("E303", display, None, path=display, reason=exc.strerror or str(exc)))
        return []
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in result.files]
