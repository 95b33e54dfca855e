"""The real clients of the files ``perfsheet init`` writes: pre-commit, check-jsonschema, actionlint and
yaml-language-server. A missing one skips with its reason locally and fails under CI=true."""

from __future__ import annotations

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
