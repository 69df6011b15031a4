"""The Recommendations page: a filterable table filled from the lag engine, a detail pane
with what residents said and the timeline, and the actions that move a recommendation on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.domain.enums import Rag, Status
from coprod.i18n import N_, describe, ntr, tr
from coprod.services.common.choices import Choice, owner_choices, strategy_choices
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.detail import RecommendationDetail, recommendation_detail
from coprod.ui import settings
from coprod.ui.changes import Changes
from coprod.ui.columns import size_columns
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import RecommendationDialog
from coprod.ui.dialogs.recommendation_details import EditDetailsDialog
from coprod.ui.dialogs.recommendation_from_feedback import RecommendationFromFeedbackDialog
from coprod.ui.dialogs.recommendation_owner import ReassignOwnerDialog
from coprod.ui.dialogs.recommendation_status import ChangeStatusDialog
from coprod.ui.dialogs.recommendation_target import ReviseTargetDialog
from coprod.ui.dialogs.recommendation_update import AddUpdateDialog
from coprod.ui.flow import FlowLayout
from coprod.ui.guard import if_alive
from coprod.ui.models.recommendation_rows import RecColumn, RowFilter
from coprod.ui.models.recommendations import RecommendationsModel
from coprod.ui.numbers import number
from coprod.ui.operations.recommendation import push_edit
from coprod.ui.operations.run import read
from coprod.ui.search import SearchDelay
from coprod.ui.views.lazy import RefreshWhenShown
from coprod.ui.views.recommendation_detail import detail_html
from coprod.ui.views.recommendation_filters import FilterBar

_ACTION_TEXT = {
    "update": N_("recs.action.update"),
    "status": N_("recs.action.status"),
    "target": N_("recs.action.target"),
    "owner": N_("recs.action.owner"),
    "details": N_("recs.action.details"),
}

# Tables whose change can alter a row or its lag. Feedback alone only alters the detail pane,
# so typing feedback elsewhere does not recompute 10,000 lags on the one database worker.
WATCHED = (
    "recommendation",
    "recommendation_update",
    "status_change",
    "target_change",
    "owner_change",
    "review",
    "recommendation_feedback",
    "owner",
    "strategy",
    "setting",
)


def _undated(d: RecommendationDetail) -> bool:
    return d.status is Status.IMPLEMENTED and d.implemented_on is None


class RecommendationsPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(tr("recs.page"))
        self.detail: RecommendationDetail | None = None
        self.current_dialog: RecommendationDialog | None = None
        self._owners: list[Choice] = []
        self._strategies: list[Choice] = []
        self._wanted_id: uuid.UUID | None = None
        self._detail_generation = 0

        self.model = RecommendationsModel(ctx, self)
        self.filters = FilterBar(self)
        self.search_box: QLineEdit = self.filters.search_box
        self.table = QTableView(self)
        self.table.setAccessibleName(tr("recs.table"))
        self.table.setModel(self.model)
        # Indicator first: enabling sorting sorts by it at once, and the model already is.
        self.table.horizontalHeader().setSortIndicator(RecColumn.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self._size_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(tr("recs.count_name"))
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setAccessibleName(tr("recs.dialog.problem"))
        self.problem_label.setVisible(False)

        self.detail_view = QTextBrowser(self)
        self.detail_view.setAccessibleName(tr("recs.detail.name"))
        self.detail_view.setOpenLinks(False)
        self.detail_view.setPlaceholderText(tr("recs.detail.empty"))

        self.row_actions: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        button_row = FlowLayout()  # wraps in a narrow window rather than widen it
        self.new_button = QPushButton(tr("recs.new"), self)
        self.new_button.setAccessibleName(tr("recs.new").replace("&", "").rstrip("…"))
        self.new_button.clicked.connect(lambda _checked=False: self.new_recommendation())
        button_row.addWidget(self.new_button)
        for key, shortcut, slot in (
            ("update", "Ctrl+U", self.add_update),
            ("status", "Ctrl+Shift+S", self.change_status),
            ("target", "Ctrl+Shift+T", self.revise_target),
            ("owner", "Ctrl+Shift+O", self.reassign_owner),
            ("details", "Ctrl+E", self.edit_details),
        ):
            self._add_action(key, shortcut, slot, button_row)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(button_row)
        right_layout.addWidget(self.detail_view, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([650, 350])  # the table first; the details pane can be closed
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.splitter, 1)
        # Tab follows the layout: filters, table, the action buttons, then the details.
        previous: QWidget = self.table
        for button in (self.new_button, *self.buttons.values()):
            self.setTabOrder(previous, button)
            previous = button
        self.setTabOrder(previous, self.detail_view)
        self.setTabOrder(self.search_box, self.filters.strategy)

        self._search_timer = SearchDelay(self.search_box, self._apply_filter)
        self.filters.sig_filter_changed.connect(self._apply_filter)
        self.model.sig_loaded.connect(self._rows_loaded)
        self.model.sig_failed.connect(self._show_problem)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._database_replaced)
        self._enable_actions()

    # -- building --------------------------------------------------------------------------
    def _add_action(self, key: str, shortcut: str, slot: Callable[[], None], row: QLayout) -> None:
        action = QAction(tr(_ACTION_TEXT[key]), self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.row_actions[key] = action
        button = QPushButton(action.text(), self)
        button.setAccessibleName(action.text().replace("&", ""))
        button.setToolTip(f"{action.text().replace('&', '')} ({QKeySequence(shortcut).toString()})")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        row.addWidget(button)
        self.buttons[key] = button

    def _size_columns(self) -> None:
        # The lag and what people read first, so a narrow window hides the least needed.
        c = RecColumn
        widths = {
            c.REFERENCE: 9,
            c.TITLE: 34,
            c.STRATEGY: 16,
            c.OWNER: 16,
            c.STATUS: 12,
            c.RAG: 11,
            c.TARGET: 20,
            c.LAG: 5,
            c.SINCE_UPDATE: 5,
        }
        order = (c.REFERENCE, c.TITLE, c.LAG, c.SINCE_UPDATE, c.TARGET, c.RAG, c.STATUS, c.OWNER, c.STRATEGY)
        size_columns(self.table, [widths[n] for n in range(c.COUNT)], stretch=c.TITLE, order=order)
        state = settings.column_state("recommendations").get()
        if not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    def save_state(self, store: QSettings) -> None:
        """Called by the main window on closing: the column widths come back next time."""
        settings.column_state("recommendations").set(self.table.horizontalHeader().saveState(), store)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Reload rows, lag and the choice lists; keep the current recommendation selected."""
        self._stale = False
        self._wanted_id = self.current_id() or self._wanted_id
        self.model.reload()

        def choices(session: Session) -> tuple[list[Choice], list[Choice]]:
            return (
                strategy_choices(session, include_inactive=True),
                owner_choices(session, include_inactive=True),
            )

        read(self.ctx, choices, on_done=self._choices_loaded, on_error=self._show_problem)

    def _choices_loaded(self, lists: tuple[list[Choice], list[Choice]]) -> None:
        self._strategies, self._owners = lists
        self.filters.set_choices(self._strategies, self._owners)

    def _rows_loaded(self) -> None:
        model = self.model
        self.count_label.setText(ntr("recs.count", model.total, shown=number(model.matching)))
        wanted = self._wanted_id
        row = model.row_of(wanted) if wanted is not None else -1
        if row < 0 and model.rowCount() > 0 and wanted is None:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(model.index(row, 0))
        else:
            self._show_detail(None)
        self._load_detail()

    def refresh(self) -> None:
        self.reload()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches("feedback") and not changes.touches(*WATCHED):
            if self.isVisible():
                self._load_detail()
            return
        if not changes.touches(*WATCHED):
            return
        if not self.isVisible():
            self._stale = True
            return
        if initiator is self and self.detail is not None:
            # Our own dialog changed one recommendation: recompute just that row.
            self._wanted_id = self.detail.id
            self.model.refresh_rows([self.detail.id])
        else:
            self.reload()

    def _database_replaced(self) -> None:
        self._wanted_id = None
        self.detail = None
        self._reload_when_seen()

    def current_id(self) -> uuid.UUID | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rid = self.model.id_at(current.row()) if current.isValid() else None
        if rid is not None:
            self._wanted_id = rid
        self._load_detail()

    def _load_detail(self) -> None:
        rid = self.current_id()
        self._detail_generation += 1
        generation = self._detail_generation
        if rid is None:
            self._show_detail(None)
            return

        def done(detail: RecommendationDetail | None) -> None:
            if generation == self._detail_generation:
                self._show_detail(detail)

        read(
            self.ctx,
            lambda session: recommendation_detail(session=session, recommendation_id=rid),
            on_done=if_alive(self, done),
            on_error=self._show_problem,
        )

    def _show_detail(self, detail: RecommendationDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.detail_view.clear()
        else:
            self.detail_view.setHtml(detail_html(detail, self.model.lag_for(detail.id)))
        self._enable_actions()

    def _enable_actions(self) -> None:
        d = self.detail
        for key, action in self.row_actions.items():
            action.setEnabled(
                d is not None
                and (key in ("owner", "details") or d.status.is_open or key == "status" and _undated(d))
            )

    # -- filtering -------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.filters.row_filter())

    def show_filtered(self, **filters: Any) -> None:
        """Show only what the dashboard asked for (RowFilter fields); the search and other
        filters are cleared."""
        if filters.get("status") is not None:
            filters["status"] = Status(filters["status"])  # a status code arrives as text too
        if filters.get("rag") is not None:
            filters["rag"] = Rag(filters["rag"])
        self.filters.set_filter(RowFilter(**filters))
        self._apply_filter()

    def open_recommendation(self, recommendation_id: uuid.UUID) -> None:
        """Select one recommendation (from the review queue or the lessons log), clearing filters."""
        self._wanted_id = recommendation_id
        self.filters.set_filter(RowFilter())
        self._apply_filter()

    # -- actions ---------------------------------------------------------------------------
    def _context_menu(self, pos: Any) -> None:
        # A right click has already made its row current; the menu key keeps the current row.
        menu = QMenu(self)
        menu.setAccessibleName(tr("recs.menu"))
        for action in self.row_actions.values():
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _open(self, dialog: RecommendationDialog, undo_text: str) -> None:
        self.current_dialog = dialog

        def finished(result: int) -> None:
            self.current_dialog = None
            if result and dialog.edit is not None:
                push_edit(
                    self.ctx,
                    dialog.edit,
                    undo_text,
                    initiator=self,
                    report=if_alive(self, self._show_problem),
                )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _title(self) -> str:
        d = self.detail
        return (d.reference or d.title) if d else ""

    def new_recommendation(self) -> None:
        """Open the form for a recommendation made here rather than from feedback; once saved
        it is selected in the list."""

        def opened(start: recs.NewRecommendationForm) -> None:
            dialog = RecommendationFromFeedbackDialog(
                self.ctx,
                feedback=[],
                strategies=start.strategies,
                owners=start.owners,
                rules=start.rules,
                reference=start.reference,
                parent=self,
            )
            dialog.sig_saved.connect(self.open_recommendation)
            dialog.open()
            self.new_dialog = dialog

        read(self.ctx, lambda s: recs.new_recommendation_form(session=s), on_done=if_alive(self, opened))

    def add_update(self) -> None:
        if self.detail and self.detail.status.is_open:
            self._open(
                AddUpdateDialog(self.ctx, self.detail, self), tr("recs.undo.update", rec=self._title())
            )

    def change_status(self) -> None:
        # An implemented one whose tracker never recorded the date opens to add that date.
        if self.detail and (self.detail.status.is_open or _undated(self.detail)):
            self._open(
                ChangeStatusDialog(self.ctx, self.detail, self), tr("recs.undo.status", rec=self._title())
            )

    def revise_target(self) -> None:
        if self.detail and self.detail.status.is_open:
            self._open(
                ReviseTargetDialog(self.ctx, self.detail, self), tr("recs.undo.target", rec=self._title())
            )

    def reassign_owner(self) -> None:
        if self.detail:
            self._open(
                ReassignOwnerDialog(self.ctx, self.detail, self._owners, self),
                tr("recs.undo.owner", rec=self._title()),
            )

    def edit_details(self) -> None:
        if self.detail:
            self._open(
                EditDetailsDialog(self.ctx, self.detail, self._strategies, self),
                tr("recs.undo.details", rec=self._title()),
            )

    def _show_problem(self, problem: object) -> None:
        message = describe(problem) if isinstance(problem, BaseException) else str(problem or "")
        self.problem_label.setText(message)
        self.problem_label.setVisible(bool(message))
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.problem_label, message))
