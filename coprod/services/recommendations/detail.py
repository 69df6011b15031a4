"""Read-only views of one recommendation: its fields, what residents said, and its history.

Everything returned is a frozen dataclass of plain values, so the GUI can hold it after the
session closes and the worker thread never hands an ORM object to a widget.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from coprod.domain.enums import CqcStatement, ReviewDecision, Status
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Owner,
    OwnerChange,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    Review,
    StatusChange,
    Strategy,
    TargetChange,
    Theme,
)
from coprod.domain.workflow import chain_positions
from coprod.i18n.dates import long_day


class EventKind(StrEnum):
    UPDATE = "update"
    STATUS = "status"
    TARGET = "target"
    OWNER = "owner"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class LinkedFeedback:
    """What a resident said, with where they said it."""

    id: uuid.UUID
    text: str
    is_verbatim: bool
    session_title: str
    held_on: date
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event in a recommendation's history. The GUI turns it into a sentence.

    `old`/`new` hold the before and after values of a change (status codes, ISO dates or
    owner names); `text` is the update text, the reason or the note.
    """

    on: date
    kind: EventKind
    row_id: uuid.UUID
    recorded_at: datetime
    by: str | None = None
    text: str | None = None
    old: str | None = None
    new: str | None = None
    is_public: bool = False
    progress: int | None = None
    approved_by: str | None = None
    decision: ReviewDecision | None = None
    next_update_due: date | None = None  # a review's: when the next update is due


@dataclass(frozen=True, slots=True)
class RecommendationDetail:
    id: uuid.UUID
    reference: str | None
    title: str
    description: str | None
    raised_on: date
    source_session_id: uuid.UUID | None
    source_session: str | None
    strategy_id: uuid.UUID | None
    strategy: str | None
    owner_id: uuid.UUID | None
    owner: str | None
    status: Status
    progress: int
    success_measure: str | None
    target_date: date | None
    revised_target_date: date | None
    accepted_on: date | None
    implemented_on: date | None
    decision_reason: str | None
    decided_on: date | None
    cqc_statement: CqcStatement | None
    last_update_on: date | None
    next_update_due: date | None
    feedback: tuple[LinkedFeedback, ...]
    timeline: tuple[TimelineEntry, ...]
    origin: str | None = None
    you_said: str | None = None
    version: int = 1
    """The version read: an edit hands it back so a save made since is not overwritten."""

    @property
    def effective_target(self) -> date | None:
        return self.revised_target_date or self.target_date


def _alive(model: type) -> object:
    return model.deleted_at.is_(None)  # type: ignore[attr-defined]


