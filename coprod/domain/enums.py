"""The closed vocabularies of coprod. Values are the lower-case codes stored and exported."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    IMPLEMENTED = "implemented"
    NOT_TAKEN_FORWARD = "not_taken_forward"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset({Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD})


class SessionFormat(StrEnum):
    WORKSHOP = "workshop"
    FORUM = "forum"
    FOCUS_GROUP = "focus_group"
    DROP_IN = "drop_in"
    SURVEY = "survey"
    INTERVIEW = "interview"
    ONLINE = "online"
    OTHER = "other"


class LadderLevel(StrEnum):
    """Rungs of the ladder of co-production (Think Local Act Personal), lowest first."""

    COERCION = "coercion"
    EDUCATING = "educating"
    INFORMING = "informing"
    CONSULTATION = "consultation"
    ENGAGEMENT = "engagement"
    CO_DESIGN = "co_design"
    CO_PRODUCTION = "co_production"


class Adjustment(StrEnum):
    INTERPRETER = "interpreter"
    BSL = "bsl"
    EASY_READ = "easy_read"
    ADVOCATE = "advocate"
    HEARING_LOOP = "hearing_loop"
    STEP_FREE = "step_free"
    OTHER = "other"


class CqcStatement(StrEnum):
    """The nine quality statements of the regulator's local authority assessment framework."""

    ASSESSING_NEEDS = "assessing_needs"
    HEALTHIER_LIVES = "healthier_lives"
    EQUITY = "equity"
    CARE_PROVISION = "care_provision"
    PARTNERSHIPS = "partnerships"
    SAFE_PATHWAYS = "safe_pathways"
    SAFEGUARDING = "safeguarding"
    GOVERNANCE = "governance"
    LEARNING = "learning"


class ReviewDecision(StrEnum):
    CONTINUE = "continue"
    ESCALATE = "escalate"
    REASSIGN = "reassign"
    REVISE_TARGET = "revise_target"
    CLOSE = "close"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    COMPLETE = "complete"
    CLOSED = "closed"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VIEW = "view"
    EXPORT = "export"
    BULK_CREATE = "bulk_create"
    MERGE_CONFLICT = "merge_conflict"
    ERASE = "erase"  # personal data
    SUBJECT_ACCESS = "subject_access"
    RETENTION = "retention"
