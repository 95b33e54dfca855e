"""pre-commit, for real: the hook fails on an error and passes once it is fixed, with pre-commit's own
config and an unrelated YAML file in the repository."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CLEAN_PROJECT, REPO, require, variant
from tests.setup.conftest import git_repository, run, tool

WHEELHOUSE = REPO / ".wheelhouse"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A budget office's repository made with perfsheet init, one project, and another tool's YAML."""
    root = git_repository(tmp_path / "office")
    result = run(
        [
            tool("perfsheet"),
            "init",
            "2027",
            "--year",
            "2026",
            "--unit",
            "上海市某某中心",
            "--department",
            "上海市某某局",
        ],
        root,
    )
    assert result.returncode == 0, result.stderr
    (root / "2027" / "01-青年科技人才服务.yaml").write_text(
        variant("当年财政拨款: 400,000.00", "当年财政拨款: 1"), encoding="utf-8"
    )
    (root / ".github" / "dependabot.yml").write_text("version: 2\nupdates: []\n", encoding="utf-8")
    subprocess.run([tool("git"), "add", "-A"], cwd=root, check=True)
    return root


def _fix(root: Path) -> None:
    (root / "2027" / "01-青年科技人才服务.yaml").write_text(CLEAN_PROJECT, encoding="utf-8")
    subprocess.run([tool("git"), "add", "-A"], cwd=root, check=True)


def test_the_generated_config_fails_on_an_error_and_passes_once_fixed(office: Path, tmp_path: Path) -> None:
    pre_commit = tool("pre-commit")
    home = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}
    failed = run([pre_commit, "run", "--all-files"], office, **home)
    assert failed.returncode == 1
    assert re.search(r"^2027/01-青年科技人才服务\.yaml:\d+:\d+: error\[E201\]", failed.stdout, re.M), failed.stdout
    _fix(office)
    passed = run([pre_commit, "run", "--all-files"], office, **home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_try_repo_with_this_repository_s_hook(office: Path, tmp_path: Path) -> None:
    pre_commit = tool("pre-commit")
    # pre-commit installs the hook (perfsheet and its dependencies) with pip: here from the locked wheels
    # that make test downloads beforehand, never from the index while the tests run.
    require((WHEELHOUSE / ".downloaded").is_file(), f"the locked wheels in {WHEELHOUSE} (make wheelhouse)")
    home = {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_CONSTRAINT": "",
        "PIP_CONFIG_FILE": os.devnull,
    }
    command = [pre_commit, "try-repo", str(REPO), "perfsheet-validate", "--all-files"]
    failed = run(command, office, **home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "error[E201]" in failed.stdout
    # .pre-commit-config.yaml and dependabot.yml are other tools' YAML: a note at most, never an error.
    assert "pre-commit-config.yaml:1:1: error" not in failed.stdout and "dependabot.yml:1:1: error" not in failed.stdout
    _fix(office)
    passed = run(command, office, **home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
