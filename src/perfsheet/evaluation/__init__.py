"""The year-end self-evaluation: a project's 自评 scored against its declared targets (a stage beside the
rules: the rules report its problems, the layout prints its scorecard)."""

from perfsheet.evaluation.scoring import Funds, Problem, Scorecard, ScoredIndicator, score_project

__all__ = ["Funds", "Problem", "ScoredIndicator", "Scorecard", "score_project"]
