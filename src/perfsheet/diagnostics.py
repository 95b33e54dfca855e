"""The one diagnostic type every stage reports with, and the report that collects them.

Messages and hints come from the catalogue in ``templates/messages.yaml`` (code → severity, message,
hint), so wording is data. A stage creates a diagnostic with :func:`from_catalogue` and the catalogue's
placeholders filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import ConfigDict, RootModel, model_validator

from perfsheet.resources import DataModel, load_model


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where it is, which rule, how serious, what is wrong and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.line, self.column, self.severity.rank, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class CatalogueEntry(DataModel):
    """A diagnostic code as the catalogue (``templates/messages.yaml``) defines it."""

    code: str
    severity: Severity
    title: str = ""
    message: str
    hint: str = ""
    source: str = ""


class Catalogue(RootModel[dict[str, CatalogueEntry]]):
    model_config = ConfigDict(frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _codes(cls, data: Any) -> Any:
        """Each entry knows its code (the key it stands under)."""
        if isinstance(data, dict):
            return {code: {"code": code, **spec} if isinstance(spec, dict) else spec for code, spec in data.items()}
        return data


@cache
def catalogue() -> dict[str, CatalogueEntry]:
    """Code → entry, read once; a malformed entry is an error naming the file and line."""
    return load_model("templates", "messages.yaml", Catalogue).root


class _Blank(dict[str, Any]):
    """Format mapping that leaves an unknown placeholder visible rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# What a terminal, a CI log or a GitHub annotation would interpret rather than show: control characters
# (ESC starts terminal sequences, a newline starts a forged line), line separators, bidi overrides and
# zero-width characters. User text is shown with these written out as escapes.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SHOWN_AS = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every character that could be interpreted written out (``\\n``, ``\\u001B``)."""
    return _UNPRINTABLE.sub(lambda m: _SHOWN_AS.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def did_you_mean(name: str) -> str:
    """The one way a hint guesses what was meant: 「是不是「项目名称」？」."""
    return f"是不是「{name}」？"


def from_catalogue(
    code: str,
    file: str,
    position: Position | None,
    severity: Severity | None = None,
    hint: str | None = None,
    **params: Any,
) -> Diagnostic:
    """Build a diagnostic from the catalogue entry ``code`` with its placeholders filled."""
    entry = catalogue()[code]
    values = _Blank(params)
    message = entry.message.format_map(values)
    if hint is None:
        hint = entry.hint.format_map(values) if entry.hint else ""
    pos = position or Position(1, 1)
    return Diagnostic(
        file=visible(file),
        line=pos.line,
        column=pos.column,
        code=code,
        severity=severity or entry.severity,
        message=visible(message),
        hint=visible(hint),
    )


@dataclass
class Report:
    """Every diagnostic of one run, in a stable order."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics), key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def count(self, severity: Severity) -> int:
        return sum(1 for d in set(self.diagnostics) if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def failed(self, strict: bool = False) -> bool:
        """Errors fail a run; with ``strict``, warnings fail it too."""
        return self.has_errors or (strict and self.count(Severity.WARNING) > 0)
