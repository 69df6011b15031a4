"""The recommendations table: ids plus a cache of plain lag rows, shown a batch at a time.

Loading, filtering and sorting run on the database worker (`ctx.runner`); the GUI thread
only swaps in the finished list of ids. Rows appear in batches through `fetchMore`, so a
10,000-row table costs the view no more than the rows it has scrolled to.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap, QPolygonF
from sqlmodel import Session

from coprod.domain.enums import Rag
from coprod.domain.lag import RecommendationLag
from coprod.i18n import N_, describe, tr
from coprod.services.figures.lag import recommendation_lags
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.base import ALIGN_RIGHT, ALIGNMENT, DISPLAY, HEADER_ROLES, SPOKEN, TEXT_ROLES, TOOLTIP
from coprod.ui.models.recommendation_rows import (
    RecColumn,
    RowFilter,
    rag_text,
    select_rows,
    status_text,
    target_text,
)
from coprod.ui.operations.run import read

BATCH = 200
_HEADERS = (
    N_("recs.col.reference"),
    N_("recs.col.title"),
    N_("recs.col.strategy"),
    N_("recs.col.owner"),
    N_("recs.col.status"),
    N_("recs.col.rag"),
    N_("recs.col.target"),
    N_("recs.col.lag"),
    N_("recs.col.since_update"),
)
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the table's invisible root; never changed
ID_ROLE = int(Qt.ItemDataRole.UserRole)  # a row's id, as text
DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ANSWERED = frozenset({DISPLAY, TOOLTIP, SPOKEN, DECORATION, ALIGNMENT, ID_ROLE})  # see models/base.py
_FIGURES = frozenset({RecColumn.LAG, RecColumn.SINCE_UPDATE})  # numbers, set to the right


def _rag_icon(rag: Rag) -> QIcon:
    """A shape as well as a colour, so the icon still says something without colour."""
    size = 16
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = {
        Rag.RED: "#c0392b",
        Rag.AMBER: "#d68910",
        Rag.GREEN: "#1e8449",
        Rag.COMPLETE: "#1f618d",
        Rag.CLOSED: "#707b7c",
    }[rag]
    p.setBrush(QColor(colour))
    p.setPen(QColor("#202020"))
    if rag == Rag.RED:  # octagon-like stop sign: a diamond
        p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 8), QPointF(8, 15), QPointF(1, 8)]))
    elif rag == Rag.AMBER:  # warning triangle
        p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 14), QPointF(1, 14)]))
    elif rag == Rag.GREEN:  # circle
        p.drawEllipse(2, 2, 12, 12)
    else:  # square, with a tick for complete
        p.drawRect(2, 2, 12, 12)
        if rag == Rag.COMPLETE:
            path = QPainterPath(QPointF(4.5, 8))
            path.lineTo(7, 11)
            path.lineTo(12, 4.5)
            p.setPen(QColor("white"))
            p.drawPath(path)
    p.end()
    return QIcon(pix)


class RecommendationsModel(QAbstractTableModel):
    sig_loaded = Signal()
    """Emitted on the GUI thread after a new set of rows (reload, filter or sort) is shown."""

    sig_failed = Signal(str)
    """Emitted with a plain sentence when loading the rows failed."""

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: dict[uuid.UUID, RecommendationLag] = {}
        self._all: tuple[RecommendationLag, ...] = ()
        self._ids: list[uuid.UUID] = []
        self._shown = 0
        self._filter = RowFilter()
        self._sort = (RecColumn.REFERENCE, False)
        self._generation = 0
        self._full_pending = False
        self._icons: dict[Rag, QIcon] = {}

    # -- loading (worker) -------------------------------------------------------------
    def reload(self) -> None:
        """Recompute every row's lag from the database, then filter and sort."""
        self._full_pending = True
        as_of, row_filter, (column, desc) = self.ctx.as_of, self._filter, self._sort
        self._generation += 1
        generation = self._generation

        def job(session: Session) -> tuple[tuple[RecommendationLag, ...], list[uuid.UUID]]:
            rows = tuple(recommendation_lags(session=session, as_of=as_of))
            return rows, select_rows(rows, row_filter, column, desc)

        read(
            self.ctx,
            job,
            on_done=if_alive(self, lambda out: self._apply(generation, *out)),
            on_error=self._failed,
        )

    def refresh_rows(self, ids: list[uuid.UUID]) -> None:
        """Recompute only `ids` (after this page changed them), keeping every other row."""
        if self._full_pending:  # a full reload is on its way and would be thrown away
            self.reload()
            return
        as_of, row_filter, (column, desc) = self.ctx.as_of, self._filter, self._sort
        current = self._all
        self._generation += 1
        generation = self._generation

        def job(session: Session) -> tuple[tuple[RecommendationLag, ...], list[uuid.UUID]]:
            fresh = {r.id: r for r in recommendation_lags(session=session, as_of=as_of, ids=ids)}
            gone = set(ids) - set(fresh)
            rows = tuple(fresh.get(r.id, r) for r in current if r.id not in gone)
            return rows, select_rows(rows, row_filter, column, desc)

        read(
            self.ctx,
            job,
            on_done=if_alive(self, lambda out: self._apply(generation, *out)),
            on_error=self._failed,
        )

    def _reselect(self) -> None:
        if self._full_pending:  # the rows on their way would be thrown away: filter those instead
            self.reload()
            return
        rows, row_filter, (column, desc) = self._all, self._filter, self._sort
        self._generation += 1
        generation = self._generation
        self.ctx.runner.run(
            lambda: select_rows(rows, row_filter, column, desc),
            on_done=if_alive(self, lambda ids: self._apply(generation, rows, ids)),
            on_error=if_alive(self, self._failed),
        )

    def _apply(self, generation: int, rows: tuple[RecommendationLag, ...], ids: list[uuid.UUID]) -> None:
        if generation != self._generation:
            return  # a newer request is on its way; this answer is stale
        self._full_pending = False
        self.beginResetModel()
        if rows is not self._all:
            self._all = rows
            self._rows = {r.id: r for r in rows}
        self._ids = ids
        self._shown = min(BATCH, len(ids))
        self.endResetModel()
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._full_pending = False
        self.sig_failed.emit(describe(exc))

    # -- what the page asks for -----------------------------------------------------------
    def set_filter(self, row_filter: RowFilter) -> None:
        if row_filter != self._filter:
            self._filter = row_filter
            self._reselect()

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def matching(self) -> int:
        return len(self._ids)

    def lag_for(self, rid: uuid.UUID) -> RecommendationLag | None:
        return self._rows.get(rid)

    def id_at(self, row: int) -> uuid.UUID | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, rid: uuid.UUID) -> int:
        """The row showing `rid`, fetching more batches if needed; -1 if filtered out."""
        try:
            position = self._ids.index(rid)
        except ValueError:
            return -1
        while position >= self._shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        return position

    # -- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else RecColumn.COUNT

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(BATCH, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (column, order == Qt.SortOrder.DescendingOrder)
        if 0 <= column < RecColumn.COUNT and wanted != self._sort:
            self._sort = wanted
            self._reselect()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role in HEADER_ROLES and 0 <= section < RecColumn.COUNT:
                return tr(_HEADERS[section])
        elif role == DISPLAY:
            return section + 1
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < self._shown or not index.isValid():
            return None
        row = self._rows.get(self._ids[number])
        if row is None:
            return None
        column = index.column()
        if role in TEXT_ROLES:
            return self._text(row, column)
        if role == SPOKEN:
            text = self._text(row, column)
            return tr(_HEADERS[column]) + ": " + (text or tr("recs.none"))
        if role == DECORATION:
            if column != RecColumn.RAG:
                return None
            if row.rag not in self._icons:
                self._icons[row.rag] = _rag_icon(row.rag)
            return self._icons[row.rag]
        if role == ALIGNMENT:
            return ALIGN_RIGHT if column in _FIGURES else None
        return str(row.id)  # ID_ROLE

    @staticmethod
    def _text(row: RecommendationLag, column: int) -> str:
        if column == RecColumn.REFERENCE:
            return row.reference or ""
        if column == RecColumn.TITLE:
            return row.title
        if column == RecColumn.STRATEGY:
            return row.strategy or ""
        if column == RecColumn.OWNER:
            return row.owner or ""
        if column == RecColumn.STATUS:
            return status_text(row)
        if column == RecColumn.RAG:
            return rag_text(row)
        if column == RecColumn.TARGET:
            return target_text(row)
        if column == RecColumn.LAG:
            return "" if row.lag_days is None else str(row.lag_days)
        if column == RecColumn.SINCE_UPDATE:
            return "" if row.days_since_update is None else str(row.days_since_update)
        return ""
