"""Every rule, listed explicitly (no discovery by import side effects); how a collection configures them
is in :mod:`perfsheet.rules.configuration`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.evaluation import Scorecard
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.context import RuleContext
from perfsheet.rules.review import classes, consistency, evaluation, money, monitoring, names, targets, words

BrokenParts = Mapping[str, AbstractSet[str]]
ProjectRule = Callable[[RuleContext], Iterable[Diagnostic]]
CollectionRule = Callable[[Collection], Iterable[Diagnostic]]

PROJECT_RULES: tuple[ProjectRule, ...] = (
    classes.missing_classes,
    classes.incomplete_output,
    classes.indicator_count,
    targets.rates,
    targets.directions,
    targets.incomplete_units,
    targets.headcounts_in_people,
    money.cost_within_budget,
    words.wording,
    words.mostly_qualitative,
    words.template_names,
    names.template_residue,
    names.percent_without_rate,
    names.value_not_measuring_name,
    names.groups_in_one_satisfaction,
    consistency.goal_matches_indicators,
    consistency.misplaced_indicators,
    consistency.copied_goal,
    consistency.budget_statement_goal,
    consistency.duration,
    consistency.vocabularies,
    evaluation.indicator_results,
    evaluation.spending_within_budget,
    monitoring.monitored_project,
)
COLLECTION_RULES: tuple[CollectionRule, ...] = (consistency.same_department_and_implementer,)


def review(
    collection: Collection, scorecards: Mapping[str, Scorecard | None], broken: BrokenParts | None = None
) -> Iterator[Diagnostic]:
    """The review rules over every project that can be read, then across the collection; ``scorecards``
    holds each file's 自评 as scored (None without one), ``broken`` each file's broken parts (a rule that
    reads one skips that file)."""
    words = vocabulary()
    # Each rule with the codes it declares and the parts it reads, looked up once, not per project.
    declared: list[tuple[ProjectRule, frozenset[str], frozenset[str]]] = [
        (rule, getattr(rule, "codes", frozenset()), getattr(rule, "reads", frozenset())) for rule in PROJECT_RULES
    ]
    for file, project in collection.reviewed_projects:
        parts = broken.get(file.display, frozenset()) if broken else frozenset()
        context = RuleContext.of(file, project, collection.settings, words, scorecards.get(file.display))
        for rule, codes, reads in declared:
            if not (parts and parts & reads):
                for finding in rule(context):
                    _check_declared(rule, codes, finding)
                    yield finding
    for collection_rule in COLLECTION_RULES:
        codes = getattr(collection_rule, "codes", frozenset())
        for finding in collection_rule(collection):
            _check_declared(collection_rule, codes, finding)
            yield finding


def _check_declared(rule: Callable[..., Iterable[Diagnostic]], codes: AbstractSet[str], finding: Diagnostic) -> None:
    """A rule reports only the codes it declares (another code is a bug)."""
    if finding.code not in codes:
        raise AssertionError(f"{rule.__name__} reported {finding.code}, which it does not declare")
