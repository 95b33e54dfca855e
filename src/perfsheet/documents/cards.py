"""The documents made of the projects that carry a section of the year (自评 → 自评表, 监控 → 监控表): a
cover over those projects, then one form each. What differs between them is data: how a project's card
is had, which codes name the projects left out, and the layout's title, cover and form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from perfsheet.collection.loading import Collection, Progress, ProjectFile
from perfsheet.diagnostics import Report, from_catalogue
from perfsheet.documents.build import BuildResult, build
from perfsheet.layout import Block
from perfsheet.model import CollectionSettings, Project, labels

Card = TypeVar("Card")


@dataclass(frozen=True)
class CardDocument(Generic[Card]):
    """A document of the projects that have a card (a 自评's scorecard, a 监控's lights); a ``Compose``
    for ``build``."""

    # The project's card, computed once by the check before (None: the project has no such section).
    card: Callable[[Collection, ProjectFile], Card | None]
    # The catalogue codes: a project without the section (named, so none is left out unseen), and a
    # collection where no project has it (nothing is written).
    left_out: str
    none_found: str
    title: Callable[[CollectionSettings], str]
    cover: Callable[[CollectionSettings, Sequence[tuple[Project, Card]]], Iterable[Block]]
    form: Callable[[Project, str, str, int, Card], Iterable[Block]]

    def projects(self, collection: Collection, report: Report) -> list[tuple[Project, Card]]:
        """The projects with their card, in the collection's order; each one without is reported."""
        carded = []
        for file, project in collection.valid_projects:
            card = self.card(collection, file)
            if card is None:
                report.add(file.diagnostic(self.left_out, (labels.NAME,), name=project.name))
            else:
                carded.append((project, card))
        return carded

    def __call__(self, collection: Collection, report: Report, path: Path) -> tuple[str, Iterator[Block]] | None:
        settings = collection.settings
        assert settings is not None
        carded = self.projects(collection, report)
        if not carded:
            report.add(from_catalogue(self.none_found, str(path), None))
            return None
        return self.title(settings), self._blocks(collection, settings, carded)

    def write(
        self,
        path: Path,
        output: Path | None = None,
        *,
        strict: bool = False,
        pdf: bool = False,
        progress: Progress | None = None,
    ) -> BuildResult:
        """Validate ``path`` and, when it passes, write this document as .docx (and PDF with ``pdf``),
        as ``build`` writes the 申报表: never over an input, never half a file."""
        return build(path, output, strict=strict, pdf=pdf, progress=progress, compose=self)

    def _blocks(
        self, collection: Collection, settings: CollectionSettings, carded: list[tuple[Project, Card]]
    ) -> Iterator[Block]:
        yield from self.cover(settings, carded)
        for project, card in carded:
            yield from self.form(
                project, collection.department_for(project), collection.implementer_for(project), settings.year, card
            )
