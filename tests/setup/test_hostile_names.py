"""What init writes into pre-commit's and GitHub's files is data, never code: a folder name or a --source
that tries to add a hook, a ``defaults: run: shell:`` or a ``${{ … }}`` expression is refused by init, and
even written directly the generated files hold it only as a string — checked by pre-commit and actionlint."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.workspace.scaffold import github_workflow, pre_commit_config, pre_commit_snippet
from tests.setup.conftest import actionlint, git_repository, run, tool

runner = CliRunner()

# A folder name that, pasted into the config, adds a hook pre-commit runs (it creates PWNED).
EXTRA_HOOK = (
    "2027\nrepos:\n- repo: local\n  hooks:\n  - id: evil\n    name: evil\n    entry: touch PWNED\n"
    "    language: system\n    always_run: true\n    pass_filenames: false\nx: |\n  "
)
# The same through the workflow: every step would run through the attacker's shell.
DEFAULTS = "2027\n    defaults:\n      run:\n        shell: 'touch PWNED; bash {0}'\nx: |\n  "
EXPRESSION = "${{ github.head_ref }}"
PAYLOADS = [EXTRA_HOOK, EXTRA_HOOK.replace("\n", "\u2028"), EXTRA_HOOK.replace("\n", "\r"), DEFAULTS, EXPRESSION]
SOURCE = "git+https://h/p.git@${{ github.head_ref }}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_init_refuses_a_folder_name_that_would_be_code(payload: str, tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    result = runner.invoke(app, ["init", str(root / payload), "--year", "2027"])
    assert result.exit_code == 1, result.output
    assert "error[E042]" in result.output or "error[E043]" in result.output
    assert sorted(p.name for p in root.iterdir()) == [".git"], "nothing written"


@pytest.mark.parametrize("option", ["--source", "--unit", "--department"])
@pytest.mark.parametrize("value", [SOURCE, "某中心\n实施单位: 恶意单位", "某中心\u2029x"])
def test_init_refuses_values_that_would_be_code(option: str, value: str, tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    result = runner.invoke(app, ["init", str(root / "2027"), "--year", "2027", option, value])
    if option != "--source" and value == SOURCE:
        assert result.exit_code == 0, "an expression is only refused where GitHub would evaluate it"
        return
    assert result.exit_code == 1, result.output
    assert "error[E042]" in result.output or "error[E043]" in result.output
    assert sorted(p.name for p in root.iterdir()) == [".git"], "nothing written"


def _hooks(config: str) -> list[dict[str, object]]:
    return [hook for repository in yaml.safe_load(config)["repos"] for hook in repository["hooks"]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_pre_commit_runs_no_hook_from_a_name(payload: str, tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo")
    # The hook names no folder at all: no user text reaches the config.
    result = runner.invoke(app, ["init", str(root / "2027"), "--year", "2027"])
    assert result.exit_code == 0, result.output
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config == pre_commit_config() and payload not in config
    (root / payload).mkdir()
    (root / payload / "perfsheet.yaml").write_text("年度: 2027\n编报单位: x\n主管部门: y\n", encoding="utf-8")
    assert [hook["id"] for hook in _hooks(config)] == ["perfsheet-validate"]
    assert [hook["id"] for hook in _hooks("repos:\n" + pre_commit_snippet())] == ["perfsheet-validate"]
    subprocess.run([tool("git"), "add", "-A"], cwd=root, check=True)
    pre_commit = tool("pre-commit")
    home = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}
    checked = run([pre_commit, "validate-config", ".pre-commit-config.yaml"], root, **home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = run([pre_commit, "run", "--all-files"], root, **home)
    # The one hook that runs is perfsheet's (it fails: the new collections have no projects yet).
    assert ran.stdout.count("- hook id:") == 1 and "- hook id: perfsheet-validate" in ran.stdout, ran.stdout
    assert "- hook id: evil" not in ran.stdout and not (root / "PWNED").exists()


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("source", ["", SOURCE, "https://pypi.office.example/simple\n  defaults: x"])
def test_the_workflow_holds_a_name_only_as_an_environment_value(payload: str, source: str, tmp_path: Path) -> None:
    path = tmp_path / "perfsheet.yml"
    path.write_text(github_workflow(payload, source), encoding="utf-8")
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "defaults" not in workflow
    [job] = workflow["jobs"].values()
    assert "defaults" not in job
    assert job["env"]["PERFSHEET_COLLECTION"] == payload
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert len(runs) == 3 and not any("${{" in command for command in runs)
    assert not any(payload in command for command in runs)
    assert actionlint(path) == []
