"""How a command runs: its exit codes, the stop signals that end it cleanly, and a bug kept as a bug
(traceback, exit 3)."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeGuard, TypeVar

import typer

from perfsheet.cli.language import words
from perfsheet.cli.typer_api import click as _click
from perfsheet.diagnostics import fill, listing

# Stopped by a signal: 128 + its number, as a shell reports it (130 Ctrl+C, 143 SIGTERM, 129 SIGHUP).
EXIT_INTERRUPTED_BASE = 128
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


def _ignore(_unraisable: object) -> None:
    pass


def _quiet_finalizers() -> None:
    """A stop lands anywhere, even inside a library's ``__init__`` (``zipfile.ZipFile``'s): the object it
    left half made fails in its finalizer later. That is the stop's doing, not a bug, so say nothing."""
    sys.unraisablehook = _ignore


# What a shell reports for a program whose output pipe closed (Windows has no SIGPIPE, the number is POSIX's).
_SIGPIPE = getattr(signal, "SIGPIPE", 13)


def _output_went_away(failure: Exception, windows: bool = os.name == "nt") -> bool:
    """Whether ``failure`` is the standard output or error gone: a closed pipe (on Windows a write to one
    fails with EINVAL, so there the streams are asked once more)."""
    if isinstance(failure, BrokenPipeError):
        return True
    if not windows or not isinstance(failure, OSError) or failure.errno != errno.EINVAL:
        return False
    try:
        flush_output()
    except OSError:
        return True
    return False


# A write that failed for want of room or of a device to hold it.
_NO_ROOM = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))


def _output_had_no_room(failure: Exception) -> TypeGuard[OSError]:
    """Whether ``failure`` is the standard output or error that could not be written (a full disk, a quota,
    a device error). A stream's write names no file; every file perfsheet writes reports its own
    failure with its name (E303), so an error that names one is no failure of the output."""
    return (
        isinstance(failure, OSError)
        and failure.errno in _NO_ROOM
        and failure.filename is None
        and failure.filename2 is None
    )


def output_failure_exit(failure: BaseException) -> int | None:
    """The exit code when ``failure`` is the output that could not be written, None otherwise. A closed
    pipe ends quietly (nobody is reading any more); a full disk or a device error is said on standard
    error while it can be, with the files this run had already written. What is still buffered then goes
    to the null device, not into a second error at exit; the stream that still works keeps what it was
    given."""
    if not isinstance(failure, Exception):
        return None
    if _output_went_away(failure):
        code = EXIT_INTERRUPTED_BASE + _SIGPIPE
    elif _output_had_no_room(failure):
        said = fill(words().output_failed, reason=failure.strerror or str(failure))
        if written_files:
            said += "\n" + fill(words().written_before_failure, files=listing(written_files))
        with contextlib.suppress(OSError, ValueError):
            typer.echo(said, err=True)
        code = EXIT_INVALID
    else:
        return None
    _quiet_finalizers()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    _discard_output()
    return code


def flush_output() -> None:
    """Flush standard output and error (either is None when the process started with it closed)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _discard_output() -> None:
    """Point standard output and error at the null device (the recipe of Python's ``signal`` docs)."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            os.dup2(null, stream.fileno())
    os.close(null)


# The files this run has finished writing (fix, import): a stop that comes after says so.
written_files: list[str] = []


def _stop_message(unchanged: str) -> str:
    """What a stop did: nothing to the user's files, or (once they are all written) nothing more."""
    return fill(words().stopped_after_writing, files=listing(written_files)) if written_files else unchanged


def report_bugs(command: F) -> F:
    """An unexpected exception is perfsheet's bug: keep the traceback, say so, exit 3."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, _click.exceptions.UsageError):
            raise  # a usage error is the user's: Click shows it in Chinese (cli_language) and exits 2
        except KeyboardInterrupt:
            _quiet_finalizers()
            typer.echo(_stop_message(words().interrupted), err=True)
            raise typer.Exit(EXIT_INTERRUPTED_BASE + signal.SIGINT) from None
        except Stopped as stop:
            _quiet_finalizers()
            typer.echo(_stop_message(words().stopped), err=True)
            raise typer.Exit(EXIT_INTERRUPTED_BASE + stop.signum) from None
        except Exception as failure:
            code = output_failure_exit(failure)
            if code is not None:
                # The output could not be written (``perfsheet … | head -1``, a full disk): no bug.
                raise typer.Exit(code) from None
            traceback.print_exc()
            # Not from templates/: a broken data file may be the very bug being reported.
            typer.echo(
                "perfsheet 内部错误：这是 perfsheet 的缺陷，不是你的文件的问题。请把以上信息报告给维护者。",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None

    return wrapper  # type: ignore[return-value]


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, so that every temporary is removed on the way out
    (a BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def handle_stop_signals() -> None:
    """CI cancellation, ``timeout``, a closed terminal and ``docker stop`` end a run as Ctrl+C does."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop)
