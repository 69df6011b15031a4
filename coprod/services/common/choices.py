"""Something to pick from a list (an owner, a strategy), in the order users expect.

Pick lists are sorted by name, ignoring case; when inactive ones are asked for too (to show
a recommendation's current owner, or to filter by a strategy that has ended) they come last.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.models import Owner, Strategy


@dataclass(frozen=True, slots=True)
class Choice:
    """Something to pick from a list: an owner or a strategy."""

    id: uuid.UUID
    name: str
    active: bool = True


def _choices(session: Session, model: type[Owner] | type[Strategy], include_inactive: bool) -> list[Choice]:
    active, name = col(model.active), col(model.name)
    query = sa.select(col(model.id), name, active).where(col(model.deleted_at).is_(None))
    if not include_inactive:
        query = query.where(active.is_(True))
    query = query.order_by(active.desc(), sa.func.lower(name), name)
    return [Choice(id=i, name=n, active=bool(a)) for i, n, a in session.execute(query)]


def owner_choices(session: Session, *, include_inactive: bool = False) -> list[Choice]:
    """Live owners by name (active ones only unless `include_inactive`, then inactive last)."""
    return _choices(session, Owner, include_inactive)


def strategy_choices(session: Session, *, include_inactive: bool = False) -> list[Choice]:
    """Live strategies by name (active ones only unless `include_inactive`, then inactive last)."""
    return _choices(session, Strategy, include_inactive)
