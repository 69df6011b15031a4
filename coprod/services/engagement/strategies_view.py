"""Strategies as the Strategies page and its editor show them: the list, and an editor's values."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.models import Owner, Recommendation, SessionStrategy, Strategy
from coprod.persistence.dialect import words
from coprod.services.common.reading import editable_values, in_order


@dataclass(frozen=True, slots=True)
class StrategyRow:
    id: uuid.UUID
    name: str
    board: str | None
    lead_owner: str | None
    start_on: date | None
    end_on: date | None
    active: bool
    sessions: int
    recommendations: int


EDITABLE = ("name", "description", "board", "lead_owner_id", "start_on", "end_on", "active")


def strategy_ids(*, session: Session, search: str = "", active_only: bool = False) -> list[uuid.UUID]:
    query = sa.select(Strategy.id).where(col(Strategy.deleted_at).is_(None))
    for word in words(search):
        like = f"%{word}%"
        query = query.where(sa.or_(col(Strategy.name).ilike(like), col(Strategy.board).ilike(like)))
    if active_only:
        query = query.where(col(Strategy.active).is_(True))
    return list(session.execute(query.order_by(sa.func.lower(Strategy.name))).scalars())


def strategy_rows(*, session: Session, ids: Sequence[uuid.UUID]) -> list[StrategyRow]:
    if not ids:
        return []
    sessions = (
        sa.select(SessionStrategy.strategy_id, sa.func.count().label("n"))
        .where(col(SessionStrategy.deleted_at).is_(None))
        .group_by(SessionStrategy.strategy_id)
        .subquery()
    )
    recs = (
        sa.select(Recommendation.strategy_id, sa.func.count().label("n"))
        .where(col(Recommendation.deleted_at).is_(None))
        .group_by(Recommendation.strategy_id)
        .subquery()
    )
    query = (
        sa.select(
            Strategy.id,
            Strategy.name,
            Strategy.board,
            Owner.name,
            Strategy.start_on,
            Strategy.end_on,
            Strategy.active,
            sa.func.coalesce(sessions.c.n, 0),
            sa.func.coalesce(recs.c.n, 0),
        )
        .outerjoin(Owner, Owner.id == Strategy.lead_owner_id)
        .outerjoin(sessions, sessions.c.strategy_id == Strategy.id)
        .outerjoin(recs, recs.c.strategy_id == Strategy.id)
        .where(col(Strategy.id).in_(ids))
    )
    return in_order(session.execute(query), ids, StrategyRow)


def strategy_values(*, session: Session, strategy_id: uuid.UUID) -> dict[str, Any]:
    return editable_values(session, Strategy, strategy_id, EDITABLE)