def owner_names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """The names of the owners `ids` (None and unknown ids are left out)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    query = select(Owner.id, Owner.name).where(col(Owner.id).in_(wanted))
    rows = session.exec(query)
    return dict(rows.all())


def linked_feedback(*, session: Session, recommendation_id: uuid.UUID) -> list[LinkedFeedback]:
    """The feedback a recommendation came from, oldest session first."""
    rows = session.exec(
        select(
            Feedback.id,
            Feedback.text,
            Feedback.is_verbatim,
            EngagementSession.title,
            EngagementSession.held_on,
        )
        .join(RecommendationFeedback, RecommendationFeedback.feedback_id == Feedback.id)
        .join(EngagementSession, EngagementSession.id == Feedback.session_id)
        .where(
            RecommendationFeedback.recommendation_id == recommendation_id,
            _alive(RecommendationFeedback),
            _alive(Feedback),
        )
        .order_by(EngagementSession.held_on, Feedback.recorded_at)
    ).all()
    ids = [r[0] for r in rows]
    themes: dict[uuid.UUID, list[str]] = {}
    if ids:
        for fid, name in session.exec(
            select(FeedbackTheme.feedback_id, Theme.name)
            .join(Theme, Theme.id == FeedbackTheme.theme_id)
            .where(col(FeedbackTheme.feedback_id).in_(ids), _alive(FeedbackTheme))
            .order_by(Theme.name)
        ):
            themes.setdefault(fid, []).append(name)
    return [
        LinkedFeedback(
            id=fid,
            text=text,
            is_verbatim=verbatim,
            session_title=title,
            held_on=held,
            themes=tuple(themes.get(fid, ())),
        )
        for fid, text, verbatim, title, held in rows
    ]


def timeline(*, session: Session, recommendation_id: uuid.UUID) -> list[TimelineEntry]:
    """Updates, status, target and owner changes and reviews, oldest first.

    Events on the same day keep the order they were recorded in, after the raising itself.
    """
    rid = recommendation_id
    out: list[TimelineEntry] = []
    for u in session.exec(
        select(RecommendationUpdate).where(
            RecommendationUpdate.recommendation_id == rid, _alive(RecommendationUpdate)
        )
    ):
        out.append(
            TimelineEntry(
                on=u.update_on,
                kind=EventKind.UPDATE,
                row_id=u.id,
                recorded_at=u.created_at,
                by=u.author,
                text=u.text,
                is_public=u.is_public,
                progress=u.progress,
            )
        )
    for s in session.exec(
        select(StatusChange).where(StatusChange.recommendation_id == rid, _alive(StatusChange))
    ):
        out.append(
            TimelineEntry(
                on=s.changed_on,
                kind=EventKind.STATUS,
                row_id=s.id,
                recorded_at=s.created_at,
                by=s.changed_by,
                text=s.note,
                old=s.from_status.value if s.from_status else None,
                new=s.to_status.value,
            )
        )
    for t in session.exec(
        select(TargetChange).where(TargetChange.recommendation_id == rid, _alive(TargetChange))
    ):
        out.append(
            TimelineEntry(
                on=t.changed_on,
                kind=EventKind.TARGET,
                row_id=t.id,
                recorded_at=t.created_at,
                by=t.changed_by,
                text=t.reason,
                approved_by=t.approved_by,
                old=t.old_date.isoformat() if t.old_date else None,
                new=t.new_date.isoformat(),
            )
        )
    owner_changes = session.exec(
        select(OwnerChange).where(OwnerChange.recommendation_id == rid, _alive(OwnerChange))
    ).all()
    reviews = session.exec(select(Review).where(Review.recommendation_id == rid, _alive(Review))).all()
    people = {c.from_owner_id for c in owner_changes} | {c.to_owner_id for c in owner_changes}
    people |= {r.escalated_to_id for r in reviews} | {r.reassigned_to_id for r in reviews}
    names = owner_names(session, people)
    for c in owner_changes:
        out.append(
            TimelineEntry(
                on=c.changed_on,
                kind=EventKind.OWNER,
                row_id=c.id,
                recorded_at=c.created_at,
                by=c.changed_by,
                text=c.note,
                old=names.get(c.from_owner_id) if c.from_owner_id else None,
                new=names.get(c.to_owner_id) if c.to_owner_id else None,
            )
        )
    for r in reviews:
        who = r.escalated_to_id or r.reassigned_to_id
        out.append(
            TimelineEntry(
                on=r.reviewed_on,
                kind=EventKind.REVIEW,
                row_id=r.id,
                recorded_at=r.created_at,
                by=r.reviewer,
                text=r.notes,
                decision=r.decision,
                next_update_due=r.next_update_due,
                new=names.get(who) if who else None,
            )
        )
    # Being raised comes first on its day, whatever order the rows were typed in; status
    # changes recorded at one instant (an imported history) follow the workflow's chain.
    moments: dict[tuple[object, object], list[TimelineEntry]] = {}
    for e in out:
        if e.kind == EventKind.STATUS:
            moments.setdefault((e.on, e.recorded_at), []).append(e)
    place = {
        e.row_id: n
        for same in moments.values()
        for e, n in zip(same, chain_positions([(e.old, e.new) for e in same]), strict=True)
    }
    out.sort(
        key=lambda e: (
            e.on,
            not (e.kind == EventKind.STATUS and e.old is None),
            e.recorded_at,
            place.get(e.row_id, 0),
        )
    )
    return out


def recommendation_detail(*, session: Session, recommendation_id: uuid.UUID) -> RecommendationDetail | None:
    """Every field of one recommendation with names resolved; None if it is gone."""
    rec = session.get(Recommendation, recommendation_id)
    if rec is None or rec.deleted_at is not None:
        return None
    strategy = session.get(Strategy, rec.strategy_id) if rec.strategy_id else None
    owner = session.get(Owner, rec.owner_id) if rec.owner_id else None
    source = session.get(EngagementSession, rec.source_session_id) if rec.source_session_id else None
    return RecommendationDetail(
        id=rec.id,
        reference=rec.reference,
        title=rec.title,
        description=rec.description,
        you_said=rec.you_said,
        raised_on=rec.raised_on,
        source_session_id=rec.source_session_id,
        source_session=f"{source.title} ({long_day(source.held_on)})" if source else None,
        strategy_id=rec.strategy_id,
        strategy=strategy.name if strategy else None,
        owner_id=rec.owner_id,
        owner=owner.name if owner else None,
        status=rec.status,
        progress=rec.progress,
        success_measure=rec.success_measure,
        target_date=rec.target_date,
        revised_target_date=rec.revised_target_date,
        accepted_on=rec.accepted_on,
        implemented_on=rec.implemented_on,
        decision_reason=rec.decision_reason,
        decided_on=rec.decided_on,
        cqc_statement=rec.cqc_statement,
        last_update_on=rec.last_update_on,
        next_update_due=rec.next_update_due,
        feedback=tuple(linked_feedback(session=session, recommendation_id=rec.id)),
        timeline=tuple(timeline(session=session, recommendation_id=rec.id)),
        origin=rec.origin,
        version=rec.version,
    )
