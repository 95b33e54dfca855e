"""Stage 3, rules: model → diagnostics. Foundation checks (E2xx) are fixed errors; review rules (R)
follow the collection's configuration."""

from __future__ import annotations

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.evaluation import Scorecard
from perfsheet.rules.configuration import configured
from perfsheet.rules.form_errors import check_collection, check_project
from perfsheet.rules.registry import review


def run_rules(collection: Collection) -> list[Diagnostic]:
    """Every check over every project that can be read (values that cannot are set aside), then the
    collection-wide checks."""
    found: list[Diagnostic] = []
    broken: dict[str, frozenset[str]] = {}
    # Each 自评 scored once (ProjectFile.scorecard): its errors are checked here, the review rules read it.
    scorecards: dict[str, Scorecard | None] = {}
    for file, _project in collection.reviewed_projects:
        scorecards[file.display] = file.scorecard
        errors, broken[file.display] = check_project(file, collection.settings, file.scorecard)
        found.extend(errors)
    found.extend(check_collection(collection))
    # A broken part of a form is sent back for its errors first: the rules that read it skip the form,
    # every other rule reviews it.
    found.extend(configured(collection, review(collection, scorecards, broken=broken)))
    return found
