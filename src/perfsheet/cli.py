"""The command line: parse arguments, call the library, print the report, map the result to an exit code.

Exit codes: 0 clean (or warnings only), 1 errors in the input (or warnings with ``--strict``), 2 usage,
3 an internal error, which is a bug in perfsheet and keeps its traceback.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from perfsheet import __version__
from perfsheet.build import build as build_collection
from perfsheet.check import CheckResult, check_paths
from perfsheet.diagnostics import format_json, format_summary, format_text
from perfsheet.rules import catalogue
from perfsheet.schema import render_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

app = typer.Typer(
    help="perfsheet：把 YAML 写成的财政项目支出绩效目标申报表校验并生成 Word 文档。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _report_bugs(command: F) -> F:
    """An unexpected exception is perfsheet's bug: keep the traceback, say so, exit 3."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception:
            traceback.print_exc()
            typer.echo(
                "perfsheet 内部错误：这是 perfsheet 的缺陷，不是你的文件的问题。请把以上信息报告给维护者。",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None

    return wrapper  # type: ignore[return-value]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfsheet {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。")
    ] = False,
) -> None:
    """perfsheet：财政项目支出绩效目标申报表的校验与生成。"""


def _existing(paths: list[Path]) -> None:
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            typer.echo(f"perfsheet: 找不到 {path}", err=True)
        raise typer.Exit(EXIT_USAGE)


def _print_report(result: CheckResult, output: OutputFormat) -> None:
    if output is OutputFormat.json:
        typer.echo(format_json(result.report))
        return
    text = format_text(result.report)
    if text:
        typer.echo(text, err=True)
    typer.echo(format_summary(result.report, result.files_read), err=True)


@app.command()
@_report_bugs
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="汇总表目录（含 perfsheet.yaml）或单个项目文件。", show_default=False)
    ],
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以失败退出。")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", help="报告格式：text 或 json。")] = OutputFormat.text,
) -> None:
    """像财政局审核人员一样检查申报表，报告每个问题所在的文件和行。

    示例：perfsheet validate examples/2026
    """
    _existing(paths)
    result = check_paths(paths)
    _print_report(result, output)
    raise typer.Exit(EXIT_INVALID if result.report.failed(strict) else EXIT_OK)


@app.command()
@_report_bugs
def build(
    path: Annotated[Path, typer.Argument(help="汇总表目录（含 perfsheet.yaml）。", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出的 .docx 文件；默认为当前目录下以汇总表标题命名的文件。")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成 PDF。")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也不生成。")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="诊断报告格式：text 或 json。")
    ] = OutputFormat.text,
) -> None:
    """先校验，再生成 Word 文档：汇总表在前，每个项目一张申报表。

    有错误时不写任何文件，原有的输出保持不变。

    示例：perfsheet build examples/2026 -o 2026年度绩效目标.docx --pdf
    """
    _existing([path])
    result = build_collection(path, output, strict=strict, pdf=pdf)
    _print_report(result.check, output_format)
    if result.docx is not None:
        typer.echo(str(result.docx))
    if result.pdf is not None:
        typer.echo(str(result.pdf))
    failed = result.docx is None or result.check.report.failed(strict)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


class CatalogueFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command()
@_report_bugs
def rules(
    output_format: Annotated[
        CatalogueFormat, typer.Option("--format", help="text 或 markdown（即 docs/rules.md）。")
    ] = CatalogueFormat.text,
) -> None:
    """列出全部检查规则：代码、默认级别、消息和来源。

    示例：perfsheet rules --format markdown > docs/rules.md
    """
    typer.echo(catalogue.as_markdown() if output_format is CatalogueFormat.markdown else catalogue.as_text(), nl=False)
    if output_format is CatalogueFormat.text:
        typer.echo()


@app.command()
@_report_bugs
def schema(
    directory: Annotated[Path, typer.Option("--dir", help="写入的目录。")] = Path("schemas"),
) -> None:
    """生成编辑器用的 JSON Schema（project.schema.json 与 collection.schema.json）。

    在 YAML 文件第一行写「# yaml-language-server: $schema=…/project.schema.json」，
    VS Code 等编辑器即可提示键名、标出错误。

    示例：perfsheet schema --dir schemas
    """
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in render_schemas().items():
        (directory / name).write_text(text, encoding="utf-8")
        typer.echo(str(directory / name))


def main() -> None:
    app(prog_name="perfsheet")


if __name__ == "__main__":  # pragma: no cover
    main()
