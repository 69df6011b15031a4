"""The lessons learnt log: what went wrong when recommendations faltered, searchable later."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, select

from coprod.domain.models import Lesson, Owner, Recommendation, Strategy


@dataclass(frozen=True, slots=True)
class LessonRow:
    id: uuid.UUID
    recommendation_id: uuid.UUID
    reference: str | None
    title: str
    strategy_id: uuid.UUID | None
    strategy: str | None
    recorded_on: date
    what_happened: str
    why: str
    do_differently: str
    learning_owner: str | None
    recorded_by: str | None


def lessons_log(
    *,
    session: Session,
    text: str | None = None,
    strategy_id: uuid.UUID | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[LessonRow]:
    """Lessons newest first; `text` matches any of the lesson's words or the item's title or
    reference, ignoring case; `since`/`until` are inclusive."""
    owner = Owner.__table__.alias("learning_owner")  # type: ignore[attr-defined]
    query = (
        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most four columns
            Lesson,
            Recommendation.reference,
            Recommendation.title,
            Recommendation.strategy_id,
            Strategy.name,
            owner.c.name,
        )
        .join(Recommendation, col(Recommendation.id) == Lesson.recommendation_id)
        .outerjoin(Strategy, col(Strategy.id) == Recommendation.strategy_id)
        .outerjoin(owner, owner.c.id == Lesson.learning_owner_id)
        .where(col(Lesson.deleted_at).is_(None), col(Recommendation.deleted_at).is_(None))
        .order_by(col(Lesson.recorded_on).desc(), col(Lesson.created_at).desc())
    )
    words = (text or "").split()
    for word in words:
        query = query.where(
            or_(
                *(
                    col(c).icontains(word, autoescape=True)
                    for c in (
                        Lesson.what_happened,
                        Lesson.why,
                        Lesson.do_differently,
                        Recommendation.title,
                        Recommendation.reference,
                    )
                )
            )
        )
    if strategy_id is not None:
        query = query.where(Recommendation.strategy_id == strategy_id)
    if since is not None:
        query = query.where(Lesson.recorded_on >= since)
    if until is not None:
        query = query.where(Lesson.recorded_on <= until)
    return [
        LessonRow(
            id=lesson.id,
            recommendation_id=lesson.recommendation_id,
            reference=ref,
            title=title,
            strategy_id=sid,
            strategy=sname,
            recorded_on=lesson.recorded_on,
            what_happened=lesson.what_happened,
            why=lesson.why,
            do_differently=lesson.do_differently,
            learning_owner=oname,
            recorded_by=lesson.recorded_by,
        )
        for lesson, ref, title, sid, sname, oname in session.exec(query).all()
    ]


def strategies(*, session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of every live strategy, by name, for filters."""
    query = (
        select(Strategy.id, Strategy.name).where(col(Strategy.deleted_at).is_(None)).order_by(Strategy.name)
    )
    return [(i, n) for i, n in session.exec(query).all()]


def owners(*, session: Session, active_only: bool = True) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of owners, by name, for pickers."""
    query = select(Owner.id, Owner.name).where(col(Owner.deleted_at).is_(None)).order_by(Owner.name)
    if active_only:
        query = query.where(col(Owner.active).is_(True))
    return [(i, n) for i, n in session.exec(query).all()]
