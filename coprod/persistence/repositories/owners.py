"""Queries over accountable owners: the list, pick lists and open work they hold."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.enums import OPEN_STATUSES
from coprod.domain.models import Owner, Recommendation
from coprod.persistence.dialect import words
from coprod.persistence.repositories.strategies import Choice


@dataclass(frozen=True, slots=True)
class OwnerRow:
    id: uuid.UUID
    name: str
    role: str | None
    team: str | None
    email: str | None
    active: bool
    open_recommendations: int


EDITABLE = ("name", "role", "team", "email", "escalation_contact_id", "active")


def _open() -> sa.ColumnElement[bool]:
    return sa.and_(
        col(Recommendation.deleted_at).is_(None),
        col(Recommendation.status).in_([s.value for s in OPEN_STATUSES]),
    )


def owner_ids(*, session: Session, search: str = "", active_only: bool = False) -> list[uuid.UUID]:
    query = sa.select(Owner.id).where(col(Owner.deleted_at).is_(None))
    for word in words(search):
        like = f"%{word}%"
        query = query.where(
            sa.or_(col(Owner.name).ilike(like), col(Owner.role).ilike(like), col(Owner.team).ilike(like))
        )
    if active_only:
        query = query.where(col(Owner.active).is_(True))
    return list(session.execute(query.order_by(sa.func.lower(Owner.name))).scalars())


def owner_rows(*, session: Session, ids: Sequence[uuid.UUID]) -> list[OwnerRow]:
    if not ids:
        return []
    held = (
        sa.select(Recommendation.owner_id, sa.func.count().label("n"))
        .where(_open())
        .group_by(Recommendation.owner_id)
        .subquery()
    )
    query = (
        sa.select(
            Owner.id, Owner.name, Owner.role, Owner.team, Owner.email, Owner.active,
            sa.func.coalesce(held.c.n, 0),
        )
        .outerjoin(held, held.c.owner_id == Owner.id)
        .where(col(Owner.id).in_(ids))
    )
    found = {r[0]: OwnerRow(*r) for r in session.execute(query)}
    return [found[i] for i in ids if i in found]


def owner_choices(*, session: Session, active_only: bool = True) -> list[Choice]:
    ids = owner_ids(session=session, active_only=active_only)
    query = sa.select(Owner.id, Owner.name).where(col(Owner.id).in_(ids))
    names = {row[0]: row[1] for row in session.execute(query)}
    return [Choice(i, names[i]) for i in ids]


def owner_values(*, session: Session, owner_id: uuid.UUID) -> dict[str, Any]:
    row = session.get(Owner, owner_id)
    if row is None or row.deleted_at is not None:
        raise LookupError(f"no owner {owner_id}")
    return {name: getattr(row, name) for name in EDITABLE}


def open_recommendation_ids(*, session: Session, owner_id: uuid.UUID) -> list[uuid.UUID]:
    query = sa.select(Recommendation.id).where(_open(), Recommendation.owner_id == owner_id)
    return list(session.execute(query).scalars())
