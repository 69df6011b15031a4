"""The strategies table."""

from __future__ import annotations

from typing import Any

from coprod.i18n import tr
from coprod.i18n.dates import day
from coprod.services.engagement.strategies_view import StrategyRow, strategy_rows
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.table import LazyTableModel
from coprod.ui.numbers import number


class StrategiesModel(LazyTableModel[StrategyRow]):
    columns = (
        Column(tr("col.name"), lambda r: r.name, width=36, reads=True),
        Column(tr("col.board"), lambda r: r.board or "", width=24),
        Column(tr("col.lead"), lambda r: r.lead_owner or "", width=20),
        Column(tr("col.start"), lambda r: day(r.start_on), width=14),
        Column(tr("col.end"), lambda r: day(r.end_on), width=14),
        Column(tr("col.active"), lambda r: tr("ui.yes") if r.active else tr("ui.no")),
        Column(tr("col.sessions"), lambda r: number(r.sessions), align_right=True),
        Column(tr("col.recommendations"), lambda r: number(r.recommendations), align_right=True),
    )

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, lambda s, ids: strategy_rows(session=s, ids=ids), parent)
