"""The arguments and options several commands share, spelled once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

# What the help shows in place of an argument's value.
FOLDER, FILE, FORMAT = "目录", "文件", "格式"


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


ReportFormat = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format", help="诊断报告格式：text、json 或 github（GitHub Actions 中默认为 github）。", metavar=FORMAT
    ),
]
# build and evaluate take the same collection folder and write their document the same way.
CollectionFolder = Annotated[
    Path, typer.Argument(help="汇总表目录（含 perfsheet.yaml）。", show_default=False, metavar=FOLDER)
]
AlsoPdf = Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成 PDF。")]
StrictWriting = Annotated[bool, typer.Option("--strict", help="有警告时也不生成。")]


# validate and fix take the same paths: collection folders, or files of a collection, or project files.
CollectionPaths = Annotated[
    list[Path],
    typer.Argument(help="汇总表目录（含 perfsheet.yaml）或其中的 YAML 文件。", show_default=False, metavar="路径…"),
]
