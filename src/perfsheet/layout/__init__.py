"""Stage 4, layout: validated models → plain data (paragraphs, tables of cells with spans and roles)."""

from __future__ import annotations

from perfsheet.collection import Collection
from perfsheet.layout.cover import cover_blocks
from perfsheet.layout.form import form_blocks, form_table
from perfsheet.layout.model import Block, Cell, Document, Paragraph, Row, Table


def layout_collection(collection: Collection) -> Document:
    """The cover, then one 申报表 per project in file order. The collection must have validated."""
    settings = collection.settings
    if settings is None:
        raise ValueError("layout needs a validated collection with its settings")
    projects = [project for _file, project in collection.valid_projects]
    document = Document(cover_blocks(settings, projects))
    for project in projects:
        document.blocks.extend(
            form_blocks(project, collection.department_for(project), collection.implementer_for(project), settings.year)
        )
    return document


__all__ = ["Block", "Cell", "Document", "Paragraph", "Row", "Table", "form_table", "layout_collection"]
