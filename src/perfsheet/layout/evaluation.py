"""The 绩效自评表 and its cover 汇总表 as plain data, drawn from their definitions
(``templates/forms/evaluation.yaml``, ``evaluation_cover.yaml``): the Shanghai district layout (money
block with 年初预算数 / 全年预算数 / 全年执行数 and the 执行率's points, the two goal columns, the indicator
block with actual values, points, scores and reasons, 总分 last). The scorecard gives the values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from perfsheet.diagnostics import listing
from perfsheet.evaluation import Scorecard
from perfsheet.evaluation.scoring import Funds, shown, shown_percent
from perfsheet.layout.blocks import Block, Paragraph
from perfsheet.layout.cover import cover_table
from perfsheet.layout.form import form_page
from perfsheet.layout.forms import definitions, form_tables, resolve
from perfsheet.layout.measure import last_item_whole
from perfsheet.layout.pages import sentence_width
from perfsheet.layout.style import render, style
from perfsheet.model import CollectionSettings, Project, labels
from perfsheet.model.evaluation import scoring_scheme
from perfsheet.model.forms import LEVEL1, LEVEL2, CellDefinition


def _funds(path: str, funds: Funds) -> dict[str, Decimal | None]:
    """A money column of the 自评 section by its paths: the column itself is its total."""
    return {path: funds.total} | {
        f"{path}.{label}": amount for label, amount in zip(labels.SPENT_FUND_LABELS, funds.rows()[1:], strict=True)
    }


class _Computed(Mapping[str, Any]):
    """The values a scorecard gives a form, each computed only when a cell asks (a total sums every
    indicator's rounded score)."""

    _NAMES = ("budget_points", "rate", "budget_score", "full_marks", "total", "grade")

    def __init__(self, card: Scorecard) -> None:
        self._card = card
        self._found: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        # Once each: the total is asked by its cell, the grade's and the points' format.
        if name not in self._found:
            if name not in self._NAMES:
                raise KeyError(name)
            self._found[name] = getattr(self._card, "shown_rate" if name == "rate" else name)
        return self._found[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._NAMES)

    def __len__(self) -> int:
        return len(self._NAMES)


def evaluation_form_blocks(
    project: Project, department: str, implementer: str, year: int, card: Scorecard
) -> list[Block]:
    """The title, the year line and the 自评表 of one project, starting on a new page: the money and goals,
    a hairline joint, then the indicator block whose header repeats on every page it continues on, and
    joined the same way, the 总分 row."""
    evaluation = f"{labels.SELF_EVALUATION}."
    # The scorecard decides the 全年预算数 (the 年初预算数 when not given) and the totals.
    overrides: dict[str, Any] = {labels.DEPARTMENT: department, labels.IMPLEMENTER: implementer}
    overrides |= _funds(evaluation + labels.EVALUATION_BUDGET, card.budget)
    overrides |= _funds(evaluation + labels.EVALUATION_SPENT, card.spent)
    computed = _Computed(card)

    def values(cell: CellDefinition) -> Any:
        return computed[cell.computed] if cell.computed is not None else resolve(project, cell.field or "", overrides)

    items = [
        {
            LEVEL1: scored.level1,
            LEVEL2: scored.level2,
            labels.INDICATOR_NAME: scored.name,
            labels.INDICATOR_VALUE: scored.target,
            labels.RESULT_ACTUAL: scored.actual,
            labels.RESULT_POINTS: scored.points,
            labels.RESULT_SCORE: scored.score,
            labels.RESULT_DEVIATION: scored.deviation,
        }
        for scored in card.indicators
    ]
    definition = definitions().evaluation
    return form_page(definition.title, definition.year_line, year, form_tables(definition, values, items))


def evaluation_title(settings: CollectionSettings) -> str:
    return render(definitions().evaluation_cover.title, unit=settings.unit, year=settings.year)


def evaluation_cover_blocks(settings: CollectionSettings, scored: Sequence[tuple[Project, Scorecard]]) -> list[Block]:
    """One row per evaluated project, a 合计 row, and the sentence with the average and the grades."""
    config = definitions().evaluation_cover
    evaluation = f"{labels.SELF_EVALUATION}."
    rows = [
        (
            project,
            {
                evaluation + labels.EVALUATION_BUDGET: card.budget.total,
                evaluation + labels.EVALUATION_SPENT: card.spent.total,
            },
            _Computed(card),
        )
        for project, card in scored
    ]
    budget = sum((card.budget.total for _p, card in scored), Decimal("0.00"))
    spent = sum((card.spent.total for _p, card in scored), Decimal("0.00"))
    table = cover_table(config, rows, {"rate": shown_percent(spent / budget) if budget > 0 else ""})
    totals = [card.total for _p, card in scored]
    average = shown(sum(totals, Decimal(0)) / len(totals)) if totals else Decimal("0.00")
    counted = Counter(card.grade for _p, card in scored)
    assert config.grade_count is not None
    grades = listing(
        render(config.grade_count, grade=grade.name, count=counted.get(grade.name, 0))
        for grade in scoring_scheme().grades
    )
    sentence = render(config.sentence, count=len(scored), average=f"{average:f}", grades=grades)
    return [
        Paragraph(evaluation_title(settings), "cover_title"),
        Paragraph(config.unit_note, "note"),
        table,
        Paragraph(last_item_whole(sentence, sentence_width(), style().fonts.subtitle_size), "sentence"),
    ]
