"""Editing a recommendation's details, and undoing or redoing any change made through services.

Undo works on a record of what one change did (`Edit`): the recommendation's fields before
and after, and the history rows it added (updates, status, target and owner changes).
Undoing puts the fields back and tombstones those rows; redoing revives them. Both go
through the ORM, so the audit log records each step. If someone changed the recommendation
in between, undo refuses rather than overwrite their work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from coprod.domain.enums import CqcStatement
from coprod.domain.errors import RuleViolation
from coprod.domain.models import (
    OwnerChange,
    Recommendation,
    RecommendationUpdate,
    StatusChange,
    TableBase,
    TargetChange,
)
from coprod.domain.types import utcnow
from coprod.services.common.versions import check_version, saving
from coprod.services.recommendations.lifecycle import check_reference, get

T = TypeVar("T")

# Fields an edit may change; bookkeeping columns are left to the audit hook.
_FIELDS = tuple(
    name
    for name in Recommendation.model_fields
    if name not in {"id", "created_at", "updated_at", "deleted_at", "version"}
)
_HISTORY: tuple[type[TableBase], ...] = (RecommendationUpdate, StatusChange, TargetChange, OwnerChange)
_BY_TABLE = {model.__tablename__: model for model in _HISTORY}


@dataclass(frozen=True)
class Edit:
    """What one change did to one recommendation, enough to undo and redo it."""

    recommendation_id: uuid.UUID
    before: dict[str, Any]
    after: dict[str, Any]
    added: tuple[tuple[str, uuid.UUID], ...]

    @property
    def tables(self) -> frozenset[str]:
        return frozenset({"recommendation", *(table for table, _ in self.added)})


def _snapshot(rec: Recommendation) -> dict[str, Any]:
    return {name: getattr(rec, name) for name in _FIELDS}


def _history_ids(session: Session, rid: uuid.UUID) -> set[tuple[str, uuid.UUID]]:
    found: set[tuple[str, uuid.UUID]] = set()
    for model in _HISTORY:
        query = select(model.id).where(
            col(model.recommendation_id) == rid,  # type: ignore[attr-defined]
            col(model.deleted_at).is_(None),
        )
        table = str(model.__tablename__)
        found |= {(table, row_id) for row_id in session.exec(query)}
    return found


def recorded(*, session: Session, recommendation_id: uuid.UUID, change: Callable[[], T]) -> tuple[T, Edit]:
    """Run `change()` (a service call on this recommendation) and record what it did."""
    rec = get(session=session, recommendation_id=recommendation_id)
    before = _snapshot(rec)
    rows_before = _history_ids(session, recommendation_id)
    result = change()
    session.flush()
    rec = get(session=session, recommendation_id=recommendation_id)
    added = tuple(sorted(_history_ids(session, recommendation_id) - rows_before, key=str))
    return result, Edit(recommendation_id, before, _snapshot(rec), added)


def _apply(
    session: Session, edit: Edit, *, expect: dict[str, Any], put: dict[str, Any], revive: bool
) -> None:
    rec = get(session=session, recommendation_id=edit.recommendation_id)
    if any(getattr(rec, name) != value for name, value in expect.items()):
        raise RuleViolation("undo.changed_since", title=rec.title)
    for name, value in put.items():
        setattr(rec, name, value)
    session.add(rec)
    stamp = None if revive else utcnow()
    for table, row_id in edit.added:
        row = session.get(_BY_TABLE[table], row_id)
        if row is not None:
            row.deleted_at = stamp
            session.add(row)


def undo(*, session: Session, edit: Edit) -> None:
    """Put the recommendation back as it was before `edit` and tombstone the rows it added."""
    _apply(session, edit, expect=edit.after, put=edit.before, revive=False)


def redo(*, session: Session, edit: Edit) -> None:
    """Make `edit` again after an undo, reviving the same history rows."""
    _apply(session, edit, expect=edit.before, put=edit.after, revive=True)


def edit_details(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    title: str,
    reference: str | None = None,
    description: str | None = None,
    strategy_id: uuid.UUID | None = None,
    success_measure: str | None = None,
    cqc_statement: CqcStatement | None = None,
    you_said: str | None = None,
    expected_version: int | None = None,
) -> None:
    """Change what a recommendation says and which strategy it serves (not its workflow).

    `expected_version`, the version the user opened, stops the save if someone saved since.
    """
    rec = get(session=session, recommendation_id=recommendation_id)
    check_version(session, rec, expected_version)
    title = " ".join((title or "").split())
    if not title:
        raise RuleViolation("rule.title_required")
    reference = (reference or "").strip() or None
    check_reference(session, reference, rec.id)
    with saving(session, rec):
        rec.title = title
        rec.reference = reference
        rec.description = (description or "").strip() or None
        rec.strategy_id = strategy_id
        rec.success_measure = (success_measure or "").strip() or None
        rec.cqc_statement = cqc_statement
        if you_said is not None:  # None leaves the summary alone; "" clears it
            rec.you_said = you_said.strip() or None
        session.add(rec)
