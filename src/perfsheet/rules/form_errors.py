"""Stage 3, rules: the foundation checks that make a form wrong, not merely weak.

Money sums, dates, the 一级/二级 framework, empty groups and duplicate names. Each check points at the
field that is wrong (the total, not the top of the file).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from perfsheet.collection.loading import Collection, ProjectFile
from perfsheet.diagnostics import Diagnostic, closest, did_you_mean, fill, listing, phrases
from perfsheet.model import CollectionSettings, Project, format_money, labels
from perfsheet.model.framework import framework
from perfsheet.rules.context import DATES, EVALUATION, FRAMEWORK, GOAL, MONEY, MONITORING
from perfsheet.rules.monitoring_errors import check_bands, check_monitoring

if TYPE_CHECKING:  # scored by collection.loading when a form has a 自评
    from perfsheet.evaluation import Scorecard

ANNUAL = labels.ANNUAL_FUNDS
WHOLE = labels.PROJECT_FUNDS
INDICATORS = labels.INDICATORS


def _money(amount: Decimal | None) -> str:
    return "（空）" if amount is None else format_money(amount)


def _sum_of_filled(*parts: Decimal | None) -> Decimal | None:
    """The sum of the parts a form fills in; None when it fills in none (nothing to check the total by)."""
    filled = [part for part in parts if part is not None]
    return sum(filled, Decimal("0.00")) if filled else None


def check_money(file: ProjectFile, project: Project) -> Iterator[Diagnostic]:
    annual = project.annual_funds
    total = _sum_of_filled(annual.fiscal, annual.carryover, annual.other)
    if total is not None and total != annual.total:
        yield file.diagnostic(
            "E201",
            (ANNUAL, labels.ANNUAL_TOTAL),
            total=_money(annual.total),
            fiscal=_money(annual.fiscal),
            carryover=_money(annual.carryover),
            other=_money(annual.other),
            sum=format_money(total),
            diff=format_money(abs(annual.total - total)),
        )
    whole = project.project_funds
    if whole is None or not whole.filled:
        return
    if whole.total is None:
        yield file.diagnostic("E204", (WHOLE,), at_key=True)
        return
    total = _sum_of_filled(whole.fiscal, whole.other)
    if total is not None and total != whole.total:
        yield file.diagnostic(
            "E202",
            (WHOLE, labels.PROJECT_TOTAL),
            total=_money(whole.total),
            fiscal=_money(whole.fiscal),
            other=_money(whole.other),
            sum=format_money(total),
            diff=format_money(abs(whole.total - total)),
        )
    if whole.total < annual.total:
        yield file.diagnostic(
            "E203", (WHOLE, labels.PROJECT_TOTAL), total=_money(whole.total), annual=_money(annual.total)
        )


def check_dates(file: ProjectFile, project: Project, settings: CollectionSettings | None) -> Iterator[Diagnostic]:
    if project.start > project.end:
        yield file.diagnostic("E205", (labels.END,), start=project.start.isoformat(), end=project.end.isoformat())
        return
    if settings is not None and not project.start.year <= settings.year <= project.end.year:
        yield file.diagnostic(
            "E206",
            (labels.START,),
            year=settings.year,
            start=project.start.isoformat(),
            end=project.end.isoformat(),
        )


def _suggest(name: str, choices: list[str], legacy: dict[str, str]) -> str:
    """The choice ``name`` most likely means. An older 二级 name given as a 一级 (「社会效益」) means the
    一级 that holds it (效益指标), never the 二级 itself."""
    current = legacy.get(name)
    if current in choices:
        return current
    owner = framework().parent_of(current) if current else None
    if owner in choices:
        return owner
    return closest(name, choices, cutoff=0.3) or ""


def check_framework(file: ProjectFile, project: Project) -> Iterator[Diagnostic]:
    fw = framework()
    if not project.indicators:
        yield file.diagnostic("E215", (INDICATORS,), at_key=True)
        return
    seen: dict[str, tuple[str, str, int]] = {}  # each name → where it first stands
    for level1, groups in project.indicators.items():
        path1 = (INDICATORS, level1)
        if level1 not in fw.levels:
            guess = _suggest(level1, list(fw.levels), fw.legacy_names)
            yield file.diagnostic(
                "E210",
                path1,
                at_key=True,
                name=level1,
                guess=did_you_mean(guess) if guess else "",
                allowed=listing(fw.levels),
            )
        if not groups:
            yield file.diagnostic("E213", path1, at_key=True, name=level1)
            continue
        for level2, items in groups.items():
            path2 = (*path1, level2)
            if level1 in fw.levels and level2 not in fw.levels[level1]:
                # An older name is read as the current one; a hint never names a 二级 of another 一级 as
                # if it belonged here (「成本」 under 产出指标 is 经济成本指标, which belongs to 成本指标).
                current = fw.legacy_names.get(level2, level2)
                owner = fw.parent_of(current)
                if owner is not None and owner != level1:
                    advice = fill(phrases().belongs_elsewhere, name=current, owner=owner)
                else:
                    guess = _suggest(level2, list(fw.levels[level1]), fw.legacy_names)
                    advice = did_you_mean(guess) if guess else ""
                yield file.diagnostic(
                    "E211",
                    path2,
                    at_key=True,
                    name=level2,
                    parent=level1,
                    advice=advice,
                    allowed=listing(fw.levels[level1]),
                )
            if not items:
                yield file.diagnostic("E212", path2, at_key=True, name=level2)
                continue
            for index, indicator in enumerate(items):
                name = indicator.name
                if name in seen:
                    first = file.position(INDICATORS, *seen[name])
                    yield file.diagnostic("E214", (*path2, index), name=name, first_line=first.line)
                else:
                    seen[name] = (level1, level2, index)


def check_project(
    file: ProjectFile, settings: CollectionSettings | None, scorecard: Scorecard | None = None
) -> tuple[list[Diagnostic], frozenset[str]]:
    """The checks whose failure makes the form wrong, and the parts they found broken; ``scorecard`` is
    the project's 自评 scored, if any. A form read with values set aside (``file.reviewed``) is checked
    too, but for an amount or a date set aside: that part is broken already."""
    project = file.reviewed
    if project is None:
        return [], frozenset()
    money = [] if file.money_unread else list(check_money(file, project))
    dates = [] if file.dates_unread else list(check_dates(file, project, settings))
    structure = list(check_framework(file, project))
    # Scoring and the lights need a sound framework: an unknown 一级 has no points to share.
    evaluation = check_evaluation(file, scorecard) if not structure else []
    monitoring = list(check_monitoring(file, settings)) if not structure else []
    found = ((MONEY, money), (DATES, dates), (FRAMEWORK, structure), (EVALUATION, evaluation), (MONITORING, monitoring))
    broken = {part for part, errors in found if errors}
    if file.money_unread:
        broken.add(MONEY)
    if file.dates_unread:
        broken.add(DATES)
    if file.goal_unread:
        broken.add(GOAL)
    return [*money, *dates, *structure, *evaluation, *monitoring], frozenset(broken)


def check_evaluation(file: ProjectFile, scorecard: Scorecard | None) -> list[Diagnostic]:
    """What in 自评 cannot be scored (E401–E414): each problem the scoring found, located."""
    if scorecard is None:
        return []
    return [file.diagnostic(p.code, p.path, at_key=p.at_key, **p.params) for p in scorecard.problems]


def check_collection(collection: Collection) -> list[Diagnostic]:
    """Checks across the files of one collection: duplicate 项目名称."""
    found: list[Diagnostic] = []
    first_seen: dict[str, ProjectFile] = {}
    for file, project in collection.reviewed_projects:
        earlier = first_seen.get(project.name)
        if earlier is not None:
            found.append(file.diagnostic("E220", (labels.NAME,), name=project.name, first=earlier.display))
        else:
            first_seen[project.name] = file
    found.extend(check_bands(collection))
    return found
