"""The cover 汇总表: one row per project, a 合计 row, and the summary sentence (domain.md §6)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from perfsheet.layout.model import Block, Cell, Paragraph, Row, Table
from perfsheet.layout.style import render, style
from perfsheet.model import CollectionSettings, Project, format_money

TEN_THOUSAND = Decimal(10000)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format_money(value)


def _sum(values: Sequence[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal("0.00"))


def in_wan(amount: Decimal) -> str:
    """元 → 万元 with two decimals, rounded half up as a finance officer rounds."""
    return f"{(amount / TEN_THOUSAND).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def cover_title(settings: CollectionSettings) -> str:
    """「<编报单位><年度>年度项目绩效目标汇总表」: the cover's title, and the document's."""
    return render(style()["cover"]["title"], unit=settings.unit, year=settings.year)


def cover_blocks(settings: CollectionSettings, projects: Sequence[Project]) -> list[Block]:
    config = style()["cover"]
    header = Row(tuple(Cell(name, "cover_header") for name in config["columns"]), header=True)
    rows = [header]
    for number, project in enumerate(projects, start=1):
        annual = project.annual_funds
        rows.append(
            Row((
                Cell(str(number), "cover_value"),
                Cell(project.name, "cover_name"),
                Cell(project.nature, "cover_value"),
                Cell(project.category, "cover_value"),
                Cell(project.start.isoformat(), "cover_value"),
                Cell(project.end.isoformat(), "cover_value"),
                Cell(_amount(annual.total), "cover_money"),
                Cell(_amount(annual.fiscal), "cover_money"),
                Cell(_amount(annual.carryover), "cover_money"),
                Cell(_amount(annual.other), "cover_money"),
            ))
        )  # fmt: skip
    funds = [p.annual_funds for p in projects]
    total = _sum([f.total for f in funds])
    rows.append(
        Row((
            Cell(config["total_label"], "cover_total", 6),
            Cell(format_money(total), "cover_money"),
            Cell(format_money(_sum([f.fiscal for f in funds])), "cover_money"),
            Cell(format_money(_sum([f.carryover for f in funds])), "cover_money"),
            Cell(format_money(_sum([f.other for f in funds])), "cover_money"),
        ))
    )  # fmt: skip
    fonts = style()["fonts"]
    return [
        Paragraph(cover_title(settings), "cover_title"),
        Paragraph(config["unit_note"], "note"),
        Table(widths=tuple(config["widths"]), rows=tuple(rows), size=float(fonts["cover_table_size"])),
        Paragraph(render(config["sentence"], count=len(projects), total_wan=in_wan(total)), "sentence"),
    ]
