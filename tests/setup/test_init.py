"""perfsheet init puts each file where its tool reads it, never overwrites, and writes a workflow that
GitHub's schema and actionlint accept and that installs perfsheet only from a source the office names."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfsheet.cli import app
from tests.setup.conftest import actionlint, git_repository, tool

runner = CliRunner()
WORKFLOW = Path(".github/workflows/perfsheet.yml")


def _init(folder: Path, *extra: str) -> CliRunner:
    result = runner.invoke(
        app, ["init", str(folder), "--year", "2027", "--unit", "某中心", "--department", "某局", *extra]
    )
    assert result.exit_code == 0, result.output
    return result


def test_in_a_repository_the_tools_files_go_to_its_root(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    _init(root / "申报" / "2027")
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    assert written == [
        ".editorconfig", ".gitattributes", ".github/workflows/perfsheet.yml", ".pre-commit-config.yaml",
        "申报/2027/.perfsheet/collection.schema.json", "申报/2027/.perfsheet/project.schema.json",
        "申报/2027/perfsheet.yaml",
    ]  # fmt: skip
    hook = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert hook["files"] == r"\.ya?ml$" and hook["language"] == "system"
    job = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))["jobs"]["validate-and-build"]
    assert job["env"]["PERFSHEET_COLLECTION"] == "申报/2027"
    validate = ["perfsheet", "validate", "--", "$PERFSHEET_COLLECTION"]
    assert validate in [shlex.split(step.get("run", "")) for step in job["steps"]]


def test_outside_a_repository_it_says_where_the_tools_files_go(tmp_path: Path) -> None:
    result = _init(tmp_path / "2027")
    assert sorted(p.name for p in (tmp_path / "2027").iterdir()) == [".perfsheet", "perfsheet.yaml"]
    assert "info[E323]" in result.stderr and "git init" in result.stderr


def test_an_existing_pre_commit_config_gets_a_snippet_not_an_overwrite(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    mine = "repos:\n  - repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks: [{id: black}]\n"
    (root / ".pre-commit-config.yaml").write_text(mine, encoding="utf-8")
    result = _init(root / "2027")
    assert (root / ".pre-commit-config.yaml").read_text(encoding="utf-8") == mine
    assert "info[E324]" in result.stderr
    snippet = result.stderr.split("repos: 之下\n", 1)[1]
    merged = yaml.safe_load(mine + snippet)
    assert [r["repo"] for r in merged["repos"]] == ["https://github.com/psf/black", "local"]


PIP = 'python -m pip install -- "$PERFSHEET_SOURCE"'
INDEX = 'python -m pip install --index-url "$PERFSHEET_SOURCE" -- perfsheet'


@pytest.mark.parametrize(
    ("source", "target", "install"),
    [
        ("", None, None),
        ("git+https://git.example.org/office/perfsheet.git", "git+https://git.example.org/office/perfsheet.git", PIP),
        ("https://git.example.org/office/perfsheet.git", "git+https://git.example.org/office/perfsheet.git", PIP),
        ("wheels/perfsheet-0.1.0-py3-none-any.whl", "wheels/perfsheet-0.1.0-py3-none-any.whl", PIP),
        ("https://pypi.office.example/simple", "https://pypi.office.example/simple", INDEX),
    ],
)
def test_the_workflow_installs_only_from_the_office_s_source(
    source: str, target: str | None, install: str | None, tmp_path: Path
) -> None:
    root = git_repository(tmp_path / "repo")
    _init(root / "2027", *(["--source", source] if source else []))
    text = (root / WORKFLOW).read_text(encoding="utf-8")
    job = yaml.safe_load(text)["jobs"]["validate-and-build"]
    [step] = [s for s in job["steps"] if s.get("name") == "安装 perfsheet"]
    if install is None:
        assert step["run"].rstrip().endswith("exit 1") and "::error" in step["run"], "fails with an explanation"
        assert "PERFSHEET_SOURCE" not in job["env"]
    else:
        assert step["run"] == install and job["env"]["PERFSHEET_SOURCE"] == target
    assert "pip install perfsheet" not in text
    _valid_workflow(root / WORKFLOW)


def _valid_workflow(path: Path) -> None:
    checker = tool("check-jsonschema")
    checked = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert actionlint(path) == []


def _notes(stderr: str) -> list[str]:
    return re.findall(r"info\[(E\d+)\]", stderr)


def test_the_first_year_names_the_next_steps(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    result = _init(root / "2027")
    assert _notes(result.stderr) == ["E326", "E327"]  # pre-commit install; where CI installs perfsheet from
    assert "pre-commit install" in result.stderr and "python -m pip install --" in result.stderr
    subprocess.run([tool("pre-commit"), "install"], cwd=root, check=True, capture_output=True, timeout=120)
    again = _init(root / "2028", "--source", "git+https://git.office.example/perfsheet.git")
    assert _notes(again.stderr) == [], "the hook is installed and the source given"


def test_the_next_year_is_one_command(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    source = "git+https://git.office.example/perfsheet.git"
    _init(root / "申报" / "2027", "--source", source)
    before = {p: p.read_bytes() for p in (root / ".github").rglob("*") if p.is_file()}
    before[root / ".pre-commit-config.yaml"] = (root / ".pre-commit-config.yaml").read_bytes()
    result = _init(root / "申报" / "2028")
    # Nothing to paste, nothing overwritten: the hook already takes every year's files, and 2028 gets a
    # workflow of its own that installs perfsheet from where 2027's does.
    assert _notes(result.stderr) == ["E326"]
    assert all(path.read_bytes() == text for path, text in before.items())
    workflow = root / ".github/workflows/perfsheet-申报-2028.yml"
    job = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["validate-and-build"]
    assert job["env"] == {"PERFSHEET_COLLECTION": "申报/2028", "PERFSHEET_SOURCE": source}
    assert actionlint(workflow) == []
    hook = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert re.search(hook["files"], "申报/2028/01-项目.yaml")


def test_a_hook_an_earlier_perfsheet_wrote_for_one_year_gets_the_line_to_change(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    _init(root / "2027")
    config = root / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(r"files: \.ya?ml$", r"files: ^2027/.*\.ya?ml$"))
    result = _init(root / "2028")
    assert "info[E328]" in result.stderr and "files: \\.ya?ml$" in result.stderr
    assert "info[E324]" not in result.stderr, "no second perfsheet hook to paste"
