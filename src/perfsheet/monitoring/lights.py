"""The warning lights of a project's 监控, exactly (``Decimal`` throughout; a progress is compared with
its band by cross-multiplication, so the band edges 60, 80 and 120 fall where the rules say).

The rules are data (``schemas/monitoring.yaml``, bands overridable in perfsheet.yaml):

- money: progress = 执行率 ÷ 时间进度 × 100 = 执行数 × 12 × 100 ÷ (全年预算数 × 月份); below 红 red, below
  黄 yellow, else green;
- an at-least target (≥, >) judged pro rata: progress = 1-X月 value × 12 × 100 ÷ (target × 月份), the same
  bands and from 蓝 blue (a target set too low); a zero target is met by any value (green);
- an = target: as at-least without blue; above the target is red;
- an at-most target (≤, <): within it green, over it red;
- indicators whose nature is yearly (满意度, 时效, rates in %) are judged on their 全年预计 (the target
  itself when none is given) against the whole target, never pro rata;
- a qualitative one: its 全年预计 (else its 1-X月 value) worded as the target is green, otherwise the
  officer's 完成程度 gives the light (达成 / 部分达成 / 未达成);
- 完成目标可能性 sets a floor (有可能 at least yellow, 完全不可能 red); a red or yellow indicator without
  偏差原因 and 纠偏措施 is a problem (the form asks for both);
- a project takes its worst light. What cannot be lit is a :class:`Problem`, never raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from perfsheet.diagnostics import closest, did_you_mean, listing
from perfsheet.evaluation.scoring import HUNDRED, Declared, Funds, Problem
from perfsheet.model import CollectionSettings, Project, Quantitative, TargetValue, labels
from perfsheet.model.comparators import AT_LEAST, AT_MOST, target_met
from perfsheet.model.evaluation import SpentFunds
from perfsheet.model.framework import framework
from perfsheet.model.monitoring import Bands, IndicatorProgress, Monitoring, MonitoringScheme, monitoring_scheme
from perfsheet.model.project import AnnualFunds
from perfsheet.model.values import format_target_number, parse_actual
from perfsheet.model.vocabulary import vocabulary
from perfsheet.source import PathKey

RED, YELLOW, BLUE, GREEN = "red", "yellow", "blue", "green"
MONITORING = labels.MONITORING
RESULTS = (MONITORING, labels.MONITORING_RESULTS)


def worst(lights: Sequence[str | None], scheme: MonitoringScheme | None = None) -> str | None:
    """The worst of ``lights`` in the scheme's order (red first); None when none is lit."""
    order = [light.code for light in (scheme or monitoring_scheme()).lights]
    lit = [light for light in lights if light is not None]
    return min(lit, key=order.index) if lit else None


def band_light(numerator: Decimal, denominator: Decimal, bands: Bands, *, blue: bool) -> str:
    """The light of the progress ``numerator ÷ denominator × 100`` (denominator > 0), compared exactly:
    each band holds its lower edge."""
    percent = numerator * HUNDRED
    if percent < bands.red * denominator:
        return RED
    if percent < bands.yellow * denominator:
        return YELLOW
    if blue and percent >= bands.blue * denominator:
        return BLUE
    return GREEN


def progress_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """The progress as a percentage (exact to Decimal's precision; shown rounded)."""
    return numerator * HUNDRED / denominator if denominator > 0 else None


@dataclass(frozen=True)
class IndicatorLight:
    level1: str
    level2: str
    name: str
    target: TargetValue
    progress: IndicatorProgress | None
    # The 全年预计 as printed: the officer's, or expected_forecast's when none is given.
    forecast: str
    yearly: bool
    percent: Decimal | None  # the pro-rata or yearly progress, when it is a ratio
    light: str | None  # None: could not be lit (a problem says why)

    @property
    def path(self) -> PathKey:
        return (*RESULTS, self.name)


