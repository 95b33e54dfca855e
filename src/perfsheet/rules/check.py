"""Load → model → rules for a set of paths: the one entry point that ``validate`` and ``build`` share."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.collection.discovery import SETTINGS_FILE, real_path
from perfsheet.collection.gc_pause import paused_gc
from perfsheet.collection.loading import Collection, Progress, load_collection
from perfsheet.diagnostics import Report, from_catalogue, visible
from perfsheet.files.safe import FileProblem, read_user_file
from perfsheet.model import Project, labels
from perfsheet.rules import run_rules
from perfsheet.source import load_text
from perfsheet.source.decoding import MAX_FILE_BYTES, document_kind


@dataclass
class CheckResult:
    collections: list[Collection]
    report: Report
    # Each file once, however many times (and ways) it was named.
    files: set[Path] = field(default_factory=set)

    @property
    def files_read(self) -> int:
        return len(self.files)


@dataclass
class _Target:
    """A collection folder (all of it, or only some of its files) or a lone project file."""

    path: Path
    only: set[Path] | None = None  # resolved files to report on; None: every file


PROJECT_KEYS = frozenset(field.alias or name for name, field in Project.model_fields.items())


def is_other_yaml(path: Path) -> bool:
    """YAML that is neither a project nor a collection's (a pre-commit config, dependabot.yml …)."""
    try:
        head = read_user_file(path, MAX_FILE_BYTES)
    except FileProblem:
        return False  # the loader reports why it cannot be read
    if not head or document_kind(head[:200]) is not None:
        return False  # the loader says what it is
    text = head.decode("utf-8", errors="replace")
    source = load_text(text, path.as_posix())
    if isinstance(source.data, dict):
        return not any(key in PROJECT_KEYS for key in source.data)
    return labels.NAME not in text


def _targets(paths: Sequence[Path]) -> tuple[list[_Target], list[Path]]:
    """What to check for the paths given: folders whole; files of a collection folder with their
    collection (so that its perfsheet.yaml and the other files count); other project files alone;
    other YAML skipped. Each file once, in the order given."""
    targets: dict[Path, _Target] = {}
    skipped: list[Path] = []
    for path in paths:
        resolved = real_path(path)
        if path.is_dir() or path.name == SETTINGS_FILE:
            folder = path if path.is_dir() else path.parent
            targets[real_path(folder)] = _Target(folder)
        elif os.path.lexists(path.parent / SETTINGS_FILE):
            target = targets.setdefault(resolved.parent, _Target(path.parent, set()))
            if target.only is not None:
                target.only.add(resolved)
        elif is_other_yaml(path):
            if resolved not in skipped:
                skipped.append(resolved)
        else:
            targets.setdefault(resolved, _Target(path))
    return list(targets.values()), skipped


def check_paths(paths: Sequence[Path], progress: Progress | None = None) -> CheckResult:
    """Check every collection directory or project file; all problems of all files in one report."""
    report = Report()
    result = CheckResult([], report)
    targets, skipped = _targets(paths)
    for path in skipped:
        report.add(from_catalogue("E019", path.as_posix(), None))
    with paused_gc():
        for target in targets:
            collection = load_collection(target.path, progress)
            result.collections.append(collection)
            read = collection.paths_read()
            shown: set[str] | None = None
            if target.only is not None:
                # Files given one by one: checked with their collection, reported for themselves.
                settings = collection.settings_source.path if collection.settings_source else None
                read = [
                    p for p, real in zip(read, _real_paths(read), strict=True) if real in target.only or p == settings
                ]
                shown = {p.as_posix() for p in read} | {visible(p.as_posix()) for p in read}
            findings = [*collection.all_diagnostics(), *run_rules(collection, shown)]
            report.extend(findings if shown is None else [d for d in findings if d.file in shown])
            result.files.update(_real_paths(read))
    return result


def _real_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """``real_path`` of each path, each folder resolved once: a file that is no symbolic link is its
    real folder and its name (a thousand files of one folder cost a thousand lstat calls, not the
    lstat of every folder above each of them)."""
    folders: dict[str, str] = {}
    for path in paths:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if not name or name in (".", "..") or os.path.islink(text):
            yield real_path(path)
            continue
        real_folder = folders.get(folder)
        if real_folder is None:
            real_folder = folders[folder] = os.path.realpath(folder or ".")
        yield Path(os.path.join(real_folder, name))
