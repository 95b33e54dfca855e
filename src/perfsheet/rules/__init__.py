"""Stage 3, rules: model → diagnostics."""

from __future__ import annotations

from perfsheet.collection import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.rules.structure import check_collection, check_project


def run_rules(collection: Collection) -> list[Diagnostic]:
    """Every rule over every valid project of the collection, then the collection-wide checks."""
    found: list[Diagnostic] = []
    for file, _project in collection.valid_projects:
        found.extend(check_project(file, collection.settings))
    found.extend(check_collection(collection))
    return found
