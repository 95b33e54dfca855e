"""How a collection configures the review rules: ``规则:`` in perfsheet.yaml changes a rule's severity or
turns it off, ``忽略规则:`` in a project silences one rule there, with its reason (printed as info)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from perfsheet.collection.loading import Collection, ProjectFile
from perfsheet.diagnostics import Diagnostic, Severity, catalogue, fill, from_catalogue, phrases, visible
from perfsheet.model import labels
from perfsheet.model.vocabulary import SEVERITY_WORDS


def is_review_code(code: str) -> bool:
    """A code a collection may configure: a review rule (R…) of the catalogue."""
    return code.startswith("R") and code in catalogue()


def configured(collection: Collection, findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Apply ``perfsheet.yaml``'s 规则 (severity or off) and each project's 忽略规则 (with its reason)."""
    overrides, problems = _overrides(collection)
    reasons = [(file, _suppressions(file, problems)) for file in collection.projects]
    # Most collections silence no rule: then no file's name need be looked up.
    suppressed = {visible(file.display): found for file, found in reasons} if any(r for _f, r in reasons) else {}
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
                finding,
                severity=Severity.INFO,
                message=fill(phrases().ignored, reason=visible(reason), message=finding.message),
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
            problems.append(from_catalogue("E160", source.display, source.positions.key(path), value=code))
        elif word not in SEVERITY_WORDS:
            problems.append(from_catalogue("E161", source.display, source.positions.value(path), value=level))
        else:
            overrides[code] = SEVERITY_WORDS[word]
    return overrides, problems


def _suppressions(file: ProjectFile, problems: list[Diagnostic]) -> dict[str, str]:
    project = file.reviewed
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
