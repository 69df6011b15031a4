"""Create or edit an engagement session: every field a good-practice session record holds."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)
from sqlmodel import Session

from coprod.domain.enums import Adjustment, LadderLevel, SessionFormat
from coprod.i18n import label, tr
from coprod.services.common.choices import Choice
from coprod.services.engagement import sessions_view
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, OptionalDate, date_edit, fill_combo, from_qdate
from coprod.ui.numbers import count_box
from coprod.ui.operations import sessions as ops


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _money(parent: QWidget, pence: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0, 1_000_000)
    box.setDecimals(2)
    box.setPrefix("£")
    box.setValue(pence / 100)
    return box


class SessionEditor(FormDialog):
    sig_saved = Signal(object)
    """Emitted with the session's id once it is saved (a new one or an edited one)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        strategies: Sequence[Choice],
        values: dict[str, Any] | None = None,
        session_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("session.edit_title") if session_id else tr("session.new_title"), parent)
        self.session_id = session_id
        v: dict[str, Any] = values or {}
        self.version = v.get("version")
        self.title_box = QLineEdit(v.get("title", ""), self)
        self.held_on = date_edit(self, v.get("held_on") or ctx.as_of)
        self.format = QComboBox(self)
        fill_combo(
            self.format, [(label(f), f) for f in SessionFormat], v.get("format", SessionFormat.WORKSHOP)
        )
        self.ladder = QComboBox(self)
        fill_combo(
            self.ladder,
            [(label(level), level) for level in LadderLevel],
            v.get("ladder_level", LadderLevel.CONSULTATION),
        )
        self.ladder.setToolTip(tr("session.ladder_tip"))
        self.venue = QLineEdit(v.get("venue") or "", self)
        self.facilitator = QLineEdit(v.get("facilitator") or "", self)
        self.participants = count_box(self, 0, 100_000)
        self.participants.setValue(v.get("participant_count", 0))
        self.targeted = QLineEdit(", ".join(v.get("groups_targeted", [])), self)
        self.targeted.setPlaceholderText(tr("session.groups_hint"))
        self.reached = QLineEdit(", ".join(v.get("groups_reached", [])), self)
        self.reached.setPlaceholderText(tr("session.groups_hint"))
        self.adjustments = QWidget(self)
        grid = QGridLayout(self.adjustments)
        grid.setContentsMargins(0, 0, 0, 0)
        self.adjustment_boxes: dict[Adjustment, QCheckBox] = {}
        chosen = set(v.get("adjustments", []))
        for n, adj in enumerate(Adjustment):
            box = QCheckBox(label(adj), self.adjustments)
            box.setAccessibleName(tr("session.adjustment_named", name=label(adj)))
            box.setChecked(adj.value in chosen)
            grid.addWidget(box, n // 3, n % 3)
            self.adjustment_boxes[adj] = box
        self.payments = _money(self, v.get("payments_pence", 0))
        self.expenses = _money(self, v.get("expenses_pence", 0))
        self.notes = QPlainTextEdit(v.get("notes") or "", self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.returned = OptionalDate(
            self, tr("session.loop_closed_check"), v.get("feedback_returned_on"), ctx.as_of
        )
        self.strategies = QListWidget(self)
        self.strategies.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        linked = set(v.get("strategy_ids", []))
        for choice in strategies:
            item = QListWidgetItem(choice.name, self.strategies)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in linked else Qt.CheckState.Unchecked)

        self.add_row(tr("session.f_title"), self.title_box)
        self.add_row(tr("session.f_held_on"), self.held_on)
        self.add_row(tr("session.f_format"), self.format)
        self.add_row(tr("session.f_ladder"), self.ladder)
        self.add_row(tr("session.f_venue"), self.venue)
        self.add_row(tr("session.f_facilitator"), self.facilitator)
        self.add_row(tr("session.f_participants"), self.participants)
        self.add_row(tr("session.f_targeted"), self.targeted)
        self.add_row(tr("session.f_reached"), self.reached)
        self.add_row(tr("session.f_adjustments"), self.adjustments)
        self.add_row(tr("session.f_payments"), self.payments)
        self.add_row(tr("session.f_expenses"), self.expenses)
        self.add_row(tr("session.f_notes"), self.notes)
        self.add_row(tr("session.f_returned"), self.returned)
        self.add_row(tr("session.f_strategies"), self.strategies)
        self.adjustments.setFocusProxy(next(iter(self.adjustment_boxes.values())))
        # Alt+D reaches the first box only if the group takes focus; Tab stops at the boxes.
        self.adjustments.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.resize(self.sizeHint().width() + 200, self.sizeHint().height())
        self.title_box.setFocus()  # what every session needs first

    def fill(self, values: dict[str, Any]) -> None:
        v = values
        self.title_box.setText(v.get("title", ""))
        self.held_on.set_value(v.get("held_on") or self.ctx.as_of)
        self.format.setCurrentIndex(max(combo_index(self.format, v.get("format")), 0))
        self.ladder.setCurrentIndex(max(combo_index(self.ladder, v.get("ladder_level")), 0))
        self.venue.setText(v.get("venue") or "")
        self.facilitator.setText(v.get("facilitator") or "")
        self.participants.setValue(v.get("participant_count", 0))
        self.targeted.setText(", ".join(v.get("groups_targeted", [])))
        self.reached.setText(", ".join(v.get("groups_reached", [])))
        chosen = set(v.get("adjustments", []))
        for adj, box in self.adjustment_boxes.items():
            box.setChecked(adj.value in chosen)
        self.payments.setValue(v.get("payments_pence", 0) / 100)
        self.expenses.setValue(v.get("expenses_pence", 0) / 100)
        self.notes.setPlainText(v.get("notes") or "")
        returned = v.get("feedback_returned_on")
        self.returned.check.setChecked(returned is not None)
        if returned is not None:
            self.returned.edit.set_value(returned)
        linked = set(v.get("strategy_ids", []))
        for n in range(self.strategies.count()):
            item = self.strategies.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in linked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def read_current(self) -> Callable[[Session], dict[str, Any]] | None:
        sid = self.session_id
        if sid is None:
            return None
        return lambda session: sessions_view.session_values(session=session, session_id=sid)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_box.text().strip(),
            "held_on": from_qdate(self.held_on.date()),
            "format": self.format.currentData(),
            "ladder_level": self.ladder.currentData(),
            "venue": self.venue.text().strip() or None,
            "facilitator": self.facilitator.text().strip() or None,
            "participant_count": self.participants.value(),
            "groups_targeted": _split(self.targeted.text()),
            "groups_reached": _split(self.reached.text()),
            "adjustments": [a.value for a, box in self.adjustment_boxes.items() if box.isChecked()],
            "payments_pence": round(self.payments.value() * 100),
            "expenses_pence": round(self.expenses.value() * 100),
            "notes": self.notes.toPlainText().strip() or None,
            "feedback_returned_on": self.returned.value(),
        }

    def strategy_ids(self) -> list[uuid.UUID]:
        out = []
        for n in range(self.strategies.count()):
            item = self.strategies.item(n)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def saved(self, result: object = None) -> None:
        self.sig_saved.emit(self.session_id if self.session_id is not None else result)
        super().saved(result)

    def submit(self) -> None:
        if self.session_id is None:
            ops.create_session(
                self.ctx,
                values=self.values(),
                strategy_ids=self.strategy_ids(),
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )
        else:
            ops.edit_session(
                self.ctx,
                session_id=self.session_id,
                values=self.values(),
                strategy_ids=self.strategy_ids(),
                expected_version=self.version,
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )
