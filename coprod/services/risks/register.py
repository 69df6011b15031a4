"""Changing the risk register. Every function checks the rules first and then writes inside
the caller's transaction, so a refused change saves nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlmodel import Session, col, select

from coprod.domain.errors import RuleViolation
from coprod.domain.models import Owner, Recommendation, Risk, RiskEscalation, RiskMitigation, RiskReview
from coprod.domain.risk import (
    RiskCategory,
    RiskLevel,
    RiskStatus,
    add_months,
    check_description,
    next_level,
    score,
)
from coprod.services.common.versions import check_version, saving


@dataclass(frozen=True, slots=True)
class RiskIn:
    """What a new or edited risk says. Ratings are (likelihood, impact) pairs on 1-5 scales."""

    reference: str
    title: str
    cause: str
    event: str
    effect: str
    inherent: tuple[int, int]
    current: tuple[int, int]
    target: tuple[int, int]
    identified_on: date
    category: RiskCategory = RiskCategory.OTHER
    owner_id: uuid.UUID | None = None
    controls: str | None = None
    actions: str | None = None
    review_months: int = 3
    next_review_on: date | None = None
    status: RiskStatus = RiskStatus.OPEN
    level: RiskLevel = RiskLevel.TEAM
    closed_on: date | None = None  # with status CLOSED: the day it was closed, if known


def check(risk_in: RiskIn) -> None:
    """Every rule a risk must meet, in the order a user would fix them."""
    if not risk_in.reference.strip():
        raise RuleViolation("risk.rule.reference_required")
    if not risk_in.title.strip():
        raise RuleViolation("risk.rule.title_required")
    check_description(risk_in.cause, risk_in.event, risk_in.effect)
    for pair in (risk_in.inherent, risk_in.current, risk_in.target):
        score(*pair)
    if not 1 <= risk_in.review_months <= 12:
        raise RuleViolation("risk.rule.review_months", value=risk_in.review_months)


def get(*, session: Session, risk_id: uuid.UUID) -> Risk:
    risk = session.get(Risk, risk_id)
    if risk is None or risk.deleted_at is not None:
        raise LookupError(f"no risk {risk_id}")
    return risk


def find(*, session: Session, reference: str) -> Risk | None:
    query = select(Risk).where(Risk.reference == reference, col(Risk.deleted_at).is_(None))
    return session.exec(query).first()


def _check_reference(session: Session, reference: str, own_id: uuid.UUID | None) -> None:
    query = select(Risk.id).where(Risk.reference == reference)
    if own_id is not None:
        query = query.where(Risk.id != own_id)
    if session.exec(query).first() is not None:
        raise RuleViolation("risk.rule.reference_taken", reference=reference)


def _apply(risk: Risk, risk_in: RiskIn, closing_day: date | None) -> None:
    risk.reference = risk_in.reference.strip()
    risk.title = risk_in.title.strip()
    risk.cause, risk.event, risk.effect = (t.strip() for t in (risk_in.cause, risk_in.event, risk_in.effect))
    risk.category = risk_in.category
    risk.owner_id = risk_in.owner_id
    risk.inherent_likelihood, risk.inherent_impact = risk_in.inherent
    risk.current_likelihood, risk.current_impact = risk_in.current
    risk.target_likelihood, risk.target_impact = risk_in.target
    risk.controls = risk_in.controls or None
    risk.actions = risk_in.actions or None
    risk.review_months = risk_in.review_months
    risk.identified_on = risk_in.identified_on
    risk.next_review_on = risk_in.next_review_on or add_months(risk_in.identified_on, risk_in.review_months)
    _set_status(risk, risk_in.status, risk_in.closed_on, closing_day)
    risk.level = risk_in.level


def _set_status(risk: Risk, status: RiskStatus, given: date | None, closing_day: date | None) -> None:
    """The closing day: the one `given` (a sheet's, or an undo's), else `closing_day` for a
    risk this change closes (None when nobody knows it, as on an import); a risk closed
    already keeps its own; any other status has none."""
    if status is not RiskStatus.CLOSED:
        risk.closed_on = None
    elif given is not None:
        risk.closed_on = given
    elif risk.status is not RiskStatus.CLOSED:
        risk.closed_on = closing_day
    risk.status = status


def create_risk(
    *, session: Session, risk_in: RiskIn, by: str | None = None, closing_day: date | None = None
) -> uuid.UUID:
    """A new risk; its current score is the first entry of its history. One made closed is
    closed on `risk_in.closed_on`, else on `closing_day` (None: a day nobody knows)."""
    check(risk_in)
    _check_reference(session, risk_in.reference.strip(), None)
    risk = Risk(
        reference="",
        title="",
        cause="",
        event="",
        effect="",
        inherent_likelihood=1,
        inherent_impact=1,
        current_likelihood=1,
        current_impact=1,
        target_likelihood=1,
        target_impact=1,
        identified_on=risk_in.identified_on,
    )
    _apply(risk, risk_in, closing_day)
    session.add(risk)
    session.flush()
    likelihood, impact = risk_in.current
    session.add(
        RiskReview(
            risk_id=risk.id,
            reviewed_on=risk_in.identified_on,
            reviewer=by,
            likelihood=likelihood,
            impact=impact,
        )
    )
    return risk.id


def update_risk(
    *,
    session: Session,
    risk_id: uuid.UUID,
    risk_in: RiskIn,
    expected_version: int | None = None,
    closing_day: date | None = None,
) -> None:
    """Edit a risk's description, ratings and plan. A changed current score is not a review:
    record a review for that, so the history says when and by whom. With `expected_version`
    (the version the user opened), a risk saved since is refused. A risk this edit closes is
    closed on `risk_in.closed_on`, else on `closing_day` (None: a day nobody knows)."""
    risk = get(session=session, risk_id=risk_id)
    check_version(session, risk, expected_version)
    check(risk_in)
    _check_reference(session, risk_in.reference.strip(), risk_id)
    with saving(session, risk):
        _apply(risk, risk_in, closing_day)
        session.add(risk)


def record_review(
    *,
    session: Session,
    risk_id: uuid.UUID,
    on: date,
    likelihood: int,
    impact: int,
    reviewer: str | None = None,
    note: str | None = None,
) -> uuid.UUID:
    """A review: the current score as found on `on`, kept in the history; the next review
    date moves on by the risk's review frequency."""
    score(likelihood, impact)
    risk = get(session=session, risk_id=risk_id)
    if risk.status is RiskStatus.CLOSED:
        raise RuleViolation("risk.rule.closed")
    review = RiskReview(
        risk_id=risk_id,
        reviewed_on=on,
        reviewer=reviewer,
        likelihood=likelihood,
        impact=impact,
        note=note or None,
    )
    risk.current_likelihood, risk.current_impact = likelihood, impact
    risk.next_review_on = add_months(on, risk.review_months)
    session.add(risk)
    session.add(review)
    return review.id


