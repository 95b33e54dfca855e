"""Stage 3, rules: model → diagnostics. Foundation checks (E2xx) are fixed errors; review rules (R)
follow the collection's configuration."""

from __future__ import annotations

from collections.abc import Set

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.configuration import configured
from perfsheet.rules.context import RuleContext
from perfsheet.rules.form_errors import check_collection, check_project
from perfsheet.rules.registry import project_rules, review_collection, review_project


def run_rules(collection: Collection, reported: Set[str] | None = None) -> list[Diagnostic]:
    """Every check over every project that can be read (values that cannot are set aside), then the
    collection-wide checks; the review rules' findings follow, as the collection configures them. One
    pass over the projects: each form's checks and review run while it is at hand.

    ``reported``: the files (as displayed) whose findings will be shown, when files are given one by one
    as a pre-commit hook does: the others count for the collection-wide checks only, and their own
    checks are not run."""
    found: list[Diagnostic] = []
    reviewed: list[Diagnostic] = []
    words = vocabulary()
    rules = project_rules()
    for file, project in collection.reviewed_projects:
        if reported is not None and file.display not in reported:
            continue
        # Each 自评 scored once (ProjectFile.scorecard): its errors are checked here, the review rules read it.
        errors, broken = check_project(file, collection.settings, file.scorecard)
        found.extend(errors)
        # A broken part of a form is sent back for its errors first: the rules that read it skip the form,
        # every other rule reviews it.
        context = RuleContext.of(file, project, collection.settings, words, file.scorecard)
        reviewed.extend(review_project(context, broken, rules))
    found.extend(check_collection(collection))
    reviewed.extend(review_collection(collection))
    found.extend(configured(collection, reviewed))
    return found
