"""The 绩效自评表 and its cover 汇总表 as plain data: the Shanghai district layout (money block with
年初预算数 / 全年预算数 / 全年执行数 and the 执行率's points, the two goal columns, the indicator block
with actual values, points, scores and reasons, 总分 last), labels from ``templates/form.yaml``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from perfsheet.diagnostics import listing
from perfsheet.evaluation import Scorecard
from perfsheet.evaluation.scoring import shown, shown_percent, shown_points
from perfsheet.layout.blocks import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.cover import amount_sum, fitted_widths
from perfsheet.layout.form import annual_money, form_page, group_cells, opens_group, vertical
from perfsheet.layout.style import EvaluationLabels, render, style
from perfsheet.model import CollectionSettings, Project, format_money
from perfsheet.model.evaluation import scoring_scheme


def points_text(points: Decimal) -> str:
    """分值 as the forms print them: whole points without decimals (10), others with two (16.67)."""
    return f"{points:.0f}" if points == points.to_integral_value() else shown_points(points)


def _top_rows(
    project: Project, department: str, implementer: str, card: Scorecard, labels: EvaluationLabels
) -> list[Row]:
    def label(text: str, span: int = 1) -> Cell:
        return Cell(text, "label", span)

    def value(text: str, span: int = 1) -> Cell:
        return Cell(text, "value", span)

    side = vertical(label(labels.funds), 5)
    money_rows = [
        Row((side[0], label(""), label(labels.initial_budget), label(labels.budget), label(labels.spent),
             label(labels.points), label(labels.rate), label(labels.score))),
    ]  # fmt: skip
    names = (labels.total, labels.fiscal, labels.carryover, labels.other)
    columns = zip(names, card.initial.rows(), card.budget.rows(), card.spent.rows(), strict=True)
    for index, (name, initial, budget, spent) in enumerate(columns):
        first = index == 0
        money_rows.append(
            Row((
                side[index + 1], label(name),
                Cell(annual_money(initial), "money"), Cell(annual_money(budget), "money"),
                Cell(annual_money(spent), "money"),
                Cell(points_text(card.budget_points) if first else "", "score"),
                Cell(card.shown_rate if first else "", "score"),
                Cell(shown_points(card.budget_score) if first else "", "score"),
            ))
        )  # fmt: skip
    evaluation = project.self_evaluation
    assert evaluation is not None
    goal_side = vertical(label(labels.goals), 2)
    return [
        Row((label(labels.project_name, 2), value(project.name, 6))),
        Row((label(labels.department, 2), value(department, 2), label(labels.implementer), value(implementer, 3))),
        *money_rows,
        Row((goal_side[0], Cell(labels.expected, "label", 3), Cell(labels.achieved, "label", 4))),
        # The goal texts may be long: the only row of the top allowed to break across pages.
        Row(
            (goal_side[1], Cell(project.annual_goal.strip(), "goal", 3), Cell(evaluation.achieved.strip(), "goal", 4)),
            can_split=True,
        ),
    ]


def _indicator_rows(card: Scorecard, labels: EvaluationLabels) -> list[Row]:
    indicators = card.indicators
    side = vertical(Cell(labels.indicators, "label"), len(indicators) + 1)
    header = Row(
        (side[0], *(Cell(text, "header") for text in (labels.level1, labels.level2, labels.level3, labels.target,
                                                     labels.actual, labels.points, labels.score, labels.deviation))),
        keep_with_next=True,
        header=True,
    )  # fmt: skip
    level1s = [i.level1 for i in indicators]
    level1_cells = group_cells(level1s)
    level2_cells = group_cells([(i.level1, i.level2) for i in indicators], text=lambda key: key[1])
    rows = [header]
    for index, scored in enumerate(indicators):
        rows.append(
            Row(
                (side[index + 1], level1_cells[index], level2_cells[index], Cell(scored.name, "name"),
                 Cell(scored.target.canonical(), "target"), Cell(scored.actual, "target"),
                 Cell(points_text(scored.points), "score"), Cell(shown_points(scored.score), "score"),
                 Cell(scored.deviation or "", "text")),
                # the last row stays with the 总分 below it
                keep_with_next=opens_group(level1s, index) or index == len(indicators) - 1,
            )
        )  # fmt: skip
    return rows


def _total_row(card: Scorecard, labels: EvaluationLabels) -> Row:
    """总分 | 100 | the total, from the form's left edge. A table of its own: in the indicator table, a
    row spanning from the first column right under the side label's vertical merge is drawn by
    LibreOffice with a stray cell where the merge ended."""
    return Row((
        Cell(labels.grand_total, "header", 6),
        Cell(points_text(card.full_marks), "score"),
        Cell(shown_points(card.total), "score"),
        Cell("", "text"),
    ))  # fmt: skip


def evaluation_form_blocks(
    project: Project, department: str, implementer: str, year: int, card: Scorecard
) -> list[Block]:
    """The title, the year line and the 自评表 of one project, starting on a new page: the money and goals,
    a hairline joint, then the indicator block whose header repeats on every page it continues on, and
    joined the same way, the 总分 row."""
    look = style().evaluation
    labels = look.labels
    top = Table(widths=look.top_widths, rows=tuple(_top_rows(project, department, implementer, card, labels)))
    indicators = Table(widths=look.indicator_widths, rows=tuple(_indicator_rows(card, labels)))
    total = Table(widths=look.indicator_widths, rows=(_total_row(card, labels),))
    return form_page(look.title, look.year_line, year, (top, indicators, total))


def evaluation_title(settings: CollectionSettings) -> str:
    return render(style().evaluation_cover.title, unit=settings.unit, year=settings.year)


def evaluation_cover_blocks(settings: CollectionSettings, scored: Sequence[tuple[Project, Scorecard]]) -> list[Block]:
    """One row per evaluated project, a 合计 row, and the sentence with the average and the grades."""
    config = style().evaluation_cover
    rows = [Row(tuple(Cell(name, "cover_header") for name in config.columns), header=True)]
    for number, (project, card) in enumerate(scored, start=1):
        rows.append(
            Row((
                Cell(str(number), "cover_value"), Cell(project.name, "cover_name"),
                Cell(format_money(card.budget.total), "cover_money"),
                Cell(format_money(card.spent.total), "cover_money"),
                Cell(card.shown_rate, "cover_value"), Cell(shown_points(card.total), "cover_value"),
                Cell(card.grade, "cover_value"),
            ))
        )  # fmt: skip
    budget = amount_sum([card.budget.total for _p, card in scored])
    spent = amount_sum([card.spent.total for _p, card in scored])
    rate = shown_percent(spent / budget) if budget > 0 else ""
    rows.append(
        Row((
            Cell(config.total_label, "cover_total", 2), Cell(format_money(budget), "cover_money"),
            Cell(format_money(spent), "cover_money"), Cell(rate, "cover_value"), Cell("", "cover_value"),
            Cell("", "cover_value"),
        ))
    )  # fmt: skip
    widths, size = fitted_widths(rows, style().fonts.cover_table_size, config)
    totals = [card.total for _p, card in scored]
    average = shown(sum(totals, Decimal(0)) / len(totals)) if totals else Decimal("0.00")
    counted = Counter(card.grade for _p, card in scored)
    grades = listing(
        render(config.grade_count, grade=grade.name, count=counted.get(grade.name, 0))
        for grade in scoring_scheme().grades
    )
    return [
        Paragraph(evaluation_title(settings), "cover_title"),
        Paragraph(config.unit_note, "note"),
        Table(widths=widths, rows=tuple(rows), size=size),
        Paragraph(render(config.sentence, count=len(scored), average=f"{average:f}", grades=grades), "sentence"),
    ]
