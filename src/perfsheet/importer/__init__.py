"""``import``: last year's Word forms → a collection of project YAML files (the inverse of layout).

Every 申报表 table of the .docx is found by its labels and read by meaning; the files are gathered
first and written only when all of them can be, never over an existing file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.collection import SETTINGS_FILE, UNSAFE_IN_FILE_NAME
from perfsheet.diagnostics import Diagnostic, Position, make
from perfsheet.importer.grid import NotReadable, read_docx
from perfsheet.importer.reader import FormData, is_form, read_form
from perfsheet.importer.writer import project_yaml, settings_yaml
from perfsheet.schema import render_schemas

_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_COVER_TITLE = re.compile(r"^\s*(.+?)\s*(\d{4})\s*年度?项目绩效目标汇总表\s*$")


@dataclass
class ImportResult:
    files: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    forms: int = 0


def _file_name(number: int, name: str, taken: set[str]) -> str:
    stem = UNSAFE_IN_FILE_NAME.sub("_", name).strip(" .") or "项目"
    candidate = f"{number:02d}-{stem}.yaml"
    suffix = 2
    while candidate in taken:
        candidate = f"{number:02d}-{stem}-{suffix}.yaml"
        suffix += 1
    return candidate


def _most_common(values: list[str]) -> str:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else ""


def import_docx(path: Path, display: str | None = None) -> ImportResult:
    """Read every 申报表 of ``path``; problems come back as diagnostics located by table, row, column."""
    shown = display or str(path)
    result = ImportResult()
    try:
        content = read_docx(path)
    except NotReadable as exc:
        result.diagnostics.append(make(exc.code, shown, None))
        return result
    except OSError as exc:
        result.diagnostics.append(make("E008", shown, None, reason=exc.strerror or str(exc)))
        return result
    forms: list[FormData] = [read_form(grid) for grid in content.grids if is_form(grid)]
    result.forms = len(forms)
    if not forms:
        result.diagnostics.append(make("E333", shown, None, tables=len(content.grids)))
        return result
    for form in forms:
        for problem in form.problems:
            position = Position(max(problem.row, 1), max(problem.column, 1))
            result.diagnostics.append(make(problem.code, shown, position, table=problem.table, **problem.params))

    years = Counter(int(m.group(1)) for text in content.paragraphs for m in _YEAR.finditer(text))
    cover = next((m for text in content.paragraphs if (m := _COVER_TITLE.match(text))), None)
    year = years.most_common(1)[0][0] if years else (int(cover.group(2)) if cover else None)
    unit = cover.group(1) if cover else _most_common([f.fields.get("实施单位", "") for f in forms])
    department = _most_common([f.fields.get("主管部门", "") for f in forms])

    result.files[SETTINGS_FILE] = settings_yaml(year, unit, department)
    for number, form in enumerate(forms, start=1):
        name = _file_name(number, form.fields.get("项目名称", ""), set(result.files))
        result.files[name] = project_yaml(form, department, unit)
    for name, text in render_schemas().items():
        result.files[f".perfsheet/{name}"] = text
    return result


def write_files(result: ImportResult, directory: Path, display: str) -> list[Path]:
    """Write the imported files; refuses (writing nothing) when any of them already exists."""
    existing = [name for name in result.files if (directory / name).exists() and not name.startswith(".perfsheet/")]
    if existing:
        result.diagnostics.append(make("E334", display, None, files="、".join(existing[:5])))
        return []
    written = []
    for name, text in result.files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written
