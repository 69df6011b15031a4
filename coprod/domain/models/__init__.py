"""All coprod tables. Import from here so SQLModel.metadata always holds every table."""

from coprod.domain.models.base import TableBase
from coprod.domain.models.engagement import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    SessionStrategy,
    Strategy,
    Theme,
)
from coprod.domain.models.governance import AuditEvent, PublishedReport, Setting
from coprod.domain.models.people import PERSONAL_FIELDS, Consent, Erasure, Owner, Participant
from coprod.domain.models.recommendations import (
    Lesson,
    OwnerChange,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    Review,
    StatusChange,
    TargetChange,
)
from coprod.domain.models.risks import Risk, RiskEscalation, RiskMitigation, RiskReview

__all__ = [
    "PERSONAL_FIELDS",
    "AuditEvent",
    "Consent",
    "EngagementSession",
    "Erasure",
    "Feedback",
    "FeedbackTheme",
    "Lesson",
    "Owner",
    "OwnerChange",
    "Participant",
    "PublishedReport",
    "Recommendation",
    "RecommendationFeedback",
    "RecommendationUpdate",
    "Review",
    "Risk",
    "RiskEscalation",
    "RiskMitigation",
    "RiskReview",
    "SessionStrategy",
    "Setting",
    "StatusChange",
    "Strategy",
    "TableBase",
    "TargetChange",
    "Theme",
]
