"""A collection: ``perfsheet.yaml`` plus one YAML file per project, loaded and typed (which files make
it up is :mod:`perfsheet.collection.discovery`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfsheet.collection.discovery import collection_files, misnamed_diagnostic
from perfsheet.diagnostics import Diagnostic, Position, from_catalogue
from perfsheet.model import CollectionSettings, Project, Unreadable, labels, lifted, validated
from perfsheet.model.monitoring import Bands
from perfsheet.source import PathKey, SourceFile, load_file

if TYPE_CHECKING:  # scoring and the lights are imported by a form that has a 自评 or a 监控, when it asks
    from perfsheet.evaluation import Scorecard
    from perfsheet.monitoring import MonitoringCard

_MONEY_BLOCKS = (labels.ANNUAL_FUNDS, labels.PROJECT_FUNDS)
_DATES = ((labels.START,), (labels.END,))
# What stands for a date that cannot be read: any date does, the date checks and rules skip the form.
_SET_ASIDE_DATE = date(2000, 1, 1)
# The 年度总体目标 left blank (a draft, a form imported half-filled): E101 reports it; the review reads the
# rest of the form, with this in its place, and the rules that read the goal skip the form. Never shown.
_GOAL = (labels.ANNUAL_GOAL,)
_SET_ASIDE_GOAL = "-"


class PhraseLocator:
    """Finds phrases of one long value (a goal) in the file, in the order they occur in the value.

    A cursor moves forward through the file and each search looks only a bounded way ahead of it, so a
    file with thousands of phrases is located in linear time. A phrase the file spells differently (a
    folded line, an escape) is located at the value's start."""

    def __init__(self, text: str, start: Position) -> None:
        self._text = text
        self._start = start
        offset = 0
        for _ in range(start.line - 1):
            offset = text.find("\n", offset) + 1
        self._cursor, self._line, self._line_start = offset, start.line, offset
        self._previous = 0

    def __call__(self, phrase: str, index_in_value: int) -> Position:
        """The position of ``phrase``, which starts at ``index_in_value`` of the value."""
        text = self._text
        # The file spells the gap since the previous phrase with at least as many characters (indentation
        # is added, never removed); four times as many, or 4 KB, is enough for any real layout.
        reach = 4 * (max(index_in_value - self._previous, 0) + len(phrase)) + 4096
        found = text.find(phrase, self._cursor, self._cursor + reach)
        if found < 0:
            return self._start
        newlines = text.count("\n", self._cursor, found)
        if newlines:
            self._line += newlines
            self._line_start = text.rfind("\n", self._cursor, found) + 1
        self._cursor, self._previous = found, index_in_value
        return Position(self._line, found - self._line_start + 1)


@dataclass
class ProjectFile:
    """One project file: what was read, and the model when it validated."""

    source: SourceFile
    project: Project | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # For review only, when ``project`` did not validate because of values alone: the model with each of
    # those values replaced (an indicator's by Unreadable, an amount by 0), and the paths replaced.
    reviewable: Project | None = None
    unread: frozenset[PathKey] = frozenset()
    # The 监控 lit with the bands last asked for (monitoring_card).
    _lit: tuple[Bands, MonitoringCard | None] | None = field(default=None, repr=False)

    @property
    def reviewed(self) -> Project | None:
        """What the review rules read: the model, or the one with its unreadable values set aside."""
        return self.project if self.project is not None else self.reviewable

    @property
    def money_unread(self) -> bool:
        """An amount of the money block could not be read: the money checks skip the form."""
        return any(path[0] in _MONEY_BLOCKS for path in self.unread)

    @property
    def goal_unread(self) -> bool:
        """The 年度总体目标 is missing or blank: the checks of the goal skip the form."""
        return _GOAL in self.unread

    @property
    def dates_unread(self) -> bool:
        """A planned date could not be read: the date checks skip the form."""
        return any(path in _DATES for path in self.unread)

    @property
    def display(self) -> str:
        return self.source.display

    @cached_property
    def scorecard(self) -> Scorecard | None:
        """Its 自评 scored, once however many stages ask (the check, the review rules, evaluate); None
        when the model did not validate or has no 自评."""
        if self.project is None or self.project.self_evaluation is None:
            return None
        from perfsheet.evaluation import score_project

        return score_project(self.project)

    def monitoring_card(self, bands: Bands) -> MonitoringCard | None:
        """Its 监控 lit with the collection's ``bands``, once however many stages ask (the check, the review
        rules, monitor); None without a 监控 or a model to read."""
        if self._lit is None or self._lit[0] != bands:
            project = self.reviewed
            if project is None or project.monitoring is None:
                self._lit = (bands, None)
            else:
                from perfsheet.monitoring import light_project

                self._lit = (bands, light_project(project, bands))
        return self._lit[1]

    def position(self, *path: str | int) -> Position:
        return self.source.positions.value(path)

    def phrase_locator(self, path: PathKey) -> PhraseLocator:
        """Where phrases of the value at ``path`` stand in the file, asked in the order they occur."""
        return PhraseLocator(self.source.text, self.source.positions.value(path))

    def diagnostic(self, code: str, path: PathKey, *, at_key: bool = False, **params: Any) -> Diagnostic:
        position = self.source.positions.key(path) if at_key else self.source.positions.value(path)
        return from_catalogue(code, self.display, position, **params)


