"""How serious a finding is (its own module: the catalogue's model and the diagnostic type both need it)."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]
