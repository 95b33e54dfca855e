"""check_paths resolves the files it read folder by folder: the same real paths as one by one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfsheet.collection.discovery import real_path
from perfsheet.rules.check import _real_paths


def test_folder_by_folder_gives_each_file_its_real_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "真实"
    real.mkdir()
    (real / "01-项目.yaml").write_text("", encoding="utf-8")
    os.symlink(real, tmp_path / "链接")
    os.symlink(real / "01-项目.yaml", real / "02-链接.yaml")
    os.symlink("环", tmp_path / "环")  # a loop: followed as far as it leads
    monkeypatch.chdir(tmp_path)
    paths = [
        real / "01-项目.yaml",
        Path("链接/01-项目.yaml"),
        Path("链接/02-链接.yaml"),
        Path("链接/../真实/01-项目.yaml"),
        Path("环"),
        Path("不存在.yaml"),
        Path("."),
    ]
    resolved = list(_real_paths(paths))
    assert resolved == [real_path(path) for path in paths]
    assert resolved[1] == resolved[2] == (real / "01-项目.yaml").resolve()
