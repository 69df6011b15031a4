"""Owners as the Owners page and its editor show them: the list with the open work each holds,
and an editor's values."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.models import Owner, Recommendation
from coprod.persistence.dialect import words
from coprod.persistence.repositories.owners import open_work
from coprod.services.common.reading import editable_values, in_order


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
        .where(open_work())
        .group_by(Recommendation.owner_id)
        .subquery()
    )
    query = (
        sa.select(
            Owner.id,
            Owner.name,
            Owner.role,
            Owner.team,
            Owner.email,
            Owner.active,
            sa.func.coalesce(held.c.n, 0),
        )
        .outerjoin(held, held.c.owner_id == Owner.id)
        .where(col(Owner.id).in_(ids))
    )
    return in_order(session.execute(query), ids, OwnerRow)


def owner_values(*, session: Session, owner_id: uuid.UUID) -> dict[str, Any]:
    """The editable fields and the `version` read, which an edit hands back when it saves."""
    return editable_values(session, Owner, owner_id, (*EDITABLE, "version"))
