"""``evaluate --draft-from-monitoring``: the year-end 自评 started from the mid-year forecast. Each project
with a 监控 and no 自评 gets a draft 自评 section appended: 全年执行数 = 全年预计执行数 (by source), the
adjusted 全年预算数 when the 监控 has one, 实际完成情况 = the 1-X月执行情况 to rewrite, and per indicator its
全年预计 as 实际完成值 (with its 完成程度, and the reason and measures as 偏差原因). A file that has a 自评 is
never touched; the rest of a file stays byte for byte; every file is written or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Diagnostic, Position, from_catalogue
from perfsheet.evaluation.scoring import Funds
from perfsheet.files.edits import Edit, apply_edits
from perfsheet.files.safe import FileProblem, file_diagnostic, read_user_file
from perfsheet.model import labels
from perfsheet.model.evaluation import SpentFunds
from perfsheet.model.values import format_money
from perfsheet.monitoring.lights import MonitoringCard, bands_for
from perfsheet.source import load_text
from perfsheet.source.decoding import MAX_FILE_BYTES
from perfsheet.text.yaml_values import needs_escapes, yaml_block, yaml_key, yaml_scalar

_CRLF = b"\r\n"
# The joint of the 监控's reason and its measures in the draft's 偏差原因.
_JOINT = "；"


@dataclass
class DraftResult:
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _line(key: str, value: str, indent: str) -> str:
    if "\n" in value and not needs_escapes(value):
        return f"{indent}{key}: {yaml_block(value, indent + '  ')}"
    return f"{indent}{key}: {yaml_scalar(value)}"


def _amounts(key: str, funds: SpentFunds) -> list[str]:
    rows = Funds.of(funds).rows()[1:]
    lines = [f"  {key}:"]
    for label, amount in zip(labels.SPENT_FUND_LABELS, rows, strict=True):
        lines.append(f"    {label}: {format_money(amount if amount is not None else Decimal(0))}")
    return lines


def draft_section(card: MonitoringCard, progress_text: str, budget: SpentFunds | None, forecast: SpentFunds) -> str:
    """The draft 自评 section of a lit 监控, as it ends a project file."""
    lines = [f"{labels.SELF_EVALUATION}:"]
    if budget is not None:
        lines += _amounts(labels.EVALUATION_BUDGET, budget)
    lines += _amounts(labels.EVALUATION_SPENT, forecast)
    lines.append(_line(labels.EVALUATION_ACHIEVED, progress_text.strip(), "  "))
    lines.append(f"  {labels.EVALUATION_RESULTS}:")
    for indicator in card.indicators:
        progress = indicator.progress
        entries = [(labels.RESULT_ACTUAL, indicator.forecast)]
        if progress is not None and progress.attainment is not None:
            entries.append((labels.RESULT_ATTAINMENT, progress.attainment))
        said = [text for text in (progress.explanation, progress.measures) if text] if progress is not None else []
        if said:
            entries.append((labels.RESULT_DEVIATION, _JOINT.join(said)))
        if len(entries) == 1:
            lines.append(f"    {yaml_key(indicator.name, '    ')} {yaml_scalar(indicator.forecast)}")
        else:
            lines.append(f"    {yaml_key(indicator.name, '    ')}")
            lines += [_line(key, text, "      ") for key, text in entries]
    return "\n".join(lines) + "\n"


def _reads_as(before: bytes, after: bytes, shown: str) -> bool:
    """``after`` reads as ``before`` with a 自评 added and nothing else changed."""
    old, new = (load_text(data.decode("utf-8-sig"), shown, typing=False).data for data in (before, after))
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    rest = {key: value for key, value in new.items() if key != labels.SELF_EVALUATION}
    return rest == old and bool(new.get(labels.SELF_EVALUATION))


def draft_evaluations(directory: Path) -> DraftResult:
    """Append a draft 自评 to every project file of ``directory`` that has a 监控 and no 自评; the files
    written and what was said of each (E581 written, E582 has a 自评 already, E583 cannot be drafted)."""
    result = DraftResult()
    collection = load_collection(directory)
    bands, _problem = bands_for(collection.settings)
    edits: list[Edit] = []
    where = Position(1, 1)
    for file in collection.projects:
        data = file.source.data
        if not isinstance(data, dict) or labels.MONITORING not in data:
            continue
        if labels.SELF_EVALUATION in data:
            result.diagnostics.append(from_catalogue("E582", file.display, where))
            continue
        project = file.project
        card = file.monitoring_card(bands) if project is not None else None
        if project is None or project.monitoring is None or card is None or card.problems:
            result.diagnostics.append(from_catalogue("E583", file.display, where))
            continue
        monitoring = project.monitoring
        try:
            before = read_user_file(file.source.path, MAX_FILE_BYTES)
        except FileProblem as problem:
            result.diagnostics.append(file_diagnostic(problem))
            return result
        ending = _CRLF if _CRLF in before else b"\n"
        text = draft_section(card, monitoring.progress, monitoring.budget, monitoring.forecast)
        joint = b"" if not before or before.endswith(b"\n") else ending
        after = before + joint + text.encode("utf-8").replace(b"\n", ending)
        if not _reads_as(before, after, file.display):
            result.diagnostics.append(from_catalogue("E583", file.display, where))
            continue
        edits.append(Edit(file.source.path, before, after))
        result.diagnostics.append(from_catalogue("E581", file.display, where, count=len(card.indicators)))
    if edits:
        try:
            apply_edits(edits, MAX_FILE_BYTES)
        except FileProblem as problem:
            result.diagnostics = [d for d in result.diagnostics if d.code != "E581"]
            result.diagnostics.append(file_diagnostic(problem))
            return result
        result.written = [edit.path for edit in edits]
    return result
