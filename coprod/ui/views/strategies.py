"""The strategies page: the plans sessions and recommendations feed into."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod.i18n import tr
from coprod.services.common.choices import owner_choices
from coprod.services.engagement import strategies_view
from coprod.ui.context import AppContext
from coprod.ui.dialogs.strategy_editor import StrategyEditor
from coprod.ui.guard import if_alive
from coprod.ui.models.strategies import StrategiesModel
from coprod.ui.models.table import IdQuery
from coprod.ui.operations import strategies as ops
from coprod.ui.operations.run import read
from coprod.ui.views.list_page import ListPage


class StrategiesPage(ListPage):
    page_key = "strategies"
    watches = ("strategy", "owner", "recommendation", "session_strategy")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, StrategiesModel(ctx), parent)
        self.new_button = self.add_button(tr("strategies.new"), self.new_strategy)
        self.edit_button = self.add_button(tr("strategies.edit"), self.edit_strategy)
        self.active_button = self.add_button(tr("strategies.toggle_active"), self.toggle_active)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _i: self.edit_strategy())
        self.sig_selection_changed.connect(self._update_buttons)
        self._update_buttons()
        self.follow_layout_with_tab()

    def title(self) -> str:
        return tr("page.strategies")

    def count_text(self, total: int) -> str:
        return tr("strategies.count", count=total)

    def id_query(self) -> IdQuery:
        search = self.search_box.text()
        return lambda s: strategies_view.strategy_ids(session=s, search=search)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(
            tr("strategies.deactivate") if row is None or row.active else tr("strategies.activate")
        )

    def new_strategy(self) -> None:
        read(
            self.ctx,
            lambda s: owner_choices(s),
            on_done=if_alive(self, lambda owners: self._open(owners)),
        )

    def edit_strategy(self) -> None:
        row = self.current_row()
        if row is None:
            return
        sid = row.id
        read(
            self.ctx,
            lambda s: (
                owner_choices(s, include_inactive=True),
                strategies_view.strategy_values(session=s, strategy_id=sid),
            ),
            on_done=if_alive(self, lambda r: self._open(r[0], r[1], sid)),
        )

    def _open(self, owners: Any, values: dict[str, Any] | None = None, sid: uuid.UUID | None = None) -> None:
        self.editor = StrategyEditor(self.ctx, owners=owners, values=values, strategy_id=sid, parent=self)
        self.editor.open()

    def toggle_active(self) -> None:
        row = self.current_row()
        if row is not None:
            ops.edit_strategy(self.ctx, strategy_id=row.id, values={"active": not row.active}, initiator=self)
