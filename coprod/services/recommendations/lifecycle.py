"""Creating recommendations and moving them through the workflow.

Every function checks the domain rules first and only then writes, inside the caller's
transaction, so a refused change saves nothing. Each returns the id of what it touched.

Tables have no ORM relationships, so the unit of work does not order inserts by foreign key:
a function that adds a parent row and then its children flushes in between.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists
from sqlmodel import Session, col, select

from coprod.domain import workflow
from coprod.domain.enums import CqcStatement, Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import (
    OwnerChange,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    StatusChange,
    TargetChange,
)
from coprod.domain.settings import TeamRules
from coprod.persistence.repositories.settings import get_team_rules
from coprod.services.common.choices import Choice, owner_choices, strategy_choices
from coprod.services.common.versions import check_version, saving


def get(*, session: Session, recommendation_id: uuid.UUID) -> Recommendation:
    rec = session.get(Recommendation, recommendation_id)
    if rec is None or rec.deleted_at is not None:
        raise LookupError(f"no recommendation {recommendation_id}")
    return rec


def check_reference(session: Session, reference: str | None, own_id: uuid.UUID | None) -> None:
    if not reference:
        return
    query = select(Recommendation.id).where(Recommendation.reference == reference)
    if own_id is not None:
        query = query.where(Recommendation.id != own_id)
    if session.exec(query).first() is not None:
        raise RuleViolation("rule.reference_taken", reference=reference)


def next_reference(*, session: Session, prefix: str) -> str:
    """The reference after the highest one that is `prefix` and a number (R-0040 -> R-0041),
    with at least four digits. Deleted recommendations count: their references stay taken."""
    query = select(Recommendation.reference).where(
        col(Recommendation.reference).startswith(prefix, autoescape=True)
    )
    highest, width = 0, 4
    for reference in session.exec(query):
        digits = (reference or "")[len(prefix) :]
        if reference and reference.startswith(prefix) and digits.isascii() and digits.isdigit():
            highest = max(highest, int(digits))
            width = max(width, len(digits))
    return f"{prefix}{highest + 1:0{width}d}"


def team_next_reference(*, session: Session) -> str:
    """The next reference with the prefix the team set in its rules."""
    return next_reference(session=session, prefix=get_team_rules(session=session).reference_prefix)


@dataclass(frozen=True)
class NewRecommendationForm:
    """What the new-recommendation form offers: active strategies and owners, the team rules
    (for the default target) and the next free reference."""

    strategies: list[Choice]
    owners: list[Choice]
    rules: TeamRules
    reference: str


def new_recommendation_form(*, session: Session) -> NewRecommendationForm:
    return NewRecommendationForm(
        strategies=strategy_choices(session=session),
        owners=owner_choices(session=session),
        rules=get_team_rules(session=session),
        reference=team_next_reference(session=session),
    )


def create_recommendation(
    *,
    session: Session,
    title: str,
    raised_on: date,
    reference: str | None = None,
    description: str | None = None,
    you_said: str | None = None,
    source_session_id: uuid.UUID | None = None,
    feedback_ids: Iterable[uuid.UUID] = (),
    strategy_id: uuid.UUID | None = None,
    owner_id: uuid.UUID | None = None,
    target_date: date | None = None,
    success_measure: str | None = None,
    cqc_statement: CqcStatement | None = None,
    by: str | None = None,
) -> uuid.UUID:
    title = (title or "").strip()
    if not title:
        raise RuleViolation("rule.title_required")
    reference = (reference or "").strip() or None
    check_reference(session, reference, None)
    if target_date is not None:
        workflow.check_target_change(
            current_effective=None,
            new_target=target_date,
            raised_on=raised_on,
            reason=None,
            approved_by=None,
            first_target=True,
        )
    rec = Recommendation(
        reference=reference,
        title=title,
        description=description,
        you_said=(you_said or "").strip() or None,
        raised_on=raised_on,
        source_session_id=source_session_id,
        strategy_id=strategy_id,
        owner_id=owner_id,
        target_date=target_date,
        success_measure=success_measure,
        cqc_statement=cqc_statement,
    )
    session.add(rec)
    session.flush()
    session.add(
        StatusChange(
            recommendation_id=rec.id,
            from_status=None,
            to_status=Status.PROPOSED,
            changed_on=raised_on,
            changed_by=by,
        )
    )
    link_feedback(session=session, recommendation_id=rec.id, feedback_ids=feedback_ids)
    return rec.id


def link_feedback(
    *, session: Session, recommendation_id: uuid.UUID, feedback_ids: Iterable[uuid.UUID]
) -> None:
    """Link feedback to a recommendation; links that exist (even as tombstones) are revived."""
    existing = {
        link.feedback_id: link
        for link in session.exec(
            select(RecommendationFeedback).where(
                RecommendationFeedback.recommendation_id == recommendation_id
            )
        )
    }
    for fid in dict.fromkeys(feedback_ids):
        link = existing.get(fid)
        if link is None:
            session.add(RecommendationFeedback(recommendation_id=recommendation_id, feedback_id=fid))
        elif link.deleted_at is not None:
            link.deleted_at = None
            session.add(link)


def has_public_update(*, session: Session, recommendation_id: uuid.UUID) -> bool:
    query = select(
        exists().where(
            col(RecommendationUpdate.recommendation_id) == recommendation_id,
            col(RecommendationUpdate.is_public).is_(True),
            col(RecommendationUpdate.deleted_at).is_(None),
        )
    )
    return bool(session.exec(query).one())


def add_update(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    text: str,
    on: date,
    progress: int | None = None,
    public: bool = False,
    author: str | None = None,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Record progress; a public update is a "we did" that residents may read."""
    rec = get(session=session, recommendation_id=recommendation_id)
    check_version(session, rec, expected_version)
    text = (text or "").strip()
    if not text:
        raise RuleViolation("rule.update_text_required")
    if progress is not None:
        workflow.check_progress(progress)
    update = RecommendationUpdate(
        recommendation_id=rec.id,
        update_on=on,
        text=text,
        progress=progress,
        author=author,
        is_public=public,
    )
    session.add(update)
    if progress is not None:
        with saving(session, rec):
            rec.progress = progress
            session.add(rec)
    return update.id


