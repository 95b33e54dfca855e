"""The form's labels, each spelled once — as the alias of its model field in ``model/project.py`` — and
reached from the rest of the code by the field's name. The indicator classes are named in
``schemas/framework.yaml`` and reached by their role (:func:`perfsheet.model.framework.framework`)."""

from __future__ import annotations

from pydantic import BaseModel

from perfsheet.model.evaluation import IndicatorResult, SelfEvaluation, SpentFunds
from perfsheet.model.monitoring import IndicatorProgress, Monitoring, MonitoringSettings
from perfsheet.model.project import AnnualFunds, CollectionSettings, Indicator, Project, ProjectFunds, Suppression


def alias(model: type[BaseModel], field: str) -> str:
    """The label of ``model``'s field ``field`` (a KeyError here is a typo in perfsheet's code)."""
    label = model.model_fields[field].alias
    assert label is not None, f"{model.__name__}.{field} has no label"
    return label


def aliases(model: type[BaseModel]) -> tuple[str, ...]:
    """Every label of ``model``, in the form's order."""
    return tuple(alias(model, field) for field in model.model_fields)


NAME = alias(Project, "name")
NATURE = alias(Project, "nature")
CATEGORY = alias(Project, "category")
DEPARTMENT = alias(Project, "department")
IMPLEMENTER = alias(Project, "implementer")
START = alias(Project, "start")
END = alias(Project, "end")
PROJECT_FUNDS = alias(Project, "project_funds")
ANNUAL_FUNDS = alias(Project, "annual_funds")
OVERALL_GOAL = alias(Project, "overall_goal")
ANNUAL_GOAL = alias(Project, "annual_goal")
INDICATORS = alias(Project, "indicators")

PROJECT_TOTAL = alias(ProjectFunds, "total")
PROJECT_FUND_LABELS = aliases(ProjectFunds)
ANNUAL_TOTAL = alias(AnnualFunds, "total")
ANNUAL_FUND_LABELS = aliases(AnnualFunds)

INDICATOR_NAME = alias(Indicator, "name")
INDICATOR_VALUE = alias(Indicator, "value")
QUALITATIVE = alias(Indicator, "qualitative")
SUPPRESSIONS = alias(Project, "suppressions")
SUPPRESSION_CODE = alias(Suppression, "code")

YEAR = alias(CollectionSettings, "year")
UNIT = alias(CollectionSettings, "unit")
SETTINGS_DEPARTMENT = alias(CollectionSettings, "department")
RULES = alias(CollectionSettings, "rules")

SELF_EVALUATION = alias(Project, "self_evaluation")
EVALUATION_BUDGET = alias(SelfEvaluation, "budget")
EVALUATION_SPENT = alias(SelfEvaluation, "spent")
EVALUATION_ACHIEVED = alias(SelfEvaluation, "achieved")
EVALUATION_RESULTS = alias(SelfEvaluation, "results")
SPENT_FUND_LABELS = aliases(SpentFunds)
RESULT_ACTUAL = alias(IndicatorResult, "actual")
RESULT_POINTS = alias(IndicatorResult, "points")
RESULT_SCORE = alias(IndicatorResult, "score")
RESULT_ATTAINMENT = alias(IndicatorResult, "attainment")
RESULT_DEVIATION = alias(IndicatorResult, "deviation")

MONITORING = alias(Project, "monitoring")
MONITORING_MONTH = alias(Monitoring, "month")
MONITORING_BUDGET = alias(Monitoring, "budget")
MONITORING_SPENT = alias(Monitoring, "spent")
MONITORING_FORECAST = alias(Monitoring, "forecast")
MONITORING_RESULTS = alias(Monitoring, "results")
MONITORING_PROGRESS = alias(Monitoring, "progress")
PROGRESS_CURRENT = alias(IndicatorProgress, "current")
PROGRESS_FORECAST = alias(IndicatorProgress, "forecast")
PROGRESS_ATTAINMENT = alias(IndicatorProgress, "attainment")
PROGRESS_REASONS = alias(IndicatorProgress, "reasons")
PROGRESS_MEASURES = alias(IndicatorProgress, "measures")
PROGRESS_EXPLANATION = alias(IndicatorProgress, "explanation")
PROGRESS_LIKELIHOOD = alias(IndicatorProgress, "likelihood")
SETTINGS_MONITORING = alias(CollectionSettings, "monitoring")
MONITORING_BANDS = alias(MonitoringSettings, "bands")
