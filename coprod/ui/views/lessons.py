"""The lessons learnt log: list, search, filter by strategy and date, open the item."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.i18n import tr
from coprod.i18n.dates import day
from coprod.services.recommendations.lessons import LessonRow, lessons_log, strategies
from coprod.ui.changes import Changes
from coprod.ui.combo import select_data
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.search import SearchDelay
from coprod.ui.views.lazy import RefreshWhenShown

LESSON_COLUMNS: list[Column[LessonRow]] = [
    Column(tr("lessons.col.recorded"), lambda r: day(r.recorded_on)),
    Column(tr("lessons.col.reference"), lambda r: r.reference or ""),
    Column(tr("lessons.col.title"), lambda r: r.title),
    Column(tr("lessons.col.strategy"), lambda r: r.strategy or ""),
    Column(tr("lessons.col.what"), lambda r: r.what_happened),
    Column(tr("lessons.col.owner"), lambda r: r.learning_owner or ""),
]


class LessonsPage(RefreshWhenShown, QWidget):
    sig_open_recommendation = Signal(object)
    """Emitted with a recommendation id when the user opens the item a lesson is about."""

    sig_loaded = Signal(int)
    """Emitted after the list was (re)loaded, with the number of lessons shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.setAccessibleName(tr("lessons.ui.page"))
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setAccessibleName(tr("lessons.ui.search").replace("&", ""))
        self.search.setPlaceholderText(tr("lessons.ui.search_hint"))
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):  # Qt's own clear button
            button.setAccessibleName(tr("lessons.ui.clear_search"))
        self.strategy = QComboBox(self)
        self.strategy.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.strategy.setAccessibleName(tr("lessons.ui.strategy").replace("&", ""))
        self.strategy.addItem(tr("review.ui.all_strategies"), None)
        self.use_dates = QCheckBox(tr("lessons.ui.use_dates"), self)
        self.use_dates.setAccessibleName(tr("lessons.ui.use_dates").replace("&", ""))
        self.since = self._date(tr("lessons.ui.since"), ctx.as_of.replace(month=1, day=1))
        self.until = self._date(tr("lessons.ui.until"), ctx.as_of)
        for caption, widget in (
            (tr("lessons.ui.search"), self.search),
            (tr("lessons.ui.strategy"), self.strategy),
        ):
            text = QLabel(caption, self)
            set_buddy(text, widget)
            filters.addWidget(text)
            filters.addWidget(widget, 1 if widget is self.search else 0)
        filters.addWidget(self.use_dates)
        for caption, edit in ((tr("lessons.ui.since"), self.since), (tr("lessons.ui.until"), self.until)):
            text = QLabel(caption, self)
            set_buddy(text, edit)
            filters.addWidget(text)
            filters.addWidget(edit)
        layout.addLayout(filters)
        self.count = QLabel(tr("review.ui.loading"), self)
        self.count.setAccessibleName(tr("lessons.ui.count_name"))
        layout.addWidget(self.count)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model: RowsModel[LessonRow] = RowsModel(LESSON_COLUMNS, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("lessons.ui.list"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(lambda _index: self.open_current())
        self.detail = QPlainTextEdit(split)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(tr("lessons.ui.detail"))
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("lessons.ui.open"), self)
        self.open_button.setAccessibleName(tr("lessons.ui.open").replace("&", ""))
        self.open_button.clicked.connect(self.open_current)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addLayout(row)

        self._timer = SearchDelay(self.search, self.refresh)
        self.strategy.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def _date(self, caption: str, value: date) -> DateField:
        edit = DateField(self, value)
        edit.setAccessibleName(caption.replace("&", ""))
        return edit

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        text, strategy_id = self.search.text(), self.strategy.currentData()
        since = self.since.understood() if self.use_dates.isChecked() else None
        until = self.until.understood() if self.use_dates.isChecked() else None

        def job(session: Session) -> tuple[list[LessonRow], list[tuple[uuid.UUID, str]]]:
            return (
                lessons_log(session=session, text=text, strategy_id=strategy_id, since=since, until=until),
                strategies(session=session),
            )

        read(self.ctx, job, on_done=if_alive(self, lambda result: self._loaded(generation, *result)))

    def _loaded(self, generation: int, rows: list[LessonRow], known: list[tuple[uuid.UUID, str]]) -> None:
        if generation != self._generation:
            return
        current = self.strategy.currentData()
        self.strategy.blockSignals(True)
        self.strategy.clear()
        self.strategy.addItem(tr("review.ui.all_strategies"), None)
        for sid, name in known:
            self.strategy.addItem(name, sid)
        select_data(self.strategy, current)
        self.strategy.blockSignals(False)
        self.model.set_rows(rows)
        fit_columns(self.table, 4)
        self.count.setText(tr("lessons.ui.count", n=number(len(rows))))
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
        else:
            self.detail.clear()
        self.sig_loaded.emit(len(rows))

    def _show_detail(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.detail.clear()
            return
        r = self.model.row_at(index.row())
        name = f"{r.reference} {r.title}" if r.reference else r.title
        self.detail.setPlainText(
            tr(
                "lessons.ui.detail_text",
                name=name,
                day=day(r.recorded_on),
                what=r.what_happened,
                why=r.why,
                differently=r.do_differently,
                owner=r.learning_owner or tr("lessons.ui.not_named"),
                by=r.recorded_by or tr("review.nobody"),
            )
        )

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.sig_open_recommendation.emit(self.model.row_at(index.row()).recommendation_id)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches("lesson", "recommendation", "strategy"):
            self._reload_when_seen()
