"""Reviewing stalled and overdue recommendations: the queue and the decisions taken on it.

A decision writes a Review and, where it changes the item, the matching status, owner or
target change, inside the caller's transaction: a refused decision saves nothing. Every
rule is checked before the first write.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from coprod.domain.enums import OPEN_STATUSES, ReviewDecision, Status
from coprod.domain.errors import Phrase, RuleViolation
from coprod.domain.lag import RecommendationLag, review_order
from coprod.domain.models import Lesson, Owner, Review, Strategy
from coprod.domain.settings import TeamRules
from coprod.i18n import N_
from coprod.persistence.raw import Parsers, fetch_rows
from coprod.persistence.repositories.settings import get_team_rules
from coprod.services.figures.lag import recommendation_lags
from coprod.services.recommendations import lifecycle as recs

# Why an item is in the queue, as codes the UI turns into words (tr("review.why.<code>")).
STALLED, OVERDUE, NO_TARGET, EXTENDED = "stalled", "overdue", "no_target", "extended"
EXTENSIONS_FOR_QUEUE = 2
EXTENSIONS_NEEDING_LESSON = 3


@dataclass(frozen=True, slots=True)
class QueueItem:
    lag: RecommendationLag
    reasons: tuple[str, ...]
    board: str | None


@dataclass(frozen=True, slots=True)
class LessonInput:
    what_happened: str
    why: str
    do_differently: str
    learning_owner_id: uuid.UUID | None = None


def reasons_for(lag: RecommendationLag) -> tuple[str, ...]:
    """Why `lag` needs a decision (empty when it does not)."""
    if not lag.is_open:
        return ()
    out = []
    if lag.stalled:
        out.append(STALLED)
    if lag.overdue:
        out.append(OVERDUE)
    if lag.no_target:
        out.append(NO_TARGET)
    if lag.extensions >= EXTENSIONS_FOR_QUEUE:
        out.append(EXTENDED)
    return tuple(out)


def strategy_boards(*, session: Session) -> dict[uuid.UUID, str | None]:
    t = Strategy.__table__  # type: ignore[attr-defined]
    parse = Parsers(session)
    rows = fetch_rows(session, select(t.c.id, t.c.board).where(t.c.deleted_at.is_(None)))
    return {parse.uuid(i): board for i, board in rows}


def boards(*, session: Session) -> list[str]:
    """The boards strategies report to, for the queue's filter."""
    return sorted({b for b in strategy_boards(session=session).values() if b}, key=str.lower)


def review_queue(
    *,
    session: Session,
    as_of: date,
    rules: TeamRules | None = None,
    strategy_id: uuid.UUID | None = None,
    owner_id: uuid.UUID | None = None,
    board: str | None = None,
) -> list[QueueItem]:
    """Open recommendations that are stalled, overdue, without a target, or extended twice
    or more: worst lag first, then the longest since an update."""
    board_of = strategy_boards(session=session)
    out = []
    for lag in recommendation_lags(session=session, as_of=as_of, rules=rules):
        why = reasons_for(lag)
        if not why:
            continue
        if strategy_id is not None and lag.strategy_id != strategy_id:
            continue
        if owner_id is not None and lag.owner_id != owner_id:
            continue
        item_board = board_of.get(lag.strategy_id) if lag.strategy_id else None
        if board is not None and item_board != board:
            continue
        out.append(QueueItem(lag=lag, reasons=why, board=item_board))
    out.sort(key=lambda item: review_order(item.lag))
    return out


def lesson_required(
    lag: RecommendationLag, decision: ReviewDecision, rules: TeamRules, *, new_extension: bool = False
) -> str | None:
    """Why this decision needs a lessons-learnt entry (a message code), or None.

    Closing an item, a third extension, or an item stalled for more than twice the stall
    threshold: these are the moments a board will later ask what went wrong.
    """
    if decision is ReviewDecision.CLOSE:
        return N_("review.lesson_why.close")
    if new_extension and lag.extensions + 1 >= EXTENSIONS_NEEDING_LESSON:
        return N_("review.lesson_why.third_extension")
    if lag.stalled and (lag.days_since_update or 0) > 2 * rules.stall_threshold_days:
        return N_("review.lesson_why.long_stall")
    return None


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _check_lesson(lesson: LessonInput | None, why_code: str | None) -> LessonInput | None:
    if lesson is not None and not any(
        _text(x) for x in (lesson.what_happened, lesson.why, lesson.do_differently)
    ):
        lesson = None  # an untouched lesson form is no lesson
    if lesson is None:
        if why_code is not None:
            raise RuleViolation("review.lesson_required", why=Phrase(why_code))
        return None
    if not _text(lesson.what_happened):
        raise RuleViolation("review.lesson_needs_what")
    if not _text(lesson.why):
        raise RuleViolation("review.lesson_needs_why")
    if not _text(lesson.do_differently):
        raise RuleViolation("review.lesson_needs_differently")
    return lesson


