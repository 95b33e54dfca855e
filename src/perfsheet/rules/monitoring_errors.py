"""What in a 监控 cannot be lit (E564–E571): each problem the lights found, located, like the 自评's."""

from __future__ import annotations

from perfsheet.collection.loading import Collection, ProjectFile
from perfsheet.diagnostics import Diagnostic, from_catalogue
from perfsheet.model import CollectionSettings, labels
from perfsheet.source import PathKey


def check_monitoring(file: ProjectFile, settings: CollectionSettings | None) -> list[Diagnostic]:
    if file.project is None or file.project.monitoring is None:
        return []
    from perfsheet.monitoring import bands_for  # the lights are loaded for a 监控 only

    card = file.monitoring_card(bands_for(settings)[0])
    assert card is not None
    return [file.diagnostic(p.code, _written(file, p.path), at_key=p.at_key, **p.params) for p in card.problems]


def _written(file: ProjectFile, path: PathKey) -> PathKey:
    """An indicator's 1-X月 value where it is written: the short form's value, or 执行情况 in the long form."""
    long_form = (*path, labels.PROGRESS_CURRENT)
    return long_form if long_form in file.source.positions.values else path


def check_bands(collection: Collection) -> list[Diagnostic]:
    """perfsheet.yaml's 监控预警 bands out of order (E571), once for the collection."""
    source, settings = collection.settings_source, collection.settings
    if settings is None or settings.monitoring is None:
        return []  # the scheme's own bands are in order (and its file need not be read)
    from perfsheet.monitoring import bands_for

    _bands, problem = bands_for(settings)
    if problem is None or source is None:
        return []
    return [from_catalogue(problem.code, source.display, source.positions.key(problem.path), **problem.params)]
