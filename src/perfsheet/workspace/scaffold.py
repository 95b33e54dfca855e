"""``init`` and ``new``: a starting point written from the templates in ``templates/init`` and
``templates/new``. Nothing that already exists is ever overwritten."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from perfsheet.collection.discovery import SETTINGS_FILE, project_file_name
from perfsheet.collection.loading import load_settings
from perfsheet.diagnostics import Diagnostic, from_catalogue, listing, phrases
from perfsheet.files.folders import NOT_A_FOLDER, create_files
from perfsheet.files.safe import FileProblem, file_diagnostic
from perfsheet.model import labels
from perfsheet.model.json_schema import SCHEMA_COMMENT, editor_schema_files
from perfsheet.resources import data_dir
from perfsheet.text.characters import code_point, hidden_character
from perfsheet.text.yaml_values import yaml_document, yaml_entry

# In the collection's folder.
_COLLECTION_FILES = {SETTINGS_FILE: "perfsheet.yaml.j2"}
# At the root of the git repository: pre-commit and GitHub read them nowhere else. The first two are
# fixed text; the other two are YAML documents whose user values the emitter writes.
_PLAIN_FILES = {".editorconfig": "editorconfig", ".gitattributes": "gitattributes"}
_PRE_COMMIT = ".pre-commit-config.yaml"
_WORKFLOW = ".github/workflows/perfsheet.yml"
# The next collections of the same repository (the next year) get a workflow of their own beside it.
_WORKFLOW_OF = ".github/workflows/perfsheet-{name}.yml"
_HOOK_ID = "perfsheet-validate"
_REPOSITORY_FILES = [*_PLAIN_FILES, _PRE_COMMIT, _WORKFLOW]
# What the workflow's steps read the user's values from (never a value pasted into a command).
_COLLECTION_VARIABLE = "PERFSHEET_COLLECTION"
_SOURCE_VARIABLE = "PERFSHEET_SOURCE"
_INSTALL_STEP = "安装 perfsheet"
# An expression GitHub evaluates wherever it stands in a workflow, env values included.
_GITHUB_EXPRESSION = "${{"


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
    env.globals["entry"] = yaml_entry  # a whole ``key: value`` line, written by the emitter
    env.globals["schema_comment"] = SCHEMA_COMMENT.format  # the first line that points an editor at a schema
    return env


def _template_text(name: str) -> str:
    return (data_dir("templates") / "init" / name).read_text(encoding="utf-8")


def _yaml_template(name: str) -> tuple[str, Any]:
    """A YAML template of another tool's file: its leading comment lines, kept as written, and its data."""
    text = _template_text(name)
    lines = text.splitlines(keepends=True)
    count = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "".join(lines[:count]), yaml.safe_load(text)


# Every YAML file of the repository goes to the hook: perfsheet validate checks those of its collections
# (every year's folder, the next ones included) and skips the others (E019), so no year is named here.
HOOK_FILES = r"\.ya?ml$"


def _pre_commit_repository() -> tuple[str, dict[str, Any]]:
    """The header and the ``repos:`` entry of the perfsheet hook."""
    header, config = _yaml_template("pre-commit-config.yaml")
    [repository] = config["repos"]
    [hook] = repository["hooks"]
    hook["files"] = HOOK_FILES
    return header, repository


def pre_commit_config() -> str:
    header, repository = _pre_commit_repository()
    return header + yaml_document({"repos": [repository]})


def pre_commit_snippet() -> str:
    """The lines to add under ``repos:`` of an existing .pre-commit-config.yaml."""
    _header, repository = _pre_commit_repository()
    entry = "".join("  " + line for line in yaml_document([repository]).splitlines(keepends=True))
    return _template_text("pre-commit-snippet.yaml") + entry


