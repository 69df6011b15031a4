"""The Review page: the queue of items needing a decision, the meeting, and its summary."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.i18n import N_, label, ntr, tr
from coprod.services.recommendations.lessons import owners as list_owners
from coprod.services.recommendations.lessons import strategies as list_strategies
from coprod.services.recommendations.review import QueueItem, boards, review_queue
from coprod.services.recommendations.review_detail import decisions_on, summary_text
from coprod.services.recommendations.undated import Undated, undated_completions, undated_sentence
from coprod.ui.changes import Changes
from coprod.ui.combo import select_data
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.views.lazy import RefreshWhenShown
from coprod.ui.views.review_meeting import CHANGED_TABLES, WHY, ReviewMeeting
from coprod.ui.views.risk_review_due import RisksDueReview

QUEUE_COLUMNS: list[Column[QueueItem]] = [
    Column(tr("review.col.reference"), lambda i: i.lag.reference or ""),
    Column(tr("review.col.title"), lambda i: i.lag.title),
    Column(tr("review.col.why"), lambda i: ", ".join(tr(WHY[c]) for c in i.reasons)),
    Column(tr("review.col.rag"), lambda i: label(i.lag.rag)),
    Column(
        tr("review.col.lag"),
        lambda i: number(i.lag.lag_days),
        lambda i: ntr("review.days", i.lag.lag_days or 0),
        align_right=True,
    ),
    Column(
        tr("review.col.idle"),
        lambda i: number(i.lag.days_since_update),
        lambda i: ntr("review.days", i.lag.days_since_update or 0),
        align_right=True,
    ),
    Column(tr("review.col.extensions"), lambda i: number(i.lag.extensions), align_right=True),
    Column(tr("review.col.owner"), lambda i: i.lag.owner or ""),
    Column(tr("review.col.strategy"), lambda i: i.lag.strategy or ""),
    Column(tr("review.col.board"), lambda i: i.board or ""),
]


@dataclass(frozen=True)
class _Loaded:
    queue: list[QueueItem]
    strategies: list[tuple[uuid.UUID, str]]
    owners: list[tuple[uuid.UUID, str]]
    boards: list[str]
    undated: list[Undated]


def _combo(parent: QWidget, caption: str, row: QHBoxLayout) -> QComboBox:
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setAccessibleName(caption.replace("&", ""))
    text = QLabel(caption, parent)
    text.setBuddy(combo)
    row.addWidget(text)
    row.addWidget(combo)
    return combo


def _refill(combo: QComboBox, everything: str, items: list[tuple[Any, str]]) -> None:
    """Replace a filter's choices, keeping the current one if it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for value, text in items:
        combo.addItem(text, value)
    select_data(combo, current)
    combo.blockSignals(False)


