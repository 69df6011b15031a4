"""Engagement sessions as the Sessions page, pick lists and the editor show them: ordered ids for a
filter, then plain rows for a page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from coprod.domain.enums import LadderLevel, SessionFormat
from coprod.domain.models import EngagementSession, Feedback, SessionStrategy
from coprod.persistence.dialect import words
from coprod.services.common.reading import editable_values, in_order

ES = EngagementSession


class LoopFilter(StrEnum):
    ANY = "any"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: uuid.UUID
    held_on: date
    title: str
    format: SessionFormat
    participant_count: int
    feedback_count: int
    feedback_returned_on: date | None
    ladder_level: LadderLevel

    @property
    def loop_closed(self) -> bool:
        return self.feedback_returned_on is not None


@dataclass(frozen=True, slots=True)
class SessionChoice:
    """Enough to name a session in a pick list."""

    id: uuid.UUID
    held_on: date
    title: str


def session_ids(
    *,
    session: Session,
    search: str = "",
    loop: LoopFilter = LoopFilter.ANY,
    held_from: date | None = None,
    held_to: date | None = None,
) -> list[uuid.UUID]:
    """Live sessions matching the filters, newest first."""
    query = select(ES.id).where(col(ES.deleted_at).is_(None))
    for word in words(search):
        like = f"%{word}%"
        query = query.where(
            sa.or_(col(ES.title).ilike(like), col(ES.venue).ilike(like), col(ES.facilitator).ilike(like))
        )
    if loop is LoopFilter.OPEN:
        query = query.where(col(ES.feedback_returned_on).is_(None))
    elif loop is LoopFilter.CLOSED:
        query = query.where(col(ES.feedback_returned_on).is_not(None))
    if held_from is not None:
        query = query.where(ES.held_on >= held_from)
    if held_to is not None:
        query = query.where(ES.held_on <= held_to)
    query = query.order_by(col(ES.held_on).desc(), ES.title)
    return list(session.exec(query))


def session_rows(*, session: Session, ids: Sequence[uuid.UUID]) -> list[SessionRow]:
    """Rows for `ids`, in the same order (missing ids are skipped)."""
    if not ids:
        return []
    counts = (
        sa.select(Feedback.session_id, sa.func.count().label("n"))
        .where(col(Feedback.session_id).in_(ids), col(Feedback.deleted_at).is_(None))
        .group_by(Feedback.session_id)
        .subquery()
    )
    query = (
        sa.select(
            ES.id,
            ES.held_on,
            ES.title,
            ES.format,
            ES.participant_count,
            sa.func.coalesce(counts.c.n, 0),
            ES.feedback_returned_on,
            ES.ladder_level,
        )
        .outerjoin(counts, counts.c.session_id == ES.id)
        .where(col(ES.id).in_(ids))
    )
    return in_order(session.execute(query), ids, SessionRow)


def session_choices(*, session: Session) -> list[SessionChoice]:
    query = (
        sa.select(ES.id, ES.held_on, ES.title)
        .where(col(ES.deleted_at).is_(None))
        .order_by(col(ES.held_on).desc(), ES.title)
    )
    return [SessionChoice(*r) for r in session.execute(query)]


# The editable columns of a session, in the order the editor shows them.
EDITABLE = (
    "title",
    "held_on",
    "format",
    "venue",
    "facilitator",
    "participant_count",
    "ladder_level",
    "groups_targeted",
    "groups_reached",
    "adjustments",
    "payments_pence",
    "expenses_pence",
    "notes",
    "feedback_returned_on",
)


def session_values(*, session: Session, session_id: uuid.UUID) -> dict[str, Any]:
    """Every editable field of a session plus `strategy_ids`, as plain values, and the
    `version` read, which an edit hands back when it saves."""
    values = editable_values(session, ES, session_id, (*EDITABLE, "version"))
    values["strategy_ids"] = strategy_ids(session=session, session_id=session_id)
    return values


def strategy_ids(*, session: Session, session_id: uuid.UUID) -> list[uuid.UUID]:
    query = select(SessionStrategy.strategy_id).where(
        SessionStrategy.session_id == session_id,
        col(SessionStrategy.deleted_at).is_(None),
    )
    return list(session.exec(query))


def feedback_count(*, session: Session, session_id: uuid.UUID) -> int:
    query = (
        select(sa.func.count())
        .select_from(Feedback)
        .where(Feedback.session_id == session_id, col(Feedback.deleted_at).is_(None))
    )
    return int(session.exec(query).one())
