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
        """Each file once, however many times (and ways) it was named."""
        return len({path.resolve() for collection in self.collections for path in collection.paths_read()})


def _distinct(paths: Sequence[Path]) -> list[Path]:
    """The paths in order, each once: a repeated path, or a file inside a folder also given, is
    checked with that folder."""
    folders = {p.resolve() for p in paths if p.is_dir()}
    seen: set[Path] = set()
    distinct = []
    for path in paths:
        resolved = path.resolve()
        if resolved in seen or (not path.is_dir() and resolved.parent in folders):
            continue
        seen.add(resolved)
        distinct.append(path)
    return distinct


def check_paths(paths: Sequence[Path], progress: Progress | None = None) -> CheckResult:
    """Check every collection directory or project file; all problems of all files in one report."""
    report = Report()
    collections: list[Collection] = []
    with paused_gc():
        for path in _distinct(paths):
            collection = load_collection(path, progress)
            collections.append(collection)
            report.extend(collection.all_diagnostics())
            report.extend(run_rules(collection))
    return CheckResult(collections, report)
