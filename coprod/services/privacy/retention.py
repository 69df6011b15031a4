"""Retention: personal data kept no longer than the schedule says, then anonymised.

The schedule (team rules, editable in settings): a participant's identity for
`retain_identity_days` after their last session (or until their own `retain_until`), the words
of feedback for `retain_feedback_days` after the session. Anonymising keeps every record, so
counts, themes, lag and reports' figures stay as they were: the identity is blanked, and the
text is reduced to its themes. A dry run lists exactly what applying would change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from coprod.domain.enums import AuditAction
from coprod.domain.models import (
    ANONYMISED,
    ERASED_TEXT,
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Participant,
    Theme,
)
from coprod.i18n import N_
from coprod.i18n.dates import day
from coprod.persistence.audit import record
from coprod.persistence.repositories.settings import get_team_rules
from coprod.services.common.store import Store
from coprod.services.privacy.erasure import securely

# What each kind of due record is called, in words (the catalogue ids).
KIND_WORDS = {"identity": N_("retention.kind_identity"), "feedback": N_("retention.kind_feedback")}

SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class Due:
    kind: str  # "identity" or "feedback"
    record_id: uuid.UUID
    label: str  # the participant's code, or the session's title and date: never personal data
    due_on: date


@dataclass(slots=True)
class RetentionPlan:
    as_of: date
    identity_days: int
    feedback_days: int
    now: list[Due] = field(default_factory=list)  # oldest due date first
    soon: list[Due] = field(default_factory=list)  # due in the next 30 days, soonest first


def _kept(text: str) -> bool:
    return text != ERASED_TEXT and not text.startswith(ANONYMISED)


def plan(*, session: Session, as_of: date) -> RetentionPlan:
    rules = get_team_rules(session=session)
    out = RetentionPlan(as_of, rules.retain_identity_days, rules.retain_feedback_days)
    horizon = as_of + timedelta(days=SOON_DAYS)

    def place(item: Due) -> None:
        if item.due_on <= as_of:
            out.now.append(item)
        elif item.due_on <= horizon:
            out.soon.append(item)

    last: dict[uuid.UUID, date] = dict(
        session.execute(
            select(Feedback.participant_id, func.max(EngagementSession.held_on))
            .join(EngagementSession, col(EngagementSession.id) == Feedback.session_id)
            .where(col(Feedback.participant_id).is_not(None))
            .group_by(col(Feedback.participant_id))
        ).all()
    )
    people = session.exec(
        select(Participant)
        .where(
            col(Participant.deleted_at).is_(None),
            (col(Participant.name).is_not(None)) | (col(Participant.contact).is_not(None)),
        )
        .order_by(Participant.code)
    )
    for p in people:
        since = last.get(p.id) or p.created_at.date()
        due = p.retain_until or since + timedelta(days=rules.retain_identity_days)
        place(Due("identity", p.id, p.code, due))
    cutoff = horizon - timedelta(days=rules.retain_feedback_days)
    rows = session.execute(
        select(
            col(Feedback.id), col(Feedback.text), col(EngagementSession.title), col(EngagementSession.held_on)
        )
        .join(EngagementSession, col(EngagementSession.id) == Feedback.session_id)
        .where(EngagementSession.held_on <= cutoff)
        .order_by(col(EngagementSession.held_on), col(Feedback.recorded_at), col(Feedback.id))
    ).all()
    for fid, text, title, held_on in rows:
        if _kept(text):
            due_on = held_on + timedelta(days=rules.retain_feedback_days)
            place(Due("feedback", fid, f"{title} ({day(held_on)})", due_on))
    # A schedule is read by date: what has waited longest first, then what falls due soonest.
    for listed in (out.now, out.soon):
        listed.sort(key=lambda d: (d.due_on, d.kind, d.label))
    return out


def _themes(session: Session, fid: uuid.UUID) -> list[str]:
    query = (
        select(Theme.name)
        .join(FeedbackTheme, col(FeedbackTheme.theme_id) == Theme.id)
        .where(FeedbackTheme.feedback_id == fid, col(FeedbackTheme.deleted_at).is_(None))
    )
    return sorted(session.exec(query).all())


def apply(db: Store, *, as_of: date, listed: list[Due] | None = None) -> RetentionPlan:
    """Anonymise everything due on `as_of` (exactly what `plan` lists as due now), or only what
    of `listed` (a dry run shown to the lead) is still due; `now` says what was anonymised."""
    with db.reading() as session:
        due = plan(session=session, as_of=as_of)
    if listed is not None:
        shown = {(d.kind, d.record_id) for d in listed}
        due.now = [d for d in due.now if (d.kind, d.record_id) in shown]
    if not due.now:
        return due
    with securely(db, lambda: True) as session:
        for item in due.now:
            if item.kind == "identity":
                p = session.get(Participant, item.record_id)
                if p is not None:
                    p.name, p.contact = None, None
                    session.add(p)
            else:
                f = session.get(Feedback, item.record_id)
                if f is not None:
                    themes = _themes(session, f.id)
                    f.text = f"{ANONYMISED} {'; '.join(themes)}".strip()
                    f.is_verbatim = False
                    session.add(f)
        record(
            session,
            AuditAction.RETENTION,
            table_name="*",
            changes={
                "scope": "retention schedule",
                "as_of": as_of.isoformat(),
                "identities": sum(1 for d in due.now if d.kind == "identity"),
                "feedback": sum(1 for d in due.now if d.kind == "feedback"),
            },
        )
    return due


def save_schedule(*, session: Session, identity_days: int, feedback_days: int) -> None:
    """Change the retention periods (whole days, 1 to 3650)."""
    from coprod.services.team.settings import set_setting

    for key, days in (("retain_identity_days", identity_days), ("retain_feedback_days", feedback_days)):
        set_setting(session=session, key=key, value=str(days))
