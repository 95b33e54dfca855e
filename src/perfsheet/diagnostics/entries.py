"""The catalogue of diagnostics (``templates/messages.yaml``) as typed models: code → severity, title,
message, hint and source. Read when the first diagnostic is made, not when the command starts."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, RootModel, model_validator

from perfsheet.diagnostics.severity import Severity
from perfsheet.typed_data import DataModel, load_model


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


def load_catalogue() -> dict[str, CatalogueEntry]:
    """Code → entry; a malformed entry is an error naming the file and line."""
    return load_model("templates", "messages.yaml", Catalogue).root