def change_status(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    new_status: Status,
    on: date,
    by: str | None = None,
    note: str | None = None,
    implemented_on: date | None = None,
    reason: str | None = None,
    public_update: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Move a recommendation to `new_status`, checking the workflow rule for that move.

    For `implemented`, `public_update` may carry the "we did" text that the rule requires;
    it is saved in the same transaction, dated `implemented_on`.
    """
    rec = get(session=session, recommendation_id=recommendation_id)
    check_version(session, rec, expected_version)
    new_status = Status(new_status)
    public_text = (public_update or "").strip()
    has_public = bool(public_text) or has_public_update(session=session, recommendation_id=rec.id)
    workflow.check_transition(
        rec.status,
        new_status,
        raised_on=rec.raised_on,
        implemented_on=implemented_on,
        has_public_update=has_public,
        reason=reason,
        today=today,
    )
    old = rec.status
    if new_status == Status.IMPLEMENTED:
        assert implemented_on is not None
        if public_text:
            add_update(
                session=session,
                recommendation_id=rec.id,
                text=public_text,
                on=implemented_on,
                progress=100,
                public=True,
                author=by,
            )
        rec.implemented_on = implemented_on
        rec.progress = 100
        on = implemented_on
    elif new_status == Status.NOT_TAKEN_FORWARD:
        rec.decision_reason = (reason or "").strip()
        rec.decided_on = on
    elif new_status == Status.ACCEPTED and rec.accepted_on is None:
        rec.accepted_on = on
    with saving(session, rec):
        rec.status = new_status
        session.add(rec)
    change = StatusChange(
        recommendation_id=rec.id,
        from_status=old,
        to_status=new_status,
        changed_on=on,
        changed_by=by,
        note=(note or reason or None),
    )
    session.add(change)
    return change.id


def set_target(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    new_date: date,
    on: date,
    reason: str | None = None,
    approved_by: str | None = None,
    by: str | None = None,
    expected_version: int | None = None,
) -> uuid.UUID | None:
    """Give a first target, or revise it: the original `target_date` is never overwritten.

    A revision needs a reason and an approver and writes a TargetChange (an extension).
    Returns the TargetChange id, or None when this was the first target.
    """
    rec = get(session=session, recommendation_id=recommendation_id)
    check_version(session, rec, expected_version)
    workflow.check_open(rec.status)
    first = rec.target_date is None
    current = rec.revised_target_date or rec.target_date
    workflow.check_target_change(
        current_effective=current,
        new_target=new_date,
        raised_on=rec.raised_on,
        reason=reason,
        approved_by=approved_by,
        first_target=first,
    )
    with saving(session, rec):
        if first:
            rec.target_date = new_date
        else:
            rec.revised_target_date = new_date
        session.add(rec)
    if first:
        return None
    change = TargetChange(
        recommendation_id=rec.id,
        old_date=current,
        new_date=new_date,
        reason=(reason or "").strip(),
        approved_by=(approved_by or "").strip(),
        changed_on=on,
        changed_by=by,
    )
    session.add(change)
    return change.id


def reassign_owner(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    owner_id: uuid.UUID | None,
    on: date,
    by: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> uuid.UUID | None:
    rec = get(session=session, recommendation_id=recommendation_id)
    check_version(session, rec, expected_version)
    if rec.owner_id == owner_id:
        return None
    change = OwnerChange(
        recommendation_id=rec.id,
        from_owner_id=rec.owner_id,
        to_owner_id=owner_id,
        changed_on=on,
        changed_by=by,
        note=note,
    )
    with saving(session, rec):
        rec.owner_id = owner_id
        session.add(rec)
    session.add(change)
    return change.id
