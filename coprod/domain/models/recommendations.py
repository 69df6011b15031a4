"""Recommendations and everything that happens to them: updates, changes, reviews, lessons."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlmodel import Field

from coprod.domain.enums import CqcStatement, ReviewDecision, Status
from coprod.domain.models.base import TableBase, enum_type, fk


class Recommendation(TableBase, table=True):
    """What the council decided to do about what residents said.

    `target_date` is the first target ever set and is never overwritten; later targets go to
    `revised_target_date`, each with a TargetChange saying why. An implemented recommendation
    with no `implemented_on` came from a tracker that did not record the completion date.
    """

    __tablename__ = "recommendation"

    reference: str | None = Field(default=None, unique=True, index=True)
    title: str
    description: str | None = None
    # What residents said, in the officer's plain words: the "You said" residents read.
    you_said: str | None = None
    raised_on: date = Field(index=True)
    source_session_id: uuid.UUID | None = fk("engagement_session.id")
    strategy_id: uuid.UUID | None = fk("strategy.id")
    owner_id: uuid.UUID | None = fk("owner.id")
    status: Status = Field(sa_type=enum_type(Status), default=Status.PROPOSED, index=True)
    progress: int = 0
    success_measure: str | None = None
    target_date: date | None = None
    revised_target_date: date | None = None
    accepted_on: date | None = None
    implemented_on: date | None = None
    decision_reason: str | None = None
    decided_on: date | None = None
    cqc_statement: CqcStatement | None = Field(default=None, sa_type=enum_type(CqcStatement))
    last_update_on: date | None = None
    next_update_due: date | None = None
    origin: str | None = None  # the committee or board it came from, as a tracker names it
    team: str | None = Field(default=None, index=True)  # on a team server, only its team may change it


class RecommendationFeedback(TableBase, table=True):
    """The feedback a recommendation came from (many to many)."""

    __tablename__ = "recommendation_feedback"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "feedback_id"),)

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False, index=False)
    feedback_id: uuid.UUID = fk("feedback.id", nullable=False)


class RecommendationUpdate(TableBase, table=True):
    """Progress on a recommendation; a public one is a "we did" for residents."""

    __tablename__ = "recommendation_update"
    # Covers the lag engine's "latest activity per recommendation" query.
    __table_args__ = (
        sa.Index("ix_recommendation_update_activity", "recommendation_id", "deleted_at", "update_on"),
    )

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False, index=False)
    update_on: date = Field(index=True)
    text: str
    progress: int | None = None
    author: str | None = None
    is_public: bool = False


class StatusChange(TableBase, table=True):
    __tablename__ = "status_change"
    # Covers the lag engine's "latest activity per recommendation" query.
    __table_args__ = (sa.Index("ix_status_change_activity", "recommendation_id", "deleted_at", "changed_on"),)

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False, index=False)
    from_status: Status | None = Field(default=None, sa_type=enum_type(Status))
    to_status: Status = Field(sa_type=enum_type(Status))
    changed_on: date
    changed_by: str | None = None
    note: str | None = None


class TargetChange(TableBase, table=True):
    __tablename__ = "target_change"
    # Covers the lag engine's "latest activity per recommendation" query.
    __table_args__ = (sa.Index("ix_target_change_activity", "recommendation_id", "deleted_at", "changed_on"),)

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False, index=False)
    old_date: date | None = None
    new_date: date
    reason: str
    approved_by: str | None = None
    changed_on: date
    changed_by: str | None = None


class OwnerChange(TableBase, table=True):
    __tablename__ = "owner_change"

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False)
    from_owner_id: uuid.UUID | None = fk("owner.id")
    to_owner_id: uuid.UUID | None = fk("owner.id")
    changed_on: date
    changed_by: str | None = None
    note: str | None = None


class Review(TableBase, table=True):
    """A decision taken on a stalled or overdue recommendation at a review meeting."""

    __tablename__ = "review"
    # Covers the lag engine's "latest activity per recommendation" query.
    __table_args__ = (sa.Index("ix_review_activity", "recommendation_id", "deleted_at", "reviewed_on"),)

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False, index=False)
    reviewed_on: date = Field(index=True)
    reviewer: str | None = None
    decision: ReviewDecision = Field(sa_type=enum_type(ReviewDecision))
    notes: str | None = None
    lessons_learnt: str | None = None
    escalated_to_id: uuid.UUID | None = fk("owner.id")
    reassigned_to_id: uuid.UUID | None = fk("owner.id")
    next_update_due: date | None = None


class Lesson(TableBase, table=True):
    """What we learnt when a recommendation faltered, so the next project does better."""

    __tablename__ = "lesson"

    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False)
    review_id: uuid.UUID | None = fk("review.id")
    recorded_on: date = Field(index=True)
    what_happened: str
    why: str
    do_differently: str
    learning_owner_id: uuid.UUID | None = fk("owner.id")
    recorded_by: str | None = None
