"""What a command prints: the report in the chosen format, the files written, usage errors for paths."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from perfsheet.cli.language import words
from perfsheet.cli.options import OutputFormat
from perfsheet.cli.reporters import REPORTERS, format_summary, format_text, shielded_from_workflow_commands
from perfsheet.cli.running import EXIT_USAGE, written_files
from perfsheet.diagnostics import fill, visible

if TYPE_CHECKING:  # the check is imported by the commands that run it, so --help stays light
    from perfsheet.rules.check import CheckResult


def chosen_format(requested: OutputFormat | None) -> OutputFormat:
    """Unless asked otherwise, GitHub Actions gets annotations (and the text report beside them)."""
    if requested is not None:
        return requested
    return OutputFormat.github if under_github_actions() else OutputFormat.text


def under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def shown(path: Path) -> str:
    """A written file as the user would name it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def remember_written(paths: list[Path]) -> None:
    """Files a command has written, as the user names them, for what a stop that comes after says."""
    written_files.extend(shown(path) for path in paths)


def require_existing(paths: list[Path]) -> None:
    # A link that leads nowhere (or in a loop) exists: the loader says what it is (E006).
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        for path in missing:
            typer.echo(fill(words().not_found, path=visible(str(path))), err=True)
        raise typer.Exit(EXIT_USAGE)


def _print_for_programs(text: str) -> None:
    """JSON and workflow annotations are read by programs: UTF-8 whatever the console's code page (a GBK
    console would write GBK, and fail on a character GBK lacks)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        typer.echo(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8") + b"\n")
    buffer.flush()


def print_report(result: CheckResult, requested: OutputFormat | None) -> None:
    output = chosen_format(requested)
    if output is OutputFormat.json:
        _print_for_programs(REPORTERS["json"](result.report))
        return
    if output is OutputFormat.github:
        # GitHub shows only the first annotations of a step: the full text report follows on stderr.
        annotations = REPORTERS["github"](result.report)
        if annotations:
            _print_for_programs(annotations)
    text = format_text(result.report)
    if text and under_github_actions():
        # Messages quote user text: in a CI log none of it may act as a workflow command.
        text = shielded_from_workflow_commands(text)
    if text:
        typer.echo(text, err=True)
    typer.echo(format_summary(result.report, result.files_read), err=True)
