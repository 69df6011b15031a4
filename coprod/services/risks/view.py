"""Reading the risk register as plain rows: scores, bands, trend and flags.

"Mitigation late" comes from the lag engine (services/lag.py): a risk is flagged when any
open recommendation linked to it is overdue or stalled, and the row carries those
recommendations' lag figures so a board sees why.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from coprod.domain.enums import Rag
from coprod.domain.models import Owner, Risk, RiskEscalation, RiskMitigation, RiskReview
from coprod.domain.risk import (
    RiskCategory,
    RiskLevel,
    RiskRules,
    RiskStatus,
    Trend,
    band,
    must_escalate,
    review_overdue,
    score,
    trend,
)
from coprod.services.figures.lag import recommendation_lags
from coprod.services.risks.rules import get_risk_rules


@dataclass(frozen=True, slots=True)
class MitigationLag:
    """A recommendation that mitigates a risk, with its lag figures as of the view's date."""

    recommendation_id: uuid.UUID
    reference: str | None
    title: str
    status: str
    lag_days: int | None
    days_since_update: int | None
    overdue: bool
    stalled: bool

    @property
    def late(self) -> bool:
        return self.overdue or self.stalled


@dataclass(frozen=True, slots=True)
class ScoreEntry:
    reviewed_on: date
    reviewer: str | None
    likelihood: int
    impact: int
    score: int
    note: str | None


@dataclass(frozen=True, slots=True)
class EscalationEntry:
    escalated_on: date
    escalated_by: str
    reason: str
    from_level: RiskLevel
    to_level: RiskLevel
    score: int


@dataclass(frozen=True, slots=True)
class RiskRow:
    id: uuid.UUID
    reference: str
    title: str
    cause: str
    event: str
    effect: str
    category: RiskCategory
    owner: str | None
    level: RiskLevel
    status: RiskStatus
    inherent: tuple[int, int]
    current: tuple[int, int]
    target: tuple[int, int]
    inherent_score: int
    current_score: int
    target_score: int
    current_band: Rag
    inherent_band: Rag
    target_band: Rag
    previous_score: int | None
    trend: Trend
    controls: str | None
    actions: str | None
    review_months: int
    next_review_on: date | None
    identified_on: date
    closed_on: date | None  # closed by the "as at" day: the day, if known
    review_overdue: bool
    above_target: bool
    must_escalate: bool
    mitigations: tuple[MitigationLag, ...]
    history: tuple[ScoreEntry, ...]
    escalations: tuple[EscalationEntry, ...]

    @property
    def late_mitigations(self) -> tuple[MitigationLag, ...]:
        return tuple(m for m in self.mitigations if m.late)

    @property
    def mitigation_late(self) -> bool:
        return any(m.late for m in self.mitigations)

    @property
    def is_open(self) -> bool:
        return self.status is not RiskStatus.CLOSED


