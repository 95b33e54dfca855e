"""Every rule, listed explicitly (no discovery by import side effects); how a collection configures them
is in :mod:`perfsheet.rules.configuration`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet

from perfsheet.collection.loading import Collection
from perfsheet.diagnostics import Diagnostic
from perfsheet.rules.context import RuleContext
from perfsheet.rules.review import classes, consistency, evaluation, money, monitoring, names, targets, words

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


ProjectRules = list[tuple[ProjectRule, frozenset[str], frozenset[str]]]


def project_rules() -> ProjectRules:
    """Each project rule with the codes it declares and the parts of a form it reads, looked up once per
    run rather than once per project."""
    return [(rule, getattr(rule, "codes", frozenset()), getattr(rule, "reads", frozenset())) for rule in PROJECT_RULES]


def review_project(context: RuleContext, broken: AbstractSet[str], rules: ProjectRules) -> Iterator[Diagnostic]:
    """The review rules over one project, each rule's findings in turn; a rule that reads a part of the
    form in ``broken`` skips it."""
    for rule, codes, reads in rules:
        if not (broken and broken & reads):
            for finding in rule(context):
                _check_declared(rule, codes, finding)
                yield finding


def review_collection(collection: Collection) -> Iterator[Diagnostic]:
    """The review rules across the projects of a collection."""
    for rule in COLLECTION_RULES:
        codes: frozenset[str] = getattr(rule, "codes", frozenset())
        for finding in rule(collection):
            _check_declared(rule, codes, finding)
            yield finding


def _check_declared(rule: Callable[..., Iterable[Diagnostic]], codes: AbstractSet[str], finding: Diagnostic) -> None:
    """A rule reports only the codes it declares (another code is a bug)."""
    if finding.code not in codes:
        raise AssertionError(f"{rule.__name__} reported {finding.code}, which it does not declare")
