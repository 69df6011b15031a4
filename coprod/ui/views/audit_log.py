"""The audit log viewer: who changed what and when, filtered by record, table, date and actor.

Read only (the database itself refuses to alter the log); what is shown can be saved as CSV,
and that export is logged too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, label, ntr, tr
from coprod.services.privacy.audit_log import (
    HEADINGS,
    AuditFilter,
    AuditRow,
    export_audit_log,
    filter_choices,
    query_audit,
)
from coprod.ui.changes import Changes
from coprod.ui.combo import select_data
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField
from coprod.ui.models.plain_rows import PlainRowsModel
from coprod.ui.numbers import number
from coprod.ui.operations.run import read


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _shown(row: AuditRow) -> tuple[str, ...]:
    """The row as the screen shows it: the action in words (the CSV keeps its code)."""
    cells = list(row.cells())
    cells[3] = label(row.action)
    return tuple(cells)


class AuditLogView(QWidget):
    sig_loaded = Signal(int)
    """Emitted after the events for the current filters were shown; the argument is how many."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[AuditRow] = []
        self.setAccessibleName(tr("ui.audit.title"))
        self.record_edit = QLineEdit(self)
        self.table_combo = QComboBox(self)
        self.actor_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(tr("ui.audit.any"), None)
        for action in AuditAction:
            self.action_combo.addItem(label(action), action)
        self.from_check = QCheckBox(tr("ui.audit.from"), self)
        self.from_edit = DateField(self, ctx.as_of)
        self.to_check = QCheckBox(tr("ui.audit.to"), self)
        self.to_edit = DateField(self, ctx.as_of)
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.from_edit.setEnabled(False)
        self.to_edit.setEnabled(False)
        names = {
            self.record_edit: N_("ui.audit.record"),
            self.table_combo: N_("ui.audit.table"),
            self.actor_combo: N_("ui.audit.actor"),
            self.action_combo: N_("ui.audit.action"),
            self.from_edit: "ui.audit.from",
            self.to_edit: "ui.audit.to",
        }
        grid = QGridLayout()
        choosers = (self.record_edit, self.table_combo, self.actor_combo, self.action_combo)
        for col, widget in enumerate(choosers):
            caption = QLabel(tr(names[widget]), self)
            caption.setBuddy(widget)
            widget.setAccessibleName(tr(names[widget]).replace("&", ""))
            grid.addWidget(caption, 0, col)
            grid.addWidget(widget, 1, col)
        dates = ((self.from_check, self.from_edit), (self.to_check, self.to_edit))
        for col, (check, edit) in enumerate(dates, 4):
            edit.setAccessibleName(tr(names[edit]).replace("&", ""))
            check.setAccessibleName(tr("ui.audit.filter_on", what=tr(names[edit]).replace("&", "")))
            grid.addWidget(check, 0, col)
            grid.addWidget(edit, 1, col)
        self.apply_button = QPushButton(tr("ui.audit.apply"), self)
        self.clear_button = QPushButton(tr("ui.audit.clear"), self)
        self.export_button = QPushButton(tr("ui.audit.export"), self)
        for button in (self.apply_button, self.clear_button, self.export_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.model = PlainRowsModel(HEADINGS, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("ui.audit.view_name"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setCornerButtonEnabled(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(100)  # widths from the first rows only
        self.view.setWordWrap(False)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(tr("ui.audit.status_name"))
        buttons = QHBoxLayout()
        for button in (self.apply_button, self.clear_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        self.apply_button.clicked.connect(self.reload)
        self.record_edit.returnPressed.connect(self.reload)
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self._export)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self.reload)
        self.reload()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            record=self.record_edit.text().strip() or None,
            table=self.table_combo.currentData(),
            actor=self.actor_combo.currentData(),
            action=self.action_combo.currentData(),
            start=self.from_edit.understood() if self.from_check.isChecked() else None,
            end=self.to_edit.understood() if self.to_check.isChecked() else None,
        )

    def clear_filters(self) -> None:
        self.record_edit.clear()
        self.table_combo.setCurrentIndex(0)
        self.actor_combo.setCurrentIndex(0)
        self.action_combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.reload()

    def reload(self) -> None:
        where = self.current_filter()
        ctx = self.ctx

        def work(session: Session) -> tuple[list[AuditRow], int, list[str], list[str]]:
            rows, total = query_audit(session=session, where=where)
            tables, actors = filter_choices(session=session)
            return rows, total, tables, actors

        read(ctx, work, on_done=lambda result: self._show(*result), on_error=self._failed)

    def _fill(self, combo: QComboBox, values: list[str]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("ui.audit.any"), None)
        for value in values:
            combo.addItem(value, value)
        select_data(combo, keep)
        combo.blockSignals(False)

    def _show(self, rows: list[AuditRow], total: int, tables: list[str], actors: list[str]) -> None:
        self.rows = rows
        self._fill(self.table_combo, tables)
        self._fill(self.actor_combo, actors)
        self.model.set_rows([_shown(r) for r in rows])
        self.view.resizeColumnsToContents()
        key = N_("ui.audit.count") if len(rows) == total else N_("ui.audit.count_limited")
        self.status_label.setText(ntr(key, total, shown=number(len(rows))))
        self.sig_loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        message = describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)
        self.status_label.setText(message)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if self.isVisible() and initiator is not self:
            self.reload()

    def _export(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("ui.audit.export").replace("&", ""), "audit-log.csv", tr("ui.audit.csv_filter")
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        rows, ctx = list(self.rows), self.ctx

        def work() -> Path:
            return export_audit_log(ctx.workspace, rows=rows, path=path)

        def done(saved: Path) -> None:
            self.status_label.setText(ntr("ui.audit.exported", len(rows), path=str(saved)))
            ctx.bus.sig_changed.emit(Changes.of("audit_event"), self)

        ctx.runner.run(work, on_done=done, on_error=self._failed)
