"""Every placeholder of every catalogue message is supplied where the message is made, and every
parameter supplied is used. Calls with literal keywords are checked here from the source; calls that
pass parameters on (a FileProblem's, a ValueProblem's) are checked while the whole suite runs (see
tests/conftest.py: an unfilled placeholder fails the test that produced it)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from perfsheet.diagnostics import catalogue

SOURCE = Path(__file__).resolve().parents[2] / "src" / "perfsheet"
# Helpers that supply parameters of their own (RuleContext.report_indicator: the indicator's name and value;
# the workbook reader's report_in_sheet: the sheet's name).
SUPPLIED_BY = {"report_indicator": {"name", "value"}, "report_in_sheet": {"sheet"}}
# Keywords of make() and the helpers that are not message parameters.
NOT_PARAMETERS = {"severity", "hint", "at_key"}
CALLS = {"from_catalogue", "report", "report_indicator", "report_in_sheet", "diagnostic", "problem"}


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


def _calls() -> list[tuple[str, str, set[str], set[str], bool]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in CALLS or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            code = node.args[0].value
            if isinstance(code, str) and code in catalogue():
                explicit = {k.arg for k in node.keywords if k.arg}
                passes_on = any(k.arg is None for k in node.keywords)
                supplied = explicit | SUPPLIED_BY.get(name, set())
                found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", code, explicit, supplied, passes_on))
    return found


def test_the_check_sees_the_calls() -> None:
    assert len(_calls()) > 60


def test_every_placeholder_is_supplied_and_every_parameter_used() -> None:
    problems = []
    for place, code, explicit, supplied, passes_on in _calls():
        entry = catalogue()[code]
        needed = _placeholders(entry.message) | _placeholders(entry.hint)
        missing = set() if passes_on else needed - supplied
        unused = explicit - needed - NOT_PARAMETERS - {"path"}
        if missing or unused:
            problems.append((place, code, sorted(missing), sorted(unused)))
    assert problems == []


def _phrase_calls() -> list[tuple[str, str, str, set[str]]]:
    """Every ``fill(phrases().name, …)`` and ``fill(words().name, …)``: where, which table, which phrase,
    the keywords supplied."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "fill" and node.args):
                continue
            phrase = node.args[0]
            assert isinstance(phrase, ast.Attribute) and isinstance(phrase.value, ast.Call), ast.dump(phrase)
            table = getattr(phrase.value.func, "id", "")
            supplied = {k.arg for k in node.keywords if k.arg}
            found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", table, phrase.attr, supplied))
    return found


def test_every_phrase_gets_exactly_its_placeholders() -> None:
    from perfsheet.cli.language import words
    from perfsheet.diagnostics import phrases

    tables = {"phrases": phrases(), "words": words()}
    calls = _phrase_calls()
    assert len(calls) > 30
    problems = []
    for place, table, name, supplied in calls:
        needed = _placeholders(getattr(tables[table], name))
        if needed != supplied:
            problems.append((place, name, sorted(needed), sorted(supplied)))
    assert problems == []


def test_every_phrase_is_used() -> None:
    from dataclasses import fields

    from perfsheet.diagnostics import Phrases

    source = "\n".join(path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py"))
    unused = [entry.name for entry in fields(Phrases) if f"phrases().{entry.name}" not in source]
    assert unused == []