def escalate(*, session: Session, risk_id: uuid.UUID, on: date, by: str, reason: str) -> uuid.UUID:
    """Move a risk up one level, recording who, when, why and the score at the time."""
    risk = get(session=session, risk_id=risk_id)
    if risk.status is RiskStatus.CLOSED:
        raise RuleViolation("risk.rule.closed")
    if not (by or "").strip():
        raise RuleViolation("risk.rule.escalation_by")
    if not (reason or "").strip():
        raise RuleViolation("risk.rule.escalation_reason")
    to_level = next_level(risk.level)
    if to_level is None:
        raise RuleViolation("risk.rule.top_level")
    escalation = RiskEscalation(
        risk_id=risk_id,
        escalated_on=on,
        escalated_by=by.strip(),
        reason=reason.strip(),
        from_level=risk.level,
        to_level=to_level,
        score=score(risk.current_likelihood, risk.current_impact),
    )
    risk.level = to_level
    risk.status = RiskStatus.ESCALATED
    session.add(risk)
    session.add(escalation)
    return escalation.id


def close_risk(*, session: Session, risk_id: uuid.UUID, on: date) -> None:
    """Close a risk on the day `on` (kept, so the register as at an earlier day shows it open)."""
    risk = get(session=session, risk_id=risk_id)
    _set_status(risk, RiskStatus.CLOSED, None, on)
    session.add(risk)


def link_recommendations(
    *, session: Session, risk_id: uuid.UUID, recommendation_ids: Iterable[uuid.UUID]
) -> int:
    """Record recommendations as mitigations of a risk; ones already linked are left alone.
    Returns how many links were added."""
    get(session=session, risk_id=risk_id)
    existing = {
        link.recommendation_id: link
        for link in session.exec(select(RiskMitigation).where(RiskMitigation.risk_id == risk_id))
    }
    added = 0
    for rid in dict.fromkeys(recommendation_ids):
        rec = session.get(Recommendation, rid)
        if rec is None or rec.deleted_at is not None:
            raise LookupError(f"no recommendation {rid}")
        link = existing.get(rid)
        if link is None:
            session.add(RiskMitigation(risk_id=risk_id, recommendation_id=rid))
            added += 1
        elif link.deleted_at is not None:
            link.deleted_at = None
            session.add(link)
            added += 1
    return added


def unlink_recommendation(*, session: Session, risk_id: uuid.UUID, recommendation_id: uuid.UUID) -> None:
    from coprod.domain.types import utcnow

    query = select(RiskMitigation).where(
        RiskMitigation.risk_id == risk_id, RiskMitigation.recommendation_id == recommendation_id
    )
    link = session.exec(query).first()
    if link is not None and link.deleted_at is None:
        link.deleted_at = utcnow()
        session.add(link)


