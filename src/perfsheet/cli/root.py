"""The command line: parse arguments, call the library, print the report, map the result to an exit code.

Exit codes: 0 clean (or warnings only), 1 errors in the input (or warnings with ``--strict``, or output
that could not be written, said in Chinese), 2 usage, 3 an internal error, which is a bug in perfsheet and
keeps its traceback; 128 + the signal's number when stopped, 141 when the reader of a command's output went
away (click's own help and version exit 1 then, by click's convention). The commands
themselves are in the ``*_commands`` modules, registered on ``app`` when the package is imported.
"""

import atexit
import io
import os
import signal
import sys
import threading
from typing import Annotated, NoReturn

import typer

from perfsheet import __version__
from perfsheet.cli.language import ChineseGroup
from perfsheet.cli.running import flush_output, handle_stop_signals, output_failure_exit, written_files

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
    """The command line in this process: ends with ``SystemExit`` carrying the exit code."""
    # A console whose code page lacks a character of a project's name (GBK has no 𠀀) shows it escaped,
    # as Python already does on stderr, instead of failing in the middle of the output.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        app(prog_name="perfsheet")
    except OSError as failure:
        # Click's own output (the help, the version, a usage error) failing to be written; a command's
        # own output is seen to in report_bugs.
        code = output_failure_exit(failure)
        if code is None:
            raise
        raise SystemExit(code) from None


def run() -> NoReturn:
    """The ``perfsheet`` program: the command line, then the process ends (:func:`leave`)."""
    try:
        main()
    except SystemExit as finished:
        leave(finished)
    leave(SystemExit(0))


def leave(finished: SystemExit) -> NoReturn:
    """End the process as Python's own exit would, less freeing every object one at a time: a build of a
    thousand forms holds millions of them, and freeing them took a tenth of its time (mypy ends the same
    way). Exit handlers run and the output is flushed first. A thread still running, an exit that prints
    a message, output that cannot be flushed (a closed pipe), or a profiler, debugger or coverage tool
    watching the process leave the ordinary way, as before."""
    code = 0 if finished.code is None else finished.code
    if not isinstance(code, int) or threading.active_count() > 1 or _watched():
        raise finished
    # A stop that lands now finds the work done and the output written: it changes nothing.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    try:
        flush_output()
        atexit._run_exitfuncs()
        flush_output()
    except OSError as failure:
        # Output written only now (by an exit handler, or left in a buffer) that cannot be: said, as in
        # a command; any other failure to flush ends the ordinary way.
        failed = output_failure_exit(failure)
        raise (finished if failed is None else SystemExit(failed)) from None
    except ValueError:
        raise finished from None
    os._exit(code)


def _watched() -> bool:
    """Whether a tool watches this process and finishes its work at exit (cProfile, a debugger, coverage,
    ``python -i``)."""
    if sys.gettrace() is not None or sys.getprofile() is not None or sys.flags.inspect:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12 on: the tools of sys.monitoring
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))
