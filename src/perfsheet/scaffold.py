"""``init`` and ``new``: a starting point written from the templates in ``templates/init`` and
``templates/new``. Nothing that already exists is ever overwritten."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from perfsheet.collection import SETTINGS_FILE, UNSAFE_IN_FILE_NAME, load_settings
from perfsheet.diagnostics import Diagnostic, make
from perfsheet.resources import data_dir
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
    return env


def _write_schemas(directory: Path) -> list[Path]:
    """Editor schemas beside the collection, so the files' ``$schema`` comments resolve."""
    written = []
    for name, text in render_schemas().items():
        target = directory / SCHEMA_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def init_collection(directory: Path, year: int, unit: str = "", department: str = "") -> Written:
    """Create a collection in ``directory``; refuses (writing nothing) if any of its files exist."""
    existing = [name for name in _INIT_FILES if (directory / name).exists()]
    if existing:
        raise ScaffoldError(make("E320", str(directory), None, files="、".join(existing)))
    env = _environment()
    values = {"year": year, "unit": unit, "department": department, "collection": directory.as_posix()}
    written = []
    for name, template in _INIT_FILES.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.get_template(f"init/{template}").render(**values), encoding="utf-8", newline="\n")
        written.append(target)
    written.extend(_write_schemas(directory))
    return Written(written)


def next_number(directory: Path) -> int:
    numbers = [int(m.group(1)) for p in directory.glob("*.yaml") if (m := re.match(r"(\d+)-", p.name))]
    return max(numbers, default=0) + 1


def new_project(directory: Path, name: str, default_year: int) -> Written:
    """Write ``NN-<name>.yaml`` from the project template, numbered after the existing files."""
    name = name.strip()
    if not name or UNSAFE_IN_FILE_NAME.search(name) or name.startswith("."):
        raise ScaffoldError(make("E321", str(directory), None, name=name))
    directory.mkdir(parents=True, exist_ok=True)
    year = default_year
    settings_path = directory / SETTINGS_FILE
    if settings_path.is_file():
        _source, settings = load_settings(settings_path)
        if settings is not None:
            year = settings.year
    target = directory / f"{next_number(directory):02d}-{name}.yaml"
    duplicates = [p.name for p in directory.glob(f"*-{name}.yaml")]
    if duplicates:
        raise ScaffoldError(make("E322", str(directory / duplicates[0]), None, name=name))
    text = _environment().get_template("new/project.yaml.j2").render(name=name, year=year)
    target.write_text(text, encoding="utf-8", newline="\n")
    return Written([target, *_write_schemas(directory)])