def owner_named(*, session: Session, name: str | None) -> uuid.UUID | None:
    """The owner with this name (any case), made if there is none yet; None for no name."""
    name = (name or "").strip()
    if not name:
        return None
    for owner in session.exec(select(Owner).where(col(Owner.deleted_at).is_(None))):
        if owner.name.casefold() == name.casefold():
            return owner.id
    owner = Owner(name=name)
    session.add(owner)
    session.flush()
    return owner.id


@dataclass(frozen=True, slots=True)
class RiskState:
    """What a review or escalation changes on the risk, so it can be put back exactly."""

    likelihood: int
    impact: int
    next_review_on: date | None
    level: RiskLevel
    status: RiskStatus


def state_of(*, session: Session, risk_id: uuid.UUID) -> RiskState:
    r = get(session=session, risk_id=risk_id)
    return RiskState(r.current_likelihood, r.current_impact, r.next_review_on, r.level, r.status)


def withdraw(
    *, session: Session, model: type[RiskReview] | type[RiskEscalation], row_id: uuid.UUID, state: RiskState
) -> None:
    """Undo a review or escalation: its row is withdrawn and the risk is as it was before."""
    from coprod.domain.types import utcnow

    row = cast("RiskReview | RiskEscalation | None", session.get(model, row_id))
    if row is None:
        return
    row.deleted_at = utcnow()
    _put(session, row.risk_id, state)
    session.add(row)


def reinstate(
    *, session: Session, model: type[RiskReview] | type[RiskEscalation], row_id: uuid.UUID, state: RiskState
) -> None:
    """Redo a withdrawn review or escalation."""
    row = cast("RiskReview | RiskEscalation | None", session.get(model, row_id))
    if row is None:
        return
    row.deleted_at = None
    _put(session, row.risk_id, state)
    session.add(row)


def _put(session: Session, risk_id: uuid.UUID, state: RiskState) -> None:
    risk = get(session=session, risk_id=risk_id)
    risk.current_likelihood, risk.current_impact = state.likelihood, state.impact
    risk.next_review_on, risk.level, risk.status = state.next_review_on, state.level, state.status
    session.add(risk)


def mitigation_ids(*, session: Session, risk_id: uuid.UUID) -> list[uuid.UUID]:
    query = select(RiskMitigation.recommendation_id).where(
        RiskMitigation.risk_id == risk_id,
        col(RiskMitigation.deleted_at).is_(None),
    )
    return list(session.exec(query))


def set_mitigations(*, session: Session, risk_id: uuid.UUID, recommendation_ids: Iterable[uuid.UUID]) -> None:
    """Make exactly these recommendations the risk's mitigations (links removed are withdrawn)."""
    wanted = list(dict.fromkeys(recommendation_ids))
    for rid in set(mitigation_ids(session=session, risk_id=risk_id)) - set(wanted):
        unlink_recommendation(session=session, risk_id=risk_id, recommendation_id=rid)
    link_recommendations(session=session, risk_id=risk_id, recommendation_ids=wanted)


def recommendation_choices(*, session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every live recommendation as (id, "reference title"), by reference."""
    query = select(Recommendation.id, Recommendation.reference, Recommendation.title).where(
        col(Recommendation.deleted_at).is_(None)
    )
    rows = sorted(session.exec(query), key=lambda r: (r[1] or "~", r[2]))
    return [(rid, f"{ref} {title}" if ref else title) for rid, ref, title in rows]


def withdraw_risk(*, session: Session, risk_id: uuid.UUID) -> None:
    """Undo a new risk: it is soft-deleted (and comes back with `reinstate_risk`)."""
    from coprod.domain.types import utcnow

    risk = session.get(Risk, risk_id)
    if risk is not None:
        risk.deleted_at = utcnow()
        session.add(risk)


def reinstate_risk(*, session: Session, risk_id: uuid.UUID) -> None:
    risk = session.get(Risk, risk_id)
    if risk is not None:
        risk.deleted_at = None
        session.add(risk)


def risk_in_of(*, session: Session, risk_id: uuid.UUID) -> RiskIn:
    """A risk as it stands, in the form `update_risk` takes (to edit it, or to undo an edit)."""
    r = get(session=session, risk_id=risk_id)
    return RiskIn(
        reference=r.reference,
        title=r.title,
        cause=r.cause,
        event=r.event,
        effect=r.effect,
        inherent=(r.inherent_likelihood, r.inherent_impact),
        current=(r.current_likelihood, r.current_impact),
        target=(r.target_likelihood, r.target_impact),
        identified_on=r.identified_on,
        category=r.category,
        owner_id=r.owner_id,
        controls=r.controls,
        actions=r.actions,
        review_months=r.review_months,
        next_review_on=r.next_review_on,
        status=r.status,
        level=r.level,
        closed_on=r.closed_on,
    )
