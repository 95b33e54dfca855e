"""The 自评 and 监控 sheets of a workbook: each row added to the project it names (its amounts, its
achievement or progress), each indicator row to that project's results."""

from __future__ import annotations

import re

from perfsheet.importer.evaluation import EvaluationData
from perfsheet.importer.monitoring import MonitoringData
from perfsheet.model import labels
from perfsheet.spreadsheet.cells import SheetCell
from perfsheet.spreadsheet.rows import LIGHT
from perfsheet.spreadsheet.tables import LEVEL3, Table
from perfsheet.spreadsheet.workbook_state import Reader, is_total, project_of, row_text


def _evaluation_of(reader: Reader, table: Table, number: int, row: dict[int, SheetCell]) -> EvaluationData | None:
    read = project_of(reader, table, number, row)
    if read is None:
        return None
    if read.evaluation is None:
        read.evaluation = EvaluationData(0)
    return read.evaluation


def evaluations(reader: Reader, table: Table) -> None:
    for number, row in table.rows():
        if is_total(table, row):
            continue
        evaluation = _evaluation_of(reader, table, number, row)
        if evaluation is None:
            continue
        for label, amounts in (
            (labels.EVALUATION_BUDGET, evaluation.budget),
            (labels.EVALUATION_SPENT, evaluation.spent),
        ):
            for source in labels.SPENT_FUND_LABELS:
                amounts[source] = reader.cell_text(table, row, f"{label}.{source}")
        evaluation.achieved = reader.cell_text(table, row, labels.EVALUATION_ACHIEVED)
        reader.result.rows_read += 1


_RESULT_FIELDS = (labels.RESULT_ACTUAL, labels.RESULT_POINTS, labels.RESULT_SCORE, labels.RESULT_DEVIATION)


def results(reader: Reader, table: Table) -> None:
    for number, row in table.rows():
        indicator = table.text(row, LEVEL3)
        if not indicator:
            reader.report_in_sheet(
                "E509",
                table,
                number,
                table.columns.get(LEVEL3, 1),
                row=number,
                missing=LEVEL3,
                text=row_text(row),
            )
            continue
        evaluation = _evaluation_of(reader, table, number, row)
        if evaluation is None:
            continue
        cells = {key: reader.cell_text(table, row, key) for key in _RESULT_FIELDS}
        evaluation.results[indicator] = {key: text for key, text in cells.items() if text}
        reader.result.rows_read += 1


def _monitoring_of(reader: Reader, table: Table, number: int, row: dict[int, SheetCell]) -> MonitoringData | None:
    read = project_of(reader, table, number, row)
    if read is None:
        return None
    if read.monitoring is None:
        read.monitoring = MonitoringData(0)
    return read.monitoring


def monitorings(reader: Reader, table: Table) -> None:
    for number, row in table.rows():
        if is_total(table, row):
            continue
        monitoring = _monitoring_of(reader, table, number, row)
        if monitoring is None:
            continue
        month = reader.cell_text(table, row, labels.MONITORING_MONTH)
        monitoring.month = int(month) if month.isdigit() else month or None
        for label, amounts in (
            (labels.MONITORING_BUDGET, monitoring.budget),
            (labels.MONITORING_SPENT, monitoring.spent),
            (labels.MONITORING_FORECAST, monitoring.forecast),
        ):
            for source in labels.SPENT_FUND_LABELS:
                amounts[source] = reader.cell_text(table, row, f"{label}.{source}")
        monitoring.progress = reader.cell_text(table, row, labels.MONITORING_PROGRESS)
        reader.result.rows_read += 1


_PROGRESS_FIELDS = (
    labels.PROGRESS_CURRENT, labels.PROGRESS_FORECAST, labels.PROGRESS_ATTAINMENT, labels.PROGRESS_EXPLANATION,
    labels.PROGRESS_LIKELIHOOD, labels.PROGRESS_MEASURES,
)  # fmt: skip
_REASONS = re.compile(r"[、,，;；\s]+")


def progress(reader: Reader, table: Table) -> None:
    for number, row in table.rows():
        indicator = table.text(row, LEVEL3)
        if not indicator:
            column = table.columns.get(LEVEL3, 1)
            reader.report_in_sheet("E509", table, number, column, row=number, missing=LEVEL3, text=row_text(row))
            continue
        monitoring = _monitoring_of(reader, table, number, row)
        if monitoring is None:
            continue
        cells = {key: reader.cell_text(table, row, key) for key in _PROGRESS_FIELDS}
        monitoring.results[indicator] = {key: text for key, text in cells.items() if text}
        reasons = reader.cell_text(table, row, labels.PROGRESS_REASONS)
        monitoring.reasons[indicator] = [reason for reason in _REASONS.split(reasons) if reason]
        monitoring.lights[indicator] = reader.cell_text(table, row, LIGHT)
        reader.result.rows_read += 1
