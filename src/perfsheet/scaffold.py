"""``init`` and ``new``: a starting point written from the templates in ``templates/init`` and
``templates/new``. Nothing that already exists is ever overwritten."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from perfsheet.collection import load_settings
from perfsheet.diagnostics import Diagnostic, from_catalogue, listing
from perfsheet.discovery import SETTINGS_FILE, project_file_name
from perfsheet.resources import data_dir
from perfsheet.safe_files import NOT_A_FOLDER, FileProblem, create_files, file_diagnostic
from perfsheet.schema import SCHEMA_COMMENT, editor_schema_files
from perfsheet.yaml_values import yaml_scalar

# In the collection's folder.
_COLLECTION_FILES = {SETTINGS_FILE: "perfsheet.yaml.j2"}
# At the root of the git repository: pre-commit and GitHub read them nowhere else.
_REPOSITORY_FILES = {
    ".editorconfig": "editorconfig",
    ".gitattributes": "gitattributes",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/perfsheet.yml": "github-workflow.yml",
}
# What to add to an existing file instead of replacing it.
_SNIPPETS = {".pre-commit-config.yaml": "pre-commit-snippet.yaml"}


class ScaffoldError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Note:
    """Something init left for the user to do: a catalogue code, its parameters, text to paste."""

    code: str
    path: Path
    snippet: str = ""


@dataclass(frozen=True)
class Written:
    paths: list[Path]
    notes: list[Note] = field(default_factory=list)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["shell"] = shlex.quote  # a folder name in a workflow's shell command is one word, never code
    env.filters["regex"] = re.escape  # and in a pre-commit file pattern, literal text
    env.globals["schema_comment"] = SCHEMA_COMMENT.format  # the first line that points an editor at a schema
    return env


def _write_new_files(files: dict[Path, str]) -> list[Path]:
    """Create every file, never over an existing one; on any failure remove what this call wrote and
    raise the located problem, so a run that fails leaves nothing half made."""
    try:
        return create_files(files)
    except FileProblem as problem:
        raise ScaffoldError(file_diagnostic(problem)) from None


def _missing_schemas(directory: Path) -> dict[Path, str]:
    """Editor schemas beside the collection, so the files' ``$schema`` comments resolve. One that exists
    is left as it is, even when it differs (the user may have edited it)."""
    return {path: text for path, text in editor_schema_files(directory).items() if not os.path.lexists(path)}


def repository_root(directory: Path) -> Path | None:
    """The git work tree holding ``directory`` (which may not exist yet), if any."""
    current = Path(os.path.abspath(directory))
    for folder in (current, *current.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def install_step(source: str) -> str:
    """The shell command that installs perfsheet from ``source``: a wheel, a git URL or a package
    index the office controls (never a bare name, which could install a stranger's package)."""
    quoted = shlex.quote
    if source.endswith(".whl") or source.startswith(("git+", "file:")) or source.endswith(".git"):
        target = source if source.startswith(("git+", "file:")) or source.endswith(".whl") else f"git+{source}"
        return f"python -m pip install -- {quoted(target)}"
    return f"python -m pip install --index-url {quoted(source)} -- perfsheet"


def init_collection(directory: Path, year: int, unit: str = "", department: str = "", source: str = "") -> Written:
    """Create a collection in ``directory``, and the repository's pre-commit, CI and editor files at
    the root of its git repository. Nothing that exists is ever overwritten: an existing
    .pre-commit-config.yaml gets a snippet to add; outside a repository, a note says where the
    repository's files go. Refuses (writing nothing) if the collection's files exist."""
    existing = [name for name in _COLLECTION_FILES if os.path.lexists(directory / name)]
    if existing:
        raise ScaffoldError(from_catalogue("E320", str(directory), None, files=listing(existing)))
    env = _environment()
    root = repository_root(directory)
    relative = Path(os.path.relpath(os.path.abspath(directory), root)).as_posix() if root else directory.as_posix()
    values = {
        "year": year, "unit": unit, "department": department, "collection": relative,
        "install": install_step(source) if source else "",
    }  # fmt: skip
    files = {directory / name: env.get_template(f"init/{t}").render(**values) for name, t in _COLLECTION_FILES.items()}
    notes: list[Note] = []
    if root is None:
        notes.append(Note("E323", directory, "\n".join(_REPOSITORY_FILES)))
    else:
        for name, template in _REPOSITORY_FILES.items():
            target = root / name
            if not os.path.lexists(target):
                files[target] = env.get_template(f"init/{template}").render(**values)
            elif name in _SNIPPETS:
                notes.append(Note("E324", target, env.get_template(f"init/{_SNIPPETS[name]}").render(**values)))
            else:
                notes.append(Note("E325", target))
    files.update(_missing_schemas(directory))
    return Written(_write_new_files(files), notes)


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
        raise ScaffoldError(from_catalogue("E321", str(directory), None, name=name))
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(from_catalogue("E306", str(directory), None, path=str(directory), reason=NOT_A_FOLDER))
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
        raise ScaffoldError(from_catalogue("E322", str(duplicate), None, name=name))
    text = _environment().get_template("new/project.yaml.j2").render(name=name, year=year)
    files = {directory / file_name: text}
    files.update(_missing_schemas(directory))
    return Written(_write_new_files(files))
