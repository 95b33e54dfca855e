"""``init`` and ``new``: a starting point written from the templates in ``templates/init`` and
``templates/new``. Nothing that already exists is ever overwritten."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import jinja2

from perfsheet.collection import SETTINGS_FILE, load_settings, project_file_name
from perfsheet.diagnostics import Diagnostic, make
from perfsheet.resources import data_dir
from perfsheet.safe_files import FileProblem, file_diagnostic, write_text_file
from perfsheet.schema import render_schemas
from perfsheet.yamltext import yaml_scalar

SCHEMA_DIR = ".perfsheet"
_INIT_FILES = {
    SETTINGS_FILE: "perfsheet.yaml.j2",
    ".editorconfig": "editorconfig",
    ".gitattributes": "gitattributes",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/perfsheet.yml": "github-workflow.yml",
}


class ScaffoldError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Written:
    paths: list[Path]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["shell"] = shlex.quote  # a folder name in a workflow's shell command is one word, never code
    return env


def _write_new_files(files: dict[Path, str]) -> list[Path]:
    """Create every file, never over an existing one; on any failure remove what this call wrote and
    raise the located problem, so a run that fails leaves nothing half made."""
    written: list[Path] = []
    try:
        for target, text in files.items():
            written.append(write_text_file(target, text))
    except FileProblem as problem:
        for path in written:
            path.unlink(missing_ok=True)
        raise ScaffoldError(file_diagnostic(problem)) from None
    return written


def _missing_schemas(directory: Path) -> dict[Path, str]:
    """Editor schemas beside the collection, so the files' ``$schema`` comments resolve. One that exists
    is left as it is, even when it differs (the user may have edited it)."""
    return {
        directory / SCHEMA_DIR / name: text
        for name, text in render_schemas().items()
        if not os.path.lexists(directory / SCHEMA_DIR / name)
    }


def init_collection(directory: Path, year: int, unit: str = "", department: str = "") -> Written:
    """Create a collection in ``directory``; refuses (writing nothing) if any of its files exist."""
    existing = [name for name in _INIT_FILES if os.path.lexists(directory / name)]
    if existing:
        raise ScaffoldError(make("E320", str(directory), None, files="、".join(existing)))
    env = _environment()
    values = {"year": year, "unit": unit, "department": department, "collection": directory.as_posix()}
    files = {
        directory / name: env.get_template(f"init/{template}").render(**values)
        for name, template in _INIT_FILES.items()
    }
    files.update(_missing_schemas(directory))
    return Written(_write_new_files(files))


def _existing_project_names(directory: Path) -> dict[str, Path]:
    """The name part of every ``NN-<name>.yaml`` in ``directory``."""
    found = {}
    for path in directory.iterdir():
        match = _NUMBERED.match(path.name)
        if match and path.name.endswith(".yaml"):
            found[path.name[match.end() : -len(".yaml")]] = path
    return found


_NUMBERED = re.compile(r"([0-9]+)-")


def next_number(directory: Path) -> int:
    numbers = [
        int(m.group(1)) for p in directory.iterdir() if p.name.endswith(".yaml") and (m := _NUMBERED.match(p.name))
    ]
    return max(numbers, default=0) + 1


def new_project(directory: Path, name: str, default_year: int) -> Written:
    """Write ``NN-<name>.yaml`` from the project template, numbered after the existing files."""
    name = name.strip()
    if not name:
        raise ScaffoldError(make("E321", str(directory), None, name=name))
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(make("E306", str(directory), None, path=str(directory), reason="不是目录"))
    directory.mkdir(parents=True, exist_ok=True)
    year = default_year
    settings_path = directory / SETTINGS_FILE
    if os.path.lexists(settings_path):
        _source, settings = load_settings(settings_path, directory)
        if settings is not None:
            year = settings.year
    file_name = project_file_name(next_number(directory), name, set())
    stem = file_name[file_name.index("-") + 1 : -len(".yaml")]
    duplicate = _existing_project_names(directory).get(stem)
    if duplicate is not None:
        raise ScaffoldError(make("E322", str(duplicate), None, name=name))
    text = _environment().get_template("new/project.yaml.j2").render(name=name, year=year)
    files = {directory / file_name: text}
    files.update(_missing_schemas(directory))
    return Written(_write_new_files(files))
