"""Queries over accountable owners: the open work they hold."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.enums import OPEN_STATUSES
from coprod.domain.models import Recommendation


def open_work() -> sa.ColumnElement[bool]:
    """Live recommendations whose status is still open."""
    return sa.and_(
        col(Recommendation.deleted_at).is_(None),
        col(Recommendation.status).in_([s.value for s in OPEN_STATUSES]),
    )


def open_recommendation_ids(*, session: Session, owner_id: uuid.UUID) -> list[uuid.UUID]:
    query = sa.select(Recommendation.id).where(open_work(), Recommendation.owner_id == owner_id)
    return list(session.execute(query).scalars())