class ReviewPage(RefreshWhenShown, QWidget):
    sig_open_recommendation = Signal(object)
    """Emitted with a recommendation id when the user asks to open it on its own page."""

    sig_loaded = Signal(int)
    """Emitted after the queue was (re)loaded, with the number of items in it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.owners: list[tuple[uuid.UUID, str]] = []
        self._generation = 0
        self.setAccessibleName(tr("review.ui.page"))
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # The queue
        queue_page = QWidget(self.stack)
        layout = QVBoxLayout(queue_page)
        filters = QHBoxLayout()
        self.strategy = _combo(queue_page, tr("review.ui.strategy"), filters)
        self.owner = _combo(queue_page, tr("review.ui.owner"), filters)
        self.board = _combo(queue_page, tr("review.ui.board"), filters)
        for combo in (self.strategy, self.owner, self.board):
            combo.currentIndexChanged.connect(self.refresh)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.count = QLabel(tr("review.ui.loading"), queue_page)
        self.count.setAccessibleName(tr("review.ui.count_name"))
        layout.addWidget(self.count)
        # Completions imported from a tracker that never recorded the date, so it can be added.
        self.undated_notice = QLabel(queue_page)
        self.undated_notice.setWordWrap(True)
        self.undated_notice.setAccessibleName(tr("review.ui.undated_name"))
        self.undated_notice.setVisible(False)
        layout.addWidget(self.undated_notice)
        self.model: RowsModel[QueueItem] = RowsModel(QUEUE_COLUMNS, self)
        self.table = QTableView(queue_page)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("review.ui.queue"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(lambda index: self.start_meeting(index.row()))
        layout.addWidget(self.table, 1)
        self.risks_due = RisksDueReview(ctx, queue_page)
        layout.addWidget(self.risks_due)
        actions = QHBoxLayout()
        self.reviewer = QLineEdit(queue_page)
        self.reviewer.setAccessibleName(tr("review.ui.reviewer").replace("&", ""))
        who = QLabel(tr("review.ui.reviewer"), queue_page)
        who.setBuddy(self.reviewer)
        actions.addWidget(who)
        actions.addWidget(self.reviewer, 1)
        self.start_button = QPushButton(tr("review.ui.start"), queue_page)
        self.start_button.setAccessibleName(tr("review.ui.start").replace("&", ""))
        self.start_button.clicked.connect(lambda: self.start_meeting(max(0, self.table.currentIndex().row())))
        actions.addWidget(self.start_button)
        self.open_button = QPushButton(tr("review.ui.open"), queue_page)
        self.open_button.setAccessibleName(tr("review.ui.open").replace("&", ""))
        self.open_button.clicked.connect(self._open_current)
        actions.addWidget(self.open_button)
        layout.addLayout(actions)
        self.stack.addWidget(queue_page)

        # The meeting
        self.meeting = ReviewMeeting(ctx, self.stack)
        self.meeting.sig_finished.connect(self.show_summary)
        self.stack.addWidget(self.meeting)

        # The summary for the minutes
        summary_page = QWidget(self.stack)
        summary_layout = QVBoxLayout(summary_page)
        caption = QLabel(tr("review.ui.summary"), summary_page)
        self.summary = QPlainTextEdit(summary_page)
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(tr("review.ui.summary").replace("&", ""))
        caption.setBuddy(self.summary)
        summary_layout.addWidget(caption)
        summary_layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        for key, slot in (
            (N_("review.ui.copy"), self.copy_summary),
            (N_("review.ui.save"), self.save_summary),
            (N_("review.ui.back"), self.back_to_queue),
        ):
            button = QPushButton(tr(key), summary_page)
            button.setAccessibleName(tr(key).replace("&", ""))
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        summary_layout.addLayout(row)
        self.stack.addWidget(summary_page)

        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    # --- the queue ---------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation, as_of = self._generation, self.ctx.as_of
        strategy_id, owner_id, board = (
            self.strategy.currentData(),
            self.owner.currentData(),
            self.board.currentData(),
        )

        def job(session: Session) -> _Loaded:
            return _Loaded(
                review_queue(
                    session=session, as_of=as_of, strategy_id=strategy_id, owner_id=owner_id, board=board
                ),
                list_strategies(session=session),
                list_owners(session=session),
                boards(session=session),
                undated_completions(session),
            )

        read(self.ctx, job, on_done=if_alive(self, lambda loaded: self._loaded(generation, loaded)))

    def _loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
            return
        _refill(self.strategy, tr("review.ui.all_strategies"), loaded.strategies)
        _refill(self.owner, tr("review.ui.all_owners"), loaded.owners)
        _refill(self.board, tr("review.ui.all_boards"), [(b, b) for b in loaded.boards])
        self.owners = loaded.owners
        self.model.set_rows(loaded.queue)
        fit_columns(self.table, 1)
        self.count.setText(tr("review.ui.count", n=number(len(loaded.queue))))
        undated = undated_sentence(loaded.undated)
        self.undated_notice.setText(undated or "")
        self.undated_notice.setVisible(undated is not None)
        self.start_button.setEnabled(bool(loaded.queue))
        if loaded.queue:
            self.table.selectRow(0)
        self.sig_loaded.emit(len(loaded.queue))

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(*CHANGED_TABLES, "owner", "strategy") and self.stack.currentIndex() == 0:
            self._reload_when_seen()

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.sig_open_recommendation.emit(self.model.row_at(index.row()).lag.id)

    # --- the meeting -------------------------------------------------------------------
    def start_meeting(self, position: int = 0) -> None:
        items = self.model.rows()
        if not items:
            return
        self.stack.setCurrentWidget(self.meeting)
        self.meeting.start(items, reviewer=self.reviewer.text().strip(), owners=self.owners)
        self.meeting.show_item(position)
        self.meeting.form.setFocus()

    def show_summary(self, review_ids: list[uuid.UUID]) -> None:
        on, reviewer, wanted = self.ctx.as_of, self.meeting.reviewer or None, set(review_ids)

        def job(session: Session) -> str:
            rows = [r for r in decisions_on(session=session, on=on) if r.review_id in wanted]
            return summary_text(rows, on=on, reviewer=reviewer)

        def done(text: str) -> None:
            self.summary.setPlainText(text)
            self.stack.setCurrentIndex(2)
            self.summary.setFocus()

        read(self.ctx, job, on_done=if_alive(self, done))

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary.toPlainText())

    def save_summary(self, path: str | Path | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                tr("review.ui.save_title"),
                f"review-{self.ctx.as_of.isoformat()}.txt",
                tr("review.ui.text_files"),
            )
        if path:
            Path(path).write_text(self.summary.toPlainText(), encoding="utf-8")

    def back_to_queue(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.table.setFocus()
