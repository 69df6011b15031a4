"""Strategies, engagement sessions and what residents said there."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from coprod.domain.enums import LadderLevel, SessionFormat
from coprod.domain.models.base import TableBase, enum_type, fk
from coprod.domain.types import UTCDateTime, utcnow


class Strategy(TableBase, table=True):
    __tablename__ = "strategy"

    name: str = Field(unique=True, index=True)
    description: str | None = None
    board: str | None = None
    lead_owner_id: uuid.UUID | None = fk("owner.id")
    start_on: date | None = None
    end_on: date | None = None
    active: bool = True


class EngagementSession(TableBase, table=True):
    """A co-production session: workshop, forum, drop-in, survey..."""

    __tablename__ = "engagement_session"

    title: str
    held_on: date = Field(index=True)
    format: SessionFormat = Field(sa_type=enum_type(SessionFormat), default=SessionFormat.WORKSHOP)
    venue: str | None = None
    facilitator: str | None = None
    participant_count: int = 0
    ladder_level: LadderLevel = Field(sa_type=enum_type(LadderLevel), default=LadderLevel.CONSULTATION)
    groups_targeted: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    groups_reached: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    adjustments: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    payments_pence: int = 0
    expenses_pence: int = 0
    notes: str | None = None
    feedback_returned_on: date | None = None
    team: str | None = Field(default=None, index=True)  # on a team server: whose session it is


class SessionStrategy(TableBase, table=True):
    """Which strategies a session fed into (many to many)."""

    __tablename__ = "session_strategy"
    __table_args__ = (sa.UniqueConstraint("session_id", "strategy_id"),)

    session_id: uuid.UUID = fk("engagement_session.id", nullable=False, index=False)
    strategy_id: uuid.UUID = fk("strategy.id", nullable=False)


class Theme(TableBase, table=True):
    __tablename__ = "theme"
    made_on_first_use = True

    name: str = Field(unique=True, index=True)


class Feedback(TableBase, table=True):
    """One thing a resident said ("you said")."""

    __tablename__ = "feedback"
    # Half of all feedback names no participant: the index leaves those rows out (migration 0013).
    __table_args__ = (
        sa.Index(
            "ix_feedback_participant_id",
            "participant_id",
            sqlite_where=sa.text("participant_id IS NOT NULL"),
            postgresql_where=sa.text("participant_id IS NOT NULL"),
        ),
    )

    session_id: uuid.UUID = fk("engagement_session.id", nullable=False)
    text: str
    is_verbatim: bool = False
    participant_id: uuid.UUID | None = fk("participant.id", index=False)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class FeedbackTheme(TableBase, table=True):
    __tablename__ = "feedback_theme"
    __table_args__ = (sa.UniqueConstraint("feedback_id", "theme_id"),)

    feedback_id: uuid.UUID = fk("feedback.id", nullable=False, index=False)
    theme_id: uuid.UUID = fk("theme.id", nullable=False)
