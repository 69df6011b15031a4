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
from coprod.domain.models.people import (
    ANONYMISED,
    ERASED_TEXT,
    PERSONAL_FIELDS,
    Consent,
    Erasure,
    Owner,
    Participant,
    takes_out_personal,
)
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
    "ERASED_TEXT",
    "ANONYMISED",
    "takes_out_personal",
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
