"""Stage 3, rules: model → diagnostics. Foundation checks (E2xx) are fixed errors; review rules (R)
follow the collection's configuration."""

from __future__ import annotations

from perfsheet.collection import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.evaluation import Scorecard
from perfsheet.rules.configuration import configured
from perfsheet.rules.form_errors import check_collection, check_project
from perfsheet.rules.registry import review


def run_rules(collection: Collection) -> list[Diagnostic]:
    """Every check over every valid project of the collection, then the collection-wide checks."""
    found: list[Diagnostic] = []
    broken: set[str] = set()
    # Each 自评 scored once (ProjectFile.scorecard): its errors are checked here, the review rules read it.
    scorecards: dict[str, Scorecard | None] = {}
    for file, _project in collection.valid_projects:
        scorecards[file.display] = file.scorecard
        errors = check_project(file, collection.settings, file.scorecard)
        if errors:
            broken.add(file.display)
        found.extend(errors)
    found.extend(check_collection(collection))
    # A form with structural errors is sent back for those first: reviewing it would only add echoes.
    found.extend(configured(collection, review(collection, scorecards, skip=broken)))
    return found
