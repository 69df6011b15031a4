"""The lazy table model every list uses.

The worker first fetches the ordered ids that match the filter and the first page of rows;
further pages arrive through `fetchMore` as the view scrolls. Rows are frozen dataclasses of
plain values, never live ORM objects, so nothing here touches the database on the GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from sqlmodel import Session

from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.base import KEY_ROLE, ColumnsModel, R
from coprod.ui.operations.run import read

Index = QModelIndex | QPersistentModelIndex
IdQuery = Callable[[Session], list[uuid.UUID]]
RowQuery = Callable[[Session, Sequence[uuid.UUID]], list[Any]]

PAGE = 200
CHUNK = 900  # ids per query when fetching the rest at once (well under SQLite's limit)
ID_ROLE = KEY_ROLE  # a row's id


class LazyTableModel(ColumnsModel[R]):
    sig_loaded = Signal(int)
    """Emitted after a (re)load with the total number of matching rows."""

    def __init__(self, ctx: AppContext, rows: RowQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._row_query = rows
        self._id_query: IdQuery | None = None
        self._ids: list[uuid.UUID] = []
        self._rows: list[R] = []
        self._generation = 0
        self._fetching = False
        self.loading = False

    # --- loading -----------------------------------------------------------------------
    def load(self, ids: IdQuery) -> None:
        """Replace the contents with what `ids` selects (run on the worker)."""
        self._id_query = ids
        self._generation += 1
        generation = self._generation
        rows = self._row_query
        self.loading = True

        def job(session: Session) -> tuple[list[uuid.UUID], list[R]]:
            found = ids(session)
            return found, rows(session, found[:PAGE])

        def done(result: tuple[list[uuid.UUID], list[R]]) -> None:
            if generation != self._generation:
                return  # a newer filter was asked for meanwhile
            self.beginResetModel()
            self._ids, self._rows = result
            self._fetching = False
            self.loading = False
            self.endResetModel()
            self.sig_loaded.emit(len(self._ids))

        read(self.ctx, job, on_done=if_alive(self, done), on_error=self._failed)

    def reload(self) -> None:
        if self._id_query is not None:
            self.load(self._id_query)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._fetching = False
        self.ctx.bus.sig_failed.emit(exc)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < len(self._ids)

    def fetch_all(self, then: Callable[[], None]) -> None:
        """Fetch every row not loaded yet in one go (Ctrl+End), then call `then`."""
        if len(self._rows) >= len(self._ids):
            then()
            return
        self._fetching = True
        generation = self._generation
        start = len(self._rows)
        wanted = self._ids[start:]
        rows = self._row_query

        def job(session: Session) -> list[R]:
            out: list[R] = []
            for n in range(0, len(wanted), CHUNK):
                out.extend(rows(session, wanted[n : n + CHUNK]))
            return out

        def done(more: list[R]) -> None:
            if generation != self._generation:
                return
            # A page asked for before this one has arrived meanwhile (the worker keeps order).
            more = more[len(self._rows) - start :]
            self._fetching = False
            if more:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()
            then()

        read(self.ctx, job, on_done=if_alive(self, done), on_error=self._failed)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        start = len(self._rows)
        wanted = self._ids[start : start + PAGE]
        rows = self._row_query

        def done(more: list[R]) -> None:
            if generation != self._generation or len(self._rows) != start:
                return  # reloaded, or everything was fetched at once meanwhile
            self._fetching = False
            if more:
                self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()

        read(
            self.ctx,
            lambda session: rows(session, wanted),
            on_done=if_alive(self, done),
            on_error=self._failed,
        )

    # --- reading -----------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many rows match the filter (more than `rowCount` until all are fetched)."""
        return len(self._ids)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def id_at(self, row: int) -> uuid.UUID:
        return self._ids[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        """The row showing `row_id`, or -1 if it is not (yet) loaded."""
        for n, item in enumerate(self._ids[: len(self._rows)]):
            if item == row_id:
                return n
        return -1

    # --- Qt model API ------------------------------------------------------------------
    def _count(self) -> int:
        return len(self._rows)

    def _key(self, row: int) -> uuid.UUID:
        return self._ids[row]
