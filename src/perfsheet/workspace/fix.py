"""``perfsheet fix``: repair, in place, the mistakes that have exactly one correct repair — and nothing
else. Every other byte stays as it was: comments, blank lines, key order, quoting, the BOM and the line
endings. A file is written only when the result parses and has no diagnostic the original did not have.

Two kinds of repair: typing mistakes of :mod:`perfsheet.source.mistakes` (a full-width colon, a Chinese
dash, an unquoted ``>=`` …), and values into their canonical spelling (指标值 ``≥90%`` → ``≥90.00(%)``,
money in 万元 or full-width digits into 元 — 自评's 全年预算数 and 全年执行数 too —, dates into ``2027-01-01``).
"""

from __future__ import annotations

import codecs
import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.collection.discovery import SETTINGS_FILE
from perfsheet.diagnostics import Diagnostic, Severity, from_catalogue, listing
from perfsheet.files.safe import FileProblem, file_diagnostic, read_user_file
from perfsheet.model import CollectionSettings, Project, labels, validated
from perfsheet.model.fields import TRUE_WORDS
from perfsheet.model.values import (
    Quantitative,
    ValueProblem,
    format_date,
    format_money,
    parse_date,
    parse_money,
    parse_target,
    respelled_comparator,
)
from perfsheet.model.vocabulary import vocabulary
from perfsheet.source import SourceFile, load_text, syntax_mistakes
from perfsheet.source.decoding import MAX_FILE_BYTES, decode
from perfsheet.source.typed_lines import Repair
from perfsheet.text.yaml_values import yaml_scalar

# Enough rounds for a mistake hidden behind another (a Chinese dash in front of a full-width colon).
_MAX_ROUNDS = 5
_MONEY_FIELDS = {labels.PROJECT_FUNDS: labels.PROJECT_FUND_LABELS, labels.ANNUAL_FUNDS: labels.ANNUAL_FUND_LABELS}
_DATE_FIELDS = (labels.START, labels.END)
# The year-end 自评's money: 全年预算数 and 全年执行数, by source.
# The money of the sections added after the 申报表 was submitted: mid-year (监控) and year-end (自评).
_FOLLOW_UP_MONEY = {
    labels.MONITORING: (labels.MONITORING_BUDGET, labels.MONITORING_SPENT, labels.MONITORING_FORECAST),
    labels.SELF_EVALUATION: (labels.EVALUATION_BUDGET, labels.EVALUATION_SPENT),
}
_INDICATORS = labels.INDICATORS


@dataclass(frozen=True)
class Change:
    """One repaired line: its number in the original file, the old and the new text."""

    line: int
    old: str
    new: str


@dataclass
class FileFix:
    """What ``fix`` did, or would do, to one file."""

    path: Path
    display: str
    changes: list[Change] = field(default_factory=list)
    original: str = ""
    fixed: str = ""
    raw: bytes = b""  # the bytes read, which the file must still hold when it is written
    remaining: list[Diagnostic] = field(default_factory=list)  # errors left after the repairs
    refused: Diagnostic | None = None  # the file could not be read, or the result would be worse
    # Respellings of valid values in the declared part left alone because the file has its 监控 or 自评
    # (the 申报表 was submitted as written); made when asked (``declared``).
    held: int = 0

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                f"a/{self.display}",
                f"b/{self.display}",
            )
        )


