"""Filtering and sorting recommendation rows: plain functions run on the database worker.

Rows are the lag engine's frozen `RecommendationLag` values, so the table never holds an
ORM object and the work can happen off the GUI thread on an immutable tuple.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coprod.domain.enums import Rag, Status
from coprod.domain.lag import RecommendationLag
from coprod.i18n import label, tr
from coprod.i18n.dates import day


class RecColumn:
    """The recommendations table's columns, by number."""

    REFERENCE, TITLE, STRATEGY, OWNER, STATUS, RAG, TARGET, LAG, SINCE_UPDATE = range(9)
    COUNT = 9


# Worst first, so an ascending sort on RAG puts what needs attention at the top.
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, Rag.COMPLETE: 3, Rag.CLOSED: 4}
STATUS_ORDER = {status: n for n, status in enumerate(Status)}


@dataclass(frozen=True, slots=True)
class RowFilter:
    """What the user narrowed the table to; None means "any". Flags filter only when True."""

    strategy_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    status: Status | None = None
    rag: Rag | None = None
    overdue: bool = False
    stalled: bool = False
    open_only: bool = False
    text: str = ""
    # Narrower choices a dashboard figure asks for, which have no widget of their own:
    lag_from: int | None = None  # open, at least this many days late (None: not late counts too)
    lag_to: int | None = None  # open, at most this many days late
    on_time_original: bool = False  # implemented by the target it was first given
    implemented: bool = False  # implemented, with the date it was
    no_strategy: bool = False
    ids: frozenset[uuid.UUID] | None = None  # exactly these (a past month's figure)
    note: str = ""  # those choices in words, shown above the table

    def keeps(self, row: RecommendationLag) -> bool:
        if self.strategy_id is not None and row.strategy_id != self.strategy_id:
            return False
        if self.owner_id is not None and row.owner_id != self.owner_id:
            return False
        if self.status is not None and row.status != self.status:
            return False
        if self.open_only and not row.is_open:
            return False
        if self.rag is not None and row.rag != self.rag:
            return False
        if self.overdue and not row.overdue:
            return False
        if self.stalled and not row.stalled:
            return False
        if not self._keeps_figure(row):
            return False
        return not self.text or _matches(row, self.text.casefold().split())

    def _keeps_figure(self, row: RecommendationLag) -> bool:
        if self.lag_from is not None or self.lag_to is not None:
            lag = row.lag_days or 0
            if not row.is_open:
                return False
            if self.lag_from is not None and lag < self.lag_from:
                return False
            if self.lag_to is not None and lag > self.lag_to:
                return False
        done = row.status is Status.IMPLEMENTED and row.implemented_on is not None
        if (self.implemented or self.on_time_original) and not done:
            return False
        implemented = row.implemented_on
        if self.on_time_original and implemented is not None and implemented > row.original_target:
            return False
        if self.no_strategy and row.strategy_id is not None:
            return False
        return self.ids is None or row.id in self.ids

    def figure_only(self) -> RowFilter:
        """Just the choices that have no widget (kept while the widgets change)."""
        return RowFilter(
            lag_from=self.lag_from,
            lag_to=self.lag_to,
            on_time_original=self.on_time_original,
            implemented=self.implemented,
            no_strategy=self.no_strategy,
            ids=self.ids,
            note=self.note,
        )


def _matches(row: RecommendationLag, words: list[str]) -> bool:
    haystack = " ".join(
        part for part in (row.reference, row.title, row.strategy, row.owner) if part
    ).casefold()
    return all(word in haystack for word in words)


def _nullable(value: Any) -> tuple[bool, Any]:
    """Empty values sort after every real one, whichever way the column is sorted first."""
    return (value is None, value if value is not None else 0)


def _text(value: str | None) -> tuple[bool, Any]:
    return _nullable(value.casefold() if value else None)


SORT_KEYS: dict[int, Callable[[RecommendationLag], Any]] = {
    RecColumn.REFERENCE: lambda r: _text(r.reference),
    RecColumn.TITLE: lambda r: _text(r.title),
    RecColumn.STRATEGY: lambda r: _text(r.strategy),
    RecColumn.OWNER: lambda r: _text(r.owner),
    RecColumn.STATUS: lambda r: STATUS_ORDER[r.status],
    RecColumn.RAG: lambda r: RAG_ORDER[r.rag],
    RecColumn.TARGET: lambda r: r.effective_target,
    RecColumn.LAG: lambda r: _nullable(r.lag_days),
    RecColumn.SINCE_UPDATE: lambda r: _nullable(r.days_since_update),
}


def select_rows(
    rows: Sequence[RecommendationLag], row_filter: RowFilter, column: int, descending: bool
) -> list[uuid.UUID]:
    """The ids of the rows the filter keeps, in the order asked for.

    Ties keep reference order, so the same click always gives the same table.
    """
    kept = [r for r in rows if row_filter.keeps(r)]
    kept.sort(key=SORT_KEYS[RecColumn.REFERENCE])
    key = SORT_KEYS.get(column, SORT_KEYS[RecColumn.REFERENCE])
    if descending:
        # Keep empty values last when reversing, as spreadsheets do.
        filled = [r for r in kept if not _is_empty(key(r))]
        empty = [r for r in kept if _is_empty(key(r))]
        filled.sort(key=key, reverse=True)
        kept = filled + empty
    else:
        kept.sort(key=key)
    return [r.id for r in kept]


def _is_empty(key: Any) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and key[0] is True


def target_text(row: RecommendationLag) -> str:
    """The effective target, with the original beside it when it was revised."""
    if row.no_target:
        return tr("recs.target.default", target=day(row.effective_target))
    if row.effective_target != row.original_target:
        return tr("recs.target.was", target=day(row.effective_target), original=day(row.original_target))
    return day(row.effective_target)


def rag_text(row: RecommendationLag) -> str:
    return label(row.rag)


def status_text(row: RecommendationLag) -> str:
    return label(row.status)
