"""``evaluate``: check, score every project that has its 自评, lay out the 绩效自评表 and write them. As
with ``build``, nothing is written when the check fails and an earlier output stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from perfsheet.build import BuildResult, build
from perfsheet.collection import Collection, Progress
from perfsheet.diagnostics import Report, from_catalogue
from perfsheet.evaluation import Scorecard
from perfsheet.layout import Block
from perfsheet.layout.evaluation import evaluation_cover_blocks, evaluation_form_blocks, evaluation_title
from perfsheet.model import CollectionSettings, Project, labels


def scored_projects(collection: Collection, report: Report) -> list[tuple[Project, Scorecard]]:
    """The projects with a 自评, scored; each one without is named (E415) so none is left out unseen."""
    scored = []
    for file, project in collection.valid_projects:
        card = file.scorecard  # scored once, by the check before
        if card is None:
            report.add(file.diagnostic("E415", (labels.NAME,), name=project.name))
        else:
            scored.append((project, card))
    return scored


def self_evaluation(collection: Collection, report: Report, path: Path) -> tuple[str, Iterator[Block]] | None:
    """The 自评表 document: the 自评汇总表, then one form per scored project; None when none has a 自评."""
    settings = collection.settings
    assert settings is not None
    scored = scored_projects(collection, report)
    if not scored:
        report.add(from_catalogue("E416", str(path), None))
        return None
    return evaluation_title(settings), _blocks(collection, settings, scored)


def _blocks(
    collection: Collection, settings: CollectionSettings, scored: list[tuple[Project, Scorecard]]
) -> Iterator[Block]:
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
    return build(path, output, strict=strict, pdf=pdf, progress=progress, compose=self_evaluation)
