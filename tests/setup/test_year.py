"""A budget officer's whole year in one git repository, each step with the real client: init the 2027
collection, type the projects (with an input method's full-width marks), fix, commit through the real
pre-commit hook (refused while an error is left, accepted once fixed), build, write the 自评 at year end,
evaluate, then init 2028 and commit it: the workflow files, checked by actionlint, cover 2028.
A missing git, pre-commit or actionlint skips with the reason; under CI=true it fails."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import yaml

from tests.conftest import CLEAN_PROJECT, EVALUATION
from tests.setup.conftest import actionlint, git_repository, run, tool

SOURCE = "git+https://git.office.example/perfsheet.git"
UNIT, DEPARTMENT = "上海市某某中心", "上海市某某局"
# git commits as the officer, whatever this machine's configuration says.
IDENTITY = {
    "GIT_AUTHOR_NAME": "预算员",
    "GIT_AUTHOR_EMAIL": "officer@office.example",
    "GIT_COMMITTER_NAME": "预算员",
    "GIT_COMMITTER_EMAIL": "officer@office.example",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _project(name: str, year: int) -> str:
    """The clean project renamed and moved to ``year``, typed with an input method: a full-width colon
    and a full-width space that fix repairs."""
    text = CLEAN_PROJECT.replace("青年科技人才服务", name).replace("2026-", f"{year}-")
    text = text.replace("项目性质: ", "项目性质：")
    return text.replace("  当年财政拨款: 400,000.00", "  当年财政拨款:\u3000400,000.00")


def _perfsheet(root: Path, *arguments: str, expect: int = 0) -> str:
    result = run([tool("perfsheet"), *arguments], root, **IDENTITY)
    assert result.returncode == expect, (arguments, result.stdout, result.stderr)
    return result.stdout + result.stderr


def _git(root: Path, *arguments: str, expect: int = 0) -> str:
    result = run([tool("git"), *arguments], root, PRE_COMMIT_HOME=str(root.parent / "pre-commit-cache"), **IDENTITY)
    assert result.returncode == expect, (arguments, result.stdout, result.stderr)
    return result.stdout + result.stderr


def _workflows(root: Path) -> dict[str, Path]:
    """Each workflow file by the collection it checks (its PERFSHEET_COLLECTION)."""
    found = {}
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            collection = job.get("env", {}).get("PERFSHEET_COLLECTION")
            if collection:
                found[collection] = path
    return found


def test_the_officer_s_year_from_init_to_the_next_year(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "office")
    init = ["--unit", UNIT, "--department", DEPARTMENT, "--source", SOURCE]
    _perfsheet(root, "init", "2027", "--year", "2027", *init)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2027 年度汇总表")
    installed = run([tool("pre-commit"), "install"], root, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"))
    assert installed.returncode == 0 and (root / ".git" / "hooks" / "pre-commit").is_file(), installed.stderr

    # The projects as typed: the hook refuses them while the full-width marks are there.
    names = ["青年科技人才服务", "科普讲座", "学术年会", "社团党建"]
    for number, name in enumerate(names, start=1):
        (root / "2027" / f"0{number}-{name}.yaml").write_text(_project(name, 2027), encoding="utf-8")
    _git(root, "add", "-A")
    refused = _git(root, "commit", "-q", "-m", "四个项目", expect=1)
    assert re.search(r"2027/01-青年科技人才服务\.yaml:\d+:\d+: error\[E\d+\]", refused), refused

    # fix repairs them all in one run, and says nothing is left; the hook then lets the commit through.
    fixed = _perfsheet(root, "fix", "2027", expect=1)
    assert "2027/04-社团党建.yaml" in fixed
    assert "项目性质: 其他一次性项目" in (root / "2027" / "01-青年科技人才服务.yaml").read_text(encoding="utf-8")
    _perfsheet(root, "validate", "2027")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "四个项目")
    assert _git(root, "status", "--porcelain") == ""

    declared = root / "out" / "2027年度绩效目标申报表.docx"
    _perfsheet(root, "build", "2027", "-o", str(declared))
    with zipfile.ZipFile(declared) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert all(name in document for name in names)

    # Year end: the 自评 of every project, evaluated; each scores what tests/evaluation's hand
    # computation gives the clean project.
    for path in sorted((root / "2027").glob("0*.yaml")):
        path.write_text(path.read_text(encoding="utf-8") + EVALUATION, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2027 年度自评")
    evaluated = root / "out" / "2027年度绩效自评表.docx"
    _perfsheet(root, "evaluate", "2027", "-o", str(evaluated))
    with zipfile.ZipFile(evaluated) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count("总分") >= len(names) + 1, "the cover's 总分 column and each form's 总分 row"

    # The next year: one command, committed through the same hook; the workflows cover 2028.
    _perfsheet(root, "init", "2028", "--year", "2028", "--unit", UNIT, "--department", DEPARTMENT)
    (root / "2028" / "01-青年科技人才服务.yaml").write_text(
        _project("青年科技人才服务", 2028).replace("项目性质：", "项目性质: ").replace("\u3000", " "), encoding="utf-8"
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2028 年度汇总表")
    workflows = _workflows(root)
    assert set(workflows) == {"2027", "2028"}, workflows
    job = next(iter(yaml.safe_load(workflows["2028"].read_text(encoding="utf-8"))["jobs"].values()))
    assert job["env"]["PERFSHEET_SOURCE"] == SOURCE, "2028 installs perfsheet from where 2027 does"
    for path in set(workflows.values()):
        assert actionlint(path) == [], path
