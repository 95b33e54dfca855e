"""Stage 4, layout: validated models → plain data (paragraphs, tables of cells with spans and roles)."""

from __future__ import annotations

from collections.abc import Iterator

from perfsheet.collection.loading import Collection
from perfsheet.layout.blocks import Block, Cell, Document, Paragraph, Row, Table
from perfsheet.layout.cover import cover_blocks
from perfsheet.layout.form import form_blocks, form_table


def iter_blocks(collection: Collection) -> Iterator[Block]:
    """The cover, then one 申报表 per project in file order, one block at a time: a build of ten
    thousand forms never holds them all. The collection must have validated."""
    settings = collection.settings
    if settings is None:
        raise ValueError("layout needs a validated collection with its settings")
    projects = [project for _file, project in collection.valid_projects]
    yield from cover_blocks(settings, projects)
    for project in projects:
        yield from form_blocks(
            project, collection.department_for(project), collection.implementer_for(project), settings.year
        )


def layout_collection(collection: Collection) -> Document:
    """The whole document as data (for tests and tools; ``build`` streams :func:`iter_blocks`)."""
    return Document(list(iter_blocks(collection)))


__all__ = ["Block", "Cell", "Document", "Paragraph", "Row", "Table", "form_table", "iter_blocks", "layout_collection"]