def _file_diagnostics(text: str, display: str, settings: bool) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The syntax diagnostics of ``text``, and all its diagnostics (the model's when it parses)."""
    source = load_text(text, display)
    if not source.ok:
        return source.diagnostics, source.diagnostics
    _model, problems = validated(source, CollectionSettings if settings else Project)
    return [], problems


Line = tuple[str, str]  # text without its ending, and the ending ("\n", "\r\n", or "" on the last line)


def _apply(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """Apply repairs from the bottom up (line numbers stay valid); overlapping ones wait for a later
    round. New lines take the endings of the lines they replace, so CRLF files stay CRLF."""
    taken: set[int] = set()
    result = list(lines)
    for repair in sorted(repairs, key=lambda r: r.first, reverse=True):
        span = set(range(repair.first, repair.last + 1))
        if span & taken:
            continue
        taken |= span
        inner, last = lines[repair.first - 1][1] or "\n", lines[repair.last - 1][1]
        replaced = [(text, inner) for text in repair.lines[:-1]] + [(repair.lines[-1], last)]
        result[repair.first - 1 : repair.last] = replaced
    return result


def _text(lines: list[Line]) -> str:
    return "".join(text + ending for text, ending in lines)


def _typing_repairs(text: str) -> list[Repair]:
    """Repairs of the typing mistakes that validate reports for ``text`` (and only those)."""
    return [m.repair for m in syntax_mistakes(text) if m.repair is not None]


def _canonical_money(text: str) -> str | None:
    try:
        parse_money(text)
    except ValueProblem as problem:
        fixed = problem.params.get("fixed")
        if problem.code in ("E121", "E122") and isinstance(fixed, str):
            try:
                return format_money(parse_money(fixed))
            except ValueProblem:
                return None
    return None


def _canonical_date(text: str) -> str | None:
    try:
        return format_date(parse_date(text))
    except ValueProblem:
        return None


def _canonical_target(text: str) -> str | None:
    try:
        value = parse_target(text)
    except ValueProblem as problem:
        if problem.code == "E134":
            # 「">=85"」 → 「≥85」 as the unquoted 「>=85」 is respelled; E134 stays, no unit is guessed.
            return respelled_comparator(text)
        fixed = problem.params.get("fixed") if problem.code in ("E131", "E136") else None
        # E131 suggests one spelling only when the text says the comparator (「不少于3场」「90%以上」).
        if not isinstance(fixed, str) or fixed == text or " 或 " in fixed:
            return None
        return _canonical_target(fixed)
    if isinstance(value, Quantitative) and vocabulary().incomplete_unit(value.unit):
        return None  # 「≤28.40/株」 as 「≤28.40(/株)」 would make the missing 元 look deliberate (R366)
    return value.canonical() if not value.qualitative else None


def _value_sites(data: object) -> Iterator[tuple[tuple[str | int, ...], Callable[[str], str | None]]]:
    """The paths of the values ``fix`` may respell, each with its canonical speller."""
    if not isinstance(data, dict):
        return
    for group, names in _MONEY_FIELDS.items():
        if isinstance(data.get(group), dict):
            for name in names:
                yield (group, name), _canonical_money
    for section, groups in _FOLLOW_UP_MONEY.items():
        follow_up = data.get(section)
        if isinstance(follow_up, dict):
            for group in groups:
                if isinstance(follow_up.get(group), dict):
                    for name in labels.SPENT_FUND_LABELS:
                        yield (section, group, name), _canonical_money
    for name in _DATE_FIELDS:
        yield (name,), _canonical_date
    levels = data.get(_INDICATORS)
    if not isinstance(levels, dict):
        return
    for level1, groups in levels.items():
        if not isinstance(groups, dict):
            continue
        for level2, items in groups.items():
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                if labels.INDICATOR_NAME in item:
                    if str(item.get(labels.QUALITATIVE, "")).strip().lower() not in TRUE_WORDS:
                        yield (_INDICATORS, level1, level2, index, labels.INDICATOR_VALUE), _canonical_target
                elif len(item) == 1:
                    yield (_INDICATORS, level1, level2, index, next(iter(item))), _canonical_target


def _lookup(data: object, path: tuple[str | int, ...]) -> object:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _value_repairs(source: SourceFile, lines: list[str]) -> list[Repair]:
    """Values written plainly on one line whose canonical spelling differs: the line with it respelled."""
    repairs = []
    for path, speller in _value_sites(source.data):
        value = _lookup(source.data, path)
        if not isinstance(value, str) or path not in source.positions.values:
            continue
        canonical = speller(value)
        if canonical is None or canonical == value:
            continue
        line, column = source.positions.values[path]
        raw = lines[line - 1]
        span = _written_span(raw, column - 1, value)
        if span is None:
            continue
        written = yaml_scalar(canonical, flow=raw[: column - 1].rstrip().endswith(("{", ",")))
        repairs.append(Repair(line, line, (raw[: column - 1] + written + raw[column - 1 + span :],)))
    return repairs


def _written_span(raw: str, start: int, value: str) -> int | None:
    """How many characters of ``raw`` from ``start`` spell ``value``: the value itself when plain, the
    value and its quotes when quoted without escapes (「">=85%"」); None for anything else (an escape, a
    folded or multi-line value), which fix leaves alone."""
    if raw.startswith(value, start) and not raw.startswith(("'", '"'), start):
        return len(value)
    quote = raw[start : start + 1]
    if quote in ("'", '"') and raw.startswith(value + quote, start + 1) and "\\" not in value and quote not in value:
        return len(value) + 2
    return None


def _split(text: str) -> list[Line]:
    pieces = text.split("\n")
    lines: list[Line] = []
    for index, piece in enumerate(pieces):
        if index == len(pieces) - 1:
            lines.append((piece, ""))
        elif piece.endswith("\r"):
            lines.append((piece[:-1], "\r\n"))
        else:
            lines.append((piece, "\n"))
    return lines


def _changes(before: list[str], after: list[str]) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "replace" and a2 - a1 == b2 - b1:
            changes.extend(Change(a1 + 1 + k, before[a1 + k], after[b1 + k]) for k in range(a2 - a1))
        elif tag != "equal":
            changes.append(Change(a1 + 1, "⏎".join(before[a1:a2]), "⏎".join(after[b1:b2])))
    return changes


def _declared_part_end(source: SourceFile) -> int:
    """The line where a file's first 监控 or 自评 section begins (the declared part, submitted by then, is
    above it); 0 without one."""
    if not isinstance(source.data, dict):
        return 0
    starts = [
        source.positions.keys.get((section,), (0, 0))[0]
        for section in _FOLLOW_UP_MONEY
        if source.data.get(section) is not None
    ]
    return min(starts, default=0)


def fix_file(path: Path, *, declared: bool = False) -> FileFix:
    """Work out the repairs of one file (nothing is written here). Once the file has its 监控 or 自评,
    values of the declared part keep their spelling unless ``declared``: typing mistakes are still repaired."""
    display = path.as_posix()
    result = FileFix(path, display)
    try:
        raw = read_user_file(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        result.refused = file_diagnostic(problem)
        return result
    result.raw = raw
    decoded = decode(raw, display)
    if not decoded.ok:
        result.refused = decoded.diagnostics[0]
        return result
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    text = decoded.text
    settings = path.name == SETTINGS_FILE
    original = lines = _split(text)
    for _round in range(_MAX_ROUNDS):
        current = _text(lines)
        repairs = _typing_repairs(current)
        if not repairs:
            source = load_text(current, display)
            repairs = _value_repairs(source, [line for line, _ending in lines]) if source.ok else []
            submitted = 0 if declared else _declared_part_end(source)
            result.held = 0
            if any(repair.first < submitted for repair in repairs):
                # A value of the declared part that is an error (５万元) is repaired all the same: the
                # file cannot be used as it is. Only a valid value keeps the spelling it was submitted in.
                wrong = {
                    d.line for d in _file_diagnostics(current, display, settings)[1] if d.severity is Severity.ERROR
                }
                kept = [repair for repair in repairs if repair.first < submitted and repair.first not in wrong]
                result.held = len(kept)
                repairs = [repair for repair in repairs if repair not in kept]
        if not repairs:
            break
        lines = _apply(lines, repairs)
    result.original = result.fixed = bom + text
    syntax_before, before = _file_diagnostics(text, display, settings)
    if lines == original:
        result.remaining = [d for d in before if d.severity is Severity.ERROR]
        return result
    fixed = _text(lines)
    syntax_after, after = _file_diagnostics(fixed, display, settings)
    # A repaired syntax error lets the model see the file for the first time: compare the syntax alone
    # then, and everything once the original parsed.
    compared_before, compared_after = (syntax_before, syntax_after) if syntax_before else (before, after)
    gained = Counter(d.code for d in compared_after) - Counter(d.code for d in compared_before)
    if gained:
        result.refused = from_catalogue("E039", display, None, codes=listing(sorted(gained)))
        return result
    result.fixed = bom + fixed
    result.changes = _changes([line for line, _e in original], [line for line, _e in lines])
    result.remaining = [d for d in after if d.severity is Severity.ERROR]
    return result
