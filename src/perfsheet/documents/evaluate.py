"""``evaluate``: check, score every project that has its 自评, lay out the 绩效自评表 and write them. As
with ``build``, nothing is written when the check fails and an earlier output stays."""

from __future__ import annotations

from perfsheet.documents.cards import CardDocument
from perfsheet.evaluation import Scorecard
from perfsheet.layout.evaluation import evaluation_cover_blocks, evaluation_form_blocks, evaluation_title

# The 自评汇总表, then one 绩效自评表 per project with a 自评 (scored once, by the check before).
self_evaluation = CardDocument[Scorecard](
    card=lambda _collection, file: file.scorecard,
    left_out="E415",
    none_found="E416",
    title=evaluation_title,
    cover=evaluation_cover_blocks,
    form=evaluation_form_blocks,
)


# Validate a collection and, when it passes, write its 自评表 (the same signature as build).
evaluate = self_evaluation.write
