"""What a review rule sees: one project, its file's positions, the collection settings, the vocabularies."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from perfsheet.collection.loading import ProjectFile
from perfsheet.diagnostics import Diagnostic
from perfsheet.model import CollectionSettings, Indicator, Project, Quantitative, TargetValue, labels
from perfsheet.model.vocabulary import Vocabulary
from perfsheet.rules.indicator_names import NameFacts, name_facts
from perfsheet.source import PathKey

if TYPE_CHECKING:  # scoring is loaded when a form has a 自评 (collection.loading), not for the review
    from perfsheet.evaluation import Scorecard

INDICATORS = labels.INDICATORS

R = TypeVar("R", bound=Callable[..., Iterable[Diagnostic]])

# The parts of a form a failed foundation check (rules.form_errors) breaks; a review rule that reads a
# broken part skips the form (its finding would only echo the error), every other rule reviews it.
MONEY, DATES, FRAMEWORK, EVALUATION, MONITORING = "money", "dates", "framework", "evaluation", "monitoring"
GOAL = "goal"


def emits(*codes: str, reads: tuple[str, ...] = ()) -> Callable[[R], R]:
    """Declare the catalogue codes a rule reports (in the spirit of yamllint's one declaration per
    rule): the registry checks every finding against it, and the tests that every review code has
    exactly one rule. ``reads``: the parts of the form (MONEY, DATES, GOAL, FRAMEWORK, EVALUATION, MONITORING) the rule
    judges by; it skips a form where one of them is broken."""

    def declare(rule: R) -> R:
        rule.codes = frozenset(codes)  # type: ignore[attr-defined]
        rule.reads = frozenset(reads)  # type: ignore[attr-defined]
        return rule

    return declare


@dataclass(slots=True)  # not frozen: thirteen thousand of them are made per thousand forms, never changed
class IndicatorRef:
    """One 三级指标 with its place in the tree and in the file, taken once here (every rule reads every
    indicator): its name, its value and what the review reads in the name."""

    level1: str
    level2: str
    index: int
    indicator: Indicator
    name: str
    value: TargetValue
    facts: NameFacts

    @property
    def path(self) -> PathKey:
        return (INDICATORS, self.level1, self.level2, self.index)


def indicator_refs(project: Project) -> tuple[IndicatorRef, ...]:
    refs = []
    for level1, groups in project.indicators.items():
        for level2, items in (groups or {}).items():
            for index, indicator in enumerate(items or ()):
                name = indicator.name
                refs.append(IndicatorRef(level1, level2, index, indicator, name, indicator.value, name_facts(name)))
    return tuple(refs)


class RuleContext(NamedTuple):
    """What a review rule sees of one project (a named tuple: one is made per form, and cheaply)."""

    file: ProjectFile
    project: Project
    settings: CollectionSettings | None
    words: Vocabulary
    # Every rule walks the indicators: flatten them once per project, and the quantitative ones with
    # their values for the rules that judge only those.
    refs: tuple[IndicatorRef, ...] = ()
    quantities: tuple[tuple[IndicatorRef, Quantitative], ...] = ()
    # The 自评 scored once for the rules that review it (None: no 自评 yet).
    scorecard: Scorecard | None = None

    @classmethod
    def of(
        cls,
        file: ProjectFile,
        project: Project,
        settings: CollectionSettings | None,
        words: Vocabulary,
        scorecard: Scorecard | None = None,
    ) -> RuleContext:
        refs = indicator_refs(project)
        quantities = tuple((ref, ref.value) for ref in refs if isinstance(ref.value, Quantitative))
        return cls(file, project, settings, words, refs, quantities, scorecard)

    def indicators(self) -> Iterator[IndicatorRef]:
        return iter(self.refs)

    def report(self, code: str, path: PathKey, *, at_key: bool = False, **params: Any) -> Diagnostic:
        return self.file.diagnostic(code, path, at_key=at_key, **params)

    def report_indicator(self, code: str, ref: IndicatorRef, **params: Any) -> Diagnostic:
        """A finding about one indicator's value, located at that value."""
        value = ref.value
        written = getattr(value, "written", "") or value.canonical()
        return self.report(code, (*ref.path, ref.name), name=ref.name, value=written, **params)
