"""How a report is printed: one small function per output format, in a registry the command line picks
from (``--format``), and the GitHub Actions escaping that keeps user text from acting as a command."""

from __future__ import annotations

from collections.abc import Callable

from perfsheet.diagnostics import Report, Severity, fill, phrases

SEVERITY_LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def format_text(report: Report) -> str:
    """yamllint-style lines: ``path:line:col: level[code] message`` and an indented hint."""
    lines: list[str] = []
    for d in report:
        lines.append(f"{d.file}:{d.line}:{d.column}: {SEVERITY_LABELS[d.severity]}[{d.code}] {d.message}")
        if d.hint:
            lines.append("    " + fill(phrases().hint_line, hint=d.hint))
    return "\n".join(lines)


def format_summary(report: Report, files: int) -> str:
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    return fill(phrases().check_summary, files=files, errors=errors, warnings=warnings, infos=infos)


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, escaped as the runner expects."""
    lines = []
    for d in report:
        fields = (("file", d.file), ("line", str(d.line)), ("col", str(d.column)), ("title", f"{d.code} {d.severity}"))
        properties = ",".join(f"{key}={_escape_property(value)}" for key, value in fields)
        message = d.message + ("\n" + fill(phrases().hint_line, hint=d.hint) if d.hint else "")
        lines.append(f"::{_GITHUB_LEVELS[d.severity]} {properties}::{_escape_data(message)}")
    return "\n".join(lines)


def shielded_from_workflow_commands(text: str) -> str:
    """``text`` wrapped so that the GitHub Actions runner reads no line of it as a workflow command
    (``::stop-commands::`` with a one-time token, as GitHub recommends for untrusted output)."""
    import secrets  # here, not at start-up: only a run under GitHub Actions needs it

    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n{text}\n::{token}::"


def format_json(report: Report) -> str:
    import json  # here, not at start-up: only --format json needs it

    return json.dumps([d.to_dict() for d in report], ensure_ascii=False, indent=2)


# --format NAME → the function that prints a report in that format.
REPORTERS: dict[str, Callable[[Report], str]] = {"text": format_text, "json": format_json, "github": format_github}
