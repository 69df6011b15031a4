"""What a review meeting looks at for one item, and what it leaves for the minutes.

The timeline shows the chain a board asks about: what residents said, what was done, when
the target moved and who decided what. Participants appear by nothing at all: feedback is
shown as what was said, never who said it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.lag import RecommendationLag
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    Lesson,
    Owner,
    Recommendation,
    RecommendationFeedback,
    Review,
)
from coprod.domain.settings import TeamRules
from coprod.i18n import label, tr
from coprod.i18n.dates import day
from coprod.persistence.repositories.settings import get_team_rules
from coprod.services.figures.lag import recommendation_lags
from coprod.services.recommendations import detail
from coprod.services.recommendations.detail import EventKind, TimelineEntry


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One event of a recommendation's timeline as the meeting reads it: its day, its kind
    ("update", "status", "target", "owner", "review") and a sentence."""

    on: date
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class SaidItem:
    text: str
    session: str
    held_on: date


@dataclass(frozen=True, slots=True)
class DecisionRow:
    review_id: uuid.UUID
    recommendation_id: uuid.UUID
    reference: str | None
    title: str
    decision: ReviewDecision
    reviewer: str | None
    detail: str
    notes: str | None
    lesson: bool


def what_residents_said(*, session: Session, recommendation_id: uuid.UUID) -> list[SaidItem]:
    """The feedback linked to a recommendation, oldest session first (no participant)."""
    query = (
        select(col(Feedback.text), col(EngagementSession.title), col(EngagementSession.held_on))
        .join(RecommendationFeedback, col(RecommendationFeedback.feedback_id) == Feedback.id)
        .join(EngagementSession, col(EngagementSession.id) == Feedback.session_id)
        .where(
            RecommendationFeedback.recommendation_id == recommendation_id,
            col(RecommendationFeedback.deleted_at).is_(None),
            col(Feedback.deleted_at).is_(None),
        )
        .order_by(col(EngagementSession.held_on))
    )
    return [SaidItem(text, title, held) for text, title, held in session.exec(query).all()]


def timeline(*, session: Session, recommendation_id: uuid.UUID) -> list[TimelineLine]:
    """Updates, status, target and owner changes and reviews, newest first: the recommendation's
    one timeline (`detail.timeline`), each event as the meeting reads it."""
    events = detail.timeline(session=session, recommendation_id=recommendation_id)
    kinds = list(EventKind)  # on the same day: updates, status, target, owner changes, reviews
    events.sort(key=lambda e: kinds.index(e.kind))
    out = [TimelineLine(e.on, e.kind.value, _sentence(e)) for e in events]
    out.sort(key=lambda e: e.on, reverse=True)
    return out


def _sentence(e: TimelineEntry) -> str:
    if e.kind is EventKind.UPDATE:
        word = tr("review.timeline.public_update") if e.is_public else tr("review.timeline.update")
        return f"{word}: {e.text}"
    if e.kind is EventKind.STATUS:
        assert e.new is not None  # every status change has a new status
        text = tr("review.timeline.status", status=label(Status(e.new)))
        return text + (f" ({e.text})" if e.text else "")
    if e.kind is EventKind.TARGET:
        return tr(
            "review.timeline.target",
            old=_day(date.fromisoformat(e.old) if e.old else None),
            new=_day(date.fromisoformat(e.new) if e.new else None),
            reason=e.text,
            approved_by=e.approved_by or tr("review.nobody"),
        )
    if e.kind is EventKind.OWNER:
        return tr("review.timeline.owner", owner=e.new or tr("review.nobody"))
    decision = e.decision
    assert decision is not None  # every review has a decision
    text = tr("review.timeline.review", decision=label(decision))
    said = _detail(decision, e.new, e.next_update_due)
    return " ".join(x for x in (text, said, e.text or "") if x)


def _day(value: date | None) -> str:
    return day(value) if value else tr("review.none")


def _detail(
    decision: ReviewDecision,
    owner: str | None,
    next_update_due: date | None,
    rec: Recommendation | None = None,
) -> str:
    """What a decision did, in words; `owner` is who it escalated or reassigned to."""
    if decision is ReviewDecision.ESCALATE:
        return tr("review.detail.escalated", owner=owner or tr("review.nobody"))
    if decision is ReviewDecision.REASSIGN:
        return tr("review.detail.reassigned", owner=owner or tr("review.nobody"))
    if decision is ReviewDecision.REVISE_TARGET and rec is not None:
        return tr("review.detail.new_target", day=_day(rec.revised_target_date or rec.target_date))
    if decision is ReviewDecision.CLOSE and rec is not None:
        return tr("review.detail.closed", reason=rec.decision_reason or "")
    if next_update_due is not None:
        return tr("review.detail.next_update", day=_day(next_update_due))
    return ""


