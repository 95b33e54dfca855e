"""The labels an imported form is read by: each field's printed label and the variants other units print,
from the form definitions (templates/forms/), compared after normalising (white space, full-width
brackets and colons), and the importer's own vocabulary (schemas/import.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import Field

from perfsheet.model import labels as model_labels
from perfsheet.model.evaluation import IndicatorResult
from perfsheet.model.forms import Vocabulary, computed_label, forms, indicator_header, labels_above, labels_beside
from perfsheet.typed_data import DataModel, load_model

# 「一级绩效指标」 is 一级指标 with 绩效 inserted; 「产出」 is 产出指标 without its 指标.
PERFORMANCE, SUFFIX = "绩效", "指标"
_FULL_TO_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "　": ""})


_WHITE_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """A label as compared: no white space, half-width brackets and colons, no trailing colon. (Cached:
    a merged cell repeats its text in every column it covers, and every form repeats its labels.)"""
    return _WHITE_SPACE.sub("", text.translate(_FULL_TO_HALF)).rstrip(":")


@dataclass(frozen=True)
class Labels:
    """The labels of the forms' definitions with every spelling normalized."""

    fields: dict[str, tuple[str, ...]]
    goals: dict[str, tuple[str, ...]]
    header: dict[str, tuple[str, ...]]
    markers: tuple[str, ...]
    money_columns: dict[str, tuple[str, ...]]
    goal_columns: dict[str, tuple[str, ...]]
    result_columns: dict[str, tuple[str, ...]]
    total: tuple[str, ...]
    ten_thousands: tuple[str, ...]
    field_names: dict[str, str]  # a variant → its field (the first field naming it)

    def field_of(self, text: str) -> str | None:
        return self.field_names.get(normalize(text))

    def is_label(self, text: str) -> bool:
        key = normalize(text)
        return (
            self.field_of(text) is not None
            or any(key.startswith(variants) for variants in self.goals.values())
            or any(key.replace(PERFORMANCE, "").startswith(variants) for variants in self.header.values())
            or key.startswith(model_labels.PROJECT_FUNDS)
            or key in self.markers
            or any(key in variants for variants in self.money_columns.values())
            or any(key in variants for variants in self.goal_columns.values())
        )

    def is_total(self, text: str) -> bool:
        """The 自评表's last row: 总分 and the total score."""
        return normalize(text) in self.total


class ImportVocabulary(DataModel):
    """``schemas/import.yaml``: how a table is recognized as a form and its amounts as 万元 (the labels
    themselves, and how other units word them, are the forms' definitions under templates/forms/)."""

    markers: tuple[str, ...] = Field(alias="申报表标志")
    ten_thousands: tuple[str, ...] = Field(alias="万元标志")


@cache
def _vocabulary() -> ImportVocabulary:
    return load_model("schemas", "import.yaml", ImportVocabulary)


def import_vocabulary() -> ImportVocabulary:
    """schemas/import.yaml as written (the spreadsheet reader adds its column variants to its own)."""
    return _vocabulary()


def score_names() -> tuple[str, str]:
    """The scores a 自评表 prints besides each indicator's, as the form names them: 执行率's and 总分."""
    evaluation = forms().evaluation
    return computed_label(evaluation, "rate")[0], computed_label(evaluation, "total")[0]


def _columns(rows: list[Vocabulary], key: str) -> Vocabulary:
    """The row of column labels that has ``key`` among them."""
    return next(row for row in rows if key in row)


@cache
def labels() -> Labels:
    """Every label the importer looks for, with every spelling, from the forms' definitions."""
    raw, declaration, evaluation = _vocabulary(), forms().declaration, forms().evaluation

    def norm(table: Vocabulary) -> dict[str, tuple[str, ...]]:
        return {name: tuple(dict.fromkeys(normalize(v) for v in variants)) for name, variants in table.items()}

    fields = norm(labels_beside(declaration, evaluation))
    goals = {name: variants for row in labels_above(declaration) for name, variants in norm(row).items()}
    above = labels_above(evaluation)
    results = {
        name: variants
        for name, variants in indicator_header(evaluation).items()
        if name in model_labels.aliases(IndicatorResult)
    }
    return Labels(
        fields,
        goals,
        norm(indicator_header(declaration)),
        tuple(normalize(m) for m in raw.markers),
        norm(_columns(above, model_labels.EVALUATION_SPENT)),
        norm(_columns(above, model_labels.EVALUATION_ACHIEVED)),
        norm(results),
        tuple(normalize(t) for t in computed_label(evaluation, "total")),
        tuple(normalize(t) for t in raw.ten_thousands),
        {variant: name for name, variants in reversed(fields.items()) for variant in variants},
    )
