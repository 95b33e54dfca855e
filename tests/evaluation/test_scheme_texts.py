"""The scoring scheme's numbers are data, in schemas/evaluation.yaml: the editors' enum of 完成程度 is
derived from it, and every text that states the scheme in prose — the hints of E405 and E407, the help
of ``evaluate``, the README — is checked against it here, so that a change of the scheme that leaves a
text behind fails."""

from __future__ import annotations

import re
from decimal import Decimal

from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.diagnostics import catalogue
from perfsheet.model.evaluation import IndicatorResult, scoring_scheme
from tests.conftest import REPO

SCHEME = scoring_scheme()


def _number(value: Decimal) -> str:
    """10 → 「10」, 12.5 → 「12.5」: a number of the scheme as prose writes it."""
    return f"{value.normalize():f}"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


BUDGET = f"预算执行率{_number(SCHEME.budget_points)}分"
SHARED = {pool: role for role, pool in SCHEME.shared_points.items()}


def _class(role: str, points: Decimal, suffix: str = "", shared: bool = False) -> str:
    with_shared = f"（含{SHARED[role]}）" if shared and role in SHARED else ""
    return f"{role}{suffix}{with_shared}{_number(points)}分"


def test_the_editors_enum_of_attainment_is_the_scheme_s_bands() -> None:
    schema = IndicatorResult.model_json_schema(by_alias=True)
    attainment = schema["properties"]["完成程度"]["anyOf"][0]
    assert attainment["enum"] == list(SCHEME.attainment_bands)


def test_the_hints_state_the_scheme() -> None:
    classes = [_class(role, points, shared=True) for role, points in SCHEME.role_points.items()]
    assert "，".join([BUDGET, *classes]) in _flat(catalogue()["E405"].hint)
    shares = [f"{_number(high)}–{_number(low)}%" for low, high in SCHEME.attainment_bands.values()]
    e407 = _flat(catalogue()["E407"].hint)
    assert f"{'、'.join(SCHEME.attainment_bands)}分别得分值的{'、'.join(shares)}" in e407


def test_the_help_of_evaluate_states_the_scheme() -> None:
    classes = [_class(role, points) for role, points in SCHEME.role_points.items()]
    help_text = _flat(CliRunner().invoke(app, ["evaluate", "--help"]).output)
    assert "，".join([BUDGET, *classes]) in help_text


def test_the_readme_states_the_scheme() -> None:
    readme = _flat((REPO / "README.md").read_text(encoding="utf-8"))
    classes = [_class(role, points, "指标") for role, points in SCHEME.role_points.items()]
    assert "，".join([BUDGET, *classes]) in readme
    grades = SCHEME.grades
    said = [f"{grades[0].name}≥{_number(grades[0].floor)}"]
    said += [f"{g.name}{_number(g.floor)}–{_number(h.floor)}" for g, h in zip(grades[1:-1], grades, strict=False)]
    said.append(f"{grades[-1].name}<{_number(grades[-2].floor)}")
    assert "，".join(said) in readme
    *bounded, last = SCHEME.attainment_bands.items()
    for name, (low, high) in bounded:
        assert f"{name}{_number(high)}–{_number(low)}%（含）" in readme
    assert f"{last[0]}{_number(last[1][1])}%以下" in readme
