"""The Conflicts page: fields two people changed, as the team server recorded them at sync.

Each row shows the record, the field, the value in force and the one set aside, and who set
each. A manager settles the selected one with "Keep this value" (the value now stays) or
"Keep the other" (the other value replaces it, as an audited edit). On a laptop copy the
page asks the server the laptop syncs with; a server that cannot be reached is one sentence.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod.i18n import ntr, tr
from coprod.services.sync.conflicts import Conflict, Keep, Settled, field_label, value_text
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.errors import plain_message, show_problem
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.operations.sync import load_conflicts, settle_conflict
from coprod.ui.views.lazy import RefreshWhenShown


def _who(login: str | None) -> str:
    return login or tr("conflicts.someone")


CONFLICT_COLUMNS: list[Column[Conflict]] = [
    Column(tr("conflicts.col.record"), lambda c: c.record or tr("conflicts.gone"), reads=True),
    Column(tr("conflicts.col.field"), lambda c: field_label(c.field)),
    Column(tr("conflicts.col.kept"), lambda c: value_text(c.kept), reads=True),
    Column(tr("conflicts.col.kept_by"), lambda c: _who(c.kept_by)),
    Column(tr("conflicts.col.other"), lambda c: value_text(c.other), reads=True),
    Column(tr("conflicts.col.other_by"), lambda c: _who(c.other_by)),
    Column(tr("conflicts.col.at"), lambda c: value_text(c.at)),
]


class ConflictsPage(RefreshWhenShown, QWidget):
    sig_loaded = Signal(int)
    """Emitted after the list was (re)loaded, with the number of conflicts shown."""

    sig_settled = Signal(object)
    """Emitted with the Settled value after the user settled a conflict."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._said = ""  # the last settled conflict's sentence, said above the list
        self.setAccessibleName(tr("conflicts.ui.page"))
        layout = QVBoxLayout(self)
        self.count = QLabel(tr("conflicts.ui.loading"), self)
        self.count.setAccessibleName(tr("conflicts.ui.page"))
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.model: RowsModel[Conflict] = RowsModel(CONFLICT_COLUMNS, self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("conflicts.ui.list"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.detail = QPlainTextEdit(split)  # long values in full, as a screen reader reads them
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(tr("conflicts.ui.detail"))
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.refresh_button = self._button(tr("conflicts.ui.refresh"), tr("conflicts.ui.refresh_name"))
        self.refresh_button.clicked.connect(self.refresh)
        self.keep_this = self._button(tr("conflicts.ui.keep_this"), tr("conflicts.ui.keep_this_tip"))
        self.keep_this.clicked.connect(lambda: self.settle_selected("ours"))
        self.keep_other = self._button(tr("conflicts.ui.keep_other"), tr("conflicts.ui.keep_other_tip"))
        self.keep_other.clicked.connect(lambda: self.settle_selected("theirs"))
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.keep_this)
        row.addWidget(self.keep_other)
        layout.addLayout(row)
        self._enable(False)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)
        ctx.bus.sig_changed.connect(self._on_changed)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        button.setToolTip(tip)
        return button

    def _enable(self, on: bool) -> None:
        self.keep_this.setEnabled(on)
        self.keep_other.setEnabled(on)

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        self.count.setText(tr("conflicts.ui.loading"))
        load_conflicts(
            self.ctx,
            on_done=if_alive(self, lambda rows: self._loaded(generation, rows)),
            on_error=if_alive(self, lambda exc: self._not_loaded(generation, exc)),
        )

    def _loaded(self, generation: int, rows: list[Conflict]) -> None:
        if generation != self._generation:
            return
        chosen = self.selected()
        self.model.set_rows(rows)
        fit_columns(self.table, 0)
        said, self._said = self._said, ""
        if rows:
            self.count.setText(" ".join(filter(None, [said, ntr("conflicts.ui.count", len(rows))])))
            ids = [c.id for c in rows]
            self.table.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        else:
            self.count.setText(" ".join(filter(None, [said, tr("conflicts.none")])))
            self.detail.clear()
        self._enable(bool(rows))
        self.sig_loaded.emit(len(rows))

    def _not_loaded(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_rows([])
        self.detail.clear()
        self.count.setText(plain_message(exc))
        self._enable(False)
        self.sig_loaded.emit(0)

    def _show_detail(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.detail.clear()
            return
        self.detail.setPlainText(
            tr(
                "conflicts.ui.detail_text",
                record=chosen.record or tr("conflicts.gone"),
                field=field_label(chosen.field),
                kept=value_text(chosen.kept),
                kept_by=_who(chosen.kept_by),
                other=value_text(chosen.other),
                other_by=_who(chosen.other_by),
                time=value_text(chosen.at),
            )
        )

    def selected(self) -> Conflict | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def settle_selected(self, keep: Keep) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._enable(False)
        self._settle(chosen.id, keep)

    def _settle(self, conflict_id: uuid.UUID, keep: Keep) -> None:
        def failed(exc: BaseException) -> None:
            self._enable(self.model.rowCount() > 0)
            show_problem(self, exc)

        settle_conflict(
            self.ctx,
            conflict_id,
            keep=keep,
            on_done=if_alive(self, self._settled),
            on_error=if_alive(self, failed),
        )

    def _settled(self, settled: Settled) -> None:
        self._said = settled_text(settled)
        self.sig_settled.emit(settled)
        self.refresh()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.everything:  # a sync brought rows, perhaps new conflicts
            self._reload_when_seen()


def settled_text(settled: Settled) -> str:
    """The sentence the status bar shows after a conflict was settled."""
    record = settled.record or tr("conflicts.gone")
    field, value = field_label(settled.field), value_text(settled.value)
    if settled.changed:
        return tr("conflicts.settled_changed", record=record, field=field, value=value)
    return tr("conflicts.settled_kept", record=record, field=field, value=value)
