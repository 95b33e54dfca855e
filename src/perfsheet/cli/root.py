"""The command line: parse arguments, call the library, print the report, map the result to an exit code.

Exit codes: 0 clean (or warnings only), 1 errors in the input (or warnings with ``--strict``), 2 usage,
3 an internal error, which is a bug in perfsheet and keeps its traceback. The commands
themselves are in the ``*_commands`` modules, registered on ``app`` when the package is imported.
"""

import io
import sys
from typing import Annotated

import typer

from perfsheet import __version__
from perfsheet.cli.language import ChineseGroup
from perfsheet.cli.running import handle_stop_signals, written_files

app = typer.Typer(
    cls=ChineseGroup,
    help="perfsheet：把 YAML 写成的财政项目支出绩效目标申报表校验并生成 Word 文档。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    written_files.clear()
    handle_stop_signals()


def main() -> None:
    # A console whose code page lacks a character of a project's name (GBK has no 𠀀) shows it escaped,
    # as Python already does on stderr, instead of failing in the middle of the output.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    app(prog_name="perfsheet")
