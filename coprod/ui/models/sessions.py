"""The sessions table."""

from __future__ import annotations

from typing import Any

from coprod.i18n import label, tr
from coprod.i18n.dates import day
from coprod.services.engagement.sessions_view import SessionRow, session_rows
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.table import LazyTableModel
from coprod.ui.numbers import number


def _loop(row: SessionRow) -> str:
    if row.feedback_returned_on is None:
        return tr("ui.no")
    return tr("ui.loop_closed_on", date=day(row.feedback_returned_on))


class SessionsModel(LazyTableModel[SessionRow]):
    columns = (
        Column(tr("col.held_on"), lambda r: day(r.held_on), width=14),
        Column(tr("col.title"), lambda r: r.title, width=40, reads=True),
        Column(tr("col.format"), lambda r: label(r.format), width=11),
        Column(tr("col.ladder"), lambda r: label(r.ladder_level), width=14),
        Column(tr("col.participants"), lambda r: number(r.participant_count), align_right=True, width=6),
        Column(tr("col.feedback"), lambda r: number(r.feedback_count), align_right=True, width=8),
        Column(tr("col.loop_closed"), _loop, width=18),
    )

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, lambda s, ids: session_rows(session=s, ids=ids), parent)
