"""Strategies, owners, sessions and quick capture of what residents said."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from coprod.domain.enums import LadderLevel, SessionFormat
from coprod.domain.errors import RuleViolation
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Owner,
    Participant,
    SessionStrategy,
    Strategy,
    Theme,
)
from coprod.domain.types import utcnow


def tidy_name(value: str | None) -> str:
    """A name with its spaces tidied; refused when nothing is left."""
    name = " ".join((value or "").split())
    if not name:
        raise RuleViolation("rule.name_required")
    return name


def create_owner(
    *,
    session: Session,
    name: str,
    role: str | None = None,
    team: str | None = None,
    email: str | None = None,
    escalation_contact_id: uuid.UUID | None = None,
) -> uuid.UUID:
    owner = Owner(
        name=tidy_name(name),
        role=role,
        team=team,
        email=email,
        escalation_contact_id=escalation_contact_id,
    )
    session.add(owner)
    return owner.id


def create_strategy(
    *,
    session: Session,
    name: str,
    description: str | None = None,
    board: str | None = None,
    lead_owner_id: uuid.UUID | None = None,
    start_on: date | None = None,
    end_on: date | None = None,
) -> uuid.UUID:
    name = tidy_name(name)
    taken = session.exec(select(Strategy.id).where(func.lower(Strategy.name) == name.lower())).first()
    if taken is not None:
        raise RuleViolation("rule.name_taken", name=name)
    strategy = Strategy(
        name=name,
        description=description,
        board=board,
        lead_owner_id=lead_owner_id,
        start_on=start_on,
        end_on=end_on,
    )
    session.add(strategy)
    return strategy.id


def create_session(
    *,
    session: Session,
    title: str,
    held_on: date,
    format: SessionFormat = SessionFormat.WORKSHOP,
    ladder_level: LadderLevel = LadderLevel.CONSULTATION,
    strategy_ids: Iterable[uuid.UUID] = (),
    **fields: Any,
) -> uuid.UUID:
    """A new engagement session; `fields` are any other EngagementSession columns."""
    es = EngagementSession(
        title=tidy_name(title), held_on=held_on, format=format, ladder_level=ladder_level, **fields
    )
    session.add(es)
    session.flush()
    for sid in dict.fromkeys(strategy_ids):
        session.add(SessionStrategy(session_id=es.id, strategy_id=sid))
    return es.id


def theme_ids(*, session: Session, names: Iterable[str]) -> list[uuid.UUID]:
    """Ids for theme names, matched without regard to case; new names become new themes."""
    out: list[uuid.UUID] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        theme = session.exec(select(Theme).where(func.lower(Theme.name) == name.lower())).first()
        if theme is None:
            theme = Theme(name=name)
            session.add(theme)
            session.flush()
        elif theme.deleted_at is not None:
            theme.deleted_at = None
            session.add(theme)
        if theme.id not in out:
            out.append(theme.id)
    return out


def participant_id(*, session: Session, code: str | None) -> uuid.UUID | None:
    """The participant with this pseudonymous code, created if new. No name is ever asked."""
    code = (code or "").strip().upper()
    if not code:
        return None
    found = session.exec(select(Participant).where(Participant.code == code)).first()
    if found is None:
        found = Participant(code=code)
        session.add(found)
        session.flush()
    elif found.deleted_at is not None:  # an undo took it back; the code is in use again
        found.deleted_at = None
        session.add(found)
    return found.id


def add_feedback(
    *,
    session: Session,
    session_id: uuid.UUID,
    text: str,
    themes: Iterable[str] = (),
    verbatim: bool = False,
    participant_code: str | None = None,
    recorded_at: datetime | None = None,
    feedback_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Quick capture: one "you said" item, saved at once with its themes.

    `feedback_id` lets a write that waited in the pending queue keep the id it was given.
    """
    text = (text or "").strip()
    if not text:
        raise RuleViolation("rule.text_required")
    given: dict[str, Any] = {"id": feedback_id} if feedback_id is not None else {}
    item = Feedback(
        **given,
        session_id=session_id,
        text=text,
        is_verbatim=verbatim,
        participant_id=participant_id(session=session, code=participant_code),
        recorded_at=recorded_at or utcnow(),
    )
    session.add(item)
    session.flush()
    for tid in theme_ids(session=session, names=themes):
        session.add(FeedbackTheme(feedback_id=item.id, theme_id=tid))
    return item.id


def close_loop(*, session: Session, session_id: uuid.UUID, returned_on: date) -> None:
    """Record the date residents were told what happened: the loop is closed."""
    es = session.get(EngagementSession, session_id)
    if es is None:
        raise LookupError(f"no session {session_id}")
    es.feedback_returned_on = returned_on
    session.add(es)
