"""The risk register: risks, their score history, escalations and mitigating recommendations."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlmodel import Field

from coprod.domain.models.base import TableBase, enum_type, fk
from coprod.domain.risk import RiskCategory, RiskLevel, RiskStatus


class Risk(TableBase, table=True):
    """One risk, described as cause, event and effect, scored inherent, current and target.

    The current score is the one reviews change; each review also writes a RiskReview so the
    history (and the trend since the last review) is kept.
    """

    __tablename__ = "risk"

    reference: str = Field(unique=True, index=True)
    title: str
    cause: str
    event: str
    effect: str
    category: RiskCategory = Field(sa_type=enum_type(RiskCategory), default=RiskCategory.OTHER)
    owner_id: uuid.UUID | None = fk("owner.id")
    inherent_likelihood: int
    inherent_impact: int
    current_likelihood: int
    current_impact: int
    target_likelihood: int
    target_impact: int
    controls: str | None = None
    actions: str | None = None
    review_months: int = 3
    next_review_on: date | None = None
    identified_on: date
    status: RiskStatus = Field(sa_type=enum_type(RiskStatus), default=RiskStatus.OPEN, index=True)
    level: RiskLevel = Field(sa_type=enum_type(RiskLevel), default=RiskLevel.TEAM)
    # The day it was closed (migration 0014); None while it is not, and for a risk closed
    # without a known day (before coprod kept one, or imported closed with none given).
    closed_on: date | None = None


class RiskReview(TableBase, table=True):
    """The current likelihood and impact as found at a review (the first is when it was raised)."""

    __tablename__ = "risk_review"

    risk_id: uuid.UUID = fk("risk.id", nullable=False)
    reviewed_on: date = Field(index=True)
    reviewer: str | None = None
    likelihood: int
    impact: int
    note: str | None = None


class RiskEscalation(TableBase, table=True):
    """Who moved a risk up a level, when, why, and at what current score."""

    __tablename__ = "risk_escalation"

    risk_id: uuid.UUID = fk("risk.id", nullable=False)
    escalated_on: date = Field(index=True)
    escalated_by: str
    reason: str
    from_level: RiskLevel = Field(sa_type=enum_type(RiskLevel))
    to_level: RiskLevel = Field(sa_type=enum_type(RiskLevel))
    score: int


class RiskMitigation(TableBase, table=True):
    """A recommendation that mitigates a risk (many to many)."""

    __tablename__ = "risk_mitigation"
    __table_args__ = (sa.UniqueConstraint("risk_id", "recommendation_id"),)

    risk_id: uuid.UUID = fk("risk.id", nullable=False, index=False)
    recommendation_id: uuid.UUID = fk("recommendation.id", nullable=False)
