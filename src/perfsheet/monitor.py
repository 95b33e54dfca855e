"""``monitor``: check, light every project that has its 监控, lay out the 监控汇总表 and the 监控表 and
write them. As with ``build``, nothing is written when the check fails and an earlier output stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from perfsheet.build import BuildResult, build
from perfsheet.collection import Collection, Progress
from perfsheet.diagnostics import Report, from_catalogue
from perfsheet.layout import Block
from perfsheet.layout.monitoring import monitoring_cover_blocks, monitoring_form_blocks, monitoring_title
from perfsheet.model import CollectionSettings, Project, labels
from perfsheet.monitoring import MonitoringCard, bands_for


def monitored_projects(collection: Collection, report: Report) -> list[tuple[Project, MonitoringCard]]:
    """The projects with a 监控, lit; each one without is named (E572) so none is left out unseen."""
    bands, _problem = bands_for(collection.settings)  # the check has reported bands out of order
    monitored = []
    for file, project in collection.valid_projects:
        card = file.monitoring_card(bands)  # lit once, by the check before
        if card is None:
            report.add(file.diagnostic("E572", (labels.NAME,), name=project.name))
        else:
            monitored.append((project, card))
    return monitored


def monitoring_document(collection: Collection, report: Report, path: Path) -> tuple[str, Iterator[Block]] | None:
    """The 监控 document: the 监控汇总表, then one 监控表 per monitored project; None when none has one."""
    settings = collection.settings
    assert settings is not None
    monitored = monitored_projects(collection, report)
    if not monitored:
        report.add(from_catalogue("E573", str(path), None))
        return None
    return monitoring_title(settings), _blocks(collection, settings, monitored)


def _blocks(
    collection: Collection, settings: CollectionSettings, monitored: list[tuple[Project, MonitoringCard]]
) -> Iterator[Block]:
    yield from monitoring_cover_blocks(settings, monitored)
    for project, card in monitored:
        yield from monitoring_form_blocks(
            project, collection.department_for(project), collection.implementer_for(project), settings.year, card
        )


def monitor(
    path: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate ``path`` and, when it passes, write the monitoring .docx (and PDF with ``pdf``)."""
    return build(path, output, strict=strict, pdf=pdf, progress=progress, compose=monitoring_document)
