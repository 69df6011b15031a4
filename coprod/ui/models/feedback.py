"""The feedback table ("you said")."""

from __future__ import annotations

from typing import Any

from coprod.i18n import ntr, tr
from coprod.i18n.dates import day
from coprod.services.engagement.feedback_view import FeedbackRow, feedback_rows
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.table import LazyTableModel
from coprod.ui.numbers import number


class FeedbackModel(LazyTableModel[FeedbackRow]):
    columns = (
        Column(tr("col.held_on"), lambda r: day(r.held_on), width=14),
        Column(tr("col.said"), lambda r: r.text, width=50, reads=True),
        Column(tr("col.themes"), lambda r: r.themes, width=24),
        Column(tr("col.verbatim"), lambda r: tr("ui.yes") if r.is_verbatim else tr("ui.no"), width=8),
        Column(tr("col.participant"), lambda r: r.participant_code or "", width=10),
        Column(
            tr("col.linked"),
            lambda r: number(r.linked),
            align_right=True,
            width=6,
            spoken=lambda r: ntr("ui.linked_count", r.linked),
        ),
        Column(tr("col.session"), lambda r: r.session_title, width=24),
    )

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, lambda s, ids: feedback_rows(session=s, ids=ids), parent)
