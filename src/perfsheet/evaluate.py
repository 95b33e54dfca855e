"""``evaluate``: check, score every project that has its 自评, lay out the 绩效自评表 and write them. As
with ``build``, nothing is written when the check fails and an earlier output stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from perfsheet.build import BuildResult, checked_collection, write_document
from perfsheet.check import check_paths
from perfsheet.collection import Collection, Progress
from perfsheet.diagnostics import from_catalogue
from perfsheet.evaluation import Scorecard, score_project
from perfsheet.layout import Block
from perfsheet.layout.evaluation import evaluation_cover_blocks, evaluation_form_blocks, evaluation_title
from perfsheet.model import Project, labels


def scored_projects(collection: Collection, result: BuildResult) -> list[tuple[Project, Scorecard]]:
    """The projects with a 自评, scored; each one without is named (E415) so none is left out unseen."""
    scored = []
    for file, project in collection.valid_projects:
        card = score_project(project)
        if card is None:
            result.check.report.add(file.diagnostic("E415", (labels.NAME,), name=project.name))
        else:
            scored.append((project, card))
    return scored


def _blocks(collection: Collection, scored: list[tuple[Project, Scorecard]]) -> Iterator[Block]:
    settings = collection.settings
    assert settings is not None
    yield from evaluation_cover_blocks(settings, scored)
    for project, card in scored:
        yield from evaluation_form_blocks(
            project, collection.department_for(project), collection.implementer_for(project), settings.year, card
        )


def evaluate(
    path: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate ``path`` and, when it passes, write the self-evaluation .docx (and PDF with ``pdf``)."""
    result = BuildResult(check_paths([path], progress))
    collection = checked_collection(result, path, strict)
    if collection is None or collection.settings is None:
        return result
    scored = scored_projects(collection, result)
    if not scored:
        result.check.report.add(from_catalogue("E416", str(path), None))
        return result
    title = evaluation_title(collection.settings)
    return write_document(result, collection, output, title, _blocks(collection, scored), pdf=pdf)
