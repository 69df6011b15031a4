"""A small register built through the services, for the risk tests."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from coprod.domain.risk import RiskCategory, RiskLevel
from coprod.services.risks.register import RiskIn, create_risk


def risk_in(reference: str = "RSK-01", **changes: object) -> RiskIn:
    values: dict[str, object] = dict(
        reference=reference,
        title="Assessment waiting times",
        cause="Demand has risen faster than social work capacity",
        event="people wait more than 28 days for a Care Act assessment",
        effect="needs go unmet and the council breaches its duty",
        inherent=(5, 5),
        current=(4, 3),
        target=(2, 3),
        identified_on=date(2026, 1, 5),
        category=RiskCategory.STATUTORY_DUTY,
        level=RiskLevel.TEAM,
    )
    values.update(changes)
    return RiskIn(**values)  # type: ignore[arg-type]


def add_risk(session: Session, reference: str = "RSK-01", **changes: object) -> uuid.UUID:
    return create_risk(session=session, risk_in=risk_in(reference, **changes), by="Risk lead")
