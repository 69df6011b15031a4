"""The team's risk bands and escalation score, stored in the `setting` table."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlmodel import Session

from coprod.domain.risk import RiskRules
from coprod.persistence.repositories.settings import get_value, set_value


def get_risk_rules(*, session: Session) -> RiskRules:
    values: dict[str, int] = {}
    for f in fields(RiskRules):
        raw = get_value(session=session, key=f.name)
        if raw is not None:
            try:
                values[f.name] = int(raw)
            except ValueError:
                continue  # a damaged value falls back to the default
    rules = RiskRules(**values)
    try:
        rules.check()
    except Exception:  # noqa: BLE001  (damaged stored bands: the defaults, never a crash)
        return RiskRules()
    return rules


def set_risk_rules(*, session: Session, rules: RiskRules) -> None:
    rules.check()
    for key, value in asdict(rules).items():
        set_value(session=session, key=key, value=str(value))