def install_command(source: str) -> tuple[str, str]:
    """What the workflow installs perfsheet from ``source`` with: the value of PERFSHEET_SOURCE and the
    command reading it. A wheel, a git URL or a package index the office controls (never a bare name,
    which could install a stranger's package)."""
    if source.endswith(".whl") or source.startswith(("git+", "file:")) or source.endswith(".git"):
        target = source if source.startswith(("git+", "file:")) or source.endswith(".whl") else f"git+{source}"
        return target, f'python -m pip install -- "${_SOURCE_VARIABLE}"'
    return source, f'python -m pip install --index-url "${_SOURCE_VARIABLE}" -- perfsheet'


def github_workflow(collection: str, source: str) -> str:
    """The workflow that validates and builds ``collection``. User values are set under the job's ``env:``
    (written by the emitter) and steps read them as quoted shell variables: GitHub's hardening guide's
    pattern, so no value is ever part of a command, for the shell or for GitHub's expressions."""
    header, workflow = _yaml_template("github-workflow.yml")
    [job] = workflow["jobs"].values()
    job["env"] = {_COLLECTION_VARIABLE: collection}
    if source:
        target, command = install_command(source)
        job["env"][_SOURCE_VARIABLE] = target
        [step] = [step for step in job["steps"] if step.get("name") == _INSTALL_STEP]
        step["run"] = command
    return header + yaml_document(workflow)


def _read_yaml(path: Path) -> Any:
    """Another tool's YAML file as data, or None when it cannot be read as such (it is only consulted)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _perfsheet_hook(config_path: Path) -> dict[str, Any] | None:
    """The perfsheet hook of an existing pre-commit config, if it has one."""
    config = _read_yaml(config_path)
    repositories = config.get("repos") if isinstance(config, dict) else None
    for repository in repositories if isinstance(repositories, list) else []:
        hooks = repository.get("hooks") if isinstance(repository, dict) else None
        for hook in hooks if isinstance(hooks, list) else []:
            if isinstance(hook, dict) and hook.get("id") == _HOOK_ID:
                return hook
    return None


def _hook_note(config_path: Path, collection: str) -> Note | None:
    """What an existing pre-commit config needs for ``collection``: the hook (E324), a wider ``files:``
    for a hook an earlier perfsheet wrote for one year's folder (E328), or nothing."""
    hook = _perfsheet_hook(config_path)
    if hook is None:
        return Note("E324", config_path, pre_commit_snippet())
    try:
        covered = re.search(str(hook.get("files", "")), f"{collection}/01-项目.yaml") is not None
    except re.error:
        covered = False
    return None if covered else Note("E328", config_path, yaml_document({"files": HOOK_FILES}))


def _workflow_sources(root: Path) -> list[str]:
    """The install sources the repository's perfsheet workflows already use (the next year reuses them)."""
    found = []
    for path in sorted((root / ".github" / "workflows").glob("perfsheet*.yml")):
        workflow = _read_yaml(path)
        jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
        for job in jobs.values() if isinstance(jobs, dict) else []:
            env = job.get("env") if isinstance(job, dict) else None
            source = env.get(_SOURCE_VARIABLE) if isinstance(env, dict) else None
            if isinstance(source, str) and source:
                found.append(source)
    return found


def _workflow_name(root: Path, collection: str) -> str:
    """The repository's first collection takes perfsheet.yml; each next one a file named after its folder."""
    if not os.path.lexists(root / _WORKFLOW):
        return _WORKFLOW
    return _WORKFLOW_OF.format(
        name=re.sub(r"[^0-9A-Za-z\u4e00-\u9fff_.-]+", "-", collection).strip("-.") or "collection"
    )


def _next_steps(root: Path, files: dict[Path, str], source: str, workflow: Path) -> list[Note]:
    """What the officer does next for the hook and CI to work: installing the hook once per clone, and
    naming where the workflow installs perfsheet from."""
    notes = []
    if not os.path.lexists(root / ".git" / "hooks" / "pre-commit"):
        notes.append(Note("E326", root / _PRE_COMMIT))
    if workflow in files and not source:
        notes.append(Note("E327", workflow))
    return notes