@dataclass(frozen=True)
class MonitoringCard:
    """A project's 监控 lit: the money block, every indicator, and the project's worst light."""

    month: int
    months: int
    initial: Funds
    budget: Funds
    spent: Funds
    forecast: Funds
    budget_percent: Decimal | None  # progress of spending against time
    budget_light: str | None
    indicators: tuple[IndicatorLight, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def rate(self) -> Decimal | None:
        """1-X月执行率 (a fraction)."""
        return self.spent.total / self.budget.total if self.budget.total > 0 else None

    @property
    def time_progress(self) -> Decimal:
        return Decimal(self.month) / Decimal(self.months)

    @property
    def light(self) -> str | None:
        return worst([self.budget_light, *(i.light for i in self.indicators)])

    def count(self, light: str) -> int:
        return sum(1 for i in self.indicators if i.light == light)


def is_yearly(level1: str, level2: str, target: TargetValue, scheme: MonitoringScheme) -> bool:
    """Judged on the 全年预计 rather than pro rata (the classes and units of schemas/monitoring.yaml)."""
    roles = framework().roles
    if any(roles.get(role) == level1 for role in scheme.yearly.roles) or level2 in scheme.yearly.level2:
        return True
    return isinstance(target, Quantitative) and target.unit in scheme.yearly.units


def on_target(target: TargetValue) -> str:
    """The 全年预计 of an indicator expected to meet its target, as a value is written: 2.00场, 及时."""
    if isinstance(target, Quantitative):
        return f"{format_target_number(target.number)}{target.unit}"
    return target.canonical()


def expected_forecast(target: TargetValue, current: str, attained: bool = False) -> str:
    """The 全年预计 of an indicator on track (none written): its target, or what is done already when an
    at-least target is passed (2 场 held in July against ≥1 场 is not a forecast of 1 场). A qualitative
    indicator's light reads its 1-X月 value when no 全年预计 is written: the form shows that value, not
    the target its light may say it misses (部分延期 lit yellow beside a 全年预计 of 及时), unless its
    完成程度 says the target is reached (``attained``)."""
    if not isinstance(target, Quantitative):
        return target.canonical() if attained else current
    done = parse_actual(current)
    if target.comparator in AT_LEAST and done is not None:
        number, unit = done
        if unit == target.unit and number > target.number:
            return f"{format_target_number(number)}{target.unit}"
    return on_target(target)


def _measured(name: str, target: Quantitative, text: str, key: str) -> tuple[Decimal | None, list[Problem]]:
    """A written value as a number in the target's unit, or the problem with it."""
    where = (*RESULTS, name) if key == labels.PROGRESS_CURRENT else (*RESULTS, name, key)
    example = on_target(target)
    parsed = parse_actual(text)
    if parsed is None:
        return None, [Problem("E564", where, {"name": name, "target": target, "value": text, "example": example})]
    number, unit = parsed
    if unit != target.unit:
        # An amount in another unit of money (740000 元 against 万元) is shown in the target's: the officer's
        # own value, not the target, is what to type.
        factors = vocabulary().money_units
        if unit in factors and target.unit in factors:
            example = f"{format_target_number(number * factors[unit] / factors[target.unit])}{target.unit}"
        params = {"name": name, "target": target, "value": text, "unit": target.unit, "example": example}
        return None, [Problem("E565", where, params)]
    return number, []


def _quantitative_light(
    name: str, target: Quantitative, progress: IndicatorProgress, yearly: bool, month: int, bands: Bands,
    months: int,
) -> tuple[str | None, Decimal | None, list[Problem]]:  # fmt: skip
    if yearly and progress.forecast is None:
        return GREEN, (HUNDRED if target.number > 0 else None), []  # expected to meet the target
    if yearly:
        assert progress.forecast is not None
        value, problems = _measured(name, target, progress.forecast, labels.PROGRESS_FORECAST)
    else:
        value, problems = _measured(name, target, progress.current, labels.PROGRESS_CURRENT)
    if value is None:
        return None, None, problems
    # Pro rata: value ÷ (target × month ÷ months), as one fraction so that the bands compare exactly.
    numerator, denominator = (value, target.number) if yearly else (value * months, target.number * month)
    comparator = target.comparator
    if comparator in AT_MOST:
        return (GREEN if target_met(comparator, value, target.number) else RED), None, []
    if comparator == "=" and value > target.number:
        return RED, progress_percent(numerator, denominator), []
    if denominator <= 0:
        return GREEN, None, []  # a zero target: any value meets it
    light = band_light(numerator, denominator, bands, blue=comparator in AT_LEAST)
    return light, progress_percent(numerator, denominator), []


def light_indicator(
    declared: Declared, progress: IndicatorProgress, month: int, bands: Bands, scheme: MonitoringScheme
) -> tuple[IndicatorLight, list[Problem]]:
    """One indicator's light, with its likelihood floor; and what is missing for it."""
    level1, level2, name, target = declared
    yearly = is_yearly(level1, level2, target, scheme)
    percent: Decimal | None = None
    problems: list[Problem] = []
    light: str | None
    if isinstance(target, Quantitative):
        light, percent, problems = _quantitative_light(name, target, progress, yearly, month, bands, scheme.months)
    else:
        judged = progress.forecast if progress.forecast is not None else progress.current
        if judged.strip() == target.canonical().strip():
            light = GREEN
        elif progress.attainment is not None:
            light = scheme.qualitative[progress.attainment]
        else:
            light = None
            params = {"name": name, "value": judged, "target": target, "allowed": listing(scheme.qualitative)}
            problems.append(Problem("E566", (*RESULTS, name), params, True))
    if light is not None and progress.likelihood is not None:
        light = worst([light, scheme.likelihood[progress.likelihood]], scheme)
    if light in (RED, YELLOW) and (not progress.explained or progress.measures is None):
        missing = [
            label
            for label, given in (
                (labels.PROGRESS_REASONS, progress.explained),
                (labels.PROGRESS_MEASURES, progress.measures is not None),
            )
            if not given
        ]
        params = {"name": name, "light": scheme.light_name(light), "missing": listing(missing)}
        problems.append(Problem("E567", (*RESULTS, name), params, True))
    attained = progress.attainment is not None and scheme.qualitative[progress.attainment] == GREEN
    forecast = progress.forecast
    if forecast is None:
        forecast = expected_forecast(target, progress.current, attained)
    return IndicatorLight(level1, level2, name, target, progress, forecast, yearly, percent, light), problems


def _funds(funds: SpentFunds) -> Funds:
    return Funds.of(funds)


def light_monitoring(
    monitoring: Monitoring, annual: AnnualFunds, declared: Sequence[Declared], bands: Bands | None = None
) -> MonitoringCard:
    """A 监控 lit against the declared 年度资金 and indicators, with ``bands`` (the scheme's by default)."""
    scheme = monitoring_scheme()
    bands = bands or scheme.bands
    month, months = monitoring.month, scheme.months
    initial = Funds(annual.total, annual.fiscal, annual.carryover, annual.other)
    budget = _funds(monitoring.budget) if monitoring.budget is not None else initial
    spent, forecast = _funds(monitoring.spent), _funds(monitoring.forecast)
    problems: list[Problem] = []
    budget_light: str | None = None
    budget_percent: Decimal | None = None
    if budget.total > 0:
        numerator, denominator = spent.total * months, budget.total * month
        budget_light = band_light(numerator, denominator, bands, blue=False)
        budget_percent = progress_percent(numerator, denominator)
    else:
        problems.append(Problem("E568", (MONITORING,), {}, True))

    names = [name for _l1, _l2, name, _t in declared]
    for name in monitoring.results:
        if name not in names:
            close = closest(name, names, cutoff=0.4)
            guess = did_you_mean(close) if close else ""
            problems.append(
                Problem("E569", (*RESULTS, name), {"name": name, "guess": guess, "names": listing(names)}, True)
            )
    lit: list[IndicatorLight] = []
    for entry in declared:
        level1, level2, name, target = entry
        progress = monitoring.results.get(name)
        if progress is None:
            problems.append(Problem("E570", RESULTS, {"name": name}, True))
            lit.append(IndicatorLight(level1, level2, name, target, None, "", False, None, None))
            continue
        indicator, found = light_indicator(entry, progress, month, bands, scheme)
        lit.append(indicator)
        problems.extend(found)
    return MonitoringCard(
        month, months, initial, budget, spent, forecast, budget_percent, budget_light, tuple(lit), tuple(problems)
    )


def light_project(project: Project, bands: Bands | None = None) -> MonitoringCard | None:
    """The project's lights, or None when it has no 监控 yet."""
    if project.monitoring is None:
        return None
    declared = [(level1, level2, i.name, i.value) for level1, level2, _index, i in project.each_indicator()]
    return light_monitoring(project.monitoring, project.annual_funds, declared, bands)


def bands_for(settings: CollectionSettings | None) -> tuple[Bands, Problem | None]:
    """The collection's bands (perfsheet.yaml's over the scheme's), and the problem when they are out
    of order (the defaults are used then)."""
    default = monitoring_scheme().bands
    if settings is None or settings.monitoring is None:
        return default, None
    bands = settings.monitoring.resolved(default)
    if bands.red < bands.yellow < bands.blue:
        return bands, None
    path = (labels.SETTINGS_MONITORING, labels.MONITORING_BANDS)
    return default, Problem("E571", path, {"red": bands.red, "yellow": bands.yellow, "blue": bands.blue}, True)
