"""The catalogue id of each enum member's display word, written out so the extractor finds every id."""

from __future__ import annotations

from enum import StrEnum

from coprod.domain.enums import (
    Adjustment,
    AuditAction,
    CqcStatement,
    LadderLevel,
    Rag,
    ReviewDecision,
    SessionFormat,
    Status,
)
from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.domain.risk import RiskCategory, RiskLevel, RiskStatus, Trend


def N_(key: str) -> str:  # noqa: N802  (the gettext marker, as in coprod.i18n, which imports this module)
    return key


LABEL_KEYS: dict[type[StrEnum], dict[StrEnum, str]] = {
    Status: {
        Status.PROPOSED: N_("status.proposed"),
        Status.ACCEPTED: N_("status.accepted"),
        Status.IN_PROGRESS: N_("status.in_progress"),
        Status.ON_HOLD: N_("status.on_hold"),
        Status.IMPLEMENTED: N_("status.implemented"),
        Status.NOT_TAKEN_FORWARD: N_("status.not_taken_forward"),
    },
    SessionFormat: {
        SessionFormat.WORKSHOP: N_("sessionformat.workshop"),
        SessionFormat.FORUM: N_("sessionformat.forum"),
        SessionFormat.FOCUS_GROUP: N_("sessionformat.focus_group"),
        SessionFormat.DROP_IN: N_("sessionformat.drop_in"),
        SessionFormat.SURVEY: N_("sessionformat.survey"),
        SessionFormat.INTERVIEW: N_("sessionformat.interview"),
        SessionFormat.ONLINE: N_("sessionformat.online"),
        SessionFormat.OTHER: N_("sessionformat.other"),
    },
    LadderLevel: {
        LadderLevel.COERCION: N_("ladderlevel.coercion"),
        LadderLevel.EDUCATING: N_("ladderlevel.educating"),
        LadderLevel.INFORMING: N_("ladderlevel.informing"),
        LadderLevel.CONSULTATION: N_("ladderlevel.consultation"),
        LadderLevel.ENGAGEMENT: N_("ladderlevel.engagement"),
        LadderLevel.CO_DESIGN: N_("ladderlevel.co_design"),
        LadderLevel.CO_PRODUCTION: N_("ladderlevel.co_production"),
    },
    Adjustment: {
        Adjustment.INTERPRETER: N_("adjustment.interpreter"),
        Adjustment.BSL: N_("adjustment.bsl"),
        Adjustment.EASY_READ: N_("adjustment.easy_read"),
        Adjustment.ADVOCATE: N_("adjustment.advocate"),
        Adjustment.HEARING_LOOP: N_("adjustment.hearing_loop"),
        Adjustment.STEP_FREE: N_("adjustment.step_free"),
        Adjustment.OTHER: N_("adjustment.other"),
    },
    CqcStatement: {
        CqcStatement.ASSESSING_NEEDS: N_("cqcstatement.assessing_needs"),
        CqcStatement.HEALTHIER_LIVES: N_("cqcstatement.healthier_lives"),
        CqcStatement.EQUITY: N_("cqcstatement.equity"),
        CqcStatement.CARE_PROVISION: N_("cqcstatement.care_provision"),
        CqcStatement.PARTNERSHIPS: N_("cqcstatement.partnerships"),
        CqcStatement.SAFE_PATHWAYS: N_("cqcstatement.safe_pathways"),
        CqcStatement.SAFEGUARDING: N_("cqcstatement.safeguarding"),
        CqcStatement.GOVERNANCE: N_("cqcstatement.governance"),
        CqcStatement.LEARNING: N_("cqcstatement.learning"),
    },
    ReviewDecision: {
        ReviewDecision.CONTINUE: N_("reviewdecision.continue"),
        ReviewDecision.ESCALATE: N_("reviewdecision.escalate"),
        ReviewDecision.REASSIGN: N_("reviewdecision.reassign"),
        ReviewDecision.REVISE_TARGET: N_("reviewdecision.revise_target"),
        ReviewDecision.CLOSE: N_("reviewdecision.close"),
    },
    Rag: {
        Rag.GREEN: N_("rag.green"),
        Rag.AMBER: N_("rag.amber"),
        Rag.RED: N_("rag.red"),
        Rag.COMPLETE: N_("rag.complete"),
        Rag.CLOSED: N_("rag.closed"),
    },
    RiskStatus: {
        RiskStatus.OPEN: N_("riskstatus.open"),
        RiskStatus.ESCALATED: N_("riskstatus.escalated"),
        RiskStatus.CLOSED: N_("riskstatus.closed"),
    },
    RiskLevel: {
        RiskLevel.TEAM: N_("risklevel.team"),
        RiskLevel.DIRECTORATE: N_("risklevel.directorate"),
        RiskLevel.CORPORATE: N_("risklevel.corporate"),
    },
    RiskCategory: {
        RiskCategory.SAFEGUARDING: N_("riskcategory.safeguarding"),
        RiskCategory.STATUTORY_DUTY: N_("riskcategory.statutory_duty"),
        RiskCategory.FINANCIAL: N_("riskcategory.financial"),
        RiskCategory.WORKFORCE: N_("riskcategory.workforce"),
        RiskCategory.SERVICE_DELIVERY: N_("riskcategory.service_delivery"),
        RiskCategory.REPUTATION: N_("riskcategory.reputation"),
        RiskCategory.OTHER: N_("riskcategory.other"),
    },
    Trend: {
        Trend.NEW: N_("trend.new"),
        Trend.RISING: N_("trend.rising"),
        Trend.STEADY: N_("trend.steady"),
        Trend.FALLING: N_("trend.falling"),
    },
    LawfulBasis: {
        LawfulBasis.PUBLIC_TASK: N_("lawfulbasis.public_task"),
        LawfulBasis.CONSENT: N_("lawfulbasis.consent"),
        LawfulBasis.LEGITIMATE_INTERESTS: N_("lawfulbasis.legitimate_interests"),
        LawfulBasis.LEGAL_OBLIGATION: N_("lawfulbasis.legal_obligation"),
    },
    ConsentUse: {
        ConsentUse.QUOTE: N_("consentuse.quote"),
        ConsentUse.PHOTO: N_("consentuse.photo"),
        ConsentUse.FOLLOW_UP: N_("consentuse.follow_up"),
    },
    AuditAction: {
        AuditAction.CREATE: N_("ui.audit.action.create"),
        AuditAction.UPDATE: N_("ui.audit.action.update"),
        AuditAction.DELETE: N_("ui.audit.action.delete"),
        AuditAction.VIEW: N_("ui.audit.action.view"),
        AuditAction.EXPORT: N_("ui.audit.action.export"),
        AuditAction.BULK_CREATE: N_("ui.audit.action.bulk_create"),
        AuditAction.MERGE_CONFLICT: N_("ui.audit.action.merge_conflict"),
        AuditAction.ERASE: N_("ui.audit.action.erase"),
        AuditAction.SUBJECT_ACCESS: N_("ui.audit.action.subject_access"),
        AuditAction.RETENTION: N_("ui.audit.action.retention"),
    },
}

REPORT_KIND_KEYS: dict[str, str] = {
    "you-said-we-did": N_("ui.reports.kind.yswd"),
    "lag": N_("ui.reports.kind.lag"),
    "review": N_("ui.reports.kind.review"),
    "risks": N_("ui.reports.kind.risks"),
}
"""The name of each kind of report (the `kind` a report and its published record carry), in the
order the Reports page offers them."""
