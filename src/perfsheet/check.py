"""Load → model → rules for a set of paths: the one entry point that ``validate`` and ``build`` share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perfsheet.collection import Collection, Progress, load_collection
from perfsheet.diagnostics import Report
from perfsheet.rules import run_rules
from perfsheet.speed import paused_gc


@dataclass
class CheckResult:
    collections: list[Collection]
    report: Report

    @property
    def files_read(self) -> int:
        return sum(c.files_read for c in self.collections)


def check_paths(paths: Sequence[Path], progress: Progress | None = None) -> CheckResult:
    """Check every collection directory or project file; all problems of all files in one report."""
    report = Report()
    collections: list[Collection] = []
    with paused_gc():
        for path in paths:
            collection = load_collection(path, progress)
            collections.append(collection)
            report.extend(collection.all_diagnostics())
            report.extend(run_rules(collection))
    return CheckResult(collections, report)
