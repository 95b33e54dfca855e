"""A progress bar for a person at a terminal, never in CI, pipes or files."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, TextIO

import typer

from perfsheet.cli.language import words

# Fewer projects than this build in well under a second: a bar would only flicker.
PROGRESS_MIN_PROJECTS = 20


def wants_progress(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """A progress bar only for a person at a terminal: never in CI, pipes or files."""
    return stream.isatty() and environ.get("CI") != "true" and environ.get("GITHUB_ACTIONS") != "true"


class ProgressBar:
    """Shown on stderr once a collection turns out to be large."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_PROJECTS:
            return
        if self._bar is None:
            self._bar = typer.progressbar(length=total, label=words().reading_progress, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
