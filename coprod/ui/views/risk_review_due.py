"""On the Review page: the risks past their review date, listed as stalled recommendations are,
longest overdue first. Enter on a risk opens it on the Risks page to record the review."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from coprod.i18n import tr
from coprod.i18n.dates import day
from coprod.services.reports.risks import score_text
from coprod.services.risks.view import RiskRow, risks_due_review
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.views.lazy import RefreshWhenShown


def _columns(as_of: date) -> list[Column[RiskRow]]:
    return [
        Column(tr("risk.col.reference"), lambda r: r.reference),
        Column(tr("risk.col.title"), lambda r: r.title),
        Column(tr("risk.col.owner"), lambda r: r.owner or ""),
        Column(tr("risk.col.due"), lambda r: day(r.next_review_on)),
        Column(
            tr("risk.col.days_overdue"),
            lambda r: str((as_of - r.next_review_on).days) if r.next_review_on else "",
            align_right=True,
        ),
        Column(tr("risk.col.current"), lambda r: score_text(r.current_score, r.current_band)),
    ]


class RisksDueReview(RefreshWhenShown, QWidget):
    sig_open_risk = Signal(str)
    """Emitted with a risk's reference when the user asks to review it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(tr("risk.due.heading", count="…"), self)
        self.model: RowsModel[RiskRow] = RowsModel(_columns(ctx.as_of), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("risk.due.name"))
        self.table.setAccessibleDescription(tr("risk.due.hint"))
        self.table.setToolTip(tr("risk.due.hint"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(
            lambda index: self.sig_open_risk.emit(self.model.row_at(index.row()).reference)
        )
        self.heading.setBuddy(self.table)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def refresh(self) -> None:
        self._stale = False
        as_of = self.ctx.as_of

        read(self.ctx, lambda session: risks_due_review(session=session, as_of=as_of), on_done=self._loaded)

    def _loaded(self, rows: list[RiskRow]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, 1)
        self.heading.setText(tr("risk.due.heading", count=number(len(rows))))
        rows_high = self.table.verticalHeader().defaultSectionSize()
        shown = min(max(len(rows), 1), 5)
        self.table.setFixedHeight(rows_high * shown + self.table.horizontalHeader().sizeHint().height() + 4)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches("risk", "risk_review", "risk_escalation"):
            self._reload_when_seen()
