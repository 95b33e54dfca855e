"""Stage 2, model: pydantic models whose aliases are the form's labels, and the value grammars."""

from perfsheet.model.bind import allowed_keys, lifted, validated
from perfsheet.model.project import (
    AnnualFunds,
    CollectionSettings,
    Indicator,
    Project,
    ProjectFunds,
)
from perfsheet.model.values import Qualitative, Quantitative, TargetValue, Unreadable, format_money, parse_target

__all__ = [
    "AnnualFunds",
    "CollectionSettings",
    "Indicator",
    "Project",
    "ProjectFunds",
    "Qualitative",
    "Quantitative",
    "TargetValue",
    "Unreadable",
    "allowed_keys",
    "format_money",
    "lifted",
    "parse_target",
    "validated",
]
