"""Every rule, listed explicitly (no discovery by import side effects), and the configuration that
changes their severity for a collection or silences one for a project."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet

from perfsheet.collection import Collection, ProjectFile
from perfsheet.diagnostics import Diagnostic, Severity, catalog, make, visible
from perfsheet.model import labels
from perfsheet.rules.context import RuleContext, vocabulary
from perfsheet.rules.review import classes, consistency, money, targets, words

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
)
COLLECTION_RULES: tuple[CollectionRule, ...] = (consistency.same_department_and_implementer,)

SEVERITY_WORDS = {
    "错误": Severity.ERROR, "error": Severity.ERROR,
    "警告": Severity.WARNING, "warning": Severity.WARNING,
    "提示": Severity.INFO, "info": Severity.INFO,
    "关闭": None, "off": None,
}  # fmt: skip


def is_review_code(code: str) -> bool:
    return code.startswith("R") and code in catalog()


def review(collection: Collection, skip: SkippedFiles = frozenset()) -> Iterator[Diagnostic]:
    """The review rules over every valid project (but those in ``skip``), then across the collection."""
    words = vocabulary()
    for file, project in collection.valid_projects:
        if file.display in skip:
            continue
        context = RuleContext.of(file, project, collection.settings, words)
        for rule in PROJECT_RULES:
            yield from rule(context)
    for collection_rule in COLLECTION_RULES:
        yield from collection_rule(collection)


def configured(collection: Collection, findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Apply ``perfsheet.yaml``'s 规则 (severity or off) and each project's 忽略规则 (with its reason)."""
    overrides, problems = _overrides(collection)
    suppressed = {visible(file.display): _suppressions(file, problems) for file in collection.projects}
    result = list(problems)
    for finding in findings:
        if finding.code in overrides:
            severity = overrides[finding.code]
            if severity is None:
                continue
            finding = dataclasses.replace(finding, severity=severity)
        reason = suppressed.get(finding.file, {}).get(finding.code)
        if reason is not None:
            finding = dataclasses.replace(
                finding, severity=Severity.INFO, message=f"（已忽略，理由：{visible(reason)}）{finding.message}"
            )
        result.append(finding)
    return result


def _overrides(collection: Collection) -> tuple[dict[str, Severity | None], list[Diagnostic]]:
    settings, source = collection.settings, collection.settings_source
    if settings is None or not settings.rules or source is None:
        return {}, []
    overrides: dict[str, Severity | None] = {}
    problems: list[Diagnostic] = []
    for code, level in settings.rules.items():
        path = (labels.RULES, code)
        word = level.lower()
        if not is_review_code(code):
            problems.append(make("E160", source.display, source.positions.key(path), value=code))
        elif word not in SEVERITY_WORDS:
            problems.append(make("E161", source.display, source.positions.value(path), value=level))
        else:
            overrides[code] = SEVERITY_WORDS[word]
    return overrides, problems


def _suppressions(file: ProjectFile, problems: list[Diagnostic]) -> dict[str, str]:
    project = file.project
    if project is None or not project.suppressions:
        return {}
    reasons: dict[str, str] = {}
    for index, item in enumerate(project.suppressions):
        if not is_review_code(item.code):
            problems.append(
                file.diagnostic("E160", (labels.SUPPRESSIONS, index, labels.SUPPRESSION_CODE), value=item.code)
            )
        else:
            reasons[item.code] = item.reason
    return reasons
