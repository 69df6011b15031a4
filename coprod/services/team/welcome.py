"""Whether a database is still empty, so a new user is shown the first steps."""

from __future__ import annotations

from sqlalchemy import exists
from sqlmodel import Session, col, select

from coprod.domain.models import EngagementSession, Feedback, Owner, Recommendation, Strategy


def is_empty(*, session: Session) -> bool:
    """True when nothing has been set up or recorded yet (deleted records do not count)."""
    for table in (Strategy, Owner, EngagementSession, Feedback, Recommendation):
        alive = exists().where(col(table.deleted_at).is_(None))
        if session.exec(select(alive)).one():
            return False
    return True
