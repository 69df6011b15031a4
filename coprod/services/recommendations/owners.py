"""Owners leaving: deactivate one, handing the open recommendations they hold to someone else."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from coprod.domain.models import Owner, OwnerChange, Recommendation
from coprod.domain.types import utcnow
from coprod.persistence.repositories.owners import open_recommendation_ids
from coprod.services.recommendations import lifecycle as recs


@dataclass(frozen=True, slots=True)
class Deactivation:
    """What `deactivate_owner` did, so that it can be undone exactly."""

    owner_id: uuid.UUID
    moved: tuple[tuple[uuid.UUID, uuid.UUID], ...]  # (recommendation id, owner change id)


def deactivate_owner(
    *,
    session: Session,
    owner_id: uuid.UUID,
    reassign_to: uuid.UUID | None,
    on: date,
    by: str | None = None,
) -> Deactivation:
    """Mark an owner inactive; their open recommendations go to `reassign_to` (or nobody)."""
    owner = session.get(Owner, owner_id)
    if owner is None or owner.deleted_at is not None:
        raise LookupError(f"no owner {owner_id}")
    moved = []
    for rid in open_recommendation_ids(session=session, owner_id=owner_id):
        change = recs.reassign_owner(
            session=session,
            recommendation_id=rid,
            owner_id=reassign_to,
            on=on,
            by=by,
            note=f"{owner.name} left",
        )
        if change is not None:
            moved.append((rid, change))
    owner.active = False
    session.add(owner)
    return Deactivation(owner_id=owner_id, moved=tuple(moved))


def undo_deactivation(*, session: Session, done: Deactivation) -> None:
    """Reactivate the owner and give back the recommendations; the owner changes are withdrawn."""
    owner = session.get(Owner, done.owner_id)
    if owner is None:
        raise LookupError(f"no owner {done.owner_id}")
    owner.active = True
    session.add(owner)
    for rid, change_id in done.moved:
        rec = session.get(Recommendation, rid)
        change = session.get(OwnerChange, change_id)
        if rec is None or change is None:
            continue
        rec.owner_id = change.from_owner_id
        change.deleted_at = utcnow()
        session.add(rec)
        session.add(change)
