"""Risk register rules: 5x5 scoring, RAG bands, trend and escalation. Pure values, no I/O.

A risk is scored as likelihood x impact, each on a 1-5 scale (the matrix councils use).
Bands and the escalation score are team rules kept in the database (RiskRules), so the whole
team rates alike. Follows the Orange Book: a risk is a cause, an event and an effect, with
an owner, controls and a target level it should be brought down to.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

from coprod.domain.enums import Rag
from coprod.domain.errors import RuleViolation

SCALE = range(1, 6)


class RiskStatus(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    CLOSED = "closed"


class RiskLevel(StrEnum):
    """Where a risk is owned, lowest first; escalation moves it one step up."""

    TEAM = "team"
    DIRECTORATE = "directorate"
    CORPORATE = "corporate"


class RiskCategory(StrEnum):
    SAFEGUARDING = "safeguarding"
    STATUTORY_DUTY = "statutory_duty"
    FINANCIAL = "financial"
    WORKFORCE = "workforce"
    SERVICE_DELIVERY = "service_delivery"
    REPUTATION = "reputation"
    OTHER = "other"


class Trend(StrEnum):
    """Change of the current score since the last review."""

    NEW = "new"
    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"


TREND_ARROWS = {Trend.NEW: "•", Trend.RISING: "▲", Trend.STEADY: "▶", Trend.FALLING: "▼"}


@dataclass(frozen=True, slots=True)
class RiskRules:
    """Score bands (green below amber_from, red from red_from) and when a risk must go up."""

    risk_amber_from: int = 5
    risk_red_from: int = 15
    risk_escalate_at: int = 15

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def check(self) -> None:
        if not 1 < self.risk_amber_from < self.risk_red_from <= 25:
            raise RuleViolation("risk.rule.bands", amber=self.risk_amber_from, red=self.risk_red_from)
        if not 1 <= self.risk_escalate_at <= 25:
            raise RuleViolation("risk.rule.escalate_at", value=self.risk_escalate_at)


def check_rating(value: int, *, what: str) -> int:
    """A likelihood or impact must be a whole number from 1 to 5."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise RuleViolation("risk.rule.scale", what=what, value=value)
    return value


def score(likelihood: int, impact: int) -> int:
    """Likelihood x impact, 1 to 25."""
    return check_rating(likelihood, what="likelihood") * check_rating(impact, what="impact")


def band(value: int, rules: RiskRules) -> Rag:
    """Green, amber or red for a score, by the team's bands."""
    if value >= rules.risk_red_from:
        return Rag.RED
    if value >= rules.risk_amber_from:
        return Rag.AMBER
    return Rag.GREEN


def trend(previous: int | None, current: int) -> Trend:
    if previous is None:
        return Trend.NEW
    if current > previous:
        return Trend.RISING
    if current < previous:
        return Trend.FALLING
    return Trend.STEADY


def next_level(level: RiskLevel) -> RiskLevel | None:
    """The level a risk is escalated to; None at corporate (there is nowhere higher)."""
    order = list(RiskLevel)
    i = order.index(level)
    return order[i + 1] if i + 1 < len(order) else None


def must_escalate(current: int, level: RiskLevel, status: RiskStatus, rules: RiskRules) -> bool:
    """True when the team's rule says an open risk must go up a level (an escalated risk has
    gone up already; a corporate one has nowhere higher to go)."""
    return status is RiskStatus.OPEN and current >= rules.risk_escalate_at and next_level(level) is not None


def review_overdue(next_review_on: date | None, status: RiskStatus, as_of: date) -> bool:
    return status is not RiskStatus.CLOSED and next_review_on is not None and next_review_on < as_of


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, on the last day of a shorter month (31 Jan + 1 = 28 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def check_description(cause: str, event: str, effect: str) -> None:
    """Cause, event and effect are each required, so a risk cannot be written vaguely."""
    if not (cause or "").strip():
        raise RuleViolation("risk.rule.cause_required")
    if not (event or "").strip():
        raise RuleViolation("risk.rule.event_required")
    if not (effect or "").strip():
        raise RuleViolation("risk.rule.effect_required")
