"""``monitor``: check, light every project that has its 监控, lay out the 监控汇总表 and the 监控表 and
write them. As with ``build``, nothing is written when the check fails and an earlier output stays."""

from __future__ import annotations

from perfsheet.collection.loading import Collection, ProjectFile
from perfsheet.documents.cards import CardDocument
from perfsheet.layout.monitoring import monitoring_cover_blocks, monitoring_form_blocks, monitoring_title
from perfsheet.monitoring import MonitoringCard, bands_for


def _lit(collection: Collection, file: ProjectFile) -> MonitoringCard | None:
    bands, _problem = bands_for(collection.settings)  # the check has reported bands out of order
    return file.monitoring_card(bands)  # lit once, by the check before


# The 监控汇总表, then one 监控表 per project with a 监控.
monitoring_document = CardDocument[MonitoringCard](
    card=_lit,
    left_out="E572",
    none_found="E573",
    title=monitoring_title,
    cover=monitoring_cover_blocks,
    form=monitoring_form_blocks,
)


# Validate a collection and, when it passes, write its 监控表 (the same signature as build).
monitor = monitoring_document.write
