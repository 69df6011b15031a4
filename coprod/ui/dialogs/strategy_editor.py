"""Create or edit a strategy (the plan a session or recommendation feeds into)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from coprod.i18n import tr
from coprod.services.common.choices import Choice
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, OptionalDate, fill_combo, id_or_none, text_or_none
from coprod.ui.operations import strategies as ops


class StrategyEditor(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        *,
        owners: Sequence[Choice],
        values: dict[str, Any] | None = None,
        strategy_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("strategy.edit_title") if strategy_id else tr("strategy.new_title"), parent)
        self.strategy_id = strategy_id
        v: dict[str, Any] = values or {}
        self.name = QLineEdit(v.get("name", ""), self)
        self.description = QPlainTextEdit(v.get("description") or "", self)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.board = QLineEdit(v.get("board") or "", self)
        self.lead = QComboBox(self)
        fill_combo(
            self.lead, [(tr("ui.nobody"), None), *((c.name, c.id) for c in owners)], v.get("lead_owner_id")
        )
        self.start = OptionalDate(self, tr("ui.has_date"), v.get("start_on"), ctx.as_of)
        self.end = OptionalDate(self, tr("ui.has_date"), v.get("end_on"), ctx.as_of)
        self.active = QCheckBox(tr("strategy.active"), self)
        self.active.setChecked(v.get("active", True))
        self.add_row(tr("strategy.f_name"), self.name)
        self.add_row(tr("strategy.f_description"), self.description)
        self.add_row(tr("strategy.f_board"), self.board)
        self.add_row(tr("strategy.f_lead"), self.lead)
        self.add_row(tr("strategy.f_start"), self.start)
        self.add_row(tr("strategy.f_end"), self.end)
        self.add_row("", self.active, tr("strategy.active").replace("&", ""))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "description": self.description.toPlainText().strip() or None,
            "board": text_or_none(self.board),
            "lead_owner_id": id_or_none(self.lead),
            "start_on": self.start.value(),
            "end_on": self.end.value(),
            "active": self.active.isChecked(),
        }

    def submit(self) -> None:
        if self.strategy_id is None:
            ops.create_strategy(
                self.ctx, values=self.values(), initiator=self, on_done=self.saved, on_error=self.show_error
            )
        else:
            ops.edit_strategy(
                self.ctx,
                strategy_id=self.strategy_id,
                values=self.values(),
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )
