"""Every rule, listed explicitly (no discovery by import side effects); how a collection configures them
is in :mod:`perfsheet.rules.configuration`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet

from perfsheet.collection import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.evaluation import Scorecard
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.context import RuleContext
from perfsheet.rules.review import classes, consistency, evaluation, money, monitoring, targets, words

SkippedFiles = AbstractSet[str]
ProjectRule = Callable[[RuleContext], Iterable[Diagnostic]]
CollectionRule = Callable[[Collection], Iterable[Diagnostic]]

PROJECT_RULES: tuple[ProjectRule, ...] = (
    classes.missing_classes,
    classes.incomplete_output,
    classes.indicator_count,
    targets.rates,
    targets.directions,
    money.cost_within_budget,
    words.wording,
    words.mostly_qualitative,
    words.template_names,
    consistency.goal_matches_indicators,
    consistency.misplaced_indicators,
    consistency.goals_and_duration,
    consistency.vocabularies,
    evaluation.indicator_results,
    evaluation.spending_within_budget,
    monitoring.monitored_project,
)
COLLECTION_RULES: tuple[CollectionRule, ...] = (consistency.same_department_and_implementer,)


def review(
    collection: Collection, scorecards: Mapping[str, Scorecard | None], skip: SkippedFiles = frozenset()
) -> Iterator[Diagnostic]:
    """The review rules over every valid project (but those in ``skip``), then across the collection;
    ``scorecards`` holds each file's 自评 as scored (None without one)."""
    words = vocabulary()
    for file, project in collection.valid_projects:
        if file.display in skip:
            continue
        context = RuleContext.of(file, project, collection.settings, words, scorecards.get(file.display))
        for rule in PROJECT_RULES:
            yield from _declared(rule, rule(context))
    for collection_rule in COLLECTION_RULES:
        yield from _declared(collection_rule, collection_rule(collection))


def _declared(rule: Callable[..., Iterable[Diagnostic]], findings: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """A rule's findings, each checked against the codes it declares (another code is a bug)."""
    codes: frozenset[str] = getattr(rule, "codes", frozenset())
    for finding in findings:
        if finding.code not in codes:
            raise AssertionError(f"{rule.__name__} reported {finding.code}, which it does not declare")
        yield finding