def list_risks(
    *, session: Session, as_of: date, rules: RiskRules | None = None, include_closed: bool = True
) -> list[RiskRow]:
    """Every live risk with its figures as things stood at the end of `as_of`, highest current
    score first: risks identified later are left out, the current score is the last one
    reviewed by then, and later escalations (with the level they moved it to) and a later
    closing are taken back."""
    rules = rules or get_risk_rules(session=session)
    live = select(Risk).where(col(Risk.deleted_at).is_(None), col(Risk.identified_on) <= as_of)
    risks = list(session.exec(live))
    owners = {o.id: o.name for o in session.exec(select(Owner))}
    history: dict[uuid.UUID, list[ScoreEntry]] = {}
    reviews = select(RiskReview).where(col(RiskReview.deleted_at).is_(None), RiskReview.reviewed_on <= as_of)
    for r in session.exec(reviews.order_by(col(RiskReview.reviewed_on), col(RiskReview.created_at))):
        history.setdefault(r.risk_id, []).append(
            ScoreEntry(r.reviewed_on, r.reviewer, r.likelihood, r.impact, r.likelihood * r.impact, r.note)
        )
    escalations: dict[uuid.UUID, list[EscalationEntry]] = {}
    level_then: dict[uuid.UUID, RiskLevel] = {}
    query = select(RiskEscalation).where(col(RiskEscalation.deleted_at).is_(None))
    for e in session.exec(query.order_by(col(RiskEscalation.escalated_on), col(RiskEscalation.created_at))):
        if e.escalated_on <= as_of:
            escalations.setdefault(e.risk_id, []).append(
                EscalationEntry(e.escalated_on, e.escalated_by, e.reason, e.from_level, e.to_level, e.score)
            )
        else:
            level_then.setdefault(e.risk_id, e.from_level)  # the first later one moved it from there
    links: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in session.exec(select(RiskMitigation).where(col(RiskMitigation.deleted_at).is_(None))):
        links.setdefault(link.risk_id, []).append(link.recommendation_id)
    linked = {rid for ids in links.values() for rid in ids}
    # as the scores are: as things stood at the end of `as_of`
    stood = (
        recommendation_lags(session=session, as_of=as_of, ids=linked, as_things_stood=True) if linked else []
    )
    lags = {x.id: x for x in stood}
    out = []
    for risk in risks:
        mitigations = tuple(
            MitigationLag(
                x.id,
                x.reference,
                x.title,
                x.status.value,
                x.lag_days,
                x.days_since_update,
                x.overdue,
                x.stalled,
            )
            for x in sorted(
                (lags[i] for i in links.get(risk.id, ()) if i in lags),
                key=lambda x: (x.reference or "~", x.title),
            )
        )
        status = risk.status
        if status is RiskStatus.CLOSED and risk.closed_on is not None and risk.closed_on > as_of:
            status = RiskStatus.ESCALATED if escalations.get(risk.id) else RiskStatus.OPEN  # closed later
        if risk.id in level_then and status is RiskStatus.ESCALATED and not escalations.get(risk.id):
            status = RiskStatus.OPEN  # its only escalations came later
        if status is RiskStatus.CLOSED and not include_closed:
            continue
        out.append(
            _row(
                risk,
                level_then.get(risk.id, risk.level),
                status,
                rules,
                as_of,
                owners,
                history.get(risk.id, []),
                escalations.get(risk.id, []),
                mitigations,
            )
        )
    out.sort(key=lambda r: (not r.is_open, -r.current_score, r.reference))
    return out


def _row(
    risk: Risk,
    level: RiskLevel,
    status: RiskStatus,
    rules: RiskRules,
    as_of: date,
    owners: dict[uuid.UUID, str],
    history: list[ScoreEntry],
    escalations: list[EscalationEntry],
    mitigations: tuple[MitigationLag, ...],
) -> RiskRow:
    inherent = (risk.inherent_likelihood, risk.inherent_impact)
    # the score as last reviewed by the "as at" day (the first entry is the one identified with)
    current = (
        (history[-1].likelihood, history[-1].impact)
        if history
        else (risk.current_likelihood, risk.current_impact)
    )
    target = (risk.target_likelihood, risk.target_impact)
    now, aim = score(*current), score(*target)
    previous = history[-2].score if len(history) >= 2 else None
    return RiskRow(
        id=risk.id,
        reference=risk.reference,
        title=risk.title,
        cause=risk.cause,
        event=risk.event,
        effect=risk.effect,
        category=risk.category,
        owner=owners.get(risk.owner_id) if risk.owner_id else None,
        level=level,
        status=status,
        inherent=inherent,
        current=current,
        target=target,
        inherent_score=score(*inherent),
        current_score=now,
        target_score=aim,
        current_band=band(now, rules),
        inherent_band=band(score(*inherent), rules),
        target_band=band(aim, rules),
        previous_score=previous,
        trend=trend(previous, now),
        controls=risk.controls,
        actions=risk.actions,
        review_months=risk.review_months,
        next_review_on=risk.next_review_on,
        identified_on=risk.identified_on,
        closed_on=risk.closed_on if status is RiskStatus.CLOSED else None,
        review_overdue=review_overdue(risk.next_review_on, status, as_of),
        above_target=status is not RiskStatus.CLOSED and now > aim,
        must_escalate=must_escalate(now, level, status, rules),
        mitigations=mitigations,
        history=tuple(history),
        escalations=tuple(escalations),
    )


def heat_map(rows: list[RiskRow]) -> dict[tuple[int, int], int]:
    """How many open risks sit in each (likelihood, impact) cell, by current rating."""
    counts = Counter(r.current for r in rows if r.is_open)
    return {(lk, im): counts.get((lk, im), 0) for lk in range(1, 6) for im in range(1, 6)}


def risks_due_review(*, session: Session, as_of: date) -> list[RiskRow]:
    """Open risks past their review date, longest overdue first."""
    rows = [r for r in list_risks(session=session, as_of=as_of) if r.review_overdue]
    return sorted(rows, key=lambda r: (r.next_review_on or as_of, r.reference))


def escalations_since(rows: list[RiskRow], since: date | None) -> list[tuple[RiskRow, EscalationEntry]]:
    return [(r, e) for r in rows for e in r.escalations if since is None or e.escalated_on > since]
