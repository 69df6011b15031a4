"""What every list page shares: a search box, a filter row, a lazy table and a count.

Subclasses add their filters and buttons, say which tables they show (`watches`) and build
the id query from the current filters (`id_query`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod.i18n import tr
from coprod.ui import settings
from coprod.ui.changes import Changes
from coprod.ui.columns import size_columns
from coprod.ui.context import AppContext
from coprod.ui.models.table import IdQuery, LazyTableModel
from coprod.ui.search import SearchDelay
from coprod.ui.views.lazy import RefreshWhenShown

MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home)


def focus_chain(layout: QLayout) -> list[QWidget]:
    """The widgets that take keyboard focus, in layout order, looking inside splitters and
    plain container widgets."""
    out: list[QWidget] = []

    def visit_widget(widget: QWidget | None) -> None:
        if widget is None:
            return
        if isinstance(widget, QSplitter):
            for n in range(widget.count()):
                visit_widget(widget.widget(n))
        elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.focusProxy():
            out.append(widget)
        else:
            visit_layout(widget.layout())

    def visit_layout(lay: QLayout | None) -> None:
        if lay is None:
            return
        for n in range(lay.count()):
            item = lay.itemAt(n)
            if item is not None:
                visit_widget(item.widget())
                visit_layout(item.layout())

    visit_layout(layout)
    return out


class ListPage(RefreshWhenShown, QWidget):
    sig_selection_changed = Signal()
    """Emitted when the selected rows change (after a reload too)."""

    page_key = "list"
    watches: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, model: LazyTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self._keep_selected: list[uuid.UUID] = []

        self.buttons = QHBoxLayout()
        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(tr("ui.search_named", page=self.title()))
        self.search_box.setPlaceholderText(tr("ui.search_hint"))
        search_label = QLabel(tr("ui.search_label"), self)
        search_label.setBuddy(self.search_box)
        self.filters = QHBoxLayout()
        self.filters.addWidget(search_label)
        self.filters.addWidget(self.search_box, 1)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(tr("ui.count_named", page=self.title()))

        self.table = QTableView(self)
        self.table.setAccessibleName(self.title())
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as keyboard users expect
        self.table.installEventFilter(self)  # Ctrl+End fetches the rows not loaded yet first

        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(self.buttons)
        self.main_layout.addLayout(self.filters)
        self.body = QVBoxLayout()
        self.body.addWidget(self.table, 1)
        self.main_layout.addLayout(self.body, 1)
        self.main_layout.addWidget(self.count_label)

        self._timer = SearchDelay(self.search_box, self.refresh)
        model.sig_loaded.connect(self._loaded)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._database_replaced)
        self._restore_columns()

    # --- for subclasses ------------------------------------------------------------------
    def title(self) -> str:
        return self.page_key

    def id_query(self) -> IdQuery:
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        return tr("ui.rows_count", count=total)

    # --- behaviour -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload with the current filters, keeping the selected rows selected if still shown."""
        self._timer.stop()
        self._stale = False
        self._keep_selected = self.selected_ids() or self._keep_selected
        self.model.load(self.id_query())

    def follow_layout_with_tab(self) -> None:
        """Make Tab visit the controls in the order they are laid out (top to bottom, left to
        right), whatever order they were created in. Call at the end of a subclass's __init__."""
        chain = focus_chain(self.main_layout)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def add_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        """A button in the top row; `text` carries its Alt+letter with "&"."""
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if event.key() == Qt.Key.Key_End and ctrl and self.model.rowCount() < self.model.total:
                extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.model.fetch_all(lambda: self._go_to_end(extend))
                return True
            if event.key() in MOVE_KEYS and self.model.rowCount() and not self.selected_rows():
                # Nothing chosen yet: the first arrow press chooses the current (or first) row,
                # which in a one-row list is the only way an arrow can choose anything.
                row = max(self.table.currentIndex().row(), 0)
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return super().eventFilter(watched, event)

    def _go_to_end(self, extend: bool) -> None:
        """Make the last row current, as Ctrl+End (or Ctrl+Shift+End) would have."""
        last = self.model.rowCount() - 1
        if last < 0:
            return
        selection = self.table.selectionModel()
        index = self.model.index(last, max(self.table.currentIndex().column(), 0))
        rows = QItemSelectionModel.SelectionFlag.Rows
        anchor = self.table.currentIndex()
        several = self.table.selectionMode() != QAbstractItemView.SelectionMode.SingleSelection
        if extend and several and anchor.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            selection.select(QItemSelection(anchor, index), QItemSelectionModel.SelectionFlag.Select | rows)
        else:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | rows)
        self.table.scrollTo(index)

    def filters_changed(self) -> None:
        self._timer.start()

    def _selection_changed(self) -> None:
        if self.model.loading:
            # A row chosen while a reload is on its way is the one to keep when it arrives,
            # not the one (or none) chosen when the reload was asked for.
            self._keep_selected = self.selected_ids()
        self.sig_selection_changed.emit()

    def _loaded(self, total: int) -> None:
        self.count_label.setText(self.count_text(total))
        self.select_ids(self._keep_selected)
        self._keep_selected = []
        self.sig_selection_changed.emit()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(*self.watches):
            self._reload_when_seen()

    def _database_replaced(self) -> None:
        self._keep_selected = []
        self.table.clearSelection()
        self._reload_when_seen()

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.table.selectionModel().selectedRows())

    def current_row(self) -> Any:
        """The plain row of the first selected line, or None."""
        rows = self.selected_rows()
        return self.model.row_at(rows[0]) if rows else None

    def selected_ids(self) -> list[uuid.UUID]:
        return [self.model.id_at(r) for r in self.selected_rows()]

    def select_ids(self, ids: Sequence[uuid.UUID]) -> None:
        selection = self.table.selectionModel()
        first = True
        for row_id in ids:
            row = self.model.row_of(row_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.Rows | (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                if first
                else QItemSelectionModel.SelectionFlag.Select
            )
            selection.select(index, flags)
            if first:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            first = False

    def _restore_columns(self) -> None:
        header = self.table.horizontalHeader()
        columns = self.model.columns
        reading = [n for n, column in enumerate(columns) if column.reads]
        size_columns(self.table, [c.width for c in columns], stretch=reading[0] if reading else None)
        state = settings.column_state(self.page_key).get()
        if not state.isEmpty():
            header.restoreState(state)

    def save_state(self, store: QSettings) -> None:
        settings.column_state(self.page_key).set(self.table.horizontalHeader().saveState(), store)