def record_decision(
    *,
    session: Session,
    recommendation_id: uuid.UUID,
    decision: ReviewDecision | str,
    on: date,
    reviewer: str | None,
    notes: str | None,
    next_update_due: date | None = None,
    new_owner_id: uuid.UUID | None = None,
    new_target: date | None = None,
    reason: str | None = None,
    approved_by: str | None = None,
    lesson: LessonInput | None = None,
) -> uuid.UUID:
    """Record one review decision and its change; returns the Review id."""
    decision = ReviewDecision(decision)
    rec = recs.get(session=session, recommendation_id=recommendation_id)
    if rec.status not in OPEN_STATUSES:
        raise RuleViolation("review.not_open", title=rec.title)
    rules = get_team_rules(session=session)
    lag = recommendation_lags(session=session, as_of=on, rules=rules, ids=[rec.id])[0]
    reviewer = _text(reviewer) or None
    reason = _text(reason) or None
    review = Review(
        recommendation_id=rec.id,
        reviewed_on=on,
        reviewer=reviewer,
        decision=decision,
        notes=(notes or "").strip() or None,
    )

    # Check everything first, so a refusal leaves nothing written.
    escalate_to: Owner | None = None
    if decision is ReviewDecision.CONTINUE:
        if next_update_due is None:
            raise RuleViolation("review.continue_needs_date")
        if next_update_due <= on:
            raise RuleViolation("review.next_update_in_past", day=next_update_due)
    elif decision is ReviewDecision.ESCALATE:
        owner = session.get(Owner, rec.owner_id) if rec.owner_id else None
        if owner is None:
            raise RuleViolation("review.escalate_needs_owner")
        escalate_to = session.get(Owner, owner.escalation_contact_id) if owner.escalation_contact_id else None
        if escalate_to is None:
            raise RuleViolation("review.no_escalation_contact", owner=owner.name)
    elif decision is ReviewDecision.REASSIGN:
        if new_owner_id is None:
            raise RuleViolation("review.reassign_needs_owner")
        if new_owner_id == rec.owner_id:
            raise RuleViolation("review.reassign_same_owner")
    elif decision is ReviewDecision.REVISE_TARGET:
        if new_target is None:
            raise RuleViolation("review.revise_needs_date")
        if not reason:
            raise RuleViolation("rule.target_change_needs_reason")
        if not _text(approved_by):
            raise RuleViolation("rule.target_change_needs_approver")
    elif decision is ReviewDecision.CLOSE and not reason:
        raise RuleViolation("review.close_needs_reason")
    new_extension = decision is ReviewDecision.REVISE_TARGET and rec.target_date is not None
    lesson = _check_lesson(lesson, lesson_required(lag, decision, rules, new_extension=new_extension))

    # Then write: the change (which runs its own checks before writing), the review, the lesson.
    if decision is ReviewDecision.CONTINUE:
        rec.next_update_due = next_update_due
        review.next_update_due = next_update_due
        session.add(rec)
    elif decision is ReviewDecision.ESCALATE:
        assert escalate_to is not None
        review.escalated_to_id = escalate_to.id
        review.next_update_due = next_update_due
    elif decision is ReviewDecision.REASSIGN:
        recs.reassign_owner(
            session=session,
            recommendation_id=rec.id,
            owner_id=new_owner_id,
            on=on,
            by=reviewer,
            note=reason or review.notes,
        )
        review.reassigned_to_id = new_owner_id
        review.next_update_due = next_update_due
    elif decision is ReviewDecision.REVISE_TARGET:
        assert new_target is not None
        recs.set_target(
            session=session,
            recommendation_id=rec.id,
            new_date=new_target,
            on=on,
            reason=reason,
            approved_by=approved_by,
            by=reviewer,
        )
        review.next_update_due = next_update_due
    else:
        recs.change_status(
            session=session,
            recommendation_id=rec.id,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=on,
            by=reviewer,
            reason=reason,
        )
    if review.next_update_due is not None and decision is not ReviewDecision.CONTINUE:
        rec.next_update_due = review.next_update_due
        session.add(rec)
    if lesson is not None:
        review.lessons_learnt = _text(lesson.what_happened)
    session.add(review)
    session.flush()
    if lesson is not None:
        session.add(
            Lesson(
                recommendation_id=rec.id,
                review_id=review.id,
                recorded_on=on,
                what_happened=lesson.what_happened.strip(),
                why=lesson.why.strip(),
                do_differently=lesson.do_differently.strip(),
                learning_owner_id=lesson.learning_owner_id,
                recorded_by=reviewer,
            )
        )
    return review.id
