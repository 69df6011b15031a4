"""Edits, soft deletes and restores shared by every noun, written so they can be undone.

Each function returns what is needed to reverse it (old values, or the ids it touched), so
the desktop app's undo can call the same functions the other way round.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlmodel import Session, select

from coprod.domain.models import (
    EngagementSession,
    Owner,
    SessionStrategy,
    Strategy,
    TableBase,
)
from coprod.domain.types import utcnow
from coprod.services.common.versions import check_version, saving
from coprod.services.engagement.capture import tidy_name

T = TypeVar("T", bound=TableBase)

# Fields that must hold a non-blank name: a blank one is refused, not saved.
_NAMED = {EngagementSession: "title", Strategy: "name", Owner: "name"}


def _live(session: Session, model: type[T], row_id: uuid.UUID) -> T:
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise LookupError(f"no {model.__tablename__} {row_id}")
    return row


def update_fields(
    session: Session,
    model: type[T],
    row_id: uuid.UUID,
    values: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Set `values` on a live row; returns the old values of the fields that changed.
    With `expected_version` (the version the user opened), a row saved since is refused."""
    row = _live(session, model, row_id)
    check_version(session, row, expected_version)
    named = _NAMED.get(model)
    if named and named in values:
        values = {**values, named: tidy_name(values[named])}
        if model is Strategy:
            _check_strategy_name(session, row_id, values[named])
    old: dict[str, Any] = {}
    for name, value in values.items():
        current = getattr(row, name)
        if current != value:
            old[name] = current
            setattr(row, name, value)
    if old:
        with saving(session, row):
            row.updated_at = utcnow()
            session.add(row)
    return old


def _check_strategy_name(session: Session, own_id: uuid.UUID, name: str) -> None:
    from sqlalchemy import func

    from coprod.domain.errors import RuleViolation

    taken = session.exec(
        select(Strategy.id).where(func.lower(Strategy.name) == name.lower(), Strategy.id != own_id)
    ).first()
    if taken is not None:
        raise RuleViolation("rule.name_taken", name=name)


def soft_delete(session: Session, model: type[T], row_id: uuid.UUID) -> None:
    """Tombstone a row: it disappears from lists but can be restored (and is kept for merges)."""
    row = _live(session, model, row_id)
    row.deleted_at = utcnow()
    session.add(row)


def restore(session: Session, model: type[T], row_id: uuid.UUID) -> None:
    row = session.get(model, row_id)
    if row is None:
        raise LookupError(f"no {model.__tablename__} {row_id}")
    row.deleted_at = None
    session.add(row)


def set_session_strategies(
    session: Session, session_id: uuid.UUID, strategy_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """Make a session feed exactly these strategies; returns the strategies it fed before."""
    wanted = set(strategy_ids)
    links = session.exec(select(SessionStrategy).where(SessionStrategy.session_id == session_id)).all()
    before = [link.strategy_id for link in links if link.deleted_at is None]
    seen = set()
    for link in links:
        seen.add(link.strategy_id)
        keep = link.strategy_id in wanted
        if keep and link.deleted_at is not None:
            link.deleted_at = None
            session.add(link)
        elif not keep and link.deleted_at is None:
            link.deleted_at = utcnow()
            session.add(link)
    for sid in wanted - seen:
        session.add(SessionStrategy(session_id=session_id, strategy_id=sid))
    return before
