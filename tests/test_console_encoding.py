"""What perfsheet writes on a Chinese Windows console (code page 936, GBK), run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CLEAN_PROJECT, variant, write_collection

# 𠀀 (U+20000) is not in GBK; 项目名称 is the first line of CLEAN_PROJECT.
RARE = "\U00020000"


def _perfsheet(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}
    command = [sys.executable, "-m", "perfsheet.cli", *args]
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, timeout=120, check=False)


def _collection(tmp_path: Path) -> Path:
    name = CLEAN_PROJECT.splitlines()[0].split(": ", 1)[1]
    broken = variant("当年财政拨款: ", "当年财政拨款: x", variant(name, f"{name}{RARE}"))
    return write_collection(tmp_path / "2026", {"01-项目.yaml": broken})


def test_json_is_utf8_whatever_the_console_encoding(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    result = _perfsheet(["validate", "--format", "json", str(folder)], tmp_path)
    assert result.returncode == 1, result.stderr.decode("gbk", "replace")
    problems = json.loads(result.stdout.decode("utf-8"))
    assert problems and all(problem["file"].endswith("01-项目.yaml") for problem in problems)


def test_github_annotations_are_utf8_too(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    result = _perfsheet(["validate", "--format", "github", str(folder)], tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode("utf-8").startswith("::error file=")


def test_a_character_the_console_lacks_is_escaped_not_a_crash(tmp_path: Path) -> None:
    # fix --diff writes the user's lines on stdout; this one has a full-width colon to repair.
    name = CLEAN_PROJECT.splitlines()[0].split(": ", 1)[1]
    project = variant(f"项目名称: {name}", f"项目名称：{name}{RARE}")
    folder = write_collection(tmp_path / "2026", {"01-项目.yaml": project})
    result = _perfsheet(["fix", "--diff", str(folder)], tmp_path)
    assert "Traceback" not in result.stderr.decode("gbk", "replace")
    # --diff changes nothing and exits 1 when a file needs repairs.
    assert result.returncode == 1, result.stderr.decode("gbk", "replace")
    assert "+项目名称: 青年科技人才服务\\U00020000" in result.stdout.decode("gbk")
