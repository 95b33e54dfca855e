"""The sources of money are one list for both models: the 年度资金 a project declares (its total first)
and the 全年预算数 / 全年执行数 of its 自评, which the 自评表 prints row by row beside the declared ones."""

from __future__ import annotations

from perfsheet.model import labels
from perfsheet.model.evaluation import SpentFunds
from perfsheet.model.project import AnnualFunds


def test_the_self_evaluation_has_the_declared_sources_of_money_in_their_order() -> None:
    assert labels.aliases(AnnualFunds)[0] == labels.ANNUAL_TOTAL
    assert labels.aliases(SpentFunds) == labels.aliases(AnnualFunds)[1:]
    for name, field in SpentFunds.model_fields.items():
        declared = AnnualFunds.model_fields[name]
        assert (declared.annotation, declared.alias, declared.description) == (
            field.annotation,
            field.alias,
            field.description,
        )