def _decided_for(r: Review, names: dict[uuid.UUID, str]) -> str | None:
    """Who a review escalated or reassigned the recommendation to, by name."""
    who = r.escalated_to_id if ReviewDecision(r.decision) is ReviewDecision.ESCALATE else r.reassigned_to_id
    return names.get(who) if who else None


def decisions_on(*, session: Session, on: date, reviewer: str | None = None) -> list[DecisionRow]:
    """The decisions recorded on `on` (by `reviewer`, if given), in the order they were taken."""
    query = select(Review, Recommendation).join(
        Recommendation, col(Recommendation.id) == Review.recommendation_id
    )
    query = query.where(Review.reviewed_on == on, col(Review.deleted_at).is_(None)).order_by(
        col(Review.created_at)
    )
    if reviewer:
        query = query.where(Review.reviewer == reviewer)
    rows = session.exec(query).all()
    names = detail.owner_names(
        session, {r.escalated_to_id for r, _ in rows} | {r.reassigned_to_id for r, _ in rows}
    )
    with_lesson = {
        lid
        for (lid,) in session.execute(
            select(Lesson.review_id).where(
                col(Lesson.review_id).in_([r.id for r, _ in rows]), col(Lesson.deleted_at).is_(None)
            )
        ).all()
    }
    return [
        DecisionRow(
            review_id=r.id,
            recommendation_id=rec.id,
            reference=rec.reference,
            title=rec.title,
            decision=ReviewDecision(r.decision),
            reviewer=r.reviewer,
            detail=_detail(ReviewDecision(r.decision), _decided_for(r, names), r.next_update_due, rec),
            notes=r.notes,
            lesson=r.id in with_lesson,
        )
        for r, rec in rows
    ]


def summary_text(rows: list[DecisionRow], *, on: date, reviewer: str | None = None) -> str:
    """The decisions as plain text for the minutes."""
    lines = [tr("review.summary.title", day=_day(on))]
    if reviewer:
        lines.append(tr("review.summary.reviewer", reviewer=reviewer))
    lines.append(tr("review.summary.count", count=f"{len(rows):,}"))
    counts: dict[ReviewDecision, int] = {}
    for row in rows:
        counts[row.decision] = counts.get(row.decision, 0) + 1
    for decision in ReviewDecision:
        if counts.get(decision):
            lines.append(f"  {label(decision)}: {counts[decision]}")
    lines.append("")
    for n, row in enumerate(rows, 1):
        name = f"{row.reference} {row.title}" if row.reference else row.title
        lines.append(f"{n}. {name}")
        lines.append("   " + tr("review.summary.decision") + f": {label(row.decision)}")
        if row.detail:
            lines.append(f"   {row.detail}")
        if row.notes:
            lines.append("   " + tr("review.summary.notes") + f": {row.notes}")
        if row.lesson:
            lines.append("   " + tr("review.summary.lesson"))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class ItemDetail:
    """Everything the meeting shows for one item, read in one go on the worker."""

    lag: RecommendationLag
    said: list[SaidItem]
    timeline: list[TimelineLine]
    escalation_contact: str | None
    next_update_due: date | None
    rules: TeamRules


def item_detail(*, session: Session, recommendation_id: uuid.UUID, as_of: date) -> ItemDetail:
    rules = get_team_rules(session=session)
    lag = recommendation_lags(session=session, as_of=as_of, rules=rules, ids=[recommendation_id])[0]
    rec = session.get(Recommendation, recommendation_id)
    owner = session.get(Owner, rec.owner_id) if rec is not None and rec.owner_id else None
    contact = (
        session.get(Owner, owner.escalation_contact_id) if owner and owner.escalation_contact_id else None
    )
    return ItemDetail(
        lag=lag,
        said=what_residents_said(session=session, recommendation_id=recommendation_id),
        timeline=timeline(session=session, recommendation_id=recommendation_id),
        escalation_contact=contact.name if contact else None,
        next_update_due=rec.next_update_due if rec else None,
        rules=rules,
    )