def _visible_name(what: str, name: str, where: str, *, in_workflow: bool = False) -> None:
    """Refuse a name that holds a line break of any kind, a control or an invisible character (it would
    read differently in the files written than on screen), or, for what a workflow holds, an expression
    GitHub would evaluate."""
    found = hidden_character(name)
    if found is not None:
        raise ScaffoldError(from_catalogue("E042", where, None, what=what, name=name, char=code_point(found[1])))
    if in_workflow and _GITHUB_EXPRESSION in name:
        raise ScaffoldError(from_catalogue("E043", where, None, what=what, name=name))


def _write_new_files(files: dict[Path, str], within: Path) -> list[Path]:
    """Create every file below ``within``, never over an existing one nor through a linked folder; on any
    failure remove what this call wrote and raise the located problem, so a run that fails leaves nothing
    half made."""
    try:
        return create_files(files, within=within)
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


def init_collection(directory: Path, year: int, unit: str = "", department: str = "", source: str = "") -> Written:
    """Create a collection in ``directory``, and the repository's pre-commit, CI and editor files at
    the root of its git repository. Nothing that exists is ever overwritten: an existing
    .pre-commit-config.yaml gets a snippet to add; outside a repository, a note says where the
    repository's files go. Refuses (writing nothing) if the collection's files exist."""
    existing = [name for name in _COLLECTION_FILES if os.path.lexists(directory / name)]
    if existing:
        raise ScaffoldError(from_catalogue("E320", str(directory), None, files=listing(existing)))
    root = repository_root(directory)
    relative = Path(os.path.relpath(os.path.abspath(directory), root)).as_posix() if root else directory.as_posix()
    where = str(directory)
    _visible_name(phrases().collection_folder, relative, where, in_workflow=True)
    _visible_name(labels.UNIT, unit, where)
    _visible_name(labels.SETTINGS_DEPARTMENT, department, where)
    _visible_name(phrases().install_source, source, where, in_workflow=True)
    env = _environment()
    values = {"year": year, "unit": unit, "department": department}
    files = {directory / name: env.get_template(f"init/{t}").render(**values) for name, t in _COLLECTION_FILES.items()}
    if root is not None and not source:
        source = next(iter(_workflow_sources(root)), "")
    workflow = _workflow_name(root, relative) if root is not None else _WORKFLOW
    generated = {
        **{name: _template_text(template) for name, template in _PLAIN_FILES.items()},
        _PRE_COMMIT: pre_commit_config(),
        workflow: github_workflow(relative, source),
    }
    notes: list[Note] = []
    if root is None:
        notes.append(Note("E323", directory, "\n".join(_REPOSITORY_FILES)))
    else:
        for name, text in generated.items():
            target = root / name
            if not os.path.lexists(target):
                files[target] = text
            elif name == _PRE_COMMIT:
                hook_note = _hook_note(target, relative)
                notes.extend([hook_note] if hook_note is not None else [])
            elif name in _PLAIN_FILES and workflow != _WORKFLOW:
                continue  # the next year: the same fixed text as the year before, which is there
            else:
                notes.append(Note("E325", target))
        notes.extend(_next_steps(root, files, source, root / workflow))
    files.update(_missing_schemas(directory))
    return Written(_write_new_files(files, root or directory), notes)


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
    _visible_name(labels.NAME, name, str(directory))
    where = str(directory)
    try:
        if directory.exists() and not directory.is_dir():
            raise NotADirectoryError
        directory.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # a file where the folder, or one above it, should be
        raise ScaffoldError(from_catalogue("E306", where, None, path=where, reason=NOT_A_FOLDER)) from None
    except OSError as exc:  # a full disk, a refused permission: said as init says it
        raise ScaffoldError(from_catalogue("E303", where, None, path=where, reason=exc.strerror or str(exc))) from None
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
    return Written(_write_new_files(files, directory))