@dataclass
class Collection:
    """The settings file and the project files of one directory (or one lone project file)."""

    root: Path
    settings_source: SourceFile | None
    settings: CollectionSettings | None
    projects: list[ProjectFile]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def files_read(self) -> int:
        return len(self.paths_read())

    def paths_read(self) -> list[Path]:
        paths = [project.source.path for project in self.projects]
        return paths if self.settings_source is None else [self.settings_source.path, *paths]

    def all_diagnostics(self) -> list[Diagnostic]:
        found = list(self.diagnostics)
        if self.settings_source is not None:
            found.extend(self.settings_source.diagnostics)
        for project in self.projects:
            found.extend(project.source.diagnostics)
            found.extend(project.diagnostics)
        return found

    @property
    def valid_projects(self) -> list[tuple[ProjectFile, Project]]:
        return [(p, p.project) for p in self.projects if p.project is not None]

    @property
    def reviewed_projects(self) -> list[tuple[ProjectFile, Project]]:
        """The projects the review reads: the valid ones and those whose only errors are values."""
        return [(p, reviewed) for p in self.projects if (reviewed := p.reviewed) is not None]

    def department_for(self, project: Project) -> str:
        return project.department or (self.settings.department if self.settings else "")

    def implementer_for(self, project: Project) -> str:
        return project.implementer or (self.settings.unit if self.settings else "")


def _display(path: Path) -> str:
    return path.as_posix()


def load_settings(path: Path, within: Path | None = None) -> tuple[SourceFile, CollectionSettings | None]:
    source = load_file(path, _display(path), within=within)
    if not source.complete:
        return source, None
    settings, problems = validated(source, CollectionSettings)
    source.diagnostics.extend(problems)
    return source, settings


def load_project(path: Path, within: Path | None = None, year: int | None = None) -> ProjectFile:
    source = load_file(path, _display(path), within=within)
    if not source.complete:
        return ProjectFile(source, None)
    project, problems = validated(source, Project, year)
    if project is not None or not problems:
        return ProjectFile(source, project, problems)
    reviewable, unread = lifted(source, Project, _set_aside)
    return ProjectFile(source, None, problems, reviewable, unread)


def _set_aside(path: PathKey, value: Any) -> Any:
    """What stands for a value that cannot be read, so that the review of the rest still runs: an
    indicator's 指标值 as written; an amount as 0, a date as any date (the money or date checks then
    skip the form), a blank 年度总体目标 as a stand-in the goal's checks skip. Anything else (another
    missing field, the structure) stops the review: None."""
    if len(path) == 5 and path[0] == labels.INDICATORS and path[-1] == labels.INDICATOR_VALUE:
        return Unreadable("" if value is None else str(value))
    if len(path) == 2 and path[0] in _MONEY_BLOCKS:
        return Decimal(0)
    if path in _DATES and value is not None:
        return _SET_ASIDE_DATE
    if path == _GOAL:
        return _SET_ASIDE_GOAL
    return None


Progress = Callable[[int, int], None]


def load_collection(path: Path, progress: Progress | None = None) -> Collection:
    """Load a directory or one project file; every problem is a diagnostic, nothing raises."""
    found = collection_files(path)
    files, settings_path = found.projects, found.settings
    diagnostics: list[Diagnostic] = [misnamed_diagnostic(p) for p in found.misnamed]
    settings_source: SourceFile | None = None
    settings: CollectionSettings | None = None
    if os.path.lexists(settings_path):
        settings_source, settings = load_settings(settings_path, found.root)
    elif found.is_directory:
        diagnostics.append(from_catalogue("E230", _display(settings_path), None, directory=_display(found.root)))
    if found.is_directory and not files:
        diagnostics.append(from_catalogue("E231", _display(found.root), None))
    projects = []
    for done, file in enumerate(files, start=1):
        projects.append(load_project(file, found.root, settings.year if settings is not None else None))
        if progress is not None:
            progress(done, len(files))
    return Collection(found.root, settings_source, settings, projects, diagnostics)
