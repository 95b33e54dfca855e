"""Stage 3 beside the rules: the mid-year 监控's warning lights, a pure computation over a validated
project (``schemas/monitoring.yaml``; bands overridable per collection); and the year-end 自评 drafted
from the 监控's forecasts (:mod:`perfsheet.monitoring.draft`, which writes the project files)."""

from perfsheet.monitoring.lights import IndicatorLight, MonitoringCard, bands_for, light_project, worst

__all__ = ["IndicatorLight", "MonitoringCard", "bands_for", "light_project", "worst"]
