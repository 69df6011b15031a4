"""The owners table."""

from __future__ import annotations

from typing import Any

from coprod.i18n import tr
from coprod.services.engagement.owners_view import OwnerRow, owner_rows
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.table import LazyTableModel
from coprod.ui.numbers import number


class OwnersModel(LazyTableModel[OwnerRow]):
    columns = (
        Column(tr("col.name"), lambda r: r.name, width=24, reads=True),
        Column(tr("col.role"), lambda r: r.role or "", width=28),
        Column(tr("col.team"), lambda r: r.team or "", width=24),
        Column(tr("col.email"), lambda r: r.email or "", width=30),
        Column(tr("col.active"), lambda r: tr("ui.yes") if r.active else tr("ui.no"), width=7),
        Column(tr("col.open_recs"), lambda r: number(r.open_recommendations), align_right=True),
    )

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, lambda s, ids: owner_rows(session=s, ids=ids), parent)
